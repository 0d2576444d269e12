import { kendallTauB, pearson, spearman } from '../analysis/correlation.ts';
import type { LinearAdditivePreferences } from '../model/preferences.ts';
import type { Scenario } from '../model/scenario.ts';
import type { UtilityFunction } from '../model/utility-function.ts';
import { createRng } from '../util/rng.ts';
import type { NegotiationResult } from './negotiate.ts';
import { prepareScenario } from './negotiate.ts';
import type { ModelSnapshot } from './model-trace.ts';

/** Outcome spaces up to this size are compared exactly (every outcome); larger ones by a seeded sample. */
export const MODEL_ACCURACY_EXACT_LIMIT = 1_000_000;
/** Sample size for larger spaces. */
export const MODEL_ACCURACY_SAMPLE = 50_000;

/** One offer's estimate beside the proposer's true utility. */
export interface EstimatePoint {
  readonly turn: number;
  readonly round: number;
  readonly by: string;
  readonly about: string;
  readonly model: string;
  readonly estimate: number;
  readonly truth: number;
}

/** How well one agent's final model matches one party's true preferences over the outcome space. */
export interface ModelAccuracy {
  readonly by: string;
  readonly about: string;
  readonly model: string;
  /** Pearson's r between the estimated and the true utility over the outcome space. */
  readonly pearson: number;
  /** Kendall's τ-b between them over the outcome space. */
  readonly kendall: number;
  /** Spearman's ρ between the estimated and the true issue weights (null when the truth is not linear additive). */
  readonly weightRanking: number | null;
  /** True when every outcome was compared; false for a seeded sample. */
  readonly exact: boolean;
  /** Outcomes compared. */
  readonly outcomes: number;
}

/** How well agents' opponent models estimated the others' utilities, offer by offer (`opponentModelAccuracy`). */
export interface OpponentModelReport {
  /** Per offer and modelling agent: the estimate and the truth. */
  readonly points: readonly EstimatePoint[];
  /** Per (agent, modelled party): accuracy of the final estimate over the outcome space. */
  readonly accuracy: readonly ModelAccuracy[];
}

/**
 * Sets a run's recorded opponent-model estimates (`recordModels`) against the
 * parties' true preferences. This is the only place where estimate and truth
 * meet, after the run; nothing here is visible to the agents.
 */
export function opponentModelAccuracy(scenario: Scenario, result: NegotiationResult, seed = 0): OpponentModelReport {
  const trace = result.models;
  if (!trace) return { points: [], accuracy: [] };
  const prep = prepareScenario(scenario);
  const truthOf = (id: string) => prep.parties.get(id)?.evaluator.ufun;
  const points: EstimatePoint[] = [];
  for (const e of trace.estimates) {
    const u = truthOf(e.about);
    if (!u) continue;
    points.push({ turn: e.turn, round: e.round, by: e.by, about: e.about, model: e.model, estimate: e.utility, truth: u.utility(e.outcome) });
  }
  const accuracy: ModelAccuracy[] = [];
  for (const snap of trace.snapshots) {
    const ufun = truthOf(snap.about);
    const party = scenario.parties.find((p) => p.id === snap.about);
    if (!ufun || !party) continue;
    accuracy.push(accuracyOf(snap, ufun, party.preferences?.type === 'linear-additive' ? party.preferences : undefined, seed));
  }
  return { points, accuracy };
}

function accuracyOf(snap: ModelSnapshot, truth: UtilityFunction, linear: LinearAdditivePreferences | undefined, seed: number): ModelAccuracy {
  const space = truth.space;
  const n = space.issueCount;
  const est = (o: ArrayLike<number>) => {
    let u = 0;
    for (let i = 0; i < n; i++) u += (snap.weights[i] ?? 0) * (snap.values[i]?.[o[i]!] ?? 0);
    return u;
  };
  const size = space.sizeNumber;
  const exact = size !== undefined && size <= MODEL_ACCURACY_EXACT_LIMIT;
  const count = exact ? size : MODEL_ACCURACY_SAMPLE;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  if (exact) {
    let k = 0;
    const row = new Int32Array(n);
    space.forEachBlock((digits, c) => {
      for (let j = 0; j < c; j++) {
        for (let i = 0; i < n; i++) row[i] = digits[j * n + i]!;
        xs[k] = est(row);
        ys[k] = truth.utility(row);
        k++;
      }
    });
  } else {
    const rng = createRng(seed);
    for (let k = 0; k < count; k++) {
      const o = space.sample(rng);
      xs[k] = est(o);
      ys[k] = truth.utility(o);
    }
  }
  const weightRanking = linear ? spearman(snap.weights, linear.weights) : null;
  return { by: snap.by, about: snap.about, model: snap.model, pearson: pearson(xs, ys), kendall: kendallTauB(xs, ys), weightRanking, exact, outcomes: count };
}
