import { Scratch } from '../util/typed-rows.ts';

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

/**
 * Dense ranks (0, 1, …) of the first m values: equal values share a rank, order
 * is kept. Written to `out` when given (at least m entries), else to a new array.
 */
export function denseRanks(x: ArrayLike<number>, m = x.length, out: Int32Array = new Int32Array(m)): Int32Array {
  // Each distinct value once (a hash table over the values' bits; each item
  // first gets its value's slot), then only the distinct values sorted (the
  // engine's native numeric sort) and each slot given its value's rank:
  // outcome utilities take few distinct values, so this is about O(m). The
  // tables are scratch kept between calls (see util/typed-rows.ts: allocating
  // is most of the cost for a small space).
  if (m === 0) return out;
  let size = 16;
  while (size < 2 * m) size *= 2;
  const mask = size - 1;
  const f = RANK_SCRATCH.float64(size + m);
  const keys = f; // [0, size)
  const distinct = f.subarray(size, size + m);
  const slots = RANK_SCRATCH.int32(size); // 0: free, 1: taken; then the rank of the slot's value
  slots.fill(0, 0, size);
  let k = 0;
  for (let i = 0; i < m; i++) {
    // + 0 makes −0 into 0: they are equal, so they share a rank
    const v = x[i]! + 0;
    if (v !== v) return denseRanksBySearch(x, m, out);
    let h = slotOf(v, mask);
    for (;;) {
      if (slots[h] === 0) {
        slots[h] = 1;
        keys[h] = v;
        distinct[k++] = v;
        break;
      }
      if (keys[h] === v) break;
      h = (h + 1) & mask;
    }
    out[i] = h;
  }
  const sorted = distinct.subarray(0, k).sort();
  for (let r = 0; r < k; r++) {
    const v = sorted[r]!;
    let h = slotOf(v, mask);
    while (keys[h] !== v) h = (h + 1) & mask;
    slots[h] = r;
  }
  for (let i = 0; i < m; i++) out[i] = slots[out[i]!]!;
  return out;
}

/** The home slot of a value in a table of mask + 1 slots: murmur3's finaliser over both words (round values differ only in their high bits). */
function slotOf(v: number, mask: number): number {
  BITS_F64[0] = v;
  let h = BITS_I32[0]! ^ BITS_I32[1]!;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

const RANK_SCRATCH = new Scratch();
const TAU_SCRATCH = new Scratch();
const PAIRS_SCRATCH = new Scratch();
const BITS_F64 = new Float64Array(1);
const BITS_I32 = new Int32Array(BITS_F64.buffer);

/** `denseRanks` for series with NaN (NaN after every number, each NaN its own rank, as before). */
function denseRanksBySearch(x: ArrayLike<number>, m: number, out: Int32Array): Int32Array {
  const sorted = new Float64Array(m);
  for (let i = 0; i < m; i++) sorted[i] = x[i]!;
  sorted.sort();
  // distinct values, ascending
  let k = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i]!;
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
 * the result equals the pairwise definition exactly. `scratch` (at least
 * 5m + 2 entries; overwritten): the work area (else one kept between calls).
 */
export function tauFromRanks(ra: Int32Array, rb: Int32Array, scratch?: Int32Array): number {
  const m = ra.length;
  if (m < 2) return 0;
  let ka = 0;
  let kb = 0;
  for (let i = 0; i < m; i++) {
    if (ra[i]! >= ka) ka = ra[i]! + 1;
    if (rb[i]! >= kb) kb = rb[i]! + 1;
  }
  if (ka * kb <= 4 * m) return tauFromTable(ra, rb, m, ka, kb);
  const w = scratch && scratch.length >= 5 * m + 2 ? scratch : TAU_SCRATCH.int32(5 * m + 2);
  // Layout of w: items ordered by b at [0, m), by (a, b) at [m, 2m), counts at [2m, 3m + 1), the Fenwick tree at [3m + 1, 4m + 2), counts of b at [4m + 2, 5m + 2).
  const BY_B = 0;
  const ORDER = m;
  const COUNT = 2 * m;
  const TREE = 3 * m + 1;
  const COUNT_B = 4 * m + 2;
  // counting sort by b, then stable counting sort by a: order by (a, b)
  countingOrder(rb, m, w, -1, BY_B, COUNT);
  countingOrder(ra, m, w, BY_B, ORDER, COUNT);
  let tiesA = 0;
  let tiesAB = 0;
  let run = 1;
  let runAB = 1;
  for (let k = 1; k <= m; k++) {
    const i = w[ORDER + k - 1]!;
    const j = k < m ? w[ORDER + k]! : -1;
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
  w.fill(0, TREE, COUNT_B + m);
  let swaps = 0;
  for (let k = 0; k < m; k++) {
    const v = rb[w[ORDER + k]!]!;
    // items so far with b ≤ v
    let le = 0;
    for (let x = v + 1; x > 0; x -= x & -x) le += w[TREE + x]!;
    swaps += k - le;
    for (let x = v + 1; x <= m; x += x & -x) w[TREE + x]!++;
    w[COUNT_B + v]!++;
  }
  let tiesB = 0;
  for (let v = 0; v < m; v++) {
    const c = w[COUNT_B + v]!;
    tiesB += (c * (c - 1)) / 2;
  }
  const pairs = (m * (m - 1)) / 2;
  const den = Math.sqrt((pairs - tiesA) * (pairs - tiesB));
  return den > 0 ? (pairs - tiesA - tiesB + tiesAB - 2 * swaps) / den : 0;
}

/**
 * Kendall's τ-b of every pair (i < j, row by row) of the series whose dense
 * ranks are given (each at least m entries; the first m are used). The same
 * integers as `tauFromRanks`, so the same τ, with the per-series work done
 * once: each series' counts of equal ranks, its ties and its items ordered by
 * rank (a counting sort). A pair then needs one stable counting pass (series
 * j's order, placed by series i's rank: the items in (i, j) order) and one
 * Fenwick pass over j's ranks for the discordant pairs.
 */
export function kendallTauPairs(ranks: readonly Int32Array[], m: number): number[] {
  const d = ranks.length;
  const out: number[] = [];
  if (m < 2) {
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) out.push(0);
    return out;
  }
  // per series: k (distinct ranks), ties, start of each rank in the rank order, the items in rank order
  const k = new Int32Array(d);
  const ties = new Float64Array(d);
  const area = PAIRS_SCRATCH.int32(d * (2 * m + 1));
  area.fill(0, 0, d * (m + 1));
  const starts: Int32Array[] = [];
  const orders: Int32Array[] = [];
  for (let p = 0; p < d; p++) {
    starts.push(area.subarray(p * (m + 1), (p + 1) * (m + 1)));
    orders.push(area.subarray(d * (m + 1) + p * m, d * (m + 1) + (p + 1) * m));
  }
  for (let p = 0; p < d; p++) {
    const r = ranks[p]!;
    const start = starts[p]!;
    let kp = 0;
    for (let x = 0; x < m; x++) {
      const v = r[x]!;
      start[v + 1]!++;
      if (v >= kp) kp = v + 1;
    }
    k[p] = kp;
    let t = 0;
    for (let v = 1; v <= kp; v++) {
      const c = start[v]!;
      t += (c * (c - 1)) / 2;
      start[v]! += start[v - 1]!;
    }
    ties[p] = t;
    const order = orders[p]!;
    const w = TAU_SCRATCH.int32(kp);
    w.set(start.subarray(0, kp));
    for (let x = 0; x < m; x++) order[w[r[x]!]!++] = x;
  }
  const pairs = (m * (m - 1)) / 2;
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const ka = k[a]!;
      const kb = k[b]!;
      const ra = ranks[a]!;
      const rb = ranks[b]!;
      if (ka * kb <= 4 * m) {
        out.push(tauFromTable(ra, rb, m, ka, kb));
        continue;
      }
      // the items in (a, b) order: b's order, placed stably by a's rank
      const w = TAU_SCRATCH.int32(m + ka + kb + 1);
      const pos = w.subarray(m, m + ka);
      pos.set(starts[a]!.subarray(0, ka));
      const orderB = orders[b]!;
      for (let q = 0; q < m; q++) {
        const x = orderB[q]!;
        w[pos[ra[x]!]!++] = x;
      }
      const TREE = m + ka;
      w.fill(0, TREE, TREE + kb + 1);
      let tiesAB = 0;
      let runAB = 1;
      let swaps = 0;
      for (let q = 0; q < m; q++) {
        const x = w[q]!;
        const v = rb[x]!;
        if (q > 0) {
          const y = w[q - 1]!;
          if (ra[y] === ra[x] && rb[y] === v) runAB++;
          else {
            tiesAB += (runAB * (runAB - 1)) / 2;
            runAB = 1;
          }
        }
        // earlier items with b ≤ v
        let le = 0;
        for (let z = v + 1; z > 0; z -= z & -z) le += w[TREE + z]!;
        swaps += q - le;
        for (let z = v + 1; z <= kb; z += z & -z) w[TREE + z]!++;
      }
      tiesAB += (runAB * (runAB - 1)) / 2;
      const tiesA = ties[a]!;
      const tiesB = ties[b]!;
      const den = Math.sqrt((pairs - tiesA) * (pairs - tiesB));
      out.push(den > 0 ? (pairs - tiesA - tiesB + tiesAB - 2 * swaps) / den : 0);
    }
  }
  return out;
}

/**
 * `tauFromRanks` when the ranks take few values (ka·kb cells at most 4m): the
 * counts per (a, b) cell, then the discordant pairs cell by cell (pairs with
 * a larger a and a smaller b), the ties from the row, column and cell counts.
 * The same integers, so the same τ.
 */
function tauFromTable(ra: Int32Array, rb: Int32Array, m: number, ka: number, kb: number): number {
  const cell = TAU_SCRATCH.int32(ka * kb);
  cell.fill(0, 0, ka * kb);
  for (let i = 0; i < m; i++) cell[ra[i]! * kb + rb[i]!]!++;
  const col = TAU_SCRATCH.float64(kb);
  col.fill(0, 0, kb);
  let tiesA = 0;
  let tiesAB = 0;
  let swaps = 0;
  for (let a = ka - 1; a >= 0; a--) {
    const base = a * kb;
    let row = 0;
    // below: items with a larger a and a smaller b
    let below = 0;
    for (let b = 0; b < kb; b++) {
      const c = cell[base + b]!;
      swaps += c * below;
      below += col[b]!;
      row += c;
      tiesAB += (c * (c - 1)) / 2;
    }
    tiesA += (row * (row - 1)) / 2;
    for (let b = 0; b < kb; b++) col[b]! += cell[base + b]!;
  }
  let tiesB = 0;
  for (let b = 0; b < kb; b++) {
    const c = col[b]!;
    tiesB += (c * (c - 1)) / 2;
  }
  const pairs = (m * (m - 1)) / 2;
  const den = Math.sqrt((pairs - tiesA) * (pairs - tiesB));
  return den > 0 ? (pairs - tiesA - tiesB + tiesAB - 2 * swaps) / den : 0;
}

/**
 * Stable counting sort of m items by key (keys are ranks below m): the items
 * are w[from, from + m) (or 0, 1, …, m − 1 when from < 0), written to
 * w[to, to + m); w[count, count + m + 1) is the counting area.
 */
function countingOrder(key: Int32Array, m: number, w: Int32Array, from: number, to: number, count: number): void {
  w.fill(0, count, count + m + 1);
  for (let k = 0; k < m; k++) w[count + key[from < 0 ? k : w[from + k]!]! + 1]!++;
  for (let v = 1; v <= m; v++) w[count + v]! += w[count + v - 1]!;
  for (let k = 0; k < m; k++) {
    const it = from < 0 ? k : w[from + k]!;
    w[to + w[count + key[it]!]!++] = it;
  }
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
