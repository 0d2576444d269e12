import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import {
  addIssue,
  addRedLine,
  addSource,
  addVariant,
  baseValueAt,
  diagnose,
  flattenPatch,
  normaliseWeights,
  removeRedLine,
  removeSource,
  removeVariant,
  removeVariantChange,
  setAgreementList,
  setAssumption,
  setOptionDescription,
  setRule,
  setText,
  setVariantChange,
} from './doc-edit.ts';
import { readDoc } from './doc-model.ts';
import { weightSum } from './warnings.ts';
import { parse as yamlParse } from 'yaml';

const ceasefire = readFileSync(join(REPO_ROOT, 'scenarios', 'ceasefire.yaml'), 'utf8');
const reads = (s: string) => expect(diagnose(s).diagnostics).toEqual([]);

describe('form edits of the whole scenario', () => {
  it('edits names and descriptions, keeping the comments', () => {
    const s = setText(setText(ceasefire, ['name'], 'Renamed'), ['parties', 1, 'description'], 'The defending side');
    reads(s);
    expect(readDoc(s)!.name).toBe('Renamed');
    expect(readDoc(s)!.parties[1]!.description).toBe('The defending side');
    expect(s).toMatch(/^# The default parley scenario/m);
    const o = setOptionDescription(ceasefire, 1, 0, 'Back to Ukraine');
    reads(o);
    expect(readDoc(o)!.issues[1]!.options[0]).toMatchObject({ name: 'returned-to-ukraine', description: 'Back to Ukraine' });
  });

  it('adds a real issue that every party can weigh', () => {
    const s = addIssue(ceasefire, { name: 'aid', type: 'real', min: '0', max: '1', steps: '5' });
    reads(s);
    expect(diagnose(s).scenario!.issues.at(-1)).toMatchObject({ name: 'aid' });
  });

  it('normalises weights to sum to exactly 1', () => {
    const doc = readDoc(ceasefire)!;
    const russia = doc.parties.find((p) => p.id === 'russia')!;
    const first = Object.keys(russia.weights)[0]!;
    const heavy = ceasefire.replace(new RegExp(`(${first}: )(\\{value: )?([\\d.]+)`), (_m, a: string, b: string | undefined, x: string) => `${a}${b ?? ''}${Number(x) + 0.5}`);
    expect(weightSum(readDoc(heavy)!.parties.find((p) => p.id === 'russia')!.weights)).toBeCloseTo(1.5, 6);
    const s = normaliseWeights(heavy, 'russia');
    reads(s);
    expect(weightSum(readDoc(s)!.parties.find((p) => p.id === 'russia')!.weights)).toBeCloseTo(1, 9);
  });

  it('adds and removes a red line, with a description saying what crosses it', () => {
    const s = addRedLine(ceasefire, 'ukraine', { id: 'no-russian-npp', issue: 'zaporizhzhia-npp', options: ['russian-operation'] });
    reads(s);
    const lines = readDoc(s)!.parties.find((p) => p.id === 'ukraine')!.redLines;
    expect(lines.at(-1)).toMatchObject({ id: 'no-russian-npp', description: 'zaporizhzhia-npp is russian-operation', when: { 'zaporizhzhia-npp': { kind: 'options', options: ['russian-operation'] } } });
    expect(() => addRedLine(s, 'ukraine', { id: 'no-russian-npp', issue: 'crimea', options: ['recognised-russian'] })).toThrow(/already has a red line/);
    const back = removeRedLine(s, 'ukraine', lines.length - 1);
    expect(readDoc(back)!.parties.find((p) => p.id === 'ukraine')!.redLines.length).toBe(lines.length - 1);
  });

  it('sets the rule, its voters and required parties', () => {
    const s = setAgreementList(setRule(ceasefire, 'quorum', 2), 'required', ['russia', 'ukraine']);
    reads(s);
    expect(readDoc(s)!.agreement).toMatchObject({ rule: 'quorum', k: '2', required: ['russia', 'ukraine'] });
    expect(readDoc(setAgreementList(s, 'voters', null))!.agreement.voters).toBeNull();
  });

  it('adds an assumption and a source to a bare weight, making it {value, …}', () => {
    const doc = readDoc(ceasefire)!;
    const p = doc.parties.findIndex((x) => x.id === 'united-states');
    const issue = Object.keys(doc.parties[p]!.weights)[0]!;
    const path = ['parties', p, 'preferences', 'weights', issue];
    const s = addSource(setAssumption(ceasefire, path, 'Guessed'), path, { quote: 'a quote', document: 'seed-article', locator: 'line 1' });
    reads(s);
    const w = readDoc(s)!.parties[p]!.weightProvenance[issue]!;
    expect(w).toEqual({ assumption: 'Guessed', sources: [{ quote: 'a quote', document: 'seed-article', locator: 'line 1' }] });
    expect(readDoc(s)!.parties[p]!.weights[issue]).toBe(doc.parties[p]!.weights[issue]);
    const gone = removeSource(setAssumption(s, path, ''), path, 0);
    reads(gone);
    expect(readDoc(gone)!.parties[p]!.weightProvenance[issue]).toEqual({ sources: [] });
  });

  it('writes a variant as a list of changes, read back against the base', () => {
    let s = addVariant(ceasefire, 'patient-ukraine', 'Ukraine can wait longer');
    s = setVariantChange(s, 'patient-ukraine', ['parties', 'ukraine', 'reservation'], '0.55');
    reads(s);
    expect(s).toMatch(/- id: patient-ukraine\n\s+description: Ukraine can wait longer\n\s+patch:\n\s+parties:\n\s+ukraine:\n\s+reservation: 0.55/);
    const v = readDoc(s)!.variants.find((x) => x.id === 'patient-ukraine')!;
    expect(flattenPatch(v.patch)).toEqual([{ path: ['parties', 'ukraine', 'reservation'], value: 0.55 }]);
    expect(baseValueAt(yamlParse(s), ['parties', 'ukraine', 'reservation'])).toEqual(yamlParse(ceasefire).parties[1].reservation);
    const empty = removeVariantChange(s, 'patient-ukraine', ['parties', 'ukraine', 'reservation']);
    expect(flattenPatch(readDoc(empty)!.variants.find((x) => x.id === 'patient-ukraine')!.patch)).toEqual([]);
    expect(readDoc(removeVariant(s, 'patient-ukraine'))!.variants.map((x) => x.id)).not.toContain('patient-ukraine');
    expect(() => addVariant(s, 'bad id', '')).toThrow(/letters, digits/);
  });
});

