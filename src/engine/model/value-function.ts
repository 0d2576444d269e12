/**
 * Value functions map one issue's value to an evaluation, usually in [0, 1].
 * `table` is indexed by the value position; the others read the
 * numeric value (integer or real issues).
 */
export type ValueFunction =
  | { readonly type: 'table'; readonly values: readonly number[] }
  /** clip(slope · (x − origin) + offset, 0, 1) */
  | { readonly type: 'linear'; readonly slope: number; readonly offset: number; readonly origin: number }
  /** 0 at or beyond `low` and `high`, 1 at `peak`, linear in between. */
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
    case 'triangular': {
      if (x <= f.low || x >= f.high) return x === f.peak ? 1 : 0;
      if (x === f.peak) return 1;
      return x < f.peak ? (x - f.low) / (f.peak - f.low) : (f.high - x) / (f.high - f.peak);
    }
  }
}
