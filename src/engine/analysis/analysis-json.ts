import type { OutcomeRecord } from '../model/outcome-space.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import type { Issue } from '../model/issue.ts';
import type { AnalysisResult, OutcomeCount, ScoredOutcome, Solution } from './analysis-types.ts';

/**
 * A number as JSON carries it: absent, or infinite where infinity means "none" (a −∞
 * reservation, the Nash product of an outcome below a reservation of −∞), becomes null.
 * NaN is never a result: it is an error, not a null.
 */
function num(x: number | undefined, what = 'a number'): number | null {
  if (x !== undefined && Number.isNaN(x)) throw new RangeError(`analysis: ${what} is NaN`);
  return x === undefined || !Number.isFinite(x) ? null : x;
}

/** A number that must be finite (utilities, best and worst): anything else is an error, never written as null. */
function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) throw new RangeError(`analysis: ${what} is ${x}, not a finite number`);
  return x;
}

export interface ScoredOutcomeJson {
  outcome: OutcomeRecord;
  utilities: Record<string, number>;
}

/** An analysis in its stable JSON form: what `analyze` returns and `parley analyze --json` prints (docs/analysis.md). */
export interface AnalysisJson {
  scenario: string;
  /** A number, or a decimal string above 2^53. */
  outcomes: number | string;
  exact: boolean;
  method: string;
  parties: { id: string; name: string; role: string; defines: boolean; reservation: number | null; disagreement: number; best: number | null; worst: number | null }[];
  rational: OutcomeCount;
  passing: OutcomeCount;
  frontier: {
    parties: string[];
    outcomes: number;
    points: number;
    exact: boolean;
    method: string;
    errorBound?: number;
    top: (ScoredOutcomeJson & { ties: number; rational: boolean; nashProduct: number | null })[];
  };
  solutions: Record<
    'nash' | 'kalaiSmorodinsky' | 'utilitarian' | 'egalitarian',
    (ScoredOutcomeJson & { value: number | null; rational: boolean; passes: boolean; refusedBy: { party: string; because: string; redLine?: string }[] }) | null
  >;
  opposition: {
    ideal: number[];
    level: number;
    normalized: number;
    rankCorrelation: { a: string; b: string; tau: number }[];
    sampled: number;
    exact: boolean;
  } | null;
  improvements?: { from: ScoredOutcomeJson; count: number | null; best: (ScoredOutcomeJson & { nashProduct: number | null })[] };
  notes: string[];
}

/**
 * The stable JSON form of an analysis (documented in docs/analysis.md):
 * outcomes as `{issue: value}` records, utilities keyed by party id.
 */
export function analysisToJson(result: AnalysisResult, issues: readonly Issue[]): AnalysisJson {
  const space = new OutcomeSpace(issues);
  const so = (s: ScoredOutcome): ScoredOutcomeJson => {
    for (const [id, u] of Object.entries(s.utilities)) finite(u, `the utility of "${id}"`);
    return { outcome: space.toRecord(s.outcome), utilities: { ...s.utilities } };
  };
  const sol = (s: Solution | null) =>
    s ? { ...so(s), value: num(s.value, 'a solution value'), rational: s.rational, passes: s.passes, refusedBy: s.refusedBy.map((r) => ({ ...r })) } : null;
  const f = result.frontier;
  return {
    scenario: result.scenario,
    outcomes: result.outcomes <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(result.outcomes) : result.outcomes.toString(),
    exact: result.exact,
    method: result.method,
    parties: result.parties.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      defines: p.defines,
      reservation: num(p.reservation),
      disagreement: p.disagreement,
      best: p.best === undefined ? null : finite(p.best, `the best utility of "${p.id}"`),
      worst: p.worst === undefined ? null : finite(p.worst, `the worst utility of "${p.id}"`),
    })),
    rational: { ...result.rational },
    passing: { ...result.passing },
    frontier: {
      parties: [...f.parties],
      outcomes: f.outcomes,
      points: f.points.length,
      exact: f.exact,
      method: f.method,
      ...(f.errorBound !== undefined ? { errorBound: f.errorBound } : {}),
      top: result.top.map((t) => ({ ...so(t), ties: t.ties, rational: t.rational, nashProduct: num(t.nashProduct) })),
    },
    solutions: {
      nash: sol(result.solutions.nash),
      kalaiSmorodinsky: sol(result.solutions.kalaiSmorodinsky),
      utilitarian: sol(result.solutions.utilitarian),
      egalitarian: sol(result.solutions.egalitarian),
    },
    opposition: result.opposition
      ? {
          ideal: [...result.opposition.ideal],
          level: result.opposition.level,
          normalized: result.opposition.normalized,
          rankCorrelation: result.opposition.rankCorrelation.map((r) => ({ ...r })),
          sampled: result.opposition.sampled,
          exact: result.opposition.exact,
        }
      : null,
    ...(result.improvements
      ? {
          improvements: {
            from: so(result.improvements.from),
            count: result.improvements.count,
            best: result.improvements.best.map((b) => ({ ...so(b), nashProduct: num(b.nashProduct) })),
          },
        }
      : {}),
    notes: [...result.notes],
  };
}
