/**
 * Symmetric issues: issues with the same number of options whose weighted
 * value tables are identical for every party. An outcome's utilities then
 * depend only on the multiset of values those issues take, so a walk over
 * the outcome space can visit one arrangement per multiset.
 */

/** Most multisets one group may have; a larger class of symmetric issues is split into several groups. */
const MAX_MULTISETS = 65_536;

/** A step of the walk: one issue, or several symmetric issues taken together. */
export interface IssueGroup {
  /** The issues, ascending. */
  readonly positions: Int32Array;
  /** Number of issues. */
  readonly g: number;
  /** Number of multisets of values (for one issue: its number of options). */
  readonly M: number;
  /** Multiset m: the values per issue in the lowest-index arrangement (ascending), at [m·g + k]. */
  readonly digits: Int32Array;
  /** Multiset m: party p's summed table entries, at [m·d + p]. */
  readonly contrib: Float64Array;
  /** Multiset m: its number of arrangements (a multinomial coefficient). */
  readonly mult: Float64Array;
  /** Multiset m: Σ value × stride over the issues (its lowest arrangement's contribution to the outcome index). */
  readonly index: Float64Array;
  /** Per party: the largest and smallest contribution. */
  readonly max: Float64Array;
  readonly min: Float64Array;
  /** Number of outcomes of the group's issues (options^g). */
  readonly size: number;
  /** Σ over parties of (max − min): how much the group spreads utilities. */
  readonly spread: number;
}

function sameTable(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let j = 1; j <= k; j++) r = (r * (n - k + j)) / j;
  return Math.round(r);
}

/**
 * Groups the issues: each class of symmetric issues (tables[p][i] identical
 * for every party p) becomes one or more groups of at most MAX_MULTISETS
 * multisets; every other issue is a group of its own.
 */
export function issueGroups(tables: readonly (readonly Float64Array[])[], radices: Int32Array, strides: Float64Array): IssueGroup[] {
  const n = radices.length;
  const d = tables.length;
  const classes: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = classes.find((c) => radices[i] === radices[c[0]!] && tables.every((t) => sameTable(t[i]!, t[c[0]!]!)));
    if (c) c.push(i);
    else classes.push([i]);
  }
  const out: IssueGroup[] = [];
  for (const c of classes) {
    const R = radices[c[0]!]!;
    let at = 0;
    while (at < c.length) {
      let g = 1;
      while (at + g < c.length && binomial(g + 1 + R - 1, g + 1) <= MAX_MULTISETS) g++;
      out.push(makeGroup(c.slice(at, at + g), R, tables, d, strides));
      at += g;
    }
  }
  return out;
}

function makeGroup(positions: number[], R: number, tables: readonly (readonly Float64Array[])[], d: number, strides: Float64Array): IssueGroup {
  const g = positions.length;
  const M = binomial(g + R - 1, g);
  const digits = new Int32Array(M * g);
  const contrib = new Float64Array(M * d);
  const mult = new Float64Array(M);
  const index = new Float64Array(M);
  const seq = new Int32Array(g);
  let m = 0;
  const emit = () => {
    digits.set(seq, m * g);
    let idx = 0;
    for (let k = 0; k < g; k++) idx += seq[k]! * strides[positions[k]!]!;
    index[m] = idx;
    for (let p = 0; p < d; p++) {
      let u = 0;
      for (let k = 0; k < g; k++) u += tables[p]![positions[k]!]![seq[k]!]!;
      contrib[m * d + p] = u;
    }
    // multinomial g! / Π runs!, as a product of binomials (exact integers below 2^53)
    let mu = 1;
    let left = g;
    let run = 1;
    for (let k = 1; k <= g; k++) {
      if (k < g && seq[k] === seq[k - 1]) run++;
      else {
        mu *= binomial(left, run);
        left -= run;
        run = 1;
      }
    }
    mult[m] = mu;
    m++;
  };
  const rec = (k: number, from: number) => {
    if (k === g) {
      emit();
      return;
    }
    for (let v = from; v < R; v++) {
      seq[k] = v;
      rec(k + 1, v);
    }
  };
  rec(0, 0);
  const max = new Float64Array(d).fill(-Infinity);
  const min = new Float64Array(d).fill(Infinity);
  for (let k = 0; k < M; k++) {
    for (let p = 0; p < d; p++) {
      const v = contrib[k * d + p]!;
      if (v > max[p]!) max[p] = v;
      if (v < min[p]!) min[p] = v;
    }
  }
  let spread = 0;
  for (let p = 0; p < d; p++) spread += max[p]! - min[p]!;
  return { positions: Int32Array.from(positions), g, M, digits, contrib, mult, index, max, min, size: R ** g, spread };
}
