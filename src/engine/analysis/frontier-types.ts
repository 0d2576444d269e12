/** One distinct utility vector on the Pareto frontier. */
export interface FrontierPoint {
  /** A representative outcome (value positions per issue) with these utilities. */
  readonly outcome: readonly number[];
  /** Utilities in the order of `Frontier.parties`. */
  readonly utilities: readonly number[];
  /** How many outcomes share this utility vector (ties; ≥ 1). */
  readonly ties: number;
}

/**
 * The Pareto frontier: outcomes that no other outcome weakly dominates
 * (at least as good for every party and better for one), utilities compared
 * to 10 decimals.
 */
export interface Frontier {
  /** Party ids, in the order of each point's utilities. */
  readonly parties: readonly string[];
  /** Distinct utility vectors, sorted by the first party's utility, descending. */
  readonly points: readonly FrontierPoint[];
  /** Number of frontier outcomes, ties included (Σ ties). */
  readonly outcomes: number;
  /** True when computed exactly; false for search or sampling. */
  readonly exact: boolean;
  /** When not exact: a bound on how far (in utility) the true frontier may lie from these points, if known. */
  readonly errorBound?: number;
  /** How it was computed, e.g. "enumeration", "per-issue merge", "local search". */
  readonly method: string;
}

/** Utilities are compared to 10 decimals. */
export const UTILITY_DECIMALS = 10;
export const UTILITY_EPS = 1e-10;

/** Rounds a utility to the comparison precision. */
export function roundUtility(u: number): number {
  return Math.round(u * 1e10) / 1e10;
}
