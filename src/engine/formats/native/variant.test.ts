// Pins what applying a variant means today (the patch merged into the native document, re-read),
// with the helpers a model-level implementation must be checked against: the scenario's
// fingerprint (utilities of every outcome, rule, reservations, red lines) and random patches.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch, applyVariant, readNative } from './index.ts';
import { loadSourceFiles } from '../../../node/load-files.ts';
import { importScenario } from '../index.ts';
import { ScenarioError } from '../../model/diagnostics.ts';
import type { Scenario } from '../../model/scenario.ts';
import { REPO_ROOT } from '../../../testing/shared.ts';
import { scenarioArb } from '../../../testing/random-scenario.ts';
import { variantPatchArb } from '../../../testing/random-variant.ts';
import { scenarioFingerprint } from '../../../testing/scenario-fingerprint.ts';

const SHIPPED = readdirSync(join(REPO_ROOT, 'scenarios'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => importScenario(loadSourceFiles([join(REPO_ROOT, 'scenarios', f)])));

/** The result of applying, or the messages of the error it throws. */
function outcome(f: () => Scenario): { scenario: unknown } | { errors: string[] } {
  try {
    return { scenario: scenarioFingerprint(f()) };
  } catch (e) {
    if (e instanceof ScenarioError) return { errors: e.diagnostics.map((d) => `${d.file}:${d.path ?? ''}: ${d.message}`) };
    throw e;
  }
}

const randomCase = fc.integer({ min: 1, max: 3 }).chain((n) => scenarioArb(n).chain((s) => fc.tuple(fc.constant(s), variantPatchArb(s))));

describe('applying a variant', () => {
  it('an empty patch changes nothing a scenario means (shipped and random scenarios)', () => {
    for (const s of SHIPPED) expect(scenarioFingerprint(applyPatch(s, {}))).toEqual(scenarioFingerprint(s));
    fc.assert(
      fc.property(scenarioArb(3), (s) => {
        expect(scenarioFingerprint(applyPatch(s, {}))).toEqual(scenarioFingerprint(s));
      }),
      { numRuns: 80 },
    );
  });

  it('every shipped variant changes what its scenario means, and keeps its name, variants and questions', () => {
    for (const s of SHIPPED) {
      for (const v of s.variants ?? []) {
        const applied = applyVariant(s, v.id);
        expect(scenarioFingerprint(applied), v.id).not.toEqual(scenarioFingerprint(s));
        expect(applied.name).toBe(s.name);
        expect(applied.variants).toEqual(s.variants);
        expect(applied.questions).toEqual(s.questions);
      }
    }
  });

  it('a patch is idempotent: applied twice, or to its own result, it means the same', () => {
    fc.assert(
      fc.property(randomCase, ([s, patch]) => {
        const once = outcome(() => applyPatch(s, patch));
        if ('errors' in once) {
          // Errors name the patch, and the same patch fails the same way again.
          expect(once.errors.length).toBeGreaterThan(0);
          for (const e of once.errors) expect(e.startsWith('patch:')).toBe(true);
          expect(outcome(() => applyPatch(s, patch))).toEqual(once);
          return;
        }
        expect(outcome(() => applyPatch(applyPatch(s, patch), patch))).toEqual(once);
      }),
      { numRuns: 150 },
    );
  });

  it('the kinds of random patch both succeed and fail (the generator is not trivial)', () => {
    const results = fc.sample(randomCase, { numRuns: 200, seed: 7 }).map(([s, p]) => outcome(() => applyPatch(s, p)));
    expect(results.some((r) => 'errors' in r)).toBe(true);
    expect(results.filter((r) => 'scenario' in r).length).toBeGreaterThan(50);
  });

  it('names an unknown variant and a bad patch field', () => {
    const s = readNative('s.yaml', 'parley: 1\nname: s\nissues: [{name: a, options: [x, y]}]\nparties: [{id: p, preferences: {weights: {a: 1}, values: {a: {x: 0, y: 1}}}}]\nvariants: [{id: v, patch: {parties: {p: {reservaton: 1}}}}]\n');
    expect(() => applyVariant(s, 'w')).toThrow(/unknown variant "w"; the scenario's variants are: v/);
    expect(() => applyVariant(s, 'v')).toThrow(/reservaton/);
  });
});
