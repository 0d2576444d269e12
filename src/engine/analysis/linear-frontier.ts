/**
 * The exact two-party Pareto frontier of a linear-additive outcome space,
 * without enumerating the outcomes.
 *
 * With U(o) = Σᵢ tables[i][oᵢ] for both parties, the utility vectors of the
 * space are the Minkowski sum of the issues' vector sets, and a vector that is
 * dominated inside a sub-product stays dominated after adding any completion.
 * So the issues are merged pairwise in a balanced tree over contiguous issue
 * ranges; after each merge the sums are filtered, keeping everything that is
 * not dominated by a safe margin (see below), with exact tie counts and the
 * lexicographically smallest outcome (= lowest mixed-radix index) as the
 * representative of each vector.
 *
 * Rounding. The frontier is defined on utilities rounded to 10 decimals
 * (`roundUtility` of the issue-order sum, as an enumeration computes it).
 * Rounding is monotone, so if q ≥ p in both coordinates then every completion
 * c keeps round(q + c) ≥ round(p + c); if moreover q is ahead by at least one
 * rounding step (1e-10, plus slack for floating-point error) in some
 * coordinate, round(q + c) is strictly ahead there, so p + c is dominated for
 * every c and p can be dropped with its whole count. Vectors ahead by less
 * than that may round to the same vector (a tie) and are kept. At the root the
 * representative's utilities are recomputed in issue order, rounded, equal
 * rounded vectors are merged (counts summed) and an exact Pareto filter runs
 * on the rounded vectors.
 *
 * Tolerance: the result equals an enumeration that rounds each outcome's
 * issue-order sum, except where two outcomes' float sums differ only by
 * floating-point error (~1e-15 relative) AND lie within that error of a
 * rounding boundary (k + ½)·1e-10 — then an enumeration's own answer depends
 * on summation order. Tie counts are exact up to 2^53 outcomes per point.
 */
import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { UtilityFunction } from '../model/utility-function.ts';
import { roundUtility, type Frontier, type FrontierPoint } from './frontier-types.ts';

export interface LinearFrontierOptions {
  /** Party ids for `Frontier.parties` (default ["a", "b"]). */
  readonly parties?: readonly [string, string];
  /**
   * Most candidate sums one merge may form (default 4·10^6). When two partial
   * frontiers are larger than that together (e.g. constant-sum utilities with
   * distinct weights, where every outcome is Pareto-optimal), the larger one is
   * thinned to a δ-net and the result is labelled approximate, with
   * `errorBound` = the sum of the δ used: every true frontier point then lies
   * within that distance (in each coordinate) of a point that is returned.
   */
  readonly maxCandidates?: number;
}

/** One node of the merge tree: the kept vectors of a contiguous issue range. */
interface Node {
  readonly size: number;
  readonly ua: Float64Array;
  readonly ub: Float64Array;
  /** Number of outcomes (of this issue range) with exactly this float vector. */
  readonly count: Float64Array;
  /** Leaf: the representative option; inner node: index into the left child. */
  readonly left: Int32Array;
  /** Inner node: index into the right child (-1 in leaves). */
  readonly right: Int32Array;
  /** Rank of each entry's representative in lexicographic order, among this node's entries. */
  readonly rank: Int32Array;
  readonly leftChild?: Node;
  readonly rightChild?: Node;
  /** First issue of the range. */
  readonly lo: number;
}

/** The exact Pareto frontier of two linear-additive utility functions (see the module comment). */
export function linearFrontier2(space: OutcomeSpace, a: UtilityFunction, b: UtilityFunction, options: LinearFrontierOptions = {}): Frontier {
  const ta = a.tables;
  const tb = b.tables;
  if (!ta || !tb) throw new TypeError('linearFrontier2 needs linear-additive utility functions (with tables)');
  const n = space.issueCount;
  if (ta.length !== n || tb.length !== n) throw new RangeError(`utility tables have ${ta.length} and ${tb.length} issues, the space has ${n}`);
  for (let i = 0; i < n; i++) {
    const r = space.radices[i]!;
    if (ta[i]!.length !== r || tb[i]!.length !== r) throw new RangeError(`issue ${i}: utility tables do not match its ${r} values`);
  }
  const parties = options.parties ?? ['a', 'b'];
  if (n === 0) {
    const u = [roundUtility(a.utility([])), roundUtility(b.utility([]))];
    return { parties, points: [{ outcome: [], utilities: u, ties: 1 }], outcomes: 1, exact: true, method: 'per-issue merge' };
  }
  // Slack for floating-point error in the partial sums, scaled to the utilities' magnitude.
  let scale = 1;
  for (let i = 0; i < n; i++) {
    let ma = 0;
    let mb = 0;
    for (const x of ta[i]!) ma = Math.max(ma, Math.abs(x));
    for (const x of tb[i]!) mb = Math.max(mb, Math.abs(x));
    scale += Math.max(ma, mb);
  }
  const margin = 1e-10 + 64 * Number.EPSILON * scale * (n + 1);

  const maxCandidates = Math.max(options.maxCandidates ?? 4_000_000, 16);
  let errorBound = 0;
  const build = (lo: number, hi: number): Node => {
    if (hi - lo === 1) return leaf(lo, ta[lo]!, tb[lo]!, margin);
    const mid = (lo + hi) >> 1;
    let L = build(lo, mid);
    let R = build(mid, hi);
    while (L.size * R.size > maxCandidates) {
      const big = L.size >= R.size ? L : R;
      const target = Math.max(2, Math.floor(maxCandidates / (big === L ? R.size : L.size)));
      const { node, delta } = thin(big, target);
      errorBound += delta;
      if (big === L) L = node;
      else R = node;
    }
    return merge(L, R, margin);
  };
  const root = build(0, n);

  // Representatives, utilities recomputed in issue order and rounded.
  const outcomeOf = (node: Node, k: number, out: number[]): void => {
    if (!node.leftChild) {
      out[node.lo] = node.left[k]!;
      return;
    }
    outcomeOf(node.leftChild, node.left[k]!, out);
    outcomeOf(node.rightChild!, node.right[k]!, out);
  };
  interface Cand {
    ua: number;
    ub: number;
    count: number;
    rank: number;
    k: number;
  }
  const cands: Cand[] = [];
  const scratch = new Array<number>(n);
  for (let k = 0; k < root.size; k++) {
    outcomeOf(root, k, scratch);
    cands.push({ ua: roundUtility(a.utility(scratch)), ub: roundUtility(b.utility(scratch)), count: root.count[k]!, rank: root.rank[k]!, k });
  }
  cands.sort((x, y) => y.ua - x.ua || y.ub - x.ub || x.rank - y.rank);
  // Merge equal rounded vectors (the first has the smallest representative), then filter exactly.
  const points: FrontierPoint[] = [];
  let outcomes = 0;
  let bestB = -Infinity;
  for (let s = 0; s < cands.length; ) {
    const first = cands[s]!;
    let count = 0;
    let e = s;
    while (e < cands.length && cands[e]!.ua === first.ua && cands[e]!.ub === first.ub) count += cands[e++]!.count;
    // Sorted by uA descending: earlier vectors have uA ≥ this one; it is dominated iff one of them has uB ≥ its uB.
    if (first.ub > bestB) {
      const outcome = new Array<number>(n);
      outcomeOf(root, first.k, outcome);
      points.push({ outcome, utilities: [first.ua, first.ub], ties: count });
      outcomes += count;
      bestB = first.ub;
    }
    // Skip the rest of this uA: lower uB at equal uA is dominated.
    while (e < cands.length && cands[e]!.ua === first.ua) e++;
    s = e;
  }
  if (errorBound > 0) {
    return { parties, points, outcomes, exact: false, errorBound, method: 'per-issue merge, thinned to a δ-net (frontier too large to list exactly)' };
  }
  return { parties, points, outcomes, exact: true, method: 'per-issue merge' };
}

/**
 * Keeps at most about `target` entries of a node: walking the staircase by uA
 * descending, an entry is dropped when the last kept one is within δ of it in
 * both coordinates (δ doubled until few enough remain). Every dropped vector p
 * has a kept q with q ≥ p − δ, so after adding any completion the returned
 * frontier still comes within δ of it.
 */
function thin(node: Node, target: number): { node: Node; delta: number } {
  let lo = Infinity;
  let hiA = -Infinity;
  let hiB = -Infinity;
  let loB = Infinity;
  for (let k = 0; k < node.size; k++) {
    lo = Math.min(lo, node.ua[k]!);
    hiA = Math.max(hiA, node.ua[k]!);
    loB = Math.min(loB, node.ub[k]!);
    hiB = Math.max(hiB, node.ub[k]!);
  }
  let delta = Math.max(hiA - lo, hiB - loB, 1e-9) / target;
  for (;;) {
    const keep: number[] = [];
    let qa = Infinity;
    let qb = -Infinity;
    for (let k = 0; k < node.size; k++) {
      const a = node.ua[k]!;
      const b = node.ub[k]!;
      if (keep.length > 0 && qa - a <= delta && b - qb <= delta) continue;
      keep.push(k);
      qa = a;
      qb = b;
    }
    if (keep.length <= target) {
      const pick = <T extends Float64Array | Int32Array>(arr: T): T => {
        const out = new (arr.constructor as new (n: number) => T)(keep.length);
        keep.forEach((k, j) => (out[j] = arr[k]!));
        return out;
      };
      const rank = new Int32Array(keep.length);
      keep
        .map((_, j) => j)
        .sort((x, y) => node.rank[keep[x]!]! - node.rank[keep[y]!]!)
        .forEach((j, pos) => (rank[j] = pos));
      const thinned: Node = { ...node, size: keep.length, ua: pick(node.ua), ub: pick(node.ub), count: pick(node.count), left: pick(node.left), right: pick(node.right), rank };
      return { node: thinned, delta };
    }
    delta *= 2;
  }
}

function leaf(issue: number, ta: Float64Array, tb: Float64Array, margin: number): Node {
  const r = ta.length;
  const idx = Array.from({ length: r }, (_, k) => k);
  idx.sort((x, y) => ta[y]! - ta[x]! || tb[y]! - tb[x]! || x - y);
  const ua: number[] = [];
  const ub: number[] = [];
  const count: number[] = [];
  const rep: number[] = [];
  for (let s = 0; s < r; ) {
    const k = idx[s]!;
    let e = s;
    while (e < r && ta[idx[e]!] === ta[k] && tb[idx[e]!] === tb[k]) e++;
    ua.push(ta[k]!);
    ub.push(tb[k]!);
    count.push(e - s);
    rep.push(k);
    s = e;
  }
  const keep = marginFilter(ua, ub, margin);
  const kept = keep.map((j) => ({ ua: ua[j]!, ub: ub[j]!, count: count[j]!, rep: rep[j]! }));
  // Rank by representative option (lexicographic order of a one-issue outcome).
  const byRep = kept.map((_, j) => j).sort((x, y) => kept[x]!.rep - kept[y]!.rep);
  const rank = new Int32Array(kept.length);
  byRep.forEach((j, pos) => (rank[j] = pos));
  return {
    size: kept.length,
    ua: Float64Array.from(kept, (x) => x.ua),
    ub: Float64Array.from(kept, (x) => x.ub),
    count: Float64Array.from(kept, (x) => x.count),
    left: Int32Array.from(kept, (x) => x.rep),
    right: new Int32Array(kept.length).fill(-1),
    rank,
    lo: issue,
  };
}

/**
 * Indices of the entries (sorted by uA descending, then uB descending, all
 * vectors distinct) that no other entry dominates by the margin: q dominates
 * p by the margin when q ≥ p in both coordinates and q is ahead by at least
 * `margin` in one of them.
 */
function marginFilter(ua: ArrayLike<number>, ub: ArrayLike<number>, margin: number): number[] {
  const keep: number[] = [];
  let maxB1 = -Infinity; // max uB over the entries before p (all have uA ≥ uA(p))
  let maxB2 = -Infinity; // max uB over the entries with uA ≥ uA(p) + margin
  let k = 0;
  for (let p = 0; p < ua.length; p++) {
    const a = ua[p]!;
    const b = ub[p]!;
    while (k < p && ua[k]! >= a + margin) maxB2 = Math.max(maxB2, ub[k++]!);
    if (!(maxB1 >= b + margin || maxB2 >= b)) keep.push(p);
    maxB1 = Math.max(maxB1, b);
  }
  return keep;
}

function merge(L: Node, R: Node, margin: number): Node {
  const m = L.size * R.size;
  const ca = new Float64Array(m);
  const cb = new Float64Array(m);
  const order = new Uint32Array(m);
  for (let i = 0, c = 0; i < L.size; i++) {
    const la = L.ua[i]!;
    const lb = L.ub[i]!;
    for (let j = 0; j < R.size; j++, c++) {
      ca[c] = la + R.ua[j]!;
      cb[c] = lb + R.ub[j]!;
      order[c] = c;
    }
  }
  const rs = R.size;
  // Lexicographic order of the representatives: left range first, then right.
  const lexKey = (c: number): number => L.rank[Math.floor(c / rs)]! * rs + R.rank[c % rs]!;
  order.sort((x, y) => ca[y]! - ca[x]! || cb[y]! - cb[x]! || lexKey(x) - lexKey(y));
  // Group exactly equal vectors.
  const ua: number[] = [];
  const ub: number[] = [];
  const count: number[] = [];
  const first: number[] = [];
  for (let s = 0; s < m; ) {
    const c0 = order[s]!;
    let cnt = 0;
    let e = s;
    while (e < m && ca[order[e]!] === ca[c0] && cb[order[e]!] === cb[c0]) {
      const c = order[e]!;
      cnt += L.count[Math.floor(c / rs)]! * R.count[c % rs]!;
      e++;
    }
    ua.push(ca[c0]!);
    ub.push(cb[c0]!);
    count.push(cnt);
    first.push(c0);
    s = e;
  }
  const keep = marginFilter(ua, ub, margin);
  const size = keep.length;
  const out = {
    ua: new Float64Array(size),
    ub: new Float64Array(size),
    count: new Float64Array(size),
    left: new Int32Array(size),
    right: new Int32Array(size),
    rank: new Int32Array(size),
  };
  keep.forEach((g, j) => {
    const c = first[g]!;
    out.ua[j] = ua[g]!;
    out.ub[j] = ub[g]!;
    out.count[j] = count[g]!;
    out.left[j] = Math.floor(c / rs);
    out.right[j] = c % rs;
  });
  const byRep = Array.from({ length: size }, (_, j) => j).sort(
    (x, y) => L.rank[out.left[x]!]! - L.rank[out.left[y]!]! || R.rank[out.right[x]!]! - R.rank[out.right[y]!]!,
  );
  byRep.forEach((j, pos) => (out.rank[j] = pos));
  return { size, ...out, leftChild: L, rightChild: R, lo: L.lo };
}
