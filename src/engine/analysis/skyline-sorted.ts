import { denseRanks } from './correlation.ts';
import { Scratch } from '../util/typed-rows.ts';
import type { Skyline, SkylinePoint } from './skyline-types.ts';

/**
 * A Pareto skyline of outcomes held in memory (a small space, a list of
 * candidates), any number of parties ≥ 3: `add` only records the vector;
 * `points()` sorts the outcomes once, lexicographically descending (a
 * counting sort by the first utility's dense ranks, then an index quicksort
 * of each run of equal first utilities), merges equal vectors, and keeps a
 * vector iff no vector kept before it is ≥ it everywhere (sort-filter: a
 * dominator is lexicographically greater, so it comes first, and a dominated
 * dominator is itself beaten by a kept one). Three parties: the kept points'
 * (u1, u2) staircase answers each test with one binary search (O(m log m));
 * more parties: a scan of the kept points. Nothing is ever removed.
 *
 * Same result as `SkylineN` (which streams, for spaces too large to hold):
 * per distinct non-dominated vector its lowest index, its ties, its lowest
 * rational index and rational ties, sorted by utilities descending. A vector
 * that the recorded vector of largest sum dominates is not recorded at all.
 */
export class SortedSkyline implements Skyline {
  private readonly n: number;
  private U: Float64Array;
  private idx: Int32Array;
  private rat: Uint8Array;
  private m = 0;
  /** The recorded vector with the largest utility sum, or -1. */
  private champion = -1;
  private championSum = -Infinity;
  private cache: SkylinePoint[] | undefined;

  /** `capacity`: how many outcomes to make room for first (more are made room for as needed). */
  constructor(n: number, capacity = 16) {
    this.n = n;
    const c = Math.max(1, capacity);
    [this.U, this.idx, this.rat] = columns(n, c);
  }

  add(u: ArrayLike<number>, index: number, rational: boolean): void {
    const n = this.n;
    // Dropped at once when the recorded vector of largest sum dominates it (it could not be on the frontier).
    const c = this.champion;
    let sum = 0;
    if (c >= 0) {
      const cb = c * n;
      const U = this.U;
      let ge = true;
      let gt = false;
      for (let i = 0; i < n; i++) {
        const x = u[i]!;
        const y = U[cb + i]!;
        sum += x;
        if (y < x) ge = false;
        else if (y > x) gt = true;
      }
      if (ge && gt) return;
    } else for (let i = 0; i < n; i++) sum += u[i]!;
    if (this.m === this.idx.length) {
      const [U, idx, rat] = columns(n, this.idx.length * 2);
      U.set(this.U);
      idx.set(this.idx);
      rat.set(this.rat);
      this.U = U;
      this.idx = idx;
      this.rat = rat;
    }
    const k = this.m++;
    const b = k * n;
    for (let i = 0; i < n; i++) this.U[b + i] = u[i]!;
    this.idx[k] = index;
    this.rat[k] = rational ? 1 : 0;
    this.cache = undefined;
    if (sum > this.championSum) {
      this.championSum = sum;
      this.champion = k;
    }
  }

  points(): SkylinePoint[] {
    return (this.cache ??= this.compute());
  }

  private compute(): SkylinePoint[] {
    const { n, U, m } = this;
    // by the first utility (its dense ranks, a counting sort), then each run of equal first utilities lexicographically
    // scratch (kept between calls): the first column, its ranks, the order, the counts (K ≤ m)
    const col = SCRATCH.float64(m);
    for (let k = 0; k < m; k++) col[k] = U[k * n]!;
    const w = SCRATCH.int32(3 * m + 1);
    const r = denseRanks(col, m, w.subarray(0, m));
    let K = 0;
    for (let k = 0; k < m; k++) if (r[k]! >= K) K = r[k]! + 1;
    const count = w.subarray(2 * m, 2 * m + K + 1);
    count.fill(0);
    for (let k = 0; k < m; k++) count[K - r[k]!]!++;
    for (let v = 1; v <= K; v++) count[v]! += count[v - 1]!;
    const order = w.subarray(m, 2 * m);
    for (let k = 0; k < m; k++) order[count[K - 1 - r[k]!]!++] = k;
    for (let a = 0; a < m; ) {
      let e = a + 1;
      while (e < m && r[order[e]!] === r[order[a]!]) e++;
      if (e - a > 1) sortLexDescending(order, U, n, a, e);
      a = e;
    }
    const out: SkylinePoint[] = [];
    // three parties: the kept points' (u1, u2) staircase, u1 descending (so u2 ascending)
    const ys: number[] = [];
    const zs: number[] = [];
    // more parties: the kept vectors' first rows in `order`
    const kept: number[] = [];
    for (let a = 0; a < m; ) {
      const first = order[a]!;
      const fb = first * n;
      // the run of equal vectors [a, e)
      let e = a + 1;
      while (e < m && equalRows(U, fb, order[e]! * n, n)) e++;
      let dominated: boolean;
      if (n === 3) {
        const y = U[fb + 1]!;
        const z = U[fb + 2]!;
        // pos = number of staircase points with u1 ≥ y; the last of them has the largest u2 among them
        let lo = 0;
        let hi = ys.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ys[mid]! >= y) lo = mid + 1;
          else hi = mid;
        }
        const pos = lo;
        dominated = pos > 0 && zs[pos - 1]! >= z;
        if (!dominated) {
          const start = pos > 0 && ys[pos - 1] === y ? pos - 1 : pos;
          let end = start;
          while (end < ys.length && zs[end]! <= z) end++;
          ys.splice(start, end - start, y);
          zs.splice(start, end - start, z);
        }
      } else {
        dominated = false;
        for (let q = 0; q < kept.length && !dominated; q++) {
          const kb = kept[q]! * n;
          let i = 0;
          while (i < n && U[kb + i]! >= U[fb + i]!) i++;
          dominated = i === n;
        }
        if (!dominated) kept.push(first);
      }
      if (!dominated) {
        let rep = Infinity;
        let rrep = Infinity;
        let rties = 0;
        for (let k = a; k < e; k++) {
          const s = order[k]!;
          const ix = this.idx[s]!;
          if (ix < rep) rep = ix;
          if (this.rat[s] === 1) {
            rties++;
            if (ix < rrep) rrep = ix;
          }
        }
        const utilities = new Array<number>(n);
        for (let i = 0; i < n; i++) utilities[i] = U[fb + i]!;
        out.push({ utilities, rep, ties: e - a, rationalRep: rties > 0 ? rrep : -1, rationalTies: rties });
      }
      a = e;
    }
    return out;
  }
}

const SCRATCH = new Scratch();

/** The outcomes' utility rows (c × n), indices and rational flags (c each), cut from one buffer. */
function columns(n: number, c: number): [Float64Array, Int32Array, Uint8Array] {
  const buffer = new ArrayBuffer(c * n * 8 + c * 4 + c);
  return [new Float64Array(buffer, 0, c * n), new Int32Array(buffer, c * n * 8, c), new Uint8Array(buffer, c * n * 8 + c * 4, c)];
}

function equalRows(U: Float64Array, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (U[a + i] !== U[b + i]) return false;
  return true;
}

/** Row a before row b: lexicographically greater (positive), equal (0), smaller (negative). */
function cmpRows(U: Float64Array, a: number, b: number, n: number): number {
  for (let i = 0; i < n; i++) {
    const x = U[a + i]!;
    const y = U[b + i]!;
    if (x !== y) return x > y ? 1 : -1;
  }
  return 0;
}

/** Sorts order[lo, hi) by rows of U (n utilities each) lexicographically descending: quicksort, median of three, insertion sort below 16. */
function sortLexDescending(order: Int32Array, U: Float64Array, n: number, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const a = order[lo]! * n;
    const b = order[(lo + hi) >>> 1]! * n;
    const c = order[hi - 1]! * n;
    // median of three (by the descending order)
    const pivot = cmpRows(U, a, b, n) > 0 ? (cmpRows(U, b, c, n) > 0 ? b : cmpRows(U, a, c, n) > 0 ? c : a) : cmpRows(U, a, c, n) > 0 ? a : cmpRows(U, b, c, n) > 0 ? c : b;
    let i = lo;
    let j = hi - 1;
    // `pivot` is a row offset into U: rows never move, only `order` does
    for (;;) {
      while (cmpRows(U, order[i]! * n, pivot, n) > 0) i++;
      while (cmpRows(U, order[j]! * n, pivot, n) < 0) j--;
      if (i >= j) break;
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
      i++;
      j--;
    }
    if (j + 1 - lo < hi - j - 1) {
      sortLexDescending(order, U, n, lo, j + 1);
      lo = j + 1;
    } else {
      sortLexDescending(order, U, n, j + 1, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const t = order[i]!;
    const tb = t * n;
    let k = i - 1;
    while (k >= lo && cmpRows(U, order[k]! * n, tb, n) < 0) {
      order[k + 1] = order[k]!;
      k--;
    }
    order[k + 1] = t;
  }
}
