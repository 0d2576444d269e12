import type { OutcomeSpace } from './outcome-space.ts';
import type { UtilityFunction } from './utility-function.ts';
import { createRng } from '../util/rng.ts';

/** An outcome with its utility. */
export interface RatedOutcome {
  readonly outcome: number[];
  readonly utility: number;
}

export interface Extremes {
  readonly best: RatedOutcome;
  readonly worst: RatedOutcome;
  /** False when found by search in a space too large to enumerate. */
  readonly exact: boolean;
}

/** Spaces up to this size are enumerated to find extremes of nonlinear utilities. */
export const EXTREMES_ENUMERATION_LIMIT = 2_000_000;
/**
 * Work budget of one search for extremes, in elementary steps (evaluations ×
 * their cost): enumeration when the whole space fits in it, else hill
 * climbing that stops when it is spent (about a second; docs/limits.md).
 */
export const EXTREMES_WORK_BUDGET = 100_000_000;

/**
 * The best and worst outcome for one utility function. Linear additive:
 * exact, issue by issue (first position wins ties). Otherwise exact by
 * enumeration when the space is small enough, else seeded hill climbing
 * (labelled not exact).
 */
export function utilityExtremes(space: OutcomeSpace, ufun: UtilityFunction, seed = 1): Extremes {
  if (ufun.tables) {
    const best: number[] = [];
    const worst: number[] = [];
    ufun.tables.forEach((t) => {
      let bi = 0;
      let wi = 0;
      for (let k = 1; k < t.length; k++) {
        if (t[k]! > t[bi]!) bi = k;
        if (t[k]! < t[wi]!) wi = k;
      }
      best.push(bi);
      worst.push(wi);
    });
    return { best: { outcome: best, utility: ufun.utility(best) }, worst: { outcome: worst, utility: ufun.utility(worst) }, exact: true };
  }
  const cost = Math.max(1, ufun.cost ?? space.issueCount);
  if (space.isEnumerable(Math.min(EXTREMES_ENUMERATION_LIMIT, Math.floor(EXTREMES_WORK_BUDGET / cost)))) {
    let bestIdx = 0;
    let worstIdx = 0;
    let bu = -Infinity;
    let wu = Infinity;
    const out = new Float64Array(4096);
    space.forEachBlock((digits, count, start) => {
      ufun.evaluateBlock(digits, count, out);
      for (let j = 0; j < count; j++) {
        const u = out[j]!;
        if (u > bu) {
          bu = u;
          bestIdx = start + j;
        }
        if (u < wu) {
          wu = u;
          worstIdx = start + j;
        }
      }
    });
    return { best: { outcome: space.outcomeAt(bestIdx), utility: bu }, worst: { outcome: space.outcomeAt(worstIdx), utility: wu }, exact: true };
  }
  const budget = Math.max(1, Math.floor(EXTREMES_WORK_BUDGET / 2 / cost));
  return { best: climb(space, ufun, seed, 1, budget), worst: climb(space, ufun, seed, -1, budget), exact: false };
}

/**
 * Seeded multi-start first-improvement hill climbing; sign 1 maximises, −1
 * minimises. Stops after `evaluations` utility evaluations (deterministic: the
 * same seed and budget give the same answer).
 */
function climb(space: OutcomeSpace, ufun: UtilityFunction, seed: number, sign: 1 | -1, evaluations: number): RatedOutcome {
  const rng = createRng(seed);
  let best: RatedOutcome | undefined;
  let left = evaluations;
  for (let restart = 0; restart < 8 && (restart === 0 || left > 0); restart++) {
    const o = space.sample(rng);
    let u = sign * ufun.utility(o);
    left--;
    for (let improved = true, sweeps = 0; improved && sweeps < 50 && left > 0; sweeps++) {
      improved = false;
      for (let i = 0; i < o.length && left > 0; i++) {
        const keep = o[i]!;
        let bestK = keep;
        for (let k = 0; k < space.radices[i]! && left > 0; k++, left--) {
          if (k === keep) continue;
          o[i] = k;
          const v = sign * ufun.utility(o);
          if (v > u) {
            u = v;
            bestK = k;
            improved = true;
          }
        }
        o[i] = bestK;
      }
    }
    if (!best || sign * u > sign * best.utility) best = { outcome: [...o], utility: sign * u };
  }
  return best!;
}
