import type { Provenance } from './provenance.ts';
import type { ValueFunction } from './value-function.ts';
import { maxOf } from '../util/arrays.ts';

/**
 * Linear additive preferences: U(o) = Σᵢ weightᵢ · valueᵢ(oᵢ), with the weights
 * as written (they are not renormalised; GENIUS semantics).
 */
export interface LinearAdditivePreferences {
  readonly type: 'linear-additive';
  /** One weight per issue, in issue order. */
  readonly weights: readonly number[];
  /** One value function per issue, in issue order. */
  readonly values: readonly ValueFunction[];
  /** Provenance of each weight, in issue order. */
  readonly weightProvenance?: readonly (Provenance | undefined)[];
  /** Provenance of each issue's value function, in issue order. */
  readonly valueProvenance?: readonly (Provenance | undefined)[];
  readonly provenance?: Provenance;
}

/** A bound on one issue, in value positions (inclusive). */
export interface Bound {
  readonly issue: number;
  readonly min: number;
  readonly max: number;
}

/**
 * A hyperrectangle constraint. With `includes` it pays `utility · weight` when
 * every bound contains the outcome; with `excludes` it pays when some bound
 * does not (GENIUS semantics).
 */
export interface Hyperrectangle {
  readonly utility: number;
  readonly weight: number;
  readonly mode: 'includes' | 'excludes';
  readonly bounds: readonly Bound[];
}

/**
 * Constraint-based nonlinear preferences: the rectangles' payments aggregated
 * by sum, min or max, then divided by `normalizer` (the maximum utility).
 */
export interface ConstraintPreferences {
  readonly type: 'constraints';
  readonly aggregation: 'sum' | 'min' | 'max';
  readonly constraints: readonly Hyperrectangle[];
  /** Divisor that brings the aggregate to [0, 1]; GENIUS's `maxutility`. */
  readonly normalizer: number;
  readonly provenance?: Provenance;
}

/** A party's preferences over outcomes: linear-additive (weights and value functions) or constraints (GENIUS hyperrectangles). */
export type Preferences = LinearAdditivePreferences | ConstraintPreferences;

/** An upper bound on the aggregate of constraint preferences, used when no normaliser is given. */
export function constraintUpperBound(constraints: readonly Hyperrectangle[], aggregation: 'sum' | 'min' | 'max'): number {
  const pays = constraints.map((c) => c.utility * c.weight);
  if (pays.length === 0) return 1;
  if (aggregation === 'sum') return pays.reduce((s, p) => s + Math.max(p, 0), 0) || 1;
  return maxOf(pays) || 1;
}
