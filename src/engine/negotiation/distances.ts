import type { AnalysisResult } from '../analysis/analysis-types.ts';
import type { Scenario } from '../model/scenario.ts';
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
 * Distances from a result to the Pareto frontier and to the Nash point of an
 * analysis of the same scenario. Utilities are undiscounted, as the frontier
 * is; with no agreement the point is the disagreement point (each party's
 * reservation value, 0 when it has none).
 */
export function outcomeDistances(scenario: Scenario, result: NegotiationResult, analysis: AnalysisResult): OutcomeDistances {
  const prep = prepareScenario(scenario);
  const parties = analysis.frontier.parties;
  const point = parties.map((id) => {
    const p = prep.parties.get(id);
    const ufun = p?.evaluator.ufun;
    if (result.agreement && ufun) return ufun.utility(result.agreement);
    return analysis.parties.find((a) => a.id === id)?.disagreement ?? 0;
  });
  const dist = (u: readonly number[]) => Math.sqrt(u.reduce((s, x, i) => s + (x - point[i]!) ** 2, 0));
  let pareto = Infinity;
  for (const f of analysis.frontier.points) pareto = Math.min(pareto, dist(f.utilities));
  const nashSol = analysis.solutions.nash;
  const nash = nashSol ? dist(parties.map((id) => nashSol.utilities[id] ?? 0)) : null;
  return { parties, point, pareto: Number.isFinite(pareto) ? pareto : 0, nash, exact: analysis.frontier.exact };
}
