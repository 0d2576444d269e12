import type { AnalysisParties } from './analysis-parties.ts';
import type { Frontier } from './frontier-types.ts';
import { sampleCandidates } from './sampled-candidates.ts';
import { linearFrontier2 } from './linear-frontier.ts';
import { constraintFrontier } from './constraint-frontier.ts';
import { cellFrontier, certifyFrontier } from './constraint-bound.ts';
import { utilityExtremes } from '../model/extremes.ts';

/** Outcomes to examine in a space too large to enumerate, and the frontier when a dedicated method found it. */
export interface HugeSpacePlan {
  readonly candidates: number[][];
  /** The frontier from a dedicated method (exact per-issue merge, or the constraint search). */
  readonly frontier?: Frontier;
  readonly method: string;
}

/**
 * Chooses how to analyse a space too large to enumerate:
 * - two linear-additive negotiators: the exact per-issue frontier merge
 *   (`linearFrontier2`);
 * - nonlinear (constraint) preferences: the constraint search
 *   (`constraintFrontier`, approximate);
 * - otherwise: seeded sampling and local search (approximate).
 * The frontier's outcomes are the candidates the solutions are chosen from,
 * together with every scored party's best and worst outcome (exact for
 * linear-additive utilities, a seeded hill climb otherwise), so that the
 * reported best and worst utilities are not just those of the frontier.
 */
export function planHugeSpace(ap: AnalysisParties, seed: number): HugeSpacePlan {
  const plan = planFrontier(ap, seed);
  const extremes = ap.scored.flatMap((s) => {
    const e = utilityExtremes(ap.space, s.ufun, seed);
    return [e.best.outcome, e.worst.outcome];
  });
  return { ...plan, candidates: [...plan.candidates, ...extremes] };
}

function planFrontier(ap: AnalysisParties, seed: number): HugeSpacePlan {
  const defining = ap.scored.slice(0, ap.d).map((s) => s.ufun);
  if (defining.length === 2 && defining.every((f) => f.tables)) {
    const frontier = linearFrontier2(ap.space, defining[0]!, defining[1]!, { parties: [ap.scored[0]!.party.id, ap.scored[1]!.party.id] });
    return { candidates: frontier.points.map((p) => [...p.outcome]), frontier, method: frontier.method };
  }
  if (defining.some((f) => !f.tables)) {
    const parties = ap.scored.slice(0, ap.d);
    // Exact when the rectangles induce few enough cells (values every rectangle treats alike merged).
    const allPrefs = parties.map((s) => s.party.preferences!);
    const cells = cellFrontier(ap.space, allPrefs, parties.map((s) => s.party.id));
    if (cells) return { candidates: cells.points.map((p) => [...p.outcome]), frontier: cells, method: cells.method };
    const found = constraintFrontier(ap.space, defining, {
      seed,
      parties: parties.map((s) => s.party.id),
      preferences: parties.map((s) => s.party.preferences),
    });
    // Two parties: a certified upper envelope bounds how far the true frontier can lie beyond the found one.
    const prefs = parties.map((s) => s.party.preferences);
    const cert =
      prefs.length === 2 && prefs[0] && prefs[1]
        ? certifyFrontier(ap.space, [prefs[0], prefs[1]], found.points.map((p) => p.utilities), { directions: 11, budget: 2000 })
        : undefined;
    const frontier: Frontier = cert
      ? {
          ...found,
          errorBound: cert.maxGap,
          method: `${found.method}; certified envelope (branch and bound in 11 directions): no outcome beats this frontier by more than ${cert.maxGap.toFixed(4)} in any of them`,
        }
      : found;
    return { candidates: frontier.points.map((p) => [...p.outcome]), frontier, method: frontier.method };
  }
  return { candidates: sampleCandidates(ap.space, defining, { seed }), method: 'sampling and local search' };
}
