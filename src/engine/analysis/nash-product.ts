/**
 * The Nash product, in one place for `analyze` and the what-if layer.
 *
 * **Rule.** A counted party contributes its gain over its disagreement value
 * rᵢ (its reservation, 0 when it has none): gᵢ = uᵢ − rᵢ, with uᵢ rounded to
 * 10 decimals. Only non-negative gains are multiplied: a counted party that
 * would lose (gᵢ < 0) contributes 0, never a negative factor, so two losing
 * parties can never make a positive product.
 *
 * **Who counts.** For `analyze`'s Nash solution: the negotiators with
 * preferences, over the rational set (every one of them accepts, so every
 * factor is its gain). For the best *passing* deal of an agreement rule
 * (what-if, rule comparison): the rule's voters with preferences. A passing
 * deal may be refused by outvoted voters, so deals are ranked by
 * 1. how many counted voters accept it (more first), then
 * 2. the product of the accepting voters' gains (each ≥ 0), then
 * 3. the lowest outcome index.
 * When the rule is unanimity of the negotiators this is `analyze`'s Nash deal.
 */

/** A counted party's factor: its gain u − d, or 0 when it gains nothing or loses. */
export function nashFactor(u: number, d: number): number {
  const g = u - d;
  return g > 0 ? g : 0;
}

/** A candidate for the best passing deal: counted voters that accept, their product of gains, outcome index. */
export interface PassingKey {
  accepting: number;
  product: number;
  index: number;
}

/** Whether candidate `a` ranks above `b` (more accepting voters, then larger product, then lower index). */
export function betterPassing(a: PassingKey, b: PassingKey): boolean {
  if (b.index < 0) return a.index >= 0;
  if (a.accepting !== b.accepting) return a.accepting > b.accepting;
  if (a.product !== b.product) return a.product > b.product;
  return a.index < b.index;
}
