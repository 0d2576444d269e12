import type { Provenance } from './provenance.ts';

/**
 * A party's reservation (BATNA): the utility it gets with no deal, given as a
 * number or as an outcome whose utility it is.
 */
export type Reservation =
  | { readonly value: number; readonly provenance?: Provenance }
  | { readonly outcome: readonly number[]; readonly provenance?: Provenance };

/**
 * Discounting over time: utility · factor^t. With `per: 'time'`, t is the
 * relative time in [0, 1] (GENIUS); with `per: 'round'`, t is the round number
 * (NegMAS's ExpDiscountedUFun). A factor outside (0, 1) means no discount.
 */
export interface Discount {
  readonly factor: number;
  readonly per: 'time' | 'round';
}

/** Whether a discount actually discounts. */
export function isDiscounting(d: Discount | undefined): d is Discount {
  return !!d && d.factor > 0 && d.factor < 1;
}

/** Discounted utility at time t (relative time or round, as the discount says). */
export function discounted(u: number, d: Discount | undefined, t: number): number {
  return isDiscounting(d) ? u * Math.pow(d.factor, t) : u;
}
