import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importScenario } from '../formats/index.ts';
import { applyPatch, applyVariant } from './variant.ts';
import { ScenarioError } from '../model/diagnostics.ts';
import { analyze } from '../analysis/analyze.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { REPO_ROOT } from '../../testing/shared.ts';
import { scenarioArb } from '../../testing/random-scenario.ts';
import type { Scenario } from '../model/scenario.ts';
import { roundUtility } from '../analysis/frontier-types.ts';
import {
  BASE,
  baseParameters,
  buildOutcomeTable,
  compareVariants,
  countMask,
  headlineAnswers,
  passingMask,
  rationalMask,
  scoreTable,
} from './index.ts';

/** The scenarios shipped in scenarios/, walked (not hand-picked). */
const SHIPPED = readdirSync(join(REPO_ROOT, 'scenarios'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => join(REPO_ROOT, 'scenarios', f));
const load = (file: string): Scenario => importScenario(loadSourceFiles([file]));

/** The table's counts and Nash deal agree with `analyze`. */
function expectSameAsAnalyze(s: Scenario) {
  const a = analyze(s);
  const table = buildOutcomeTable(s);
  const state = scoreTable(table, baseParameters(table));
  expect(countMask(rationalMask(state))).toBe(a.rational.count);
  expect(countMask(passingMask(state))).toBe(a.passing.count);
  const h = headlineAnswers(state);
  expect(h.agreement).toBe(a.rational.exists);
  expect(h.nash === null ? null : table.space.outcomeAt(h.nash)).toEqual(a.solutions.nash ? [...a.solutions.nash.outcome] : null);
}

describe('outcome table', () => {
  it.each(SHIPPED)('agrees with analyze on %s and each of its variants', (file) => {
    const s = load(file);
    expectSameAsAnalyze(s);
    for (const v of s.variants ?? []) expectSameAsAnalyze(applyVariant(s, v.id));
  });

  it('agrees with analyze on random scenarios', () => {
    fc.assert(fc.property(scenarioArb(2), (s) => expectSameAsAnalyze(s)), { numRuns: 60, seed: 11 });
  });

  it.each(SHIPPED)('re-scores perturbed weights of %s exactly as a recompiled scenario', (file) => {
    const s = load(file);
    const table = buildOutcomeTable(s);
    const base = baseParameters(table);
    const k = table.parties.findIndex((p) => p.weights);
    const id = table.parties[k]!.id;
    const w = Float64Array.from(base.weights[k]!);
    w[0] = 0.4;
    const state = scoreTable(table, { weights: base.weights.map((x, i) => (i === k ? w : x)), reservations: base.reservations });
    const patched = applyPatch(s, { parties: { [id]: { preferences: { weights: { [s.issues[0]!.name]: 0.4 } } } } });
    const ref = scoreTable(buildOutcomeTable(patched), baseParameters(buildOutcomeTable(patched)));
    for (let j = 0; j < table.rows; j += 97) expect(roundUtility(state.utilities[k]![j]!)).toBe(roundUtility(ref.utilities[k]![j]!));
  });
});

describe('variants for the what-if layer', () => {
  it('overrides apply and unknown keys are errors', () => {
    const s = load(SHIPPED[0]!);
    const id = s.parties[0]!.id;
    const v = applyPatch(s, { parties: { [id]: { reservation: 0.5 } } });
    expect(v.parties.find((p) => p.id === id)!.reservation).toMatchObject({ value: 0.5 });
    expect(() => applyPatch(s, { parties: { [id]: { reservaton: 0.5 } } })).toThrow(ScenarioError);
    expect(() => applyVariant(s, 'no-such-variant')).toThrow(/unknown variant/);
    expect(() => compareVariants(s, [BASE, 'no-such-variant'])).toThrow(ScenarioError);
  });

});
