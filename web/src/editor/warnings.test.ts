import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { readDoc } from './doc-model.ts';
import { warnings, warningsAt, weightSum } from './warnings.ts';

const ceasefire = readFileSync(join(REPO_ROOT, 'scenarios', 'ceasefire.yaml'), 'utf8');

const doc = (yaml: string) => readDoc(yaml)!;
const base = `parley: 1
name: t
issues: [{name: a, options: [x, y]}, {name: b, options: [p, q]}]
parties:
  - id: one
    preferences:
      weights: {a: 0.7, b: 0.5}
      values: {a: {x: 0, y: 7}, b: {type: table, values: {p: 1, q: {value: -0.5}}}}
    reservation: 1.5
  - id: two
    preferences:
      weights: {a: 0.25, b: 0.75}
      values: {a: {x: 0, y: 1}, b: {p: 1, q: 0}}
`;

describe('editor warnings', () => {
  it('has nothing to say about the built-in ceasefire scenario', () => {
    expect(warnings(doc(ceasefire))).toEqual([]);
  });

  it('warns of weights not summing to 1 and of values and reservations outside [0, 1], where they are', () => {
    const ws = warnings(doc(base));
    expect(ws.map((w) => w.path.join('.'))).toEqual(['parties.0.preferences.weights', 'parties.0.preferences.values.a.y', 'parties.0.preferences.values.b.q', 'parties.0.reservation']);
    expect(ws[0]!.message).toMatch(/sum to 1\.2/);
    expect(warningsAt(ws, ['parties', 1])).toEqual([]);
    expect(warningsAt(ws, ['parties', 0, 'preferences', 'values']).length).toBe(2);
  });

  it('adds up only the weights that read as numbers', () => {
    expect(weightSum({ a: '0.5', b: 'x', c: '' })).toBe(0.5);
    expect(weightSum({})).toBeNull();
  });
});
