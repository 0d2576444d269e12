/**
 * Incremental Pareto skylines over utility vectors (already rounded to the
 * comparison precision). Each distinct non-dominated vector keeps its
 * lowest-index outcome, its number of ties, and the lowest-index rational
 * outcome among the ties (`Skyline2` in any arrival order; `SkylineN`
 * expects increasing index order).
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

export function createSkyline(parties: number): Skyline {
  return parties === 2 ? new Skyline2() : new SkylineN(parties);
}

function byUtilitiesDescending(a: SkylinePoint, b: SkylinePoint): number {
  for (let i = 0; i < a.utilities.length; i++) {
    const d = b.utilities[i]! - a.utilities[i]!;
    if (d !== 0) return d;
  }
  return a.rep - b.rep;
}

/**
 * Two parties: the frontier is a staircase, kept sorted by u0 descending (so
 * u1 ascending). A point is dominated iff the point with the smallest u0 ≥ x0
 * has u1 ≥ x1: one binary search.
 */
export class Skyline2 implements Skyline {
  private xs: number[] = [];
  private ys: number[] = [];
  private rep: number[] = [];
  private ties: number[] = [];
  private rrep: number[] = [];
  private rties: number[] = [];
  /** The last frontier point that dominated an offered outcome (rounded utilities): most outcomes are dominated by it. */
  cx = -Infinity;
  cy = -Infinity;

  /**
   * Whether some frontier point beats (x, y) by more than `margin` in both
   * utilities (x < px − margin and y < py − margin): one binary search.
   */
  strictlyDominated(x: number, y: number, margin: number): boolean {
    if (x < this.cx - margin && y < this.cy - margin) return true;
    const xs = this.xs;
    // pos = number of points with xs − margin > x (a prefix: xs descend)
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < xs[mid]! - margin) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && y < this.ys[lo - 1]! - margin;
  }

  add(u: ArrayLike<number>, index: number, rational: boolean): void {
    const x = u[0]!;
    const y = u[1]!;
    const cx = this.cx;
    const cy = this.cy;
    if (cx >= x && cy >= y && (cx > x || cy > y)) return;
    const xs = this.xs;
    const ys = this.ys;
    // pos = number of points with xs ≥ x
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! >= x) lo = mid + 1;
      else hi = mid;
    }
    const pos = lo;
    if (pos > 0) {
      const k = pos - 1;
      const py = ys[k]!;
      if (py >= y) {
        const px = xs[k]!;
        if (px === x && py === y) {
          this.ties[k]!++;
          if (index < this.rep[k]!) this.rep[k] = index;
          if (rational) {
            if (this.rrep[k]! < 0 || index < this.rrep[k]!) this.rrep[k] = index;
            this.rties[k]!++;
          }
        } else {
          this.cx = px;
          this.cy = py;
        }
        return;
      }
    }
    // Not dominated: remove the points it dominates (a contiguous run) and insert.
    const start = pos > 0 && xs[pos - 1] === x ? pos - 1 : pos;
    let end = start;
    while (end < xs.length && ys[end]! <= y) end++;
    const r = rational ? index : -1;
    const rt = rational ? 1 : 0;
    if (end === start) {
      xs.splice(start, 0, x);
      ys.splice(start, 0, y);
      this.rep.splice(start, 0, index);
      this.ties.splice(start, 0, 1);
      this.rrep.splice(start, 0, r);
      this.rties.splice(start, 0, rt);
    } else {
      xs.splice(start, end - start, x);
      ys.splice(start, end - start, y);
      this.rep.splice(start, end - start, index);
      this.ties.splice(start, end - start, 1);
      this.rrep.splice(start, end - start, r);
      this.rties.splice(start, end - start, rt);
    }
  }

  points(): SkylinePoint[] {
    return this.xs.map((x, i) => ({
      utilities: [x, this.ys[i]!],
      rep: this.rep[i]!,
      ties: this.ties[i]!,
      rationalRep: this.rrep[i]!,
      rationalTies: this.rties[i]!,
    }));
  }
}

interface MutablePoint {
  u: Float64Array;
  sum: number;
  rep: number;
  ties: number;
  rationalRep: number;
  rationalTies: number;
}

/**
 * Any number of parties: a list of non-dominated points. A candidate is first
 * checked against the last dominator (cheap, usually decisive), then against
 * the points in order of decreasing utility sum (only a point with a larger
 * or equal sum can dominate or equal it).
 */
class SkylineN implements Skyline {
  private list: MutablePoint[] = [];
  private cache: Float64Array | undefined;

  constructor(private readonly n: number) {}

  add(u: ArrayLike<number>, index: number, rational: boolean): void {
    const n = this.n;
    const c = this.cache;
    if (c) {
      let ge = true;
      let gt = false;
      for (let i = 0; i < n; i++) {
        const a = c[i]!;
        const b = u[i]!;
        if (a < b) {
          ge = false;
          break;
        }
        if (a > b) gt = true;
      }
      if (ge && gt) return;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += u[i]!;
    const list = this.list;
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      if (p.sum < sum - 1e-9) break;
      const pu = p.u;
      let ge = true;
      let gt = false;
      for (let i = 0; i < n; i++) {
        const a = pu[i]!;
        const b = u[i]!;
        if (a < b) {
          ge = false;
          break;
        }
        if (a > b) gt = true;
      }
      if (!ge) continue;
      if (gt) {
        this.cache = pu;
      } else {
        p.ties++;
        if (rational) {
          if (p.rationalRep < 0) p.rationalRep = index;
          p.rationalTies++;
        }
      }
      return;
    }
    // Not dominated: drop the points it dominates (they have a smaller or equal sum).
    const nu = Float64Array.from({ length: n }, (_, i) => u[i]!);
    let w = 0;
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      let dominated = p.sum <= sum + 1e-9;
      if (dominated) {
        for (let i = 0; i < n; i++) {
          if (p.u[i]! > nu[i]!) {
            dominated = false;
            break;
          }
        }
      }
      if (!dominated) list[w++] = p;
    }
    list.length = w;
    // Keep the list sorted by sum, descending.
    let lo = 0;
    let hi = w;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.sum >= sum) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, { u: nu, sum, rep: index, ties: 1, rationalRep: rational ? index : -1, rationalTies: rational ? 1 : 0 });
  }

  points(): SkylinePoint[] {
    return this.list
      .map((p) => ({ utilities: Array.from(p.u), rep: p.rep, ties: p.ties, rationalRep: p.rationalRep, rationalTies: p.rationalTies }))
      .sort(byUtilitiesDescending);
  }
}
