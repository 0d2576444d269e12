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

/** The ids of the parties whose consent the rule requires (vetoes). */
export function ruleRequired(rule: AgreementRule, parties: readonly Party[]): string[] {
  return rule.type === 'unanimity' ? ruleVoters(rule, parties) : [...rule.required];
}

/** How many accepting voters the rule needs. */
export function ruleQuorum(rule: AgreementRule, parties: readonly Party[]): number {
  return rule.type === 'unanimity' ? ruleVoters(rule, parties).length : rule.k;
}

/** Whether the rule is met when exactly the parties in `accepting` accept. */
export function ruleAccepts(rule: AgreementRule, parties: readonly Party[], accepting: (partyId: string) => boolean): boolean {
  const voters = ruleVoters(rule, parties);
  let yes = 0;
  for (const v of voters) if (accepting(v)) yes++;
  if (yes < ruleQuorum(rule, parties)) return false;
  return ruleRequired(rule, parties).every(accepting);
}

export function describeRule(rule: AgreementRule, parties: readonly Party[]): string {
  const voters = ruleVoters(rule, parties);
  if (rule.type === 'unanimity') return `unanimity of ${voters.join(', ')}`;
  const req = rule.required.length ? `, with the consent of ${rule.required.join(', ')} required` : '';
  return `at least ${rule.k} of ${voters.length} (${voters.join(', ')})${req}`;
}
