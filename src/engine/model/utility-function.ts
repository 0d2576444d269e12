import { issueNumberAt } from './issue.ts';
import type { OutcomeSpace } from './outcome-space.ts';
import { constraintUpperBound, type ConstraintPreferences, type LinearAdditivePreferences, type Preferences } from './preferences.ts';
import { evaluateValueFunction } from './value-function.ts';

/** A compiled utility function over an outcome space. */
export interface UtilityFunction {
  readonly space: OutcomeSpace;
  /** Utility of one outcome (value positions per issue). */
  utility(outcome: ArrayLike<number>): number;
  /** Utilities of `count` outcomes laid out row by row in `digits` (see OutcomeSpace.forEachBlock). */
  evaluateBlock(digits: Int32Array, count: number, out: Float64Array): void;
  /**
   * For linear additive preferences: per issue, weight × value of each value
   * position, so that U(o) = Σᵢ tables[i][oᵢ]. Enables exact fast paths.
   */
  readonly tables?: readonly Float64Array[];
  /** Rough cost of one evaluation in elementary steps (issues read, bounds tested), for work budgets. */
  readonly cost?: number;
}

/** Compiles preferences into a utility function over the outcome space (outcomes as value indices). */
export function compileUtility(space: OutcomeSpace, prefs: Preferences): UtilityFunction {
  return prefs.type === 'linear-additive' ? compileLinear(space, prefs) : compileConstraints(space, prefs);
}

/** Per issue, weight × value at each value position. */
export function weightedTables(space: OutcomeSpace, prefs: LinearAdditivePreferences): Float64Array[] {
  return space.issues.map((issue, i) => {
    const w = prefs.weights[i] ?? 0;
    const f = prefs.values[i];
    const t = new Float64Array(space.radices[i]!);
    if (f) for (let k = 0; k < t.length; k++) t[k] = w * evaluateValueFunction(f, k, issueNumberAt(issue, k));
    return t;
  });
}

function compileLinear(space: OutcomeSpace, prefs: LinearAdditivePreferences): UtilityFunction {
  const tables = weightedTables(space, prefs);
  const n = tables.length;
  return {
    space,
    tables,
    cost: Math.max(1, n),
    utility(o) {
      let u = 0;
      for (let i = 0; i < n; i++) u += tables[i]![o[i]!]!;
      return u;
    },
    evaluateBlock(digits, count, out) {
      for (let j = 0; j < count; j++) {
        let u = 0;
        const base = j * n;
        for (let i = 0; i < n; i++) u += tables[i]![digits[base + i]!]!;
        out[j] = u;
      }
    },
  };
}

const JAVA_INT_MAX = 2147483647;

function compileConstraints(space: OutcomeSpace, prefs: ConstraintPreferences): UtilityFunction {
  const rects = prefs.constraints;
  const pays = rects.map((r) => r.utility * r.weight);
  const norm = prefs.normalizer > 0 ? prefs.normalizer : constraintUpperBound(rects, prefs.aggregation);
  const inc = rects.map((r) => r.mode === 'includes');
  const issueIdx = rects.map((r) => Int32Array.from(r.bounds.map((b) => b.issue)));
  const mins = rects.map((r) => Int32Array.from(r.bounds.map((b) => b.min)));
  const maxs = rects.map((r) => Int32Array.from(r.bounds.map((b) => b.max)));
  const agg = prefs.aggregation;
  const n = space.issueCount;
  // GENIUS (UtilityFunction.getUtility, NonlinearUtilitySpace.getUtility): min and max start from
  // ±Integer.MAX_VALUE, non-matching rectangles pay 0 and still count, and the
  // result f / maxutility is capped at 1 (not floored).
  const valueAt = (get: (i: number) => number): number => {
    let acc = agg === 'sum' ? 0 : agg === 'min' ? JAVA_INT_MAX : -JAVA_INT_MAX;
    for (let r = 0; r < rects.length; r++) {
      const is = issueIdx[r]!;
      const lo = mins[r]!;
      const hi = maxs[r]!;
      let pay: number;
      if (inc[r]) {
        let inside = true;
        for (let b = 0; b < is.length; b++) {
          const v = get(is[b]!);
          if (v < lo[b]! || v > hi[b]!) {
            inside = false;
            break;
          }
        }
        pay = inside ? pays[r]! : 0;
      } else {
        let outside = false;
        for (let b = 0; b < is.length; b++) {
          const v = get(is[b]!);
          if (v < lo[b]! || v > hi[b]!) {
            outside = true;
            break;
          }
        }
        pay = outside ? pays[r]! : 0;
      }
      if (agg === 'sum') acc += pay;
      else if (agg === 'min') acc = Math.min(acc, pay);
      else acc = Math.max(acc, pay);
    }
    const u = acc / norm;
    return u > 1 ? 1 : u;
  };
  return {
    space,
    cost: rects.reduce((c, r) => c + 1 + r.bounds.length, 1),
    utility: (o) => valueAt((i) => o[i]!),
    evaluateBlock(digits, count, out) {
      for (let j = 0; j < count; j++) {
        const base = j * n;
        out[j] = valueAt((i) => digits[base + i]!);
      }
    },
  };
}
