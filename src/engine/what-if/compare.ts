import { describeRule } from '../model/agreement-rule.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import type { Scenario } from '../model/scenario.ts';
import { applyVariant } from './variant.ts';
import { analyze } from '../analysis/analyze.ts';
import type { AnalysisResult } from '../analysis/analysis-types.ts';

/** The name under which `compare` lists the unmodified scenario. */
export const BASE = 'base';

/** One scenario (the base or a variant) summarised for a side-by-side view. */
export interface ComparedScenario {
  readonly id: string;
  readonly description?: string;
  readonly outcomes: number | string;
  readonly issues: readonly string[];
  readonly rule: string;
  readonly exact: boolean;
  readonly rational: number | null;
  readonly rationalExists: boolean | null;
  readonly passing: number | null;
  readonly passingExists: boolean | null;
  readonly frontierPoints: number;
  /** The Nash deal (`issue: value`) and every party's utility there; null when no rational deal. */
  readonly nash: { readonly outcome: Readonly<Record<string, string | number>>; readonly utilities: Readonly<Record<string, number>> } | null;
  readonly kalaiSmorodinsky: { readonly outcome: Readonly<Record<string, string | number>>; readonly utilities: Readonly<Record<string, number>> } | null;
  /** Per party: its utility at this scenario's Nash deal minus its utility at the base's Nash deal (null when either has none). */
  readonly nashChange: Readonly<Record<string, number | null>>;
  readonly reservations: Readonly<Record<string, number | null>>;
}

/** The scenario's variants analysed side by side (`compareVariants`). */
export interface Comparison {
  readonly scenario: string;
  readonly parties: readonly string[];
  readonly rows: readonly ComparedScenario[];
}

export interface CompareOptions {
  readonly seed?: number;
  readonly enumerationLimit?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The scenario for an id: `base` is the scenario itself, any other id a variant. */
export function scenarioFor(scenario: Scenario, id: string): Scenario {
  return id === BASE ? scenario : applyVariant(scenario, id);
}

/** Analyses the base scenario and each named variant, side by side. Unknown ids are errors. Pure. */
export function compareVariants(scenario: Scenario, ids: readonly string[], options: CompareOptions = {}): Comparison {
  const list = ids.length ? [...ids] : [BASE];
  const scenarios = list.map((id) => scenarioFor(scenario, id));
  const analyses: AnalysisResult[] = scenarios.map((s, k) => {
    const a = analyze(s, { seed: options.seed, enumerationLimit: options.enumerationLimit });
    options.onProgress?.(k + 1, scenarios.length);
    return a;
  });
  const baseIndex = list.indexOf(BASE);
  const reference = baseIndex >= 0 ? analyses[baseIndex]! : analyze(scenario, { seed: options.seed, enumerationLimit: options.enumerationLimit });
  const parties = scenario.parties.filter((p) => p.preferences).map((p) => p.id);
  const rows = list.map((id, k) => summarise(id, scenarios[k]!, analyses[k]!, reference, parties));
  return { scenario: scenario.name, parties, rows };
}

function summarise(id: string, s: Scenario, a: AnalysisResult, reference: AnalysisResult, parties: readonly string[]): ComparedScenario {
  const space = new OutcomeSpace(s.issues);
  const deal = (x: { outcome: readonly number[]; utilities: Readonly<Record<string, number>> } | null) =>
    x ? { outcome: space.toRecord(x.outcome), utilities: { ...x.utilities } } : null;
  const nashChange: Record<string, number | null> = {};
  for (const p of parties) {
    const u = a.solutions.nash?.utilities[p];
    const b = reference.solutions.nash?.utilities[p];
    nashChange[p] = u === undefined || b === undefined ? null : Math.round((u - b) * 1e10) / 1e10;
  }
  const variant = s.variants?.find((v) => v.id === id);
  return {
    id,
    ...(variant?.description ? { description: variant.description } : id === BASE ? { description: 'the scenario as written' } : {}),
    outcomes: space.sizeJson,
    issues: s.issues.map((i) => i.name),
    rule: describeRule(s.agreement, s.parties),
    exact: a.exact,
    rational: a.rational.count,
    rationalExists: a.rational.exists,
    passing: a.passing.count,
    passingExists: a.passing.exists,
    frontierPoints: a.frontier.points.length,
    nash: deal(a.solutions.nash),
    kalaiSmorodinsky: deal(a.solutions.kalaiSmorodinsky),
    nashChange,
    reservations: Object.fromEntries(a.parties.map((p) => [p.id, p.reservation !== undefined && Number.isFinite(p.reservation) ? p.reservation : null])),
  };
}
