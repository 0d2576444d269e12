/**
 * Value functions map one issue's value to an evaluation, usually in [0, 1].
 * `table` is indexed by the value position; the others read the
 * numeric value (integer or real issues).
 */
export type ValueFunction =
  | { readonly type: 'table'; readonly values: readonly number[] }
  /** clip(slope · (x − origin) + offset, 0, 1) */
  | { readonly type: 'linear'; readonly slope: number; readonly offset: number; readonly origin: number }
  /** GENIUS's triangle: 0 below `low` and from `high` on, rising linearly to 1 at `peak`, then falling linearly towards `high`. */
  | { readonly type: 'triangular'; readonly low: number; readonly peak: number; readonly high: number }
  | { readonly type: 'constant'; readonly value: number };

function clip01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Evaluates a value function at value position `index`, whose numeric value is `x`. */
export function evaluateValueFunction(f: ValueFunction, index: number, x: number): number {
  switch (f.type) {
    case 'table':
      return f.values[index] ?? 0;
    case 'linear':
      return clip01(f.slope * (x - f.origin) + f.offset);
    case 'constant':
      return f.value;
    case 'triangular':
      // GENIUS's EVALFUNCTYPE.evalTriangular, branch for branch.
      if (x < f.low) return 0;
      if (x < f.peak) return (x - f.low) / (f.peak - f.low);
      if (x < f.high) return 1 - (x - f.peak) / (f.high - f.peak);
      return 0;
  }
}
