import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { diagnose, diagnosticsAt, setEvaluation, setReservation, setRole, setRule, setWeight, typedValue } from './doc-edit.ts';

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
