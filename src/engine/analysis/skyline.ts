// Skylines: the two-party staircase here, any number of parties in skyline-n.ts.
import type { Skyline, SkylinePoint } from './skyline-types.ts';
import { SkylineN } from './skyline-n.ts';

export type { Skyline, SkylinePoint };
export { SkylineN };

/** `outcomes`: how many outcomes will be offered, when known (a small skyline then starts small). */
export function createSkyline(parties: number, outcomes?: number): Skyline {
  return parties === 2 ? new Skyline2() : new SkylineN(parties, outcomes);
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

