/**
 * The resource budget of one scenario: how large any input may be, checked
 * before any work (or any typed array) is sized by it. Every number here is
 * listed, with its reason and what happens past it, in docs/limits.md.
 */
export const LIMITS = Object.freeze({
  /** Values of one issue: its options, the integers of its range, or the grid points of a real issue. */
  issueValues: 1_000_000,
  /** Issues in a scenario. */
  issues: 10_000,
  /** Parties in a scenario. */
  parties: 1_000,
  /**
   * Per-value cells of the compiled utilities: Σ over parties with preferences
   * of Σ over issues of the issue's values (each cell is one 8-byte number).
   */
  valueCells: 20_000_000,
  /** Constraints (hyperrectangles) of one party's nonlinear preferences. */
  constraints: 100_000,
  /** Σ over a scenario's constraints of their bounds, and Σ over its red lines of their conditions' values. */
  regionTerms: 1_000_000,
  /** Red lines of one party. */
  redLines: 10_000,
  /** Variants in a scenario. */
  variants: 1_000,
  /** Nesting of a document (YAML or JSON mappings and lists, XML elements). */
  nesting: 64,
  /** Problems listed for one input (the rest are counted, not listed). */
  diagnostics: 100,
});

/** The largest radix an outcome space stores (its radices are an Int32Array). */
export const MAX_RADIX = 2 ** 31 - 1;

/**
 * Number of values of an integer range min..max, exact for any safe integers
 * (computed in BigInt, so a range of 2^32 values is not mistaken for a small one).
 */
export function integerRangeSize(min: number, max: number): bigint {
  return BigInt(max) - BigInt(min) + 1n;
}

/**
 * Why an issue with `size` values is refused, or undefined when it fits the
 * budget. `size` may be a bigint (an integer range's exact size).
 */
export function issueSizeProblem(issueName: string, size: number | bigint): string | undefined {
  const big = typeof size === 'bigint' ? size : Number.isFinite(size) ? BigInt(Math.floor(size)) : undefined;
  if (big !== undefined && big >= 1n && big <= BigInt(LIMITS.issueValues)) return undefined;
  const shown = big === undefined ? String(size) : big.toLocaleString('en-US');
  if (big !== undefined && big < 1n) return `issue "${issueName}" has no values`;
  return `issue "${issueName}" has ${shown} values; parley handles at most ${LIMITS.issueValues.toLocaleString('en-US')} values per issue (docs/limits.md)`;
}

/** Why a count of things is over its limit, or undefined. */
export function countProblem(what: string, count: number, limit: number): string | undefined {
  return count > limit ? `${count.toLocaleString('en-US')} ${what}; parley handles at most ${limit.toLocaleString('en-US')} (docs/limits.md)` : undefined;
}
