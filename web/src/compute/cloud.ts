// Every outcome's utilities for a pair of parties: raw points for small spaces, a density grid for large ones.
import { OutcomeSpace, compileUtility, createRng } from 'parley';
import type { Scenario } from 'parley';

export interface CloudPoints {
  readonly kind: 'points';
  /** Utilities of party a and b, and the outcome index, per point. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly index: Float64Array;
}

export interface CloudDensity {
  readonly kind: 'density';
  readonly bins: number;
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
  /** Outcomes per cell, row-major (cell = by · bins + bx; y grows upward). */
  readonly counts: Uint32Array;
  /** One outcome index per non-empty cell (the first met), as a number; −1 when empty. */
  readonly example: Float64Array;
}

export type Cloud = (CloudPoints | CloudDensity) & {
  readonly total: number;
  /** True when every outcome was visited; false when sampled. */
  readonly exact: boolean;
  /** Outcomes visited (the sample size when sampled). */
  readonly visited: number;
};

export interface CloudOptions {
  /** Show outcomes one by one up to this many (default 4000). */
  readonly maxPoints?: number;
  /** Grid cells per axis for density (default 64). */
  readonly bins?: number;
  /** Enumerate spaces up to this size; sample above (default 5·10⁶). */
  readonly enumerateLimit?: number;
  /** Outcomes sampled when the space is larger (default 200 000). */
  readonly sample?: number;
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Which cell a value falls in, clamped to the grid. */
export function binOf(v: number, min: number, max: number, bins: number): number {
  if (max <= min) return 0;
  const b = Math.floor(((v - min) / (max - min)) * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/**
 * The utility cloud of parties `a` and `b` (ids). Both need preferences.
 * Raw points when the space has at most `maxPoints` outcomes; otherwise a
 * density grid over every outcome (or over a seeded sample of a huge space).
 */
export function utilityCloud(scenario: Scenario, a: string, b: string, options: CloudOptions = {}): Cloud {
  const space = new OutcomeSpace(scenario.issues);
  const pa = scenario.parties.find((p) => p.id === a);
  const pb = scenario.parties.find((p) => p.id === b);
  if (!pa?.preferences || !pb?.preferences) throw new Error(`both parties need preferences to plot (${a}, ${b})`);
  const ua = compileUtility(space, pa.preferences);
  const ub = compileUtility(space, pb.preferences);
  const maxPoints = options.maxPoints ?? 4000;
  const bins = options.bins ?? 64;
  const size = space.sizeNumber;
  const enumerable = size !== undefined && size <= (options.enumerateLimit ?? 5_000_000);

  if (enumerable && size <= maxPoints) {
    const xs = new Float64Array(size);
    const ys = new Float64Array(size);
    const index = new Float64Array(size);
    space.forEachBlock((digits, count, start) => {
      const xa = new Float64Array(count);
      const yb = new Float64Array(count);
      ua.evaluateBlock(digits, count, xa);
      ub.evaluateBlock(digits, count, yb);
      xs.set(xa, start);
      ys.set(yb, start);
      for (let j = 0; j < count; j++) index[start + j] = start + j;
    });
    return { kind: 'points', xs, ys, index, total: size, exact: true, visited: size };
  }

  // Two passes would double the work: bin against the utility bounds instead (min/max per party).
  const boundsOf = (u: typeof ua, party: typeof pa) => {
    if (u.tables) {
      let lo = 0;
      let hi = 0;
      for (const t of u.tables) {
        let tl = Infinity;
        let th = -Infinity;
        for (const v of t) {
          if (v < tl) tl = v;
          if (v > th) th = v;
        }
        lo += tl;
        hi += th;
      }
      return [lo, hi] as const;
    }
    void party;
    return [0, 1] as const;
  };
  const [xmin, xmax] = boundsOf(ua, pa);
  const [ymin, ymax] = boundsOf(ub, pb);
  const counts = new Uint32Array(bins * bins);
  const example = new Float64Array(bins * bins).fill(-1);
  const add = (x: number, y: number, idx: number) => {
    const c = binOf(y, ymin, ymax, bins) * bins + binOf(x, xmin, xmax, bins);
    if (counts[c] === 0) example[c] = idx;
    counts[c]!++;
  };
  if (enumerable) {
    const xa = new Float64Array(4096);
    const yb = new Float64Array(4096);
    let done = 0;
    space.forEachBlock(
      (digits, count, start) => {
        ua.evaluateBlock(digits, count, xa);
        ub.evaluateBlock(digits, count, yb);
        for (let j = 0; j < count; j++) add(xa[j]!, yb[j]!, start + j);
        done += count;
        if ((done & 0xffff) < count) options.onProgress?.(done, size);
      },
      { blockSize: 4096 },
    );
    return { kind: 'density', bins, xmin, xmax, ymin, ymax, counts, example, total: size, exact: true, visited: size };
  }
  const rng = createRng(options.seed ?? 1);
  const n = options.sample ?? 200_000;
  for (let k = 0; k < n; k++) {
    const o = space.sample(rng);
    // The index of a sampled outcome may exceed 2^53: keep −2 (unknown) then; hover shows the cell only.
    const idx = size !== undefined ? space.indexOf(o) : -2;
    add(ua.utility(o), ub.utility(o), idx);
  }
  return { kind: 'density', bins, xmin, xmax, ymin, ymax, counts, example, total: size ?? Number.POSITIVE_INFINITY, exact: false, visited: n };
}
