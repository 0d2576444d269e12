/**
 * Incremental Pareto skylines over utility vectors (already rounded to the
 * comparison precision). Each distinct non-dominated vector keeps its
 * lowest-index outcome, its number of ties, and the lowest-index rational
 * outcome among the ties (in any arrival order).
 *
 * Memory grows with the frontier, not with the number of outcomes.
 */

export interface SkylinePoint {
  readonly utilities: number[];
  /** Lowest index of an outcome with this vector. */
  readonly rep: number;
  /** Outcomes with this vector. */
  readonly ties: number;
  /** Lowest index of a rational outcome with this vector, or -1. */
  readonly rationalRep: number;
  /** Rational outcomes with this vector. */
  readonly rationalTies: number;
}

export interface Skyline {
  /** Offers an outcome's (rounded) utilities. */
  add(u: ArrayLike<number>, index: number, rational: boolean): void;
  /** The non-dominated points, sorted by utilities lexicographically descending. */
  points(): SkylinePoint[];
}

/** Order of `Skyline.points()`: utilities lexicographically descending, then lowest representative. */
export function byUtilitiesDescending(a: SkylinePoint, b: SkylinePoint): number {
  for (let i = 0; i < a.utilities.length; i++) {
    const d = b.utilities[i]! - a.utilities[i]!;
    if (d !== 0) return d;
  }
  return a.rep - b.rep;
}
