import type { AnalysisResult } from '../analysis/analysis-types.ts';
import type { Scenario } from '../model/scenario.ts';
import type { Bid } from './agent.ts';
import type { NegotiationResult } from './negotiate.ts';
import { prepareScenario } from './negotiate.ts';

/** How far a negotiation's result lies from the efficient outcomes, in utility space. */
export interface OutcomeDistances {
  /** The parties whose utilities span the space (those defining the frontier), in order. */
  readonly parties: readonly string[];
  /** The result's undiscounted utility vector (the disagreement point when there is no agreement). */
  readonly point: readonly number[];
  /** Euclidean distance to the nearest Pareto-frontier point (0 on the frontier). */
  readonly pareto: number;
  /** Euclidean distance to the Nash point; null when there is none (no rational outcome). */
  readonly nash: number | null;
  /** False when the frontier was found by search or sampling rather than exactly. */
  readonly exact: boolean;
}

/**
 * What distances are measured against, taken once from an analysis: the
 * frontier's points, the Nash point and the disagreement point, over the
 * parties that define the frontier. Plain data (it can be stored or sent to
 * another thread).
 */
export interface FrontierReference {
  readonly parties: readonly string[];
  /** Frontier points' utility vectors, in the order of `parties`. */
  readonly points: readonly (readonly number[])[];
  /** The Nash point's utilities, or null when there is none. */
  readonly nash: readonly number[] | null;
  /** Each party's disagreement utility (reservation value, 0 when none). */
  readonly disagreement: readonly number[];
  readonly exact: boolean;
}

/** The reference of an analysis (frontier, Nash point, disagreement point). */
export function frontierReference(analysis: AnalysisResult): FrontierReference {
  const parties = analysis.frontier.parties;
  const nashSol = analysis.solutions.nash;
  return {
    parties,
    points: analysis.frontier.points.map((f) => f.utilities),
    nash: nashSol ? parties.map((id) => nashSol.utilities[id] ?? 0) : null,
    disagreement: parties.map((id) => analysis.parties.find((a) => a.id === id)?.disagreement ?? 0),
    exact: analysis.frontier.exact,
  };
}

/**
 * Distances from an agreement (or, when null, from the disagreement point) to
 * a reference's Pareto frontier and Nash point, in undiscounted utilities.
 */
export function distancesFrom(scenario: Scenario, agreement: Bid | null, reference: FrontierReference): OutcomeDistances {
  const prep = prepareScenario(scenario);
  const { parties } = reference;
  const point = parties.map((id, i) => {
    const ufun = prep.parties.get(id)?.evaluator.ufun;
    if (agreement && ufun) return ufun.utility(agreement);
    return reference.disagreement[i] ?? 0;
  });
  const dist = (u: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < point.length; i++) s += (u[i]! - point[i]!) ** 2;
    return Math.sqrt(s);
  };
  let pareto = Infinity;
  for (const f of reference.points) pareto = Math.min(pareto, dist(f));
  const nash = reference.nash ? dist(reference.nash) : null;
  return { parties, point, pareto: Number.isFinite(pareto) ? pareto : 0, nash, exact: reference.exact };
}

/**
 * Distances from a result to the Pareto frontier and to the Nash point of an
 * analysis of the same scenario. Utilities are undiscounted, as the frontier
 * is; with no agreement the point is the disagreement point (each party's
 * reservation value, 0 when it has none).
 */
export function outcomeDistances(scenario: Scenario, result: NegotiationResult, analysis: AnalysisResult): OutcomeDistances {
  return distancesFrom(scenario, result.agreement, frontierReference(analysis));
}
