import type { Provenance } from './provenance.ts';

/** A condition on one issue: its value position is one of `anyOf`, or within [from, to]. */
export type RedLineCondition =
  | { readonly issue: number; readonly anyOf: readonly number[] }
  | { readonly issue: number; readonly from: number; readonly to: number };

/**
 * A hard constraint a party never accepts, whatever the utility: an outcome
 * crosses the red line when every condition holds.
 */
export interface RedLine {
  readonly id?: string;
  readonly description: string;
  readonly conditions: readonly RedLineCondition[];
  readonly provenance?: Provenance;
}

/** Long `anyOf` lists as hash sets, made once per list (a list may hold up to 10^6 values: docs/limits.md). */
const anyOfSets = new WeakMap<readonly number[], ReadonlySet<number>>();
const SHORT_LIST = 16;

export function conditionHolds(c: RedLineCondition, outcome: ArrayLike<number>): boolean {
  const v = outcome[c.issue]!;
  if (!('anyOf' in c)) return v >= c.from && v <= c.to;
  if (c.anyOf.length <= SHORT_LIST) return c.anyOf.includes(v);
  let set = anyOfSets.get(c.anyOf);
  if (!set) {
    set = new Set(c.anyOf);
    anyOfSets.set(c.anyOf, set);
  }
  return set.has(v);
}

/** Whether an outcome (value indices, one per issue) crosses a red line: every condition of the line holds. */
export function crossesRedLine(line: RedLine, outcome: ArrayLike<number>): boolean {
  return line.conditions.every((c) => conditionHolds(c, outcome));
}
