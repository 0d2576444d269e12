import type { Party } from './party.ts';
import type { Provenance } from './provenance.ts';

/**
 * When an outcome becomes an agreement.
 * - `unanimity`: every voter accepts. Voters default to the negotiators.
 * - `quorum`: at least k voters accept, and every party in `required` accepts
 *   (a required party has a veto). Voters default to the negotiators.
 * Mediators and observers count only when the rule names them.
 */
export type AgreementRule =
  | { readonly type: 'unanimity'; readonly voters?: readonly string[]; readonly provenance?: Provenance }
  | {
      readonly type: 'quorum';
      readonly k: number;
      readonly voters?: readonly string[];
      readonly required: readonly string[];
      readonly provenance?: Provenance;
    };

export const UNANIMITY: AgreementRule = { type: 'unanimity' };

/** The ids of the parties whose acceptance the rule counts. */
export function ruleVoters(rule: AgreementRule, parties: readonly Party[]): string[] {
  const voters = rule.voters ?? parties.filter((p) => p.role === 'negotiator').map((p) => p.id);
  const extra = rule.type === 'quorum' ? rule.required.filter((id) => !voters.includes(id)) : [];
  return [...voters, ...extra];
}

/** The ids of the parties whose consent the rule requires (vetoes). `voters`: the rule's voters, when already known. */
export function ruleRequired(rule: AgreementRule, parties: readonly Party[], voters?: readonly string[]): string[] {
  return rule.type === 'unanimity' ? [...(voters ?? ruleVoters(rule, parties))] : [...rule.required];
}

/** How many accepting voters the rule needs. `voters`: the rule's voters, when already known. */
export function ruleQuorum(rule: AgreementRule, parties: readonly Party[], voters?: readonly string[]): number {
  return rule.type === 'unanimity' ? (voters ?? ruleVoters(rule, parties)).length : rule.k;
}

/**
 * The rule compiled over positions in a list of party ids (the scenario's
 * parties, a session's participants, a table's columns): who votes, who must
 * consent, how many must accept. A party missing from the list is position
 * −1 and can never accept. The one place where a rule becomes positions;
 * `ruleMetBy` is the one place where it is decided.
 */
export interface RulePositions {
  readonly voters: readonly number[];
  readonly required: readonly number[];
  readonly quorum: number;
}

export function rulePositions(rule: AgreementRule, parties: readonly Party[], order?: readonly string[]): RulePositions {
  const voters = ruleVoters(rule, parties);
  const required = ruleRequired(rule, parties, voters);
  return { voters: positionsIn(voters, parties, order), required: positionsIn(required, parties, order), quorum: ruleQuorum(rule, parties, voters) };
}

/** Each id's position in `order` (default: the parties' ids), or −1. */
function positionsIn(ids: readonly string[], parties: readonly Party[], order: readonly string[] | undefined): number[] {
  const out = new Array<number>(ids.length);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    let at = -1;
    if (order) at = order.indexOf(id);
    else for (let i = 0; i < parties.length && at < 0; i++) if (parties[i]!.id === id) at = i;
    out[k] = at;
  }
  return out;
}

/** Whether the rule is met when exactly the positions for which `accepts` holds accept (position −1 never does). */
export function ruleMetBy(rule: RulePositions, accepts: (position: number) => boolean): boolean {
  const { voters, required } = rule;
  let yes = 0;
  for (let k = 0; k < voters.length; k++) {
    const i = voters[k]!;
    if (i >= 0 && accepts(i)) yes++;
  }
  if (yes < rule.quorum) return false;
  for (let k = 0; k < required.length; k++) {
    const i = required[k]!;
    if (i < 0 || !accepts(i)) return false;
  }
  return true;
}

/** Whether the rule is met when exactly the parties in `accepting` accept. */
export function ruleAccepts(rule: AgreementRule, parties: readonly Party[], accepting: (partyId: string) => boolean): boolean {
  const order = parties.map((p) => p.id);
  return ruleMetBy(rulePositions(rule, parties, order), (i) => accepting(order[i]!));
}

export function describeRule(rule: AgreementRule, parties: readonly Party[]): string {
  const voters = ruleVoters(rule, parties);
  if (rule.type === 'unanimity') return `unanimity of ${voters.join(', ')}`;
  const req = rule.required.length ? `, with the consent of ${rule.required.join(', ')} required` : '';
  return `at least ${rule.k} of ${voters.length} (${voters.join(', ')})${req}`;
}
