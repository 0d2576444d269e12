import { byUtilitiesDescending, type Skyline, type SkylinePoint } from './skyline-types.ts';

/** Slots per k-d tree leaf. */
const LEAF = 16;
/** Recent dominators checked before any search. */
const RECENT = 8;

/** Hash of a rounded utility vector (rounded utilities are exact multiples of 1e-10, so equal vectors hash equally). */
function hashOf(u: ArrayLike<number>, base: number, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    const k = Math.round(u[base + i]! * 1e10);
    h = Math.imul(h ^ (k | 0), 0x01000193);
    h = Math.imul(h ^ ((k / 4294967296) | 0), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** A copy of `a` (if any) in a new array of length `len`. */
function growF64(a: Float64Array | undefined, len: number): Float64Array {
  const b = new Float64Array(len);
  if (a) b.set(a.length <= len ? a : a.subarray(0, len));
  return b;
}

function growI32(a: Int32Array | undefined, len: number): Int32Array {
  const b = new Int32Array(len);
  if (a) b.set(a.length <= len ? a : a.subarray(0, len));
  return b;
}

/**
 * An incremental Pareto skyline for any number of parties, in flat typed
 * arrays: nothing is allocated per point or per outcome (each distinct
 * vector has a slot; arrays double when full).
 *
 * An offered vector is decided, cheapest first:
 * 1. the last few points found to dominate something (usually decisive:
 *    outcomes offered one after another have neighbouring utilities);
 * 2. a hash table of every vector ever inserted: equal to a live point, it is
 *    a tie; equal to a removed point, it is dominated too (by whatever removed it);
 * 3. a dominance query in a k-d tree of the live points: is some point ≥ it
 *    in every utility?
 *
 * The tree is dynamic: a point goes down to its leaf by the split values;
 * a full leaf first drops removed points, then splits at the median of its
 * widest utility. Every node keeps the per-utility maximum and minimum of the
 * points below it (grown on insertion, left as they are on removal, so they
 * stay valid bounds): a query skips any sub-tree whose maximum is below the
 * query in some utility, and a new point finds the points it dominates among
 * sub-trees whose minimum is below it everywhere. The tree is rebuilt from
 * the live points when removed points outnumber them.
 */
export class SkylineN implements Skyline {
  private readonly n: number;
  private cap = 0;
  private U!: Float64Array;
  private rep!: Float64Array;
  private tie!: Float64Array;
  private rrep!: Float64Array;
  private rtie!: Float64Array;
  private alive!: Uint8Array;
  /** Slots used (live and removed). */
  private used = 0;
  /** Live points. */
  private live = 0;
  /** Removed points still in the tree. */
  private deadInTree = 0;
  /** Open addressing over slots: slot + 1, or 0 for empty. */
  private table!: Int32Array;
  private mask = 0;
  // ---- the k-d tree: node arrays (a leaf has left = -1)
  private nodeCap = 0;
  private nodes = 0;
  private left!: Int32Array;
  private right!: Int32Array;
  private dim!: Int32Array;
  private split!: Float64Array;
  private leafLen!: Int32Array;
  /** Slots of leaf node k at [k·LEAF, k·LEAF + leafLen[k]). */
  private leafSlots!: Int32Array;
  private max!: Float64Array;
  private min!: Float64Array;
  private stack!: Int32Array;
  private scratch: Int32Array | undefined;
  /**
   * The last RECENT dominators found (copies of their vectors, newest at
   * `recentAt`): real outcomes' utilities, so they stay valid dominators even
   * after their points are removed.
   */
  private readonly recent: Float64Array;
  private recentLen = 0;
  private recentAt = 0;
  /** The utilities of the last dominator found by `add` or `strictlyDominated` (valid when `hasDominator`): a real outcome's vector. */
  readonly dominator: Float64Array;
  hasDominator = false;

  /** `capacity`: how many points to make room for first (more are made room for as needed); at most the outcomes offered. */
  constructor(n: number, capacity = 16) {
    this.n = n;
    this.dominator = new Float64Array(n);
    this.recent = new Float64Array(RECENT * n);
    // Small first: typed arrays over 64 bytes cost far more to allocate, and most skylines of small spaces stay small.
    this.stack = new Int32Array(16);
    this.grow(capacity <= 4 ? 4 : capacity <= 8 ? 8 : 16);
    this.growNodes(1);
    this.nodes = 1;
    this.makeLeaf(0);
  }

  /** Number of live (non-dominated) points. */
  get size(): number {
    return this.live;
  }

  // ---------------------------------------------------------------- storage

  private grow(cap: number): void {
    this.U = growF64(this.U, cap * this.n);
    this.rep = growF64(this.rep, cap);
    this.tie = growF64(this.tie, cap);
    this.rrep = growF64(this.rrep, cap);
    this.rtie = growF64(this.rtie, cap);
    const al = new Uint8Array(cap);
    if (this.alive as Uint8Array | undefined) al.set(this.alive.subarray(0, Math.min(this.alive.length, cap)));
    this.alive = al;
    this.cap = cap;
    this.rehash();
  }

  private growNodes(cap: number): void {
    this.left = growI32(this.left, cap);
    this.right = growI32(this.right, cap);
    this.dim = growI32(this.dim, cap);
    this.split = growF64(this.split, cap);
    this.leafLen = growI32(this.leafLen, cap);
    this.leafSlots = growI32(this.leafSlots, cap * LEAF);
    this.max = growF64(this.max, cap * this.n);
    this.min = growF64(this.min, cap * this.n);
    this.nodeCap = cap;
  }

  private newNode(): number {
    if (this.nodes === this.nodeCap) this.growNodes(this.nodeCap * 2);
    return this.nodes++;
  }

  private makeLeaf(node: number): void {
    this.left[node] = -1;
    this.right[node] = -1;
    this.leafLen[node] = 0;
    this.max.fill(-Infinity, node * this.n, node * this.n + this.n);
    this.min.fill(Infinity, node * this.n, node * this.n + this.n);
  }

  private rehash(): void {
    let t = 16;
    while (t < this.cap * 2) t *= 2;
    this.table = new Int32Array(t);
    this.mask = t - 1;
    for (let s = 0; s < this.used; s++) this.hashInsert(s);
  }

  private hashInsert(slot: number): void {
    let h = hashOf(this.U, slot * this.n, this.n) & this.mask;
    while (this.table[h] !== 0) h = (h + 1) & this.mask;
    this.table[h] = slot + 1;
  }

  /** Slot holding exactly vector u (live or removed), or -1. */
  private lookup(u: ArrayLike<number>): number {
    const n = this.n;
    const U = this.U;
    const table = this.table;
    const mask = this.mask;
    let h = hashOf(u, 0, n) & mask;
    for (;;) {
      const e = table[h]!;
      if (e === 0) return -1;
      const b = (e - 1) * n;
      let i = 0;
      while (i < n && U[b + i] === u[i]) i++;
      if (i === n) return e - 1;
      h = (h + 1) & mask;
    }
  }

  // ---------------------------------------------------------------- tests

  private remember(slot: number): void {
    const n = this.n;
    const b = slot * n;
    for (let i = 0; i < n; i++) this.dominator[i] = this.U[b + i]!;
    this.hasDominator = true;
    this.recentAt = (this.recentAt + 1) % RECENT;
    this.recent.set(this.dominator, this.recentAt * n);
    if (this.recentLen < RECENT) this.recentLen++;
  }

  /** Cheap check, no search: whether a recent dominator beats c by more than `margin` everywhere (margin ≥ 0), or (margin < 0) is ≥ c everywhere and > c somewhere. */
  recentBeats(c: ArrayLike<number>, margin: number): boolean {
    const n = this.n;
    const R = this.recent;
    for (let e = 0, k = this.recentAt; e < this.recentLen; e++, k = k === 0 ? RECENT - 1 : k - 1) {
      const b = k * n;
      let i = 0;
      if (margin >= 0) {
        while (i < n && c[i]! < R[b + i]! - margin) i++;
        if (i === n) return this.use(k);
      } else {
        let gt = false;
        while (i < n) {
          const r = R[b + i]!;
          const x = c[i]!;
          if (r < x) break;
          if (r > x) gt = true;
          i++;
        }
        if (i === n && gt) return this.use(k);
      }
    }
    return false;
  }

  /** Makes recent entry k the `dominator`. */
  private use(k: number): true {
    const n = this.n;
    for (let i = 0; i < n; i++) this.dominator[i] = this.recent[k * n + i]!;
    return true;
  }

  /** Whether point `slot` is ≥ u in every utility. */
  private covers(slot: number, u: ArrayLike<number>): boolean {
    const n = this.n;
    const U = this.U;
    const b = slot * n;
    for (let i = 0; i < n; i++) if (U[b + i]! < u[i]!) return false;
    return true;
  }

  /** Whether point `slot` is ≤ u in every utility. */
  private under(slot: number, u: ArrayLike<number>): boolean {
    const n = this.n;
    const U = this.U;
    const b = slot * n;
    for (let i = 0; i < n; i++) if (U[b + i]! > u[i]!) return false;
    return true;
  }

  /** Whether point `slot` beats c by more than `margin` in every utility. */
  private beats(slot: number, c: ArrayLike<number>, margin: number): boolean {
    const n = this.n;
    const U = this.U;
    const b = slot * n;
    for (let i = 0; i < n; i++) if (!(c[i]! < U[b + i]! - margin)) return false;
    return true;
  }

  /**
   * A live point ≥ c in every utility (`strict`: greater by more than
   * `margin` in every utility), or -1.
   */
  private search(c: ArrayLike<number>, margin: number, strict: boolean): number {
    const n = this.n;
    const alive = this.alive;
    const max = this.max;
    const stack = this.stack;
    const slots = this.leafSlots;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top]!;
      const b = node * n;
      let i = 0;
      if (strict) while (i < n && c[i]! < max[b + i]! - margin) i++;
      else while (i < n && max[b + i]! >= c[i]!) i++;
      if (i < n) continue;
      const l = this.left[node]!;
      if (l < 0) {
        for (let k = node * LEAF, e = k + this.leafLen[node]!; k < e; k++) {
          const s = slots[k]!;
          if (alive[s] === 1 && (strict ? this.beats(s, c, margin) : this.covers(s, c))) return s;
        }
      } else {
        // the side with the larger values first: more likely to hold a dominator
        stack[top++] = l;
        stack[top++] = this.right[node]!;
      }
    }
    return -1;
  }

  /**
   * Whether some point beats c by more than `margin` in every utility
   * (cᵢ < pᵢ − margin for all i). Remembers the point as `dominator`.
   */
  strictlyDominated(c: ArrayLike<number>, margin: number): boolean {
    if (this.recentBeats(c, margin)) return true;
    const s = this.search(c, margin, true);
    if (s < 0) return false;
    this.remember(s);
    return true;
  }

  /**
   * Inserts a vector known to be some outcome's (rounded) utilities before
   * that outcome is offered: it prunes like any point but counts no outcome
   * (no ties, no representative) until `add` offers an outcome with it.
   * `points()` lists only vectors offered through `add`.
   */
  addKnown(u: ArrayLike<number>): void {
    this.add(u, Infinity, false);
    const s = this.lookup(u);
    if (s >= 0 && this.alive[s] === 1 && this.rep[s] === Infinity) this.tie[s] = 0;
  }

  /** Offers `count` outcomes (default 1) sharing the vector u, the lowest of index `index`, all rational or none. */
  add(u: ArrayLike<number>, index: number, rational: boolean, count = 1): void {
    const n = this.n;
    // 1. the recent dominators (≥ everywhere, > somewhere)
    if (this.recentBeats(u, -1)) return;
    // 2. an equal vector
    const eq = this.lookup(u);
    if (eq >= 0) {
      if (this.alive[eq] === 1) {
        this.tie[eq]! += count;
        if (index < this.rep[eq]!) this.rep[eq] = index;
        if (rational) {
          if (this.rrep[eq]! < 0 || index < this.rrep[eq]!) this.rrep[eq] = index;
          this.rtie[eq]! += count;
        }
      }
      return;
    }
    // 3. a live point ≥ u everywhere (not equal: the hash said so) dominates it
    const dom = this.search(u, 0, false);
    if (dom >= 0) {
      this.remember(dom);
      return;
    }
    this.removeDominatedBy(u);
    if (this.used === this.cap) this.makeRoom();
    const slot = this.used++;
    const b = slot * n;
    for (let i = 0; i < n; i++) this.U[b + i] = u[i]!;
    this.rep[slot] = index;
    this.tie[slot] = count;
    this.rrep[slot] = rational ? index : -1;
    this.rtie[slot] = rational ? count : 0;
    this.alive[slot] = 1;
    this.live++;
    this.hashInsert(slot);
    this.treeInsert(slot);
  }

  /** Marks dead every live point that u weakly dominates (u equals no live point). */
  private removeDominatedBy(u: ArrayLike<number>): void {
    const n = this.n;
    const alive = this.alive;
    const min = this.min;
    const stack = this.stack;
    const slots = this.leafSlots;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top]!;
      const b = node * n;
      let i = 0;
      while (i < n && min[b + i]! <= u[i]!) i++;
      if (i < n) continue;
      const l = this.left[node]!;
      if (l < 0) {
        for (let k = node * LEAF, e = k + this.leafLen[node]!; k < e; k++) {
          const s = slots[k]!;
          if (alive[s] === 1 && this.under(s, u)) {
            alive[s] = 0;
            this.live--;
            this.deadInTree++;
          }
        }
      } else {
        stack[top++] = l;
        stack[top++] = this.right[node]!;
      }
    }
  }

  /** Puts a live slot into the tree, growing boxes on the way down; splits a full leaf. */
  private treeInsert(slot: number): void {
    const n = this.n;
    const U = this.U;
    const b = slot * n;
    let node = 0;
    let depth = 0;
    for (;;) {
      const nb = node * n;
      for (let i = 0; i < n; i++) {
        const v = U[b + i]!;
        if (v > this.max[nb + i]!) this.max[nb + i] = v;
        if (v < this.min[nb + i]!) this.min[nb + i] = v;
      }
      const l = this.left[node]!;
      if (l < 0) break;
      node = U[b + this.dim[node]!]! < this.split[node]! ? l : this.right[node]!;
      depth++;
    }
    if (this.leafLen[node]! === LEAF) this.compactLeaf(node);
    if (this.leafLen[node]! < LEAF) {
      this.leafSlots[node * LEAF + this.leafLen[node]!] = slot;
      this.leafLen[node]!++;
    } else {
      this.splitLeaf(node, slot);
      depth++;
    }
    if (this.stack.length < 2 * depth + 8) this.stack = new Int32Array(4 * depth + 16);
    if (this.deadInTree > 64 && this.deadInTree > this.live) this.rebuild();
  }

  private compactLeaf(node: number): void {
    let w = node * LEAF;
    for (let k = node * LEAF, e = k + this.leafLen[node]!; k < e; k++) {
      const s = this.leafSlots[k]!;
      if (this.alive[s] === 1) this.leafSlots[w++] = s;
      else this.deadInTree--;
    }
    this.leafLen[node] = w - node * LEAF;
  }

  /** Splits a full leaf (plus `extra`) at the median of its widest utility. */
  private splitLeaf(node: number, extra: number): void {
    const n = this.n;
    const U = this.U;
    const all = (this.scratch ??= new Int32Array(LEAF + 1));
    const cnt = this.leafLen[node]!;
    for (let k = 0; k < cnt; k++) all[k] = this.leafSlots[node * LEAF + k]!;
    all[cnt] = extra;
    const total = cnt + 1;
    let dim = 0;
    let spread = -1;
    for (let i = 0; i < n; i++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < total; k++) {
        const v = U[all[k]! * n + i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi - lo > spread) {
        spread = hi - lo;
        dim = i;
      }
    }
    // sort the slots by that utility (insertion sort: at most LEAF + 1 of them)
    for (let a = 1; a < total; a++) {
      const s = all[a]!;
      const v = U[s * n + dim]!;
      let c = a - 1;
      while (c >= 0 && U[all[c]! * n + dim]! > v) {
        all[c + 1] = all[c]!;
        c--;
      }
      all[c + 1] = s;
    }
    // Split at the median value: slots below it go left (distinct vectors differ in the widest utility, so both sides are non-empty).
    let mid = total >> 1;
    const sv = U[all[mid]! * n + dim]!;
    while (mid > 0 && U[all[mid - 1]! * n + dim]! === sv) mid--;
    if (mid === 0) {
      mid = total >> 1;
      while (mid < total && U[all[mid]! * n + dim]! === sv) mid++;
    }
    const l = this.newNode();
    const r = this.newNode();
    this.makeLeaf(l);
    this.makeLeaf(r);
    this.left[node] = l;
    this.right[node] = r;
    this.dim[node] = dim;
    this.split[node] = U[all[mid]! * n + dim]!;
    for (let k = 0; k < total; k++) {
      const s = all[k]!;
      const child = k < mid ? l : r;
      this.leafSlots[child * LEAF + this.leafLen[child]!] = s;
      this.leafLen[child]!++;
      const cb = child * n;
      const sb = s * n;
      for (let i = 0; i < n; i++) {
        const v = U[sb + i]!;
        if (v > this.max[cb + i]!) this.max[cb + i] = v;
        if (v < this.min[cb + i]!) this.min[cb + i] = v;
      }
    }
  }

  /** Rebuilds the tree from the live points (tight boxes, no removed points). */
  private rebuild(): void {
    this.nodes = 1;
    this.makeLeaf(0);
    this.deadInTree = 0;
    for (let s = 0; s < this.used; s++) if (this.alive[s] === 1) this.treeInsert(s);
  }

  /** Makes room for a slot: drops removed points when they are many, else doubles the capacity. */
  private makeRoom(): void {
    if (this.used - this.live >= this.live) {
      const n = this.n;
      let w = 0;
      for (let s = 0; s < this.used; s++) {
        if (this.alive[s] !== 1) continue;
        if (w !== s) {
          this.U.copyWithin(w * n, s * n, s * n + n);
          this.rep[w] = this.rep[s]!;
          this.tie[w] = this.tie[s]!;
          this.rrep[w] = this.rrep[s]!;
          this.rtie[w] = this.rtie[s]!;
          this.alive[w] = 1;
        }
        w++;
      }
      this.alive.fill(0, w, this.used);
      this.used = w;
      this.rehash();
      this.rebuild();
    }
    if (this.used === this.cap) this.grow(this.cap * 2);
  }

  points(): SkylinePoint[] {
    const out: SkylinePoint[] = [];
    const n = this.n;
    const U = this.U;
    for (let s = 0; s < this.used; s++) {
      if (this.alive[s] !== 1 || this.tie[s] === 0) continue;
      const utilities = new Array<number>(n);
      for (let i = 0; i < n; i++) utilities[i] = U[s * n + i]!;
      out.push({ utilities, rep: this.rep[s]!, ties: this.tie[s]!, rationalRep: this.rrep[s]!, rationalTies: this.rtie[s]! });
    }
    return out.sort(byUtilitiesDescending);
  }
}
