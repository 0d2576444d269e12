/**
 * Correlation coefficients of two equally long series.
 *
 * `kendallTauB` runs in O(n log n) (Knight's algorithm: sort by the first
 * series, then count the inversions of the second by merge sort), so it
 * serves whole outcome spaces of a few hundred thousand outcomes.
 */

/**
 * Kendall's τ-b: (concordant − discordant) / √((pairs − ties in a)(pairs − ties in b));
 * 0 when either series is constant.
 */
export function kendallTauB(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => a[i]! - a[j]! || b[i]! - b[j]!);
  let tiesA = 0;
  let tiesAB = 0;
  let runA = 1;
  let runAB = 1;
  for (let k = 1; k < n; k++) {
    const i = order[k - 1]!;
    const j = order[k]!;
    if (a[i] === a[j]) {
      runA++;
      if (b[i] === b[j]) runAB++;
      else {
        tiesAB += (runAB * (runAB - 1)) / 2;
        runAB = 1;
      }
    } else {
      tiesA += (runA * (runA - 1)) / 2;
      tiesAB += (runAB * (runAB - 1)) / 2;
      runA = 1;
      runAB = 1;
    }
  }
  tiesA += (runA * (runA - 1)) / 2;
  tiesAB += (runAB * (runAB - 1)) / 2;
  // Merge sort the b values in that order, counting inversions (discordant or a-tied swaps excluded by the tie-break above).
  let ys = new Float64Array(n);
  for (let k = 0; k < n; k++) ys[k] = b[order[k]!]!;
  let buf = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (ys[j]! < ys[i]!) {
          swaps += mid - i;
          buf[k++] = ys[j++]!;
        } else buf[k++] = ys[i++]!;
      }
      while (i < mid) buf[k++] = ys[i++]!;
      while (j < hi) buf[k++] = ys[j++]!;
    }
    [ys, buf] = [buf, ys];
  }
  let tiesB = 0;
  let runB = 1;
  for (let k = 1; k < n; k++) {
    if (ys[k] === ys[k - 1]) runB++;
    else {
      tiesB += (runB * (runB - 1)) / 2;
      runB = 1;
    }
  }
  tiesB += (runB * (runB - 1)) / 2;
  const pairs = (n * (n - 1)) / 2;
  const s = pairs - tiesA - tiesB + tiesAB - 2 * swaps;
  const den = Math.sqrt((pairs - tiesA) * (pairs - tiesB));
  return den > 0 ? s / den : 0;
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
