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

export function conditionHolds(c: RedLineCondition, outcome: ArrayLike<number>): boolean {
  const v = outcome[c.issue]!;
  return 'anyOf' in c ? c.anyOf.includes(v) : v >= c.from && v <= c.to;
}

/** Whether an outcome (value indices, one per issue) crosses a red line: every condition of the line holds. */
export function crossesRedLine(line: RedLine, outcome: ArrayLike<number>): boolean {
  return line.conditions.every((c) => conditionHolds(c, outcome));
}
