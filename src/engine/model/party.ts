import type { Preferences } from './preferences.ts';
import type { Provenance } from './provenance.ts';
import type { RedLine } from './red-line.ts';
import type { Discount, Reservation } from './reservation.ts';

/** A party's role: a negotiator (its consent counts), a mediator or an observer. */
export type Role = 'negotiator' | 'mediator' | 'observer';
export const ROLES: readonly Role[] = ['negotiator', 'mediator', 'observer'];

/** A party to the negotiation: its role, preferences, red lines, reservation value and discount. */
export interface Party {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly description?: string;
  readonly provenance?: Provenance;
  /** Optional for mediators and observers; negotiators need them for analysis. */
  readonly preferences?: Preferences;
  readonly reservation?: Reservation;
  readonly discount?: Discount;
  readonly redLines?: readonly RedLine[];
}
