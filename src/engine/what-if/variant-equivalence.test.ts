// While both exist: variants applied on the model (what-if/variant.ts) give exactly what the old
// path gives (print the scenario as a native document, merge the patch, re-read it:
// formats/native/variant.ts), on every declared variant of the shipped scenarios and on random
// patches of shared and random scenarios; errors too, diagnostic for diagnostic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyPatch as oldApplyPatch, applyVariant as oldApplyVariant } from '../formats/native/variant.ts';
import { applyPatch, applyVariant } from './variant.ts';
import { importScenario } from '../formats/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { ScenarioError, type Diagnostic } from '../model/diagnostics.ts';
import type { Scenario } from '../model/scenario.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { REPO_ROOT, SCENARIOS_DIR, foldersWithFiles } from '../../testing/shared.ts';
import { scenarioArb } from '../../testing/random-scenario.ts';
import { variantPatchArb } from '../../testing/random-variant.ts';
import { scenarioFingerprint } from '../../testing/scenario-fingerprint.ts';

const SHIPPED = readdirSync(join(REPO_ROOT, 'scenarios'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => importScenario(loadSourceFiles([join(REPO_ROOT, 'scenarios', f)])));

/** Shared scenarios, every format, walked; at most 10^4 outcomes and 8 parties (fingerprints enumerate the space). */
const SHARED: [string, Scenario][] = foldersWithFiles(SCENARIOS_DIR, /\.(xml|json|ya?ml)$|^config\.txt$/)
  .filter((d) => !d.endsWith('scores_files'))
  .flatMap((d): [string, Scenario][] => {
    const s = importScenario(loadSourceFiles([d]));
    const n = new OutcomeSpace(s.issues).sizeNumber;
    return n !== undefined && n <= 10_000 && s.parties.length <= 8 ? [[relative(SCENARIOS_DIR, d), s]] : [];
  });

type Result = { scenario: Scenario; fingerprint: unknown } | { diagnostics: readonly Diagnostic[]; message: string };

function result(f: () => Scenario): Result {
  try {
    const scenario = f();
    return { scenario, fingerprint: scenarioFingerprint(scenario) };
  } catch (e) {
    if (e instanceof ScenarioError) return { diagnostics: e.diagnostics, message: e.message };
    throw e;
  }
}

function expectSame(s: Scenario, patch: Readonly<Record<string, unknown>>) {
  const before = structuredClone(patch);
  expect(result(() => applyPatch(s, patch))).toEqual(result(() => oldApplyPatch(s, patch)));
  expect(patch).toEqual(before);
}

describe('variants on the model equal variants through the native format', () => {
  it('every declared variant of every shipped scenario', () => {
    let n = 0;
    for (const s of SHIPPED) {
      for (const v of s.variants ?? []) {
        expect(result(() => applyVariant(s, v.id)), v.id).toEqual(result(() => oldApplyVariant(s, v.id)));
        n++;
      }
      expect(result(() => applyVariant(s, 'no-such-variant'))).toEqual(result(() => oldApplyVariant(s, 'no-such-variant')));
    }
    expect(n).toBeGreaterThanOrEqual(5);
  });

  it('random patches of shared scenarios (every format), right and wrong', () => {
    expect(SHARED.length).toBeGreaterThan(50);
    const formats = new Set(SHARED.map(([rel]) => rel.split('/')[0]));
    expect([...formats].sort()).toEqual(['genius', 'geniusweb', 'llm-deliberation', 'negmas-yaml']);
    let failed = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...SHARED).chain(([rel, s]) => fc.tuple(fc.constant(rel), fc.constant(s), variantPatchArb(s))),
        ([, s, patch]) => {
          const r = result(() => applyPatch(s, patch));
          if ('diagnostics' in r) failed++;
          expect(r).toEqual(result(() => oldApplyPatch(s, patch)));
        },
      ),
      { numRuns: 300 },
    );
    // Both kinds were compared.
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(300);
  });

  it('random patches of random scenarios, and every shipped scenario with random patches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((n) => scenarioArb(n).chain((s) => fc.tuple(fc.constant(s), variantPatchArb(s)))),
        ([s, patch]) => expectSame(s, patch),
      ),
      { numRuns: 200 },
    );
    for (const s of SHIPPED) fc.assert(fc.property(variantPatchArb(s), (patch) => expectSame(s, patch)), { numRuns: 30 });
  });

  it('hand-written edge cases: empty, renamed, removed, added, wrong and large patches', () => {
    const s = SHIPPED[0]!;
    const issue = s.issues[0]!.name;
    const party = s.parties[0]!.id;
    const patches: Record<string, unknown>[] = [
      {},
      { name: 'renamed', description: 'changed' },
      { description: null, sources: null },
      { issues: { [issue]: { description: 'x' } } },
      { issues: { [issue]: null } },
      { issues: [] },
      { issues: { fresh: { options: ['a', 'b'] } } },
      { issues: { fresh: { type: 'integer', min: 0, max: 3 } } },
      { parties: { [party]: null } },
      { parties: { newcomer: { role: 'observer' } } },
      { parties: { [party]: { preferences: null } } },
      { parties: { [party]: { reservation: { outcome: { [issue]: 'nope' } } } } },
      { parties: { [party]: { redLines: [{ description: 'x', when: { nope: ['a'] } }] } } },
      { agreement: null },
      { agreement: { rule: 'quorum', k: 0 } },
      { agreement: { rule: 'quorum', k: 1, required: ['ghost'] } },
      { variants: [{ id: 'a', patch: {} }, { id: 'a', patch: {} }] },
      { questions: [{ id: 'q', type: 'variant', text: 'q', variants: ['ghost'] }] },
      { documents: { extra: { title: 'T' } } },
      { documents: { extra: { titel: 'T' } } },
      { name: '' },
      { name: null },
      { unknown: 1, other: { deep: true } },
      { issues: { [issue]: { options: Array.from({ length: 300 }, (_, k) => (k % 2 ? `o${k}` : '')) } } },
      { issues: { [issue]: { options: Array.from({ length: 20_000 }, (_, k) => `o${k}`) } } },
      { parties: Object.fromEntries(Array.from({ length: 300 }, (_, k) => [`p${k}`, { rol: 'x' }])) },
    ];
    for (const p of patches) expectSame(s, p);
  });
});
