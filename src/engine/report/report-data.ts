import { analyze } from '../analysis/analyze.ts';
import { analysisToJson, type AnalysisJson } from '../analysis/analysis-json.ts';
import type { AnalysisResult } from '../analysis/analysis-types.ts';
import { answerQuestions, type QuestionAnswer } from '../what-if/questions.ts';
import { baseParameters, buildOutcomeTable, paretoPoints, rationalMask, scoreTable, type OutcomeTable } from '../what-if/outcome-table.ts';
import { compareRules, type RuleComparison } from '../what-if/rule-comparison.ts';
import { sensitivity, type SensitivityResult } from '../what-if/sensitivity.ts';
import { BASE } from '../what-if/compare.ts';
import { roundUtility } from '../analysis/frontier-types.ts';
import type { Scenario } from '../model/scenario.ts';
import { summarizeScenario, type ScenarioSummary } from '../model/summary.ts';
import type { Point } from './svg.ts';

/** Options of a report: seed, sensitivity samples and range, the agent and rounds of its simulated negotiations. */
export interface ReportOptions {
  readonly seed?: number;
  /** Monte Carlo samples of the sensitivity analysis (default 300). */
  readonly samples?: number;
  /** Relative range of the sensitivity analysis (default 0.2). */
  readonly range?: number;
  /** Agent of the simulated negotiations (default boulware). */
  readonly agent?: string;
  readonly rounds?: number;
  /** How the reader re-runs this report, e.g. `parley report scenarios/labour.yaml --out report.html`. */
  readonly command?: string;
  /** Where the scenario was read from (shown in the report). */
  readonly source?: string;
  /** Tabulate spaces up to this many outcomes for the what-if answers and the plot (default: the table's, 4·10^6); larger enumerable spaces are streamed, exactly. */
  readonly tableLimit?: number;
  /** Called between the stages with a short label. */
  readonly onStage?: (stage: string) => void;
}

/** The utility space of the first two defining parties, for plotting. */
export interface UtilitySpace {
  readonly x: string;
  readonly y: string;
  readonly all: readonly Point[];
  readonly rational: readonly Point[];
  readonly frontier: readonly Point[];
  readonly rationalFrontier: readonly Point[];
  readonly reservations: { readonly x: number | null; readonly y: number | null };
  /** True when the points are a sample of the space. */
  readonly sampled: boolean;
}

/** Everything a report shows, computed once; the HTML and Markdown renderers only format it. */
export interface ReportData {
  readonly scenario: Scenario;
  readonly summary: ScenarioSummary;
  readonly analysis: AnalysisJson;
  readonly utilitySpace: UtilitySpace | null;
  /** The scenario's declared questions, answered (empty when it declares none). */
  readonly questions: readonly QuestionAnswer[];
  readonly sensitivity: SensitivityResult;
  readonly rules: RuleComparison;
  readonly options: ReportOptions;
}

/** At most this many points are kept per plotted layer (evenly thinned, frontier kept whole). */
const MAX_POINTS = 6000;

function thin(points: Point[]): Point[] {
  if (points.length <= MAX_POINTS) return points;
  const step = points.length / MAX_POINTS;
  const out: Point[] = [];
  for (let k = 0; k < MAX_POINTS; k++) out.push(points[Math.floor(k * step)]!);
  return out;
}

/**
 * The first two defining parties' utility space. The frontiers are exact:
 * from every row when the table holds every outcome, else `analyze`'s
 * frontier (two negotiators; with more, a projection's frontier is not known
 * exactly and is left out) and no rational frontier; only the cloud of
 * points is then a sample.
 */
function utilitySpace(table: OutcomeTable, analysis: AnalysisResult): UtilitySpace | null {
  if (table.defining.length < 2) return null;
  const [a, b] = [table.defining[0]!, table.defining[1]!];
  const state = scoreTable(table, baseParameters(table));
  const ua = state.utilities[a]!;
  const ub = state.utilities[b]!;
  const rat = rationalMask(state);
  const all: Point[] = [];
  const rational: Point[] = [];
  // Points closer than 10⁻³ in both utilities are drawn once (per layer).
  const seen = new Set<number>();
  for (let j = 0; j < table.rows; j++) {
    const x = ua[j]!;
    const y = ub[j]!;
    const key = (Math.round(x * 1000) * 4_194_304 + Math.round(y * 1000)) * 2 + rat[j]!;
    if (seen.has(key)) continue;
    seen.add(key);
    (rat[j] === 1 ? rational : all).push([roundUtility(x), roundUtility(y)]);
  }
  const allMask = new Uint8Array(table.rows).fill(1);
  const pts = (list: number[][]) => list.map((u): Point => [u[0]!, u[1]!]).sort((p, q) => p[0] - q[0] || q[1] - p[1]);
  const pair = [a, b];
  return {
    x: table.parties[a]!.id,
    y: table.parties[b]!.id,
    all: thin(all),
    rational: thin(rational),
    frontier: table.exact ? pts(paretoPoints(state, allMask, pair)) : exactFrontier(analysis),
    rationalFrontier: table.exact ? pts(paretoPoints(state, rat, pair)) : [],
    reservations: { x: state.reservations[a] ?? null, y: state.reservations[b] ?? null },
    sampled: !table.exact,
  };
}

function exactFrontier(analysis: AnalysisResult): Point[] {
  if (analysis.frontier.parties.length !== 2 || !analysis.frontier.exact) return [];
  return analysis.frontier.points.map((p): Point => [p.utilities[0]!, p.utilities[1]!]).sort((p, q) => p[0] - q[0] || q[1] - p[1]);
}

/** Computes everything the report shows. Pure; deterministic for a given seed. */
export function collectReport(scenario: Scenario, options: ReportOptions = {}): ReportData {
  const seed = options.seed ?? 1;
  options.onStage?.('analysis');
  const result = analyze(scenario, { seed });
  const analysis = analysisToJson(result, scenario.issues);
  const table = buildOutcomeTable(scenario, { seed, limit: options.tableLimit, include: result.frontier.points.map((p) => p.outcome) });
  const space = utilitySpace(table, result);
  options.onStage?.('simulated negotiations');
  const ruleVariants = (scenario.variants ?? []).filter((v) => 'agreement' in v.patch).map((v) => v.id);
  const rules = compareRules(scenario, [BASE, ...ruleVariants], { seed, agent: options.agent, rounds: options.rounds });
  options.onStage?.('questions');
  const questions = answerQuestions(scenario, { seed, agent: options.agent, rounds: options.rounds, table, rules });
  options.onStage?.('sensitivity');
  const sens = sensitivity(scenario, { seed, samples: options.samples ?? 300, range: options.range, table });
  return { scenario, summary: summarizeScenario(scenario), analysis, utilitySpace: space, questions, sensitivity: sens, rules, options };
}
