import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { UtilityFunction } from '../model/utility-function.ts';
import type { Rng } from '../util/rng.ts';

/**
 * One party's outcomes ordered by its own utility, ascending, so that "the
 * worst outcome at or above utility u" is a binary search. Positions run from
 * 0 (worst) to `count − 1` (best); ties are ordered by mixed-radix index.
 */
export interface SortedOutcomes {
  /** Number of outcomes held (all allowed outcomes, or a sample). */
  readonly count: number;
  /** True when every outcome of the space (less red-line outcomes) is held. */
  readonly exact: boolean;
  /** Utilities in ascending order (length `count`). */
  readonly utilities: Float64Array;
  /** The outcome at a position (a fresh array of value positions). */
  outcomeAt(position: number): number[];
  /** The mixed-radix index of the outcome at a position (spaces up to 2^53). */
  indexAt(position: number): number;
  /** First position whose utility is ≥ u, or `count` when none is. */
  ceil(u: number): number;
  readonly maxUtility: number;
  readonly minUtility: number;
}

/** Spaces up to this many outcomes are sorted exactly; larger ones are sampled. */
export const DEFAULT_EXACT_SORT_LIMIT = 10_000_000;
/** How many outcomes the sampled fallback keeps. */
export const DEFAULT_SAMPLE_SIZE = 200_000;

/** First position in ascending `a[0..n)` whose value is ≥ x (n when none). */
export function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SortOptions {
  /** Outcomes to leave out (e.g. those crossing the party's red lines). */
  exclude?: (outcome: ArrayLike<number>) => boolean;
  exactLimit?: number;
  sampleSize?: number;
  /** Seed source for the sampled fallback. */
  rng?: Rng;
}

/** Sorts the outcome space by a utility function (exactly, or by a seeded sample for huge spaces). */
export function sortOutcomes(space: OutcomeSpace, ufun: UtilityFunction, options: SortOptions = {}): SortedOutcomes {
  const limit = options.exactLimit ?? DEFAULT_EXACT_SORT_LIMIT;
  if (space.isEnumerable(limit)) return sortExactly(space, ufun, options.exclude);
  if (!options.rng) throw new RangeError('sorting a sampled outcome space needs a seeded rng');
  return sortSample(space, ufun, options.sampleSize ?? DEFAULT_SAMPLE_SIZE, options.rng, options.exclude);
}

function sortExactly(space: OutcomeSpace, ufun: UtilityFunction, exclude?: (o: ArrayLike<number>) => boolean): SortedOutcomes {
  const total = space.sizeNumber!;
  const n = space.issueCount;
  const utils = new Float64Array(total);
  let idx = new Int32Array(total);
  let kept = 0;
  const row = new Int32Array(n);
  space.forEachBlock((digits, count, start) => {
    const out = utils.subarray(kept, kept + count);
    if (!exclude) {
      ufun.evaluateBlock(digits, count, out);
      for (let j = 0; j < count; j++) idx[kept + j] = start + j;
      kept += count;
      return;
    }
    const block = new Float64Array(count);
    ufun.evaluateBlock(digits, count, block);
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < n; i++) row[i] = digits[j * n + i]!;
      if (exclude(row)) continue;
      utils[kept] = block[j]!;
      idx[kept] = start + j;
      kept++;
    }
  });
  if (kept < total) idx = idx.slice(0, kept);
  const u = utils.subarray(0, kept);
  return finish(space, u, idx, true);
}

/**
 * Orders (utility, id) pairs by utility ascending, then id ascending (ids
 * must come in ascending order). The distinct utilities are sorted natively,
 * then the pairs are placed by a stable counting sort on their rank.
 */
function finish(space: OutcomeSpace, rawUtils: Float64Array, ids: Int32Array | Float64Array, exact: boolean): SortedOutcomes {
  const count = ids.length;
  const sortedU = Float64Array.from(rawUtils.subarray(0, count)).sort();
  let distinct = 0;
  for (let i = 0; i < count; i++) if (i === 0 || sortedU[i] !== sortedU[distinct - 1]) sortedU[distinct++] = sortedU[i]!;
  const keys = sortedU.subarray(0, distinct);
  const rank = new Int32Array(count);
  const starts = new Int32Array(distinct + 1);
  for (let i = 0; i < count; i++) {
    const r = lowerBound(keys, distinct, rawUtils[i]!);
    rank[i] = r;
    starts[r + 1]!++;
  }
  for (let r = 0; r < distinct; r++) starts[r + 1]! += starts[r]!;
  const utilities = new Float64Array(count);
  const indices = ids instanceof Int32Array ? new Int32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = starts[rank[i]!]!++;
    utilities[at] = rawUtils[i]!;
    indices[at] = ids[i]!;
  }
  return fromSorted(space, utilities, indices, exact);
}

/** The table over arrays already in order (utilities ascending, ties by index). */
function fromSorted(space: OutcomeSpace, utilities: Float64Array, indices: Int32Array | Float64Array, exact: boolean): SortedOutcomes {
  const count = utilities.length;
  const n = space.issueCount;
  const radices = Array.from(space.radices);
  const decode = (index: number): number[] => {
    const out = new Array<number>(n);
    let rest = index;
    for (let i = n - 1; i >= 0; i--) {
      const r = radices[i]!;
      const q = Math.floor(rest / r);
      out[i] = rest - q * r;
      rest = q;
    }
    return out;
  };
  return {
    count,
    exact,
    utilities,
    outcomeAt: (pos) => decode(indices[pos]!),
    indexAt: (pos) => indices[pos]!,
    ceil: (u) => lowerBound(utilities, count, u),
    maxUtility: count ? utilities[count - 1]! : -Infinity,
    minUtility: count ? utilities[0]! : Infinity,
  };
}

/**
 * A sorted table as plain arrays, to sort in one thread and use in another
 * (the server sorts Play tables in its worker pool). Exact tables carry
 * mixed-radix indices; sampled ones carry their outcomes, flat (count × issues).
 */
export interface SortedOutcomesData {
  readonly exact: boolean;
  readonly utilities: Float64Array;
  readonly indices?: Int32Array | Float64Array;
  readonly rows?: Int32Array;
}

/** The arrays of a table (copies). */
export function sortedOutcomesData(space: OutcomeSpace, s: SortedOutcomes): SortedOutcomesData {
  const utilities = Float64Array.from(s.utilities.subarray(0, s.count));
  if (s.exact) {
    const indices = (space.sizeNumber ?? Infinity) <= 2 ** 31 - 1 ? new Int32Array(s.count) : new Float64Array(s.count);
    for (let p = 0; p < s.count; p++) indices[p] = s.indexAt(p);
    return { exact: true, utilities, indices };
  }
  const n = space.issueCount;
  const rows = new Int32Array(s.count * n);
  for (let p = 0; p < s.count; p++) rows.set(s.outcomeAt(p), p * n);
  return { exact: false, utilities, rows };
}

/** A table from its arrays (as sortedOutcomesData gave them). */
export function sortedOutcomesFrom(space: OutcomeSpace, d: SortedOutcomesData): SortedOutcomes {
  if (d.indices) return fromSorted(space, d.utilities, d.indices, d.exact);
  const rows = d.rows ?? new Int32Array(0);
  const n = space.issueCount;
  const base = fromSorted(space, d.utilities, new Float64Array(d.utilities.length), d.exact);
  const outcomeAt = (pos: number) => Array.from(rows.subarray(pos * n, pos * n + n));
  return { ...base, outcomeAt, indexAt: (pos) => space.indexOf(outcomeAt(pos)) };
}

/** Bytes a table holds (its typed arrays). */
export function sortedOutcomesBytes(d: SortedOutcomesData): number {
  return d.utilities.byteLength + (d.indices?.byteLength ?? 0) + (d.rows?.byteLength ?? 0);
}

function sortSample(
  space: OutcomeSpace,
  ufun: UtilityFunction,
  size: number,
  rng: Rng,
  exclude?: (o: ArrayLike<number>) => boolean,
): SortedOutcomes {
  const rows: number[][] = [];
  // For linear additive utilities the best and worst outcomes are exact: per issue, the best (worst) value.
  if (ufun.tables) {
    const best = ufun.tables.map((t) => argBy(t, (a, b) => a > b));
    const worst = ufun.tables.map((t) => argBy(t, (a, b) => a < b));
    rows.push(best, worst);
  }
  for (let k = rows.length; k < size; k++) rows.push(space.sample(rng));
  const kept = rows.filter((r) => !exclude?.(r));
  const utils = new Float64Array(kept.length);
  kept.forEach((r, i) => (utils[i] = ufun.utility(r)));
  const ids = new Float64Array(kept.length);
  for (let i = 0; i < kept.length; i++) ids[i] = i;
  const sorted = finish(space, utils, ids, false);
  // Positions refer to `kept` rows (the ids are row numbers here, not mixed-radix indices).
  return {
    ...sorted,
    outcomeAt: (pos) => [...kept[sorted.indexAt(pos)]!],
    indexAt: (pos) => space.indexOf(kept[sorted.indexAt(pos)]!),
  };
}

function argBy(t: Float64Array, better: (a: number, b: number) => boolean): number {
  let k = 0;
  for (let i = 1; i < t.length; i++) if (better(t[i]!, t[k]!)) k = i;
  return k;
}
