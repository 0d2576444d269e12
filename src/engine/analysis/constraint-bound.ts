/**
 * A certified upper envelope for the frontier of two parties with
 * hyperrectangle (constraint, `sum` aggregation) or linear-additive
 * preferences, for spaces too large to enumerate.
 *
 * For a direction λ ∈ [0, 1], no outcome o can have
 * λ·u_A(o) + (1 − λ)·u_B(o) above `bound(λ)`: a depth-first branch and bound
 * over the issues computes the maximum. A node's bound is, per party, the sum
 * of what its decided rectangles pay plus every undecided rectangle's
 * positive pay (a rectangle is decided once one of its bounds is violated or
 * all are met), plus the best remaining value of each unassigned issue for
 * linear-additive parties; divided by the normaliser and capped at 1 as the
 * utility is. Subtrees whose bound cannot beat the best outcome found are
 * pruned. When the node budget runs out, an unexplored subtree contributes
 * its bound instead of its maximum, so the result is still an upper bound
 * (`exact: false`); when the search completes it is the maximum itself.
 *
 * The envelope {(x, y) : λx + (1 − λ)y ≤ bound(λ) for every λ} contains every
 * outcome's utilities: the true frontier lies below it. `maxGap` is the
 * largest distance, over the directions, between the envelope and the found
 * frontier's best point in that direction: no outcome beats the found
 * frontier by more than that in any of those directions.
 */
import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { Preferences } from '../model/preferences.ts';
import { constraintUpperBound } from '../model/preferences.ts';
import { compileUtility } from '../model/utility-function.ts';
import { evaluateValueFunction } from '../model/value-function.ts';
import { issueNumberAt } from '../model/issue.ts';

export interface DirectionBound {
  readonly lambda: number;
  /** No outcome has λ·u_A + (1 − λ)·u_B above this. */
  readonly bound: number;
  /** The best value of an outcome found (a lower bound on the maximum). */
  readonly found: number;
  /** True when the search completed: `bound` is the maximum. */
  readonly exact: boolean;
}

export interface FrontierCertificate {
  readonly directions: readonly DirectionBound[];
  /** max over directions of bound(λ) − max over the given points of λx + (1 − λ)y (≥ 0 up to rounding). */
  readonly maxGap: number;
  /** True when every direction's maximum was found exactly. */
  readonly exact: boolean;
}

/** Per party, what the branch and bound needs: rectangles (sum aggregation) or linear tables. */
interface BoundModel {
  readonly norm: number;
  readonly pays: Float64Array;
  readonly includes: Uint8Array;
  /** Per rectangle: its bounds' issues, min and max. */
  readonly rIssue: Int32Array[];
  readonly rMin: Int32Array[];
  readonly rMax: Int32Array[];
  /** Per issue: the rectangles bounding it, with the bound's position in the rectangle. */
  readonly byIssue: { r: number; b: number }[][];
  /** Linear-additive: per issue, weight × value of each value position (raw utility units). */
  readonly tables: Float64Array[] | undefined;
}

function boundModel(space: OutcomeSpace, prefs: Preferences): BoundModel | undefined {
  const n = space.issueCount;
  if (prefs.type === 'linear-additive') {
    const tables = space.issues.map((issue, i) => {
      const w = prefs.weights[i] ?? 0;
      const f = prefs.values[i];
      return Float64Array.from({ length: space.radices[i]! }, (_, k) => (f ? w * evaluateValueFunction(f, k, issueNumberAt(issue, k)) : 0));
    });
    return { norm: Infinity, pays: new Float64Array(0), includes: new Uint8Array(0), rIssue: [], rMin: [], rMax: [], byIssue: space.issues.map(() => []), tables };
  }
  if (prefs.aggregation !== 'sum') return undefined;
  const rects = prefs.constraints;
  const norm = prefs.normalizer > 0 ? prefs.normalizer : constraintUpperBound(rects, prefs.aggregation);
  const byIssue: { r: number; b: number }[][] = Array.from({ length: n }, () => []);
  rects.forEach((rect, r) => rect.bounds.forEach((bd, b) => byIssue[bd.issue]!.push({ r, b })));
  return {
    norm,
    pays: Float64Array.from(rects, (r) => r.utility * r.weight),
    includes: Uint8Array.from(rects, (r) => (r.mode === 'includes' ? 1 : 0)),
    rIssue: rects.map((r) => Int32Array.from(r.bounds.map((b) => b.issue))),
    rMin: rects.map((r) => Int32Array.from(r.bounds.map((b) => b.min))),
    rMax: rects.map((r) => Int32Array.from(r.bounds.map((b) => b.max))),
    byIssue,
    tables: undefined,
  };
}

/** Search state of one party: per rectangle, bounds met so far and whether one is violated; the bound's running sum. */
class PartyBound {
  private readonly met: Int32Array;
  private readonly violated: Int32Array;
  /** Σ over rectangles of their current contribution (raw pay units). */
  sum = 0;
  /** Linear: Σ of assigned issues' values + Σ of unassigned issues' best values. */
  lin = 0;
  private readonly best: Float64Array;
  constructor(private readonly m: BoundModel) {
    const R = m.pays.length;
    this.met = new Int32Array(R);
    this.violated = new Int32Array(R);
    for (let r = 0; r < R; r++) this.sum += this.contribution(r);
    this.best = Float64Array.from(m.tables ?? [], (t) => Math.max(...t));
    for (const b of this.best) this.lin += b;
  }
  /** A rectangle's contribution: its pay when decided paying, 0 when decided not, max(0, pay) while undecided. */
  private contribution(r: number): number {
    const pay = this.m.pays[r]!;
    const all = this.met[r] === this.m.rIssue[r]!.length;
    const out = this.violated[r]! > 0;
    if (this.m.includes[r] === 1) return out ? 0 : all ? pay : Math.max(0, pay);
    return out ? pay : all ? 0 : Math.max(0, pay);
  }
  /** Assigns issue i the value v (sign +1) or undoes it (−1). */
  change(i: number, v: number, sign: 1 | -1): void {
    if (this.m.tables) this.lin += sign * (this.m.tables[i]![v]! - this.best[i]!);
    for (const { r, b } of this.m.byIssue[i]!) {
      const before = this.contribution(r);
      const inside = v >= this.m.rMin[r]![b]! && v <= this.m.rMax[r]![b]!;
      if (inside) this.met[r]! += sign;
      else this.violated[r]! += sign;
      this.sum += this.contribution(r) - before;
    }
  }
  /** Upper bound on the utility below the current node. */
  value(): number {
    if (this.m.tables) return this.lin;
    const u = this.sum / this.m.norm;
    return u > 1 ? 1 : u;
  }
}

export interface CertifyOptions {
  /** Directions λ = 0, 1/(k−1), …, 1 (default 21). */
  readonly directions?: number;
  /** Node expansions per direction (default 20 000). */
  readonly budget?: number;
}

/**
 * Upper bounds of λ·u_A + (1 − λ)·u_B over every outcome, for evenly spread
 * λ, and the largest gap to the given frontier points (utilities [u_A, u_B]).
 * Undefined when a party's preferences are neither linear-additive nor
 * hyperrectangles summed.
 */
export function certifyFrontier(
  space: OutcomeSpace,
  prefs: readonly [Preferences, Preferences],
  points: readonly (readonly number[])[],
  options: CertifyOptions = {},
): FrontierCertificate | undefined {
  const models = prefs.map((p) => boundModel(space, p));
  if (models.some((m) => !m)) return undefined;
  const [ma, mb] = models as [BoundModel, BoundModel];
  const ua = compileUtility(space, prefs[0]);
  const ub = compileUtility(space, prefs[1]);
  const n = space.issueCount;
  const k = Math.max(2, Math.floor(options.directions ?? 21));
  const budget = Math.max(1, Math.floor(options.budget ?? 20_000));
  // Issues bounded by most rectangles first: rectangles get decided early.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => mb.byIssue[b]!.length + ma.byIssue[b]!.length - (mb.byIssue[a]!.length + ma.byIssue[a]!.length) || a - b);
  const directions: DirectionBound[] = [];
  let maxGap = 0;
  let allExact = true;
  for (let d = 0; d < k; d++) {
    const lambda = d / (k - 1);
    const A = new PartyBound(ma);
    const B = new PartyBound(mb);
    const x = new Int32Array(n);
    let incumbent = -Infinity;
    let nodes = 0;
    let cut = false;
    const nodeBound = () => lambda * A.value() + (1 - lambda) * B.value();
    const search = (depth: number): number => {
      const bound = nodeBound();
      if (bound <= incumbent) return bound;
      if (depth === n) {
        const v = lambda * ua.utility(x) + (1 - lambda) * ub.utility(x);
        if (v > incumbent) incumbent = v;
        // The leaf's exact value (its bound can exceed it only by rounding; keep the larger, to stay an upper bound).
        return Math.max(v, Math.min(bound, v + 1e-12));
      }
      if (nodes >= budget) {
        cut = true;
        return bound;
      }
      nodes++;
      const i = order[depth]!;
      const R = space.radices[i]!;
      // Children in order of their bound, best first.
      const childBound = new Float64Array(R);
      for (let v = 0; v < R; v++) {
        A.change(i, v, 1);
        B.change(i, v, 1);
        childBound[v] = nodeBound();
        A.change(i, v, -1);
        B.change(i, v, -1);
      }
      const kids = Array.from({ length: R }, (_, v) => v).sort((p, q) => childBound[q]! - childBound[p]! || p - q);
      let best = -Infinity;
      for (const v of kids) {
        if (childBound[v]! <= incumbent) {
          if (childBound[v]! > best) best = childBound[v]!;
          continue;
        }
        x[i] = v;
        A.change(i, v, 1);
        B.change(i, v, 1);
        const r = search(depth + 1);
        A.change(i, v, -1);
        B.change(i, v, -1);
        if (r > best) best = r;
      }
      x[i] = 0;
      return best;
    };
    const top = search(0);
    const bound = Math.max(top, incumbent);
    const exact = !cut;
    allExact &&= exact;
    directions.push({ lambda, bound: exact ? incumbent : bound, found: incumbent, exact });
    let ours = -Infinity;
    for (const p of points) ours = Math.max(ours, lambda * p[0]! + (1 - lambda) * p[1]!);
    maxGap = Math.max(maxGap, (exact ? incumbent : bound) - ours);
  }
  return { directions, maxGap: Math.max(0, maxGap), exact: allExact };
}

/**
 * The exact frontier of a space whose preferences are hyperrectangles and/or
 * linear-additive tables, by enumerating *cells* instead of outcomes: on each
 * issue, values that every rectangle bounding the issue treats alike (inside
 * or outside each bound) and every linear table values alike are
 * interchangeable, so the utilities depend only on each issue's class. The
 * cells are the products of classes. Undefined when there are more than
 * `limit` cells (or a party has other preferences). Each point's outcome is
 * the lowest-index outcome with those utilities (classes ordered by their
 * smallest value, each represented by it); `ties` counts outcomes.
 */
export function cellFrontier(
  space: OutcomeSpace,
  prefs: readonly Preferences[],
  parties: readonly string[],
  limit = 2_000_000,
): import('./frontier-types.ts').Frontier | undefined {
  const n = space.issueCount;
  const models = prefs.map((p) => boundModel(space, p));
  if (models.some((m) => !m) || prefs.length === 0) return undefined;
  const ms = models as BoundModel[];
  // Per issue: the class of each value (by signature), each class's smallest value and size.
  const classOf: Int32Array[] = [];
  const reps: number[][] = [];
  const sizes: number[][] = [];
  let cells = 1;
  for (let i = 0; i < n; i++) {
    const R = space.radices[i]!;
    const sig = (v: number) =>
      ms
        .map((m) => [...m.byIssue[i]!.map(({ r, b }) => (v >= m.rMin[r]![b]! && v <= m.rMax[r]![b]! ? 1 : 0)).join(''), m.tables ? m.tables[i]![v]! : ''].join('|'))
        .join('/');
    const ids = new Map<string, number>();
    const cls = new Int32Array(R);
    const rep: number[] = [];
    const size: number[] = [];
    for (let v = 0; v < R; v++) {
      const key = sig(v);
      let c = ids.get(key);
      if (c === undefined) {
        c = rep.length;
        ids.set(key, c);
        rep.push(v);
        size.push(0);
      }
      cls[v] = c;
      size[c]!++;
    }
    classOf.push(cls);
    reps.push(rep);
    sizes.push(size);
    cells *= rep.length;
    if (cells > limit) return undefined;
  }
  const ufuns = prefs.map((p) => compileUtility(space, p));
  const d = ufuns.length;
  // Enumerate cells in odometer order (= order of their representatives' outcome indices).
  const cur = new Int32Array(n);
  const o = new Int32Array(n);
  const vecs = new Float64Array(cells * d);
  const mult = new Float64Array(cells);
  for (let c = 0; c < cells; c++) {
    let m = 1;
    for (let i = 0; i < n; i++) {
      o[i] = reps[i]![cur[i]!]!;
      m *= sizes[i]![cur[i]!]!;
    }
    mult[c] = m;
    for (let p = 0; p < d; p++) vecs[c * d + p] = Math.round(ufuns[p]!.utility(o) * 1e10) / 1e10;
    for (let i = n - 1; i >= 0; i--) {
      if (++cur[i]! < reps[i]!.length) break;
      cur[i] = 0;
    }
  }
  // Pareto filter over cells (sorted by utilities descending; a cell is dominated only by one before it).
  const order = Array.from({ length: cells }, (_, c) => c).sort((a, b) => {
    for (let p = 0; p < d; p++) {
      const x = vecs[b * d + p]! - vecs[a * d + p]!;
      if (x !== 0) return x;
    }
    return a - b;
  });
  const kept: number[] = [];
  const ties = new Map<number, number>();
  let maxY = -Infinity;
  for (const c of order) {
    const last = kept.length ? kept[kept.length - 1]! : -1;
    let same = last >= 0;
    for (let p = 0; p < d && same; p++) if (vecs[last * d + p] !== vecs[c * d + p]) same = false;
    if (same) {
      ties.set(last, ties.get(last)! + mult[c]!);
      continue;
    }
    let dominated = false;
    if (d === 2) dominated = kept.length > 0 && maxY >= vecs[c * 2 + 1]!;
    else
    for (const k of kept) {
      let ge = true;
      for (let p = 0; p < d && ge; p++) if (vecs[k * d + p]! < vecs[c * d + p]!) ge = false;
      if (ge) {
        dominated = true;
        break;
      }
    }
    if (dominated) continue;
    kept.push(c);
    if (d === 2) maxY = Math.max(maxY, vecs[c * 2 + 1]!);
    ties.set(c, mult[c]!);
  }
  // Each kept cell's outcome: the representatives of its classes.
  const outcomeOf = (c: number) => {
    const out = new Array<number>(n);
    let rest = c;
    for (let i = n - 1; i >= 0; i--) {
      const k = reps[i]!.length;
      out[i] = reps[i]![rest % k]!;
      rest = Math.floor(rest / k);
    }
    return out;
  };
  const points = kept.map((c) => ({ outcome: outcomeOf(c), utilities: Array.from(vecs.subarray(c * d, c * d + d)), ties: ties.get(c)! }));
  return {
    parties,
    points,
    outcomes: points.reduce((s, p) => s + p.ties, 0),
    exact: true,
    method: `enumeration of the ${cells} cells the rectangles induce`,
  };
}
