import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyVariant } from 'parley';
import { parse as yamlParse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { addVariant, diagnose, removeIssue, removeOption, removeParty, renameOption, setVariantChange } from './doc-edit.ts';
import { readDoc } from './doc-model.ts';
import { changeProblem, baseNames, describeChange, droppedChanges, flattenPatch, followRemoval, staleChanges, withoutChanges } from './variant-follow.ts';
import { warnings } from './warnings.ts';

const ceasefire = readFileSync(join(REPO_ROOT, 'scenarios', 'ceasefire.yaml'), 'utf8');

/** The ceasefire scenario with a variant `what-if` of four changes: Ukraine's weight of crimea, value of an NPP option, reservation; Russia's value of crimea. */
function withVariant(): string {
  let s = addVariant(ceasefire, 'what-if', 'four changes');
  s = setVariantChange(s, 'what-if', ['parties', 'ukraine', 'preferences', 'weights', 'crimea'], '0.3');
  s = setVariantChange(s, 'what-if', ['parties', 'ukraine', 'preferences', 'values', 'zaporizhzhia-npp', 'values', 'russian-operation'], '0.2');
  s = setVariantChange(s, 'what-if', ['parties', 'ukraine', 'reservation'], '0.5');
  s = setVariantChange(s, 'what-if', ['parties', 'russia', 'preferences', 'weights', 'donetsk'], '0.2');
  expect(diagnose(s).diagnostics).toEqual([]);
  return s;
}
const changesOf = (s: string, id = 'what-if') => flattenPatch(readDoc(s)!.variants.find((v) => v.id === id)!.patch).map((c) => c.path.join('.'));
/** The text reads, and every variant applies to it. */
const allApply = (s: string) => {
  const d = diagnose(s);
  expect(d.diagnostics).toEqual([]);
  for (const v of d.scenario!.variants ?? []) expect(() => applyVariant(d.scenario!, v.id), v.id).not.toThrow();
};

describe('variants follow removals from the base', () => {
  it('drops the changes that name a removed issue, and the variant still applies', () => {
    const s = removeIssue(withVariant(), 'crimea');
    expect(changesOf(s)).toEqual(['parties.ukraine.preferences.values.zaporizhzhia-npp.values.russian-operation', 'parties.ukraine.reservation', 'parties.russia.preferences.weights.donetsk']);
    expect(staleChanges(yamlParse(s))).toEqual([]);
    // Weights no longer sum to 1 without crimea: the reader still reads; every variant applies.
    allApply(s);
  });

  it('drops the changes that name a removed option, leaving the rest', () => {
    const s = removeOption(withVariant(), 'zaporizhzhia-npp', 'russian-operation');
    expect(changesOf(s)).toEqual(['parties.ukraine.preferences.weights.crimea', 'parties.ukraine.reservation', 'parties.russia.preferences.weights.donetsk']);
    allApply(s);
  });

  it('drops a removed party’s changes, and takes it out of the rule lists of a variant', () => {
    const s = removeParty(withVariant(), 'ukraine');
    expect(changesOf(s)).toEqual(['parties.russia.preferences.weights.donetsk']);
    const t = removeParty(ceasefire, 'united-states');
    const deal = readDoc(t)!.variants.find((v) => v.id === 'us-russia-deal')!.patch as { agreement: { voters: string[]; required: string[] } };
    expect(deal.agreement.voters).toEqual(['russia']);
    expect(deal.agreement.required).toEqual(['russia']);
    // A variant left with no change stays, as the base.
    let u = addVariant(ceasefire, 'only-ukraine', '');
    u = setVariantChange(u, 'only-ukraine', ['parties', 'ukraine', 'reservation'], '0.4');
    u = removeParty(u, 'ukraine');
    expect(changesOf(u, 'only-ukraine')).toEqual([]);
    expect(readDoc(u)!.variants.find((v) => v.id === 'only-ukraine')!.patch).toEqual({});
    allApply(u);
  });

  it('follows renames of options (as before), so no change is flagged', () => {
    const s = renameOption(withVariant(), 'zaporizhzhia-npp', 'russian-operation', 'russian-run');
    expect(changesOf(s)).toContain('parties.ukraine.preferences.values.zaporizhzhia-npp.values.russian-run');
    expect(staleChanges(yamlParse(s))).toEqual([]);
    allApply(s);
  });

  it('says which changes a removal dropped', () => {
    const before = withVariant();
    const after = removeIssue(before, 'crimea');
    const dropped = droppedChanges(yamlParse(before), yamlParse(after));
    expect(dropped.filter((d) => d.variant === 'what-if')).toEqual([{ variant: 'what-if', change: { path: ['parties', 'ukraine', 'preferences', 'weights', 'crimea'], value: 0.3 } }]);
    // The shipped variants that set every weight lose their weight of crimea too.
    expect(dropped.filter((d) => d.variant !== 'what-if').map((d) => `${d.variant}: ${d.change.path.join('.')}`)).toEqual([
      'expanded-demands: parties.russia.preferences.weights.crimea',
      'expanded-demands: parties.ukraine.preferences.weights.crimea',
      'expanded-demands-refused: parties.russia.preferences.weights.crimea',
      'expanded-demands-refused: parties.ukraine.preferences.weights.crimea',
    ]);
    // Removing a change of the variant itself is no removal from the base.
    expect(droppedChanges(yamlParse(before), yamlParse(setVariantChange(before, 'what-if', ['parties', 'ukraine', 'reservation'], '0.6')))).toEqual([]);
  });
});

describe('changes that no longer apply are flagged', () => {
  it('flags changes naming a party, issue or option the base does not have (after a YAML edit), with the reason in words', () => {
    // The YAML edited by hand: the issue crimea renamed in the issue list only (the reader reports the base's tables).
    const s = withVariant().replace(/^ {2}- name: crimea$/m, '  - name: krym');
    const js = yamlParse(s);
    const stale = staleChanges(js).filter((x) => x.variant === 'what-if');
    expect(stale.map((x) => [x.variant, x.change.path.join('.'), x.reason])).toEqual([['what-if', 'parties.ukraine.preferences.weights.crimea', 'the base has no issue “crimea”']]);
    const w = warnings(readDoc(s)!).filter((x) => x.path[0] === 'variants' && x.message.startsWith('Variant what-if'));
    expect(w.map((x) => x.message)).toEqual(["Variant what-if: the change of Ukraine's weight of crimea no longer applies (the base has no issue “crimea”); remove it under Variants."]);
  });

  it('knows what a patch adds itself, and checks options, parties and rule lists', () => {
    const base = baseNames({ issues: [{ name: 'i', options: ['x', { name: 'y' }] }, { name: 'n', type: 'integer', min: 0, max: 3 }], parties: [{ id: 'a' }] });
    const problem = (patch: unknown, path: string[], value: unknown = 1) => changeProblem(base, patch, { path, value });
    expect(problem({}, ['parties', 'a', 'preferences', 'values', 'i', 'x'])).toBeNull();
    expect(problem({}, ['parties', 'a', 'preferences', 'values', 'i', 'values', 'z'])).toBe('the issue “i” has no option “z”');
    expect(problem({}, ['parties', 'a', 'preferences', 'values', 'n', 'type'], 'linear')).toBeNull();
    expect(problem({}, ['parties', 'b', 'reservation'])).toBe('the base has no party “b”');
    expect(problem({ parties: { b: { preferences: { weights: { i: 1 } } } } }, ['parties', 'b', 'reservation'])).toBeNull();
    expect(problem({}, ['parties', 'a', 'reservation', 'outcome', 'i'], 'z')).toBe('the issue “i” has no option “z”');
    expect(problem({ issues: { i: { options: { z: {} } } } }, ['parties', 'a', 'reservation', 'outcome', 'i'], 'z')).toBeNull();
    expect(problem({}, ['agreement', 'voters'], ['a', 'c'])).toBe('the base has no party “c”');
    expect(problem({}, ['issues', 'q', 'description'], 'x')).toBe('the base has no issue “q”');
    expect(problem({ issues: { q: { options: ['u'] } } }, ['issues', 'q', 'options'], ['u'])).toBeNull();
  });

  it('removes changes and prunes the maps they leave empty; follows a party out of rule lists', () => {
    expect(withoutChanges({ parties: { a: { reservation: 1, preferences: { weights: { i: 1 } } } } }, [['parties', 'a', 'preferences', 'weights', 'i']])).toEqual({ parties: { a: { reservation: 1 } } });
    expect(withoutChanges({ parties: { a: { reservation: 1 } } }, [['parties', 'a', 'reservation']])).toEqual({});
    expect(followRemoval({ agreement: { rule: 'quorum', k: 1, voters: ['a', 'b'] }, parties: { b: { reservation: 0.2 } } }, { kind: 'party', id: 'b' })).toEqual({
      patch: { agreement: { rule: 'quorum', k: 1, voters: ['a'] } },
      dropped: [{ path: ['parties', 'b', 'reservation'], value: 0.2 }],
    });
    expect(describeChange(['parties', 'ukraine', 'preferences', 'weights', 'crimea'], (id) => (id === 'ukraine' ? 'Ukraine' : id))).toBe("Ukraine's weight of crimea");
  });
});
