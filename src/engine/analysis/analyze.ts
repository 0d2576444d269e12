import { nashFactor } from './nash-product.ts';
import { OutcomeSpace, type Outcome } from '../model/outcome-space.ts';
import type { Scenario } from '../model/scenario.ts';
import { compileAnalysisParties, judgeOutcome, type AnalysisParties } from './analysis-parties.ts';
import {
  DEFAULT_ANALYSIS_ENUMERATION_LIMIT,
  DEFAULT_TOP,
  type AnalysisOptions,
  type AnalysisResult,
  type FrontierEntry,
  type Improvements,
  type OutcomeCount,
  type ScoredOutcome,
  type Solution,
} from './analysis-types.ts';
import { collectOutcomes, enumerateOutcomes, type Best, type EnumerationStats } from './enumerate.ts';
import { roundUtility, type Frontier, type FrontierPoint } from './frontier-types.ts';
import { planHugeSpace } from './huge-space.ts';
import { measureOpposition } from './opposition.ts';

/**
 * Analyses a scenario's outcome space: the rational and passing sets, the
 * Pareto frontier, the Nash, Kalai–Smorodinsky, utilitarian and egalitarian
 * solutions, how opposed the parties are, and optionally the Pareto
 * improvements over a tentative agreement. Pure (no I/O); see docs/analysis.md
 * for every definition and tie-break.
 *
 * Spaces of at most `enumerationLimit` outcomes are analysed exactly, in one
 * streaming pass whose memory grows with the frontier only. Larger spaces use
 * a dedicated frontier method or sampling, and say so (`exact: false`).
 */
export function analyze(scenario: Scenario, options: AnalysisOptions = {}): AnalysisResult {
  const space = new OutcomeSpace(scenario.issues);
  const ap = compileAnalysisParties(scenario, space);
  const seed = options.seed ?? 1;
  const top = options.top ?? DEFAULT_TOP;
  const limit = options.enumerationLimit ?? DEFAULT_ANALYSIS_ENUMERATION_LIMIT;
  const d = ap.d;
  const defining = ap.scored.slice(0, d);
  const notes: string[] = [];
  if (options.from && !space.contains(options.from)) throw new RangeError('the tentative agreement is not an outcome of this space');
  const fromU = options.from ? defining.map((s) => roundUtility(s.ufun.utility(options.from!))) : undefined;
  const enumOptions = { from: fromU, improvementsTop: options.improvementsTop ?? top, onProgress: options.onProgress };

  let stats: EnumerationStats;
  let outcomeOf: (index: number) => Outcome;
  let exact: boolean;
  let method: string;
  let external: Frontier | undefined;
  let rational: OutcomeCount;
  let passing: OutcomeCount;
  if (space.isEnumerable(limit)) {
    stats = enumerateOutcomes(ap, enumOptions);
    outcomeOf = (i) => space.outcomeAt(i);
    exact = true;
    method = 'enumeration';
    rational = { count: stats.rationalCount, exists: stats.rationalCount > 0, exact: true };
    passing = { count: stats.passingCount, exists: stats.passingCount > 0, exact: true };
  } else {
    const plan = planHugeSpace(ap, seed);
    // Candidates in outcome-index order, without duplicates, so that ties break as in enumeration.
    const seen = new Map<bigint, number[]>();
    for (const o of plan.candidates) seen.set(space.bigIndexOf(o), o);
    if (options.from) seen.set(space.bigIndexOf(options.from), [...options.from]);
    const keys = [...seen.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const candidates = keys.map((k) => seen.get(k)!);
    options.onProgress?.(0, candidates.length);
    stats = collectOutcomes(ap, candidates, enumOptions);
    options.onProgress?.(candidates.length, candidates.length);
    outcomeOf = (i) => candidates[i]!;
    external = plan.frontier;
    exact = false;
    method = plan.method;
    const frontierExact = external?.exact === true;
    // With an exact frontier and no red lines, an outcome is rational iff some frontier outcome is.
    const knowsRational = frontierExact && !ap.negotiatorRedLines;
    rational = { count: null, exists: stats.rationalCount > 0 ? true : knowsRational ? false : null, exact: false };
    passing = {
      count: null,
      exists: stats.passingCount > 0 ? true : knowsRational && ap.passingIsRational ? false : null,
      exact: false,
    };
    notes.push(
      `the space has ${space.size} outcomes, above the enumeration limit of ${limit}: ` +
        (frontierExact
          ? 'the frontier is exact; the rational and passing sets were not counted; solutions are chosen among frontier outcomes'
          : 'the frontier, the solutions and the opposition are approximate; the rational and passing sets were not counted'),
    );
  }

  const scoredParties = ap.scored;
  const utilitiesOf = (o: Outcome): Record<string, number> => {
    const rec: Record<string, number> = {};
    for (const s of scoredParties) rec[s.party.id] = roundUtility(s.ufun.utility(o));
    return rec;
  };
  // Object literals rather than spreads: they are built once per listed outcome, and spreading is slow.
  const scoredOutcome = (o: Outcome): ScoredOutcome => ({ outcome: o, utilities: utilitiesOf(o) });
  const solution = (b: Best): Solution | null => {
    if (b.index < 0) return null;
    const o = outcomeOf(b.index);
    const j = judgeOutcome(ap, o);
    return { outcome: o, utilities: utilitiesOf(o), value: b.value, rational: j.rational, passes: j.passes, refusedBy: j.refusedBy };
  };

  // Frontier
  const sky = stats.frontier.points();
  const ids = defining.map((s) => s.party.id);
  const frontier: Frontier = external ?? {
    parties: ids,
    points: sky.map((p): FrontierPoint => ({ outcome: outcomeOf(p.rep), utilities: p.utilities, ties: p.ties })),
    outcomes: sky.reduce((s, p) => s + p.ties, 0),
    exact,
    method: exact ? 'enumeration' : method,
  };

  // Kalai–Smorodinsky over the rational set's frontier
  const dis = defining.map((s) => s.disagreement);
  const ratPoints = stats.rationalFrontier
    ? stats.rationalFrontier.points().map((p) => ({ utilities: p.utilities, index: p.rep }))
    : sky.filter((p) => p.rationalRep >= 0).map((p) => ({ utilities: p.utilities, index: p.rationalRep }));
  const ks = kalaiSmorodinsky(ratPoints, stats.bestRational, dis);

  // Top frontier points: rational first, then Nash product, then lowest index.
  const ranked = sky.map((p) => {
    let np = 1;
    for (let i = 0; i < d; i++) np *= nashFactor(p.utilities[i]!, dis[i]!);
    const rational = p.rationalRep >= 0;
    return { p, rational, np, index: rational ? p.rationalRep : p.rep };
  });
  ranked.sort((a, b) => Number(b.rational) - Number(a.rational) || b.np - a.np || a.index - b.index);
  const topEntries: FrontierEntry[] = [];
  for (let k = 0; k < ranked.length && k < top; k++) {
    const r = ranked[k]!;
    const o = outcomeOf(r.index);
    topEntries.push({ outcome: o, utilities: utilitiesOf(o), ties: r.p.ties, rational: r.rational, nashProduct: r.np });
  }

  const ideal: number[] = [];
  for (let i = 0; i < d; i++) ideal.push(stats.best[i]!);
  const opposition =
    d >= 2
      ? measureOpposition(
          space,
          ids,
          defining.map((s) => s.ufun),
          ideal,
          sky.map((p) => p.utilities),
          seed,
          options.correlationSample ?? 500,
          stats.rounded,
          frontier.exact,
        )
      : null;
  if (d < 2) notes.push('only one negotiator has preferences: no opposition to measure');

  let improvements: Improvements | undefined;
  if (options.from) {
    improvements = {
      from: scoredOutcome(options.from),
      count: exact ? stats.improvementCount : null,
      best: stats.improvements.map((b) => {
        const o = outcomeOf(b.index);
        return { outcome: o, utilities: utilitiesOf(o), nashProduct: b.value };
      }),
    };
  }

  return {
    scenario: scenario.name,
    outcomes: space.size,
    exact: exact && frontier.exact,
    method,
    parties: ap.scored.map((s, p) => ({
      id: s.party.id,
      name: s.party.name,
      role: s.party.role,
      defines: s.defines,
      reservation: s.reservation,
      disagreement: s.disagreement,
      best: stats.best[p]!,
      worst: stats.worst[p]!,
    })),
    rational,
    passing,
    frontier,
    top: topEntries,
    solutions: {
      nash: solution(stats.nash),
      kalaiSmorodinsky: ks ? solution(ks) : null,
      utilitarian: solution(stats.utilitarian),
      egalitarian: solution(stats.egalitarian),
    },
    opposition,
    ...(improvements ? { improvements } : {}),
    notes,
  };
}

/**
 * max over the points of minᵢ (uᵢ − rᵢ)/(bestᵢ − rᵢ); a party whose best
 * rational utility does not exceed its rᵢ counts as fully satisfied (ratio 1).
 * Ties: lowest outcome index.
 */
function kalaiSmorodinsky(
  points: readonly { utilities: readonly number[]; index: number }[],
  best: ArrayLike<number>,
  dis: readonly number[],
): Best | null {
  let out: Best | null = null;
  for (const p of points) {
    let v = Infinity;
    for (let i = 0; i < dis.length; i++) {
      const den = best[i]! - dis[i]!;
      const ratio = den > 0 ? (p.utilities[i]! - dis[i]!) / den : 1;
      if (ratio < v) v = ratio;
    }
    if (!out || v > out.value || (v === out.value && p.index < out.index)) out = { value: v, index: p.index };
  }
  return out;
}

export type { AnalysisParties };
