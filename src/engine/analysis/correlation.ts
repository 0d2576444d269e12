/**
 * Correlation coefficients of two equally long series.
 *
 * `kendallTauB` runs in O(n log n) (Knight's algorithm on dense ranks: two
 * counting sorts order the items by (a, b), a Fenwick tree counts the
 * inversions of b), so it serves whole outcome spaces of a few hundred
 * thousand outcomes.
 */

/**
 * Kendall's τ-b: (concordant − discordant) / √((pairs − ties in a)(pairs − ties in b));
 * 0 when either series is constant.
 */
export function kendallTauB(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  return tauFromRanks(denseRanks(a, n), denseRanks(b, n));
}

/** Dense ranks (0, 1, …) of the values: equal values share a rank, order is kept. */
export function denseRanks(x: ArrayLike<number>, m = x.length): Int32Array {
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
export function tauFromRanks(ra: Int32Array, rb: Int32Array): number {
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
/** Pearson's product-moment correlation; 0 when either series is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  const den = Math.sqrt(saa * sbb);
  return den > 0 ? sab / den : 0;
}

/** Ranks from 1, ties sharing their mean rank. */
export function ranks(a: ArrayLike<number>): Float64Array {
  const n = a.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i]! - a[j]!);
  const r = new Float64Array(n);
  for (let k = 0; k < n; ) {
    let e = k + 1;
    while (e < n && a[order[e]!] === a[order[k]!]) e++;
    const mean = (k + 1 + e) / 2;
    for (let q = k; q < e; q++) r[order[q]!] = mean;
    k = e;
  }
  return r;
}

/** Spearman's rank correlation (Pearson's of the mid-ranks); 0 when either series is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(a), ranks(b));
}
