import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ruleAccepts, ruleMetBy, rulePositions, type AgreementRule } from './agreement-rule.ts';
import type { Party } from './party.ts';

const IDS = ['a', 'b', 'c', 'd'];
const parties: Party[] = IDS.map((id, i) => ({ id, name: id, role: i < 3 ? 'negotiator' : 'mediator' }) as Party);

const ruleArb: fc.Arbitrary<AgreementRule> = fc.oneof(
  fc.record({ type: fc.constant('unanimity' as const), voters: fc.option(fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1 }), { nil: undefined }) }).map((r) =>
    r.voters ? { type: 'unanimity' as const, voters: r.voters } : { type: 'unanimity' as const },
  ),
  fc.record({ k: fc.integer({ min: 1, max: 4 }), voters: fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1 }), required: fc.uniqueArray(fc.constantFrom(...IDS)) }).map((r) => ({ type: 'quorum' as const, ...r })),
);

describe('the agreement rule over positions (its one implementation)', () => {
  it('agrees with the rule spelled out: at least k voters accept and every required party does', () => {
    fc.assert(
      fc.property(ruleArb, fc.subarray(IDS), (rule, yes) => {
        const voters = rule.voters ?? IDS.filter((_, i) => i < 3);
        const allVoters = rule.type === 'quorum' ? [...voters, ...rule.required.filter((r) => !voters.includes(r))] : voters;
        const k = rule.type === 'quorum' ? rule.k : allVoters.length;
        const required = rule.type === 'quorum' ? rule.required : allVoters;
        const expected = allVoters.filter((v) => yes.includes(v)).length >= k && required.every((r) => yes.includes(r));
        expect(ruleAccepts(rule, parties, (id) => yes.includes(id))).toBe(expected);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('a voter or required party missing from the positions can never accept', () => {
    const rule: AgreementRule = { type: 'quorum', k: 1, voters: ['a', 'b'], required: ['c'] };
    const r = rulePositions(rule, parties, ['a', 'b']);
    expect(r).toEqual({ voters: [0, 1, -1], required: [-1], quorum: 1 });
    expect(ruleMetBy(r, () => true)).toBe(false);
    expect(ruleMetBy(rulePositions({ type: 'quorum', k: 1, voters: ['a', 'b'], required: [] }, parties, ['b']), () => true)).toBe(true);
  });
});
