import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { UtilityFunction } from '../model/utility-function.ts';
import { createRng } from '../util/rng.ts';
import type { Opposition } from './analysis-types.ts';
import { roundUtility } from './frontier-types.ts';

/**
 * Kendall's τ-b of two equally long series: (concordant − discordant) /
 * √((pairs − ties in a)(pairs − ties in b)); 0 when either series is constant.
 */
export function kendallTauB(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return tauFromRanks(denseRanks(a), denseRanks(b));
}

/** Dense ranks (0, 1, …) of the values: equal values share a rank, order is kept. */
export function denseRanks(x: ArrayLike<number>): Int32Array {
  const m = x.length;
  const sorted = new Float64Array(m);
  for (let i = 0; i < m; i++) sorted[i] = x[i]!;
  sorted.sort();
  // distinct values, ascending
  let k = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i]!;
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let lo = 0;
    let hi = k;
    const v = x[i]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
}

/**
 * Kendall's τ-b from dense ranks, in O(m log m) (Knight's algorithm): order
 * the items by (a, b) with two counting sorts, count the ties in a and the
 * joint ties, then count the discordant pairs as inversions of b in that
 * order (a Fenwick tree) and the ties in b. Every count is an integer, so
 * the result equals the pairwise definition exactly.
 */
function tauFromRanks(ra: Int32Array, rb: Int32Array): number {
  const m = ra.length;
  if (m < 2) return 0;
  // counting sort by b, then stable counting sort by a: order by (a, b)
  const identity = new Int32Array(m);
  for (let i = 0; i < m; i++) identity[i] = i;
  const byB = countingOrder(rb, identity);
  const order = countingOrder(ra, byB);
  let tiesA = 0;
  let tiesAB = 0;
  let run = 1;
  let runAB = 1;
  for (let k = 1; k <= m; k++) {
    const i = order[k - 1]!;
    const j = k < m ? order[k]! : -1;
    if (j >= 0 && ra[j] === ra[i]) {
      run++;
      if (rb[j] === rb[i]) runAB++;
      else {
        tiesAB += (runAB * (runAB - 1)) / 2;
        runAB = 1;
      }
    } else {
      tiesA += (run * (run - 1)) / 2;
      tiesAB += (runAB * (runAB - 1)) / 2;
      run = 1;
      runAB = 1;
    }
  }
  // discordant pairs: items earlier in (a, b) order with a strictly larger b
  const tree = new Int32Array(m + 1);
  const countB = new Int32Array(m);
  let swaps = 0;
  for (let k = 0; k < m; k++) {
    const v = rb[order[k]!]!;
    // items so far with b ≤ v
    let le = 0;
    for (let x = v + 1; x > 0; x -= x & -x) le += tree[x]!;
    swaps += k - le;
    for (let x = v + 1; x <= m; x += x & -x) tree[x]!++;
    countB[v]!++;
  }
  let tiesB = 0;
  for (let v = 0; v < m; v++) tiesB += (countB[v]! * (countB[v]! - 1)) / 2;
  const pairs = (m * (m - 1)) / 2;
  const den = Math.sqrt((pairs - tiesA) * (pairs - tiesB));
  return den > 0 ? (pairs - tiesA - tiesB + tiesAB - 2 * swaps) / den : 0;
}

/** The items of `items` stably reordered by key (keys are ranks below items.length). */
function countingOrder(key: Int32Array, items: Int32Array): Int32Array {
  const m = items.length;
  const count = new Int32Array(m + 1);
  for (let k = 0; k < m; k++) count[key[items[k]!]! + 1]!++;
  for (let v = 1; v <= m; v++) count[v]! += count[v - 1]!;
  const out = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const it = items[k]!;
    out[count[key[it]!]!++] = it;
  }
  return out;
}

/**
 * How far the parties' preferences conflict:
 * - `level`: the Euclidean distance from the ideal point (each party's best
 *   utility) to the nearest frontier point; `normalized` divides by √n.
 * - `rankCorrelation`: Kendall's τ-b of each pair's utilities over the
 *   outcomes (all of them when there are at most `sample`, otherwise `sample`
 *   outcomes drawn uniformly with the seed). −1: opposite rankings, +1: same.
 */
export function measureOpposition(
  space: OutcomeSpace,
  ids: readonly string[],
  ufuns: readonly UtilityFunction[],
  ideal: readonly number[],
  frontierUtilities: readonly (readonly number[])[],
  seed: number,
  sample: number,
): Opposition {
  const n = ids.length;
  let level = Infinity;
  for (const u of frontierUtilities) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (ideal[i]! - u[i]!) ** 2;
    level = Math.min(level, Math.sqrt(s));
  }
  if (!Number.isFinite(level)) level = 0;
  const size = space.sizeNumber;
  const m = size !== undefined && size <= sample ? size : sample;
  const nIssues = space.issueCount;
  const digits = new Int32Array(m * Math.max(nIssues, 1));
  if (size !== undefined && size <= sample) {
    space.forEachBlock((block, count, start) => digits.set(block.subarray(0, count * nIssues), start * nIssues), { blockSize: Math.max(1, m) });
  } else {
    const rng = createRng(seed);
    const radices = space.radices;
    for (let k = 0; k < m; k++) for (let i = 0; i < nIssues; i++) digits[k * nIssues + i] = rng.int(0, radices[i]! - 1);
  }
  const series = ufuns.map((f) => {
    const out = new Float64Array(m);
    f.evaluateBlock(digits, m, out);
    for (let k = 0; k < m; k++) out[k] = roundUtility(out[k]!);
    return out;
  });
  const ranked = series.map(denseRanks);
  const rankCorrelation: { a: string; b: string; tau: number }[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) rankCorrelation.push({ a: ids[i]!, b: ids[j]!, tau: roundUtility(tauFromRanks(ranked[i]!, ranked[j]!)) });
  return { ideal, level: roundUtility(level), normalized: roundUtility(n > 0 ? level / Math.sqrt(n) : 0), rankCorrelation, sampled: m };
}
