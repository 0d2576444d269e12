import type { OutcomeSpace } from './outcome-space.ts';
import type { Party } from './party.ts';
import { crossesRedLine, type RedLine } from './red-line.ts';
import { compileUtility, type UtilityFunction } from './utility-function.ts';

/**
 * One party's view of outcomes: its utility, its reservation value and its
 * red lines, compiled against the outcome space.
 */
export interface PartyEvaluator {
  readonly party: Party;
  readonly ufun?: UtilityFunction;
  /** The reservation value as a utility; undefined when the party gives none. */
  readonly reservationValue: number | undefined;
  /** Whether the outcome crosses one of the party's red lines. */
  crossesRedLine(outcome: ArrayLike<number>): boolean;
  /** Whether the party would accept the outcome rather than walk away: no red line crossed and utility ≥ reservation. */
  acceptable(outcome: ArrayLike<number>): boolean;
}

/** Compiles a party for fast evaluation over an outcome space: its utility, reservation, discount and red lines. */
export function compileParty(space: OutcomeSpace, party: Party): PartyEvaluator {
  const ufun = party.preferences ? compileUtility(space, party.preferences) : undefined;
  const res = party.reservation;
  let reservationValue: number | undefined;
  if (res && 'value' in res) reservationValue = res.value;
  else if (res && 'outcome' in res) reservationValue = ufun ? ufun.utility(res.outcome) : undefined;
  return new CompiledParty(party, ufun, reservationValue);
}

/** A class rather than closures: compiled once per party and analysis, often for a small space where set-up counts. */
class CompiledParty implements PartyEvaluator {
  private readonly lines: readonly RedLine[];
  constructor(
    readonly party: Party,
    readonly ufun: UtilityFunction | undefined,
    readonly reservationValue: number | undefined,
  ) {
    this.lines = party.redLines ?? [];
  }

  crossesRedLine(o: ArrayLike<number>): boolean {
    const lines = this.lines;
    for (let k = 0; k < lines.length; k++) if (crossesRedLine(lines[k]!, o)) return true;
    return false;
  }

  acceptable(o: ArrayLike<number>): boolean {
    if (this.crossesRedLine(o)) return false;
    if (!this.ufun) return true;
    return meetsReservation(this.ufun.utility(o), this.reservationValue);
  }
}

/**
 * The acceptance rule on utilities, in one place: a utility meets the
 * reservation when there is none or it is at least the reservation (raw
 * utilities, not rounded). Red lines are checked separately.
 */
export function meetsReservation(u: number, reservation: number | undefined): boolean {
  return reservation === undefined || u >= reservation;
}
