import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import {
  addDocument,
  addIssue,
  addOption,
  addParty,
  diagnose,
  diagnosticsAt,
  removeIssue,
  removeOption,
  removeParty,
  renameOption,
  setEvaluation,
  setReservation,
  setRole,
  setRule,
  setWeight,
  typedValue,
} from './doc-edit.ts';

const ceasefire = readFileSync(join(REPO_ROOT, 'scenarios', 'ceasefire.yaml'), 'utf8');

const small = `parley: 1
name: Small
issues:
  - {name: price, options: [low, high]}
  - {name: time, options: [soon, late]}
parties:
  - id: a
    preferences:
      weights: {price: {value: 0.6, assumption: "a cares about price"}, time: 0.4}
      values: {price: {low: 0, high: 1}, time: {type: table, values: {soon: 1, late: 0}}}
  - id: b
    reservation: 0.2
    preferences:
      weights: {price: 0.5, time: 0.5}
      values: {price: {low: 1, high: 0}, time: {soon: 0, late: 1}}
`;

describe('diagnose', () => {
  it('reads a valid scenario with no diagnostics', () => {
    const d = diagnose(ceasefire);
    expect(d.diagnostics).toEqual([]);
    expect(d.scenario?.parties.length).toBeGreaterThanOrEqual(3);
  });
  it('reports every problem with line, column and field path', () => {
    const d = diagnose(setWeight(setWeight(small, 'a', 'time', '-1'), 'b', 'price', '-2'), 'small.yaml');
    expect(d.scenario).toBeNull();
    const neg = diagnosticsAt(d.diagnostics, 'parties[0].preferences.weights.time');
    expect(neg.length).toBe(1);
    expect(neg[0]!.message).toMatch(/negative/);
    expect(neg[0]!.line).toBeGreaterThan(0);
    expect(diagnosticsAt(d.diagnostics, 'parties[1].preferences.weights.price').length).toBe(1);
    expect(diagnosticsAt(d.diagnostics, 'parties[1].preferences.weights.time')).toEqual([]);
    // A weight that is not a number is a shape error at its own path.
    const shape = diagnose(setWeight(small, 'b', 'price', 'abc'));
    expect(shape.scenario).toBeNull();
    expect(diagnosticsAt(shape.diagnostics, 'parties[1].preferences.weights.price').length).toBeGreaterThan(0);
  });
  it('gives a diagnostic, not an exception, for YAML that does not parse', () => {
    const d = diagnose('parley: 1\nname: [unclosed\n');
    expect(d.scenario).toBeNull();
    expect(d.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('structured edits', () => {
  it('sets a weight, keeping its annotation', () => {
    const s = setWeight(small, 'a', 'price', '0.7');
    const d = diagnose(s);
    expect(d.scenario!.parties[0]!.preferences).toMatchObject({ weights: [0.7, 0.4] });
    expect(s).toContain('a cares about price');
  });
  it('sets evaluations in plain and typed tables', () => {
    const s = setEvaluation(setEvaluation(small, 'a', 'price', 'low', '0.25'), 'a', 'time', 'late', '0.5');
    const p = diagnose(s).scenario!.parties[0]!.preferences!;
    expect(p.type === 'linear-additive' && p.values[0]).toMatchObject({ type: 'table', values: [0.25, 1] });
    expect(p.type === 'linear-additive' && p.values[1]).toMatchObject({ type: 'table', values: [1, 0.5] });
  });
  it('sets roles, reservations and the agreement rule', () => {
    let s = setRole(small, 'b', 'observer');
    s = setReservation(s, 'a', '0.3');
    s = setReservation(s, 'b', '');
    const sc = diagnose(s).scenario!;
    expect(sc.parties[1]!.role).toBe('observer');
    expect(sc.parties[0]!.reservation).toMatchObject({ value: 0.3 });
    expect(sc.parties[1]!.reservation).toBeUndefined();
    const q = diagnose(setRule(setRole(small, 'b', 'negotiator'), 'quorum', 1)).scenario!;
    expect(q.agreement).toMatchObject({ type: 'quorum', k: 1 });
    expect(diagnose(setRule(small, 'unanimity')).scenario!.agreement.type).toBe('unanimity');
  });
  it('reads typed numbers and keeps other text for the reader to report', () => {
    expect(typedValue(' 0.5 ')).toBe(0.5);
    expect(typedValue('-2e-3')).toBe(-0.002);
    expect(typedValue('abc')).toBe('abc');
    expect(typedValue('0.')).toBe(0);
    expect(() => setWeight(small, 'nobody', 'price', '1')).toThrow(/no party/);
  });
});

/** The scenario a text reads as, failing the test with the reader's messages when it does not. */
function read(source: string) {
  const d = diagnose(source);
  expect(d.diagnostics.map((x) => `${x.path}: ${x.message}`)).toEqual([]);
  return d.scenario!;
}
const issueNames = (source: string) => read(source).issues.map((i) => i.name);
const linear = (source: string, party: number) => {
  const p = read(source).parties[party]!.preferences!;
  if (p.type !== 'linear-additive') throw new Error('not linear');
  return p;
};

describe('adding and removing issues', () => {
  it('adds a categorical issue with weight 0 and value 0 for every linear party', () => {
    const s = addIssue(small, { name: 'place', type: 'categorical', option: 'here' });
    const sc = read(s);
    expect(sc.issues[2]).toMatchObject({ name: 'place', type: 'categorical', options: [{ name: 'here' }] });
    for (const p of [0, 1]) {
      expect(linear(s, p).weights[2]).toBe(0);
      expect(linear(s, p).values[2]).toEqual({ type: 'table', values: [0] });
    }
    // Annotations elsewhere survive.
    expect(s).toContain('a cares about price');
  });
  it('adds an integer issue with a constant 0 value function', () => {
    const s = addIssue(small, { name: 'units', type: 'integer', min: '1', max: '5' });
    expect(read(s).issues[2]).toMatchObject({ name: 'units', type: 'integer', min: 1, max: 5 });
    expect(linear(s, 1).values[2]).toEqual({ type: 'constant', value: 0 });
    // Bad bounds are the reader's to report, at the issue.
    const bad = diagnose(addIssue(small, { name: 'units', type: 'integer', min: '5', max: '1' }));
    expect(diagnosticsAt(bad.diagnostics, 'issues[2]').length).toBeGreaterThan(0);
  });
  it('adds an issue to the ceasefire scenario, which keeps reading', () => {
    const s = addIssue(ceasefire, { name: 'sanctions', type: 'categorical', option: 'kept' });
    const sc = read(s);
    expect(sc.issues.at(-1)!.name).toBe('sanctions');
    expect(sc.parties.every((p) => p.preferences?.type === 'linear-additive' && p.preferences.weights.at(-1) === 0)).toBe(true);
  });
  it('refuses a duplicate issue name (it would overwrite the weights)', () => {
    expect(() => addIssue(small, { name: 'price', type: 'categorical', option: 'x' })).toThrow(/already an issue/);
  });
  it('removes an issue with its weights, values, red-line conditions and reservation outcome entries', () => {
    const withRefs = small
      .replace('    reservation: 0.2\n', '    reservation: {outcome: {price: low, time: late}}\n    redLines:\n      - {description: never high and late, when: {price: [high], time: [late]}}\n      - {description: never soon, when: {time: [soon]}}\n')
      .replace('parties:\n', 'parties:\n');
    read(withRefs);
    const s = removeIssue(withRefs, 'time');
    const sc = read(s);
    expect(issueNames(s)).toEqual(['price']);
    expect(sc.parties[1]!.redLines).toMatchObject([{ description: 'never high and late', conditions: [{ issue: 0, anyOf: [1] }] }]);
    expect(sc.parties[1]!.reservation).toMatchObject({ outcome: [0] });
    expect(linear(s, 0).weights).toEqual([0.6]);
    expect(() => removeIssue(small, 'nothing')).toThrow(/no issue/);
  });
  it('removes a ceasefire issue whose value tables and red lines hold anchors used elsewhere', () => {
    // donetsk's tables carry the anchors (&ru-region…) that luhansk, kherson… alias; its red line carries &no-recognition.
    const s = removeIssue(ceasefire, 'donetsk');
    const sc = read(s);
    expect(sc.issues.map((i) => i.name)).not.toContain('donetsk');
    const before = read(ceasefire);
    const ukraine = (x: typeof sc) => x.parties.find((p) => p.id === 'ukraine')!;
    expect(ukraine(sc).redLines!.length).toBe(ukraine(before).redLines!.length - 1);
    expect(ukraine(sc).redLines![0]!.provenance?.assumption).toMatch(/Illustrative red line/);
    // Every other issue keeps its value functions.
    const luhansk = (x: typeof sc) => x.issues.findIndex((i) => i.name === 'luhansk');
    for (let p = 0; p < 3; p++) {
      const a = before.parties[p]!.preferences!;
      const b = sc.parties[p]!.preferences!;
      if (a.type !== 'linear-additive' || b.type !== 'linear-additive') throw new Error('not linear');
      expect(b.values[luhansk(sc)]).toEqual(a.values[luhansk(before)]);
    }
  });
});

describe('adding, removing and renaming options', () => {
  it('adds an option with value 0 in plain and typed tables', () => {
    const s = addOption(small, 'time', 'never');
    expect(read(s).issues[1]).toMatchObject({ options: [{ name: 'soon' }, { name: 'late' }, { name: 'never' }] });
    expect(linear(s, 0).values[1]).toEqual({ type: 'table', values: [1, 0, 0] });
    expect(linear(s, 1).values[1]).toEqual({ type: 'table', values: [0, 1, 0] });
    expect(() => addOption(small, 'time', 'soon')).toThrow(/already has an option/);
  });
  it('adds an option to an issue whose tables are shared through an alias, without touching the other issues', () => {
    const s = addOption(ceasefire, 'donetsk', 'autonomy');
    const sc = read(s);
    const k = sc.issues.findIndex((i) => i.name === 'donetsk');
    const l = sc.issues.findIndex((i) => i.name === 'luhansk');
    for (let p = 0; p < sc.parties.length; p++) {
      const values = linear(s, p).values;
      const size = (f: (typeof values)[number] | undefined) => (f?.type === 'table' ? f.values.length : -1);
      expect(size(values[k])).toBe(4);
      expect(size(values[l])).toBe(3);
    }
    // And on an issue whose table is an alias.
    read(addOption(ceasefire, 'kherson', 'autonomy'));
  });
  it('removes an option from tables and red lines; a red line left with no option is removed', () => {
    const withLines = small.replace('    reservation: 0.2\n', '    reservation: 0.2\n    redLines:\n      - {description: not late, when: {time: [late]}}\n      - {description: not soon or late, when: {time: [soon, late]}}\n');
    const s = removeOption(addOption(withLines, 'time', 'never'), 'time', 'late');
    const sc = read(s);
    expect(sc.issues[1]).toMatchObject({ options: [{ name: 'soon' }, { name: 'never' }] });
    expect(linear(s, 0).values[1]).toEqual({ type: 'table', values: [1, 0] });
    expect(sc.parties[1]!.redLines).toMatchObject([{ description: 'not soon or late', conditions: [{ issue: 1, anyOf: [0] }] }]);
    // Removing the last option leaves the reader's message.
    const last = diagnose(removeOption(addIssue(small, { name: 'x', type: 'categorical', option: 'only' }), 'x', 'only'));
    expect(diagnosticsAt(last.diagnostics, 'issues[2]').length).toBeGreaterThan(0);
  });
  it('removes an option of a ceasefire issue, with its red line', () => {
    const s = removeOption(ceasefire, 'donetsk', 'recognised-russian');
    const sc = read(s);
    const ukraine = sc.parties.find((p) => p.id === 'ukraine')!;
    expect(ukraine.redLines!.map((r) => r.id)).not.toContain('no-recognition-donetsk');
    expect(ukraine.redLines!.length).toBe(3);
  });
  it('leaves a reservation outcome that used a removed option for the reader to report', () => {
    const withOutcome = small.replace('    reservation: 0.2\n', '    reservation: {outcome: {price: low, time: late}}\n');
    const d = diagnose(removeOption(withOutcome, 'time', 'late'));
    expect(diagnosticsAt(d.diagnostics, 'parties[1].reservation').length).toBeGreaterThan(0);
  });
  it('renames an option everywhere, keeping the order of the tables', () => {
    const withRefs = small.replace('    reservation: 0.2\n', '    reservation: {outcome: {price: low, time: late}}\n    redLines:\n      - {description: not late, when: {time: [late]}}\n');
    const s = renameOption(withRefs, 'time', 'late', 'later');
    const sc = read(s);
    expect(sc.issues[1]).toMatchObject({ options: [{ name: 'soon' }, { name: 'later' }] });
    expect(linear(s, 0).values[1]).toEqual({ type: 'table', values: [1, 0] });
    expect(linear(s, 1).values[1]).toEqual({ type: 'table', values: [0, 1] });
    expect(sc.parties[1]!.redLines![0]!.conditions).toEqual([{ issue: 1, anyOf: [1] }]);
    expect(sc.parties[1]!.reservation).toMatchObject({ outcome: [0, 1] });
    expect(s).toContain('soon: 1, later: 0');
    expect(() => renameOption(small, 'time', 'late', 'soon')).toThrow(/already has an option/);
    // A ceasefire option shared by aliased tables: only its own issue changes.
    const c = read(renameOption(ceasefire, 'crimea', 'frozen-at-contact-line', 'frozen'));
    expect(c.issues.find((i) => i.name === 'crimea')).toMatchObject({ options: [{}, { name: 'frozen' }, {}] });
    expect(c.issues.find((i) => i.name === 'donetsk')).toMatchObject({ options: [{}, { name: 'frozen-at-contact-line' }, {}] });
  });
});

describe('adding and removing parties', () => {
  it('adds a party with weight 0 and value 0 on every issue', () => {
    const s = addParty(small, { id: 'c', name: 'Carol', role: 'observer' });
    const c = read(s).parties[2]!;
    expect(c).toMatchObject({ id: 'c', name: 'Carol', role: 'observer' });
    expect(linear(s, 2).weights).toEqual([0, 0]);
    expect(linear(s, 2).values).toEqual([
      { type: 'table', values: [0, 0] },
      { type: 'table', values: [0, 0] },
    ]);
    expect(() => addParty(small, { id: 'a', role: 'negotiator' })).toThrow(/already a party/);
    read(addParty(ceasefire, { id: 'eu', role: 'observer' }));
  });
  it('removes a party and its id from the agreement rule', () => {
    const s = removeParty(ceasefire, 'united-states');
    const sc = read(s);
    expect(sc.parties.map((p) => p.id)).toEqual(['russia', 'ukraine']);
    const q = setRule(ceasefire, 'quorum', 1).replace('voters: [russia, ukraine]', 'voters: [russia, ukraine]\n  required: [ukraine]');
    const sq = read(removeParty(q, 'ukraine'));
    expect(sq.agreement).toMatchObject({ type: 'quorum', k: 1, voters: ['russia'], required: [] });
    // A rule left with no voters is the reader's to report.
    const d = diagnose(removeParty(removeParty(ceasefire, 'russia'), 'ukraine'));
    expect(diagnosticsAt(d.diagnostics, 'agreement').length).toBeGreaterThan(0);
    expect(() => removeParty(small, 'nobody')).toThrow(/no party/);
  });
});

describe('editing a value in a shared (anchored or aliased) table', () => {
  const valueOf = (source: string, party: string, issue: string, option: string) => {
    const s = diagnose(source).scenario!;
    const p = s.parties.find((x) => x.id === party)!;
    const i = s.issues.findIndex((x) => x.name === issue);
    const issueDef = s.issues[i]!;
    const k = issueDef.type === 'categorical' ? issueDef.options.findIndex((o) => o.name === option) : -1;
    const f = p.preferences!.type === 'linear-additive' ? p.preferences!.values[i]! : undefined;
    return f?.type === 'table' ? f.values[k] : undefined;
  };

  it('changes only the aliased table it edits (russia › luhansk is `*ru-region`)', () => {
    const s = setEvaluation(ceasefire, 'russia', 'luhansk', 'frozen-at-contact-line', '0.45');
    expect(diagnose(s).diagnostics).toEqual([]);
    expect(valueOf(s, 'russia', 'luhansk', 'frozen-at-contact-line')).toBe(0.45);
    for (const other of ['donetsk', 'kherson', 'zaporizhzhia']) expect(valueOf(s, 'russia', other, 'frozen-at-contact-line')).toBe(0.6);
  });

  it('changes only the anchored table it edits (russia › donetsk is `&ru-region`), the aliases keep the old values', () => {
    const s = setEvaluation(ceasefire, 'russia', 'donetsk', 'recognised-russian', '0.9');
    expect(diagnose(s).diagnostics).toEqual([]);
    expect(valueOf(s, 'russia', 'donetsk', 'recognised-russian')).toBe(0.9);
    for (const other of ['luhansk', 'kherson', 'zaporizhzhia']) expect(valueOf(s, 'russia', other, 'recognised-russian')).toBe(1);
  });
});

describe('documents', () => {
  it('declares a document (no path: its text is attached in the editor), refusing a duplicate id or a slash', () => {
    const s = addDocument(small, 'brief', 'The case brief');
    expect(diagnose(s).diagnostics).toEqual([]);
    expect(diagnose(s).scenario?.documents).toEqual([{ id: 'brief', title: 'The case brief' }]);
    expect(diagnose(addDocument(s, 'minutes', '')).scenario?.documents?.map((d) => d.title)).toEqual(['The case brief', 'minutes']);
    expect(() => addDocument(s, 'brief', 'again')).toThrow(/already a document "brief"/);
    expect(() => addDocument(s, '../etc', 'x')).toThrow(/no slashes/);
    expect(() => addDocument(s, ' ', 'x')).toThrow(/needs an id/);
  });
});
