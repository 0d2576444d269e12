// Variants applied on the model (what-if/variant.ts). What a patch means is pinned against an
// oracle written here, independent of the implementation: print the scenario as a native JSON
// file, merge the patch into it (a merge written again below), read it back with the native
// reader — the path variants took until issue 10 moved them onto the model. Compared: the whole
// built scenario and its fingerprint (src/testing/scenario-fingerprint.ts), or every diagnostic
// of a wrong patch; over every declared variant of the shipped scenarios, random patches
// (src/testing/random-variant.ts) of shared scenarios of every format and of random scenarios,
// and hand-written edge cases.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyPatch, applyVariant, mergePatch } from './variant.ts';
import { importScenario } from '../formats/index.ts';
import { printNative, readNative, readNativeValue } from '../formats/native/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { ScenarioError, formatPath, type Diagnostic } from '../model/diagnostics.ts';
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

type Obj = Record<string, unknown>;
const NAMED: Record<string, string> = { issues: 'name', parties: 'id', options: 'name', variants: 'id', documents: 'id' };
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The oracle's merge, written from docs/scenario-format.md (not copied from the implementation). */
function oracleMerge(base: unknown, patch: unknown, field?: string): unknown {
  const key = field === undefined ? undefined : NAMED[field];
  if (key !== undefined && Array.isArray(base) && isObj(patch)) {
    let list: Obj[] = base.map((e) => (isObj(e) ? e : { [key]: e }));
    for (const name of Object.keys(patch)) {
      const p = patch[name];
      const at = list.findIndex((e) => String(e[key]) === name);
      if (p === null) list = list.filter((_, k) => k !== at);
      else if (at < 0) list = [...list, isObj(p) ? { [key]: name, ...p } : (p as Obj)];
      else list = list.map((e, k) => (k === at ? (oracleMerge(e, p) as Obj) : e));
    }
    return list;
  }
  if (!isObj(base) || !isObj(patch)) return patch;
  const out: Obj = { ...base };
  for (const k of Object.keys(patch)) {
    if (patch[k] === null) delete out[k];
    else if (patch[k] !== undefined) out[k] = oracleMerge(out[k], patch[k], k);
  }
  return out;
}

/** Print → merge → read: what a patch meant when it was applied through the native format. */
function oracle(s: Scenario, patch: Readonly<Obj>, label = 'patch'): Scenario {
  const doc = JSON.parse(printNative(s, 'json')) as Obj;
  delete doc.variants;
  delete doc.questions;
  const read = readNativeValue({ file: label, value: oracleMerge(doc, patch), at: (path, message) => ({ file: label, path: formatPath(path), message }) });
  return { ...read, ...(s.variants ? { variants: s.variants } : {}), ...(s.questions ? { questions: s.questions } : {}), ...(s.origin ? { origin: s.origin } : {}), name: s.name };
}

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

/** Applies a patch and checks it against the oracle (and that the patch is left as it was). */
function expectAsOracle(s: Scenario, patch: Readonly<Obj>): Result {
  const before = structuredClone(patch);
  const got = result(() => applyPatch(s, patch));
  expect(got).toEqual(result(() => oracle(s, patch)));
  expect(patch).toEqual(before);
  return got;
}

const randomCase = fc.integer({ min: 1, max: 3 }).chain((n) => scenarioArb(n).chain((s) => fc.tuple(fc.constant(s), variantPatchArb(s))));

describe('a variant applied on the model means what it meant through the native format', () => {
  it('every declared variant of every shipped scenario', () => {
    let n = 0;
    for (const s of SHIPPED) {
      for (const v of s.variants ?? []) {
        expect(result(() => applyVariant(s, v.id)), v.id).toEqual(result(() => oracle(s, v.patch, `variant "${v.id}"`)));
        n++;
      }
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
          if ('diagnostics' in expectAsOracle(s, patch)) failed++;
        },
      ),
      { numRuns: 300 },
    );
    // Both kinds were compared.
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(300);
  });

  it('random patches of random scenarios and of the shipped scenarios', () => {
    fc.assert(fc.property(randomCase, ([s, patch]) => void expectAsOracle(s, patch)), { numRuns: 200 });
    for (const s of SHIPPED) fc.assert(fc.property(variantPatchArb(s), (patch) => void expectAsOracle(s, patch)), { numRuns: 30 });
  });

  it('hand-written edge cases: empty, renamed, removed, added, wrong and large patches', () => {
    const s = SHIPPED[0]!;
    const issue = s.issues[0]!.name;
    const party = s.parties[0]!.id;
    const patches: Obj[] = [
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
    for (const p of patches) expectAsOracle(s, p);
  });
});

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
        const once = result(() => applyPatch(s, patch));
        if ('diagnostics' in once) {
          // Errors name the patch, and the same patch fails the same way again.
          expect(once.diagnostics.length).toBeGreaterThan(0);
          for (const d of once.diagnostics) expect(d.file).toBe('patch');
          expect(result(() => applyPatch(s, patch))).toEqual(once);
          return;
        }
        const twice = result(() => applyPatch(applyPatch(s, patch), patch));
        expect('fingerprint' in twice && twice.fingerprint).toEqual(once.fingerprint);
      }),
      { numRuns: 150 },
    );
  });

  it('the kinds of random patch both succeed and fail (the generator is not trivial)', () => {
    const results = fc.sample(randomCase, { numRuns: 200, seed: 7 }).map(([s, p]) => result(() => applyPatch(s, p)));
    expect(results.some((r) => 'diagnostics' in r)).toBe(true);
    expect(results.filter((r) => 'scenario' in r).length).toBeGreaterThan(50);
  });

  it('names an unknown variant and a bad patch field', () => {
    const s = readNative('s.yaml', 'parley: 1\nname: s\nissues: [{name: a, options: [x, y]}]\nparties: [{id: p, preferences: {weights: {a: 1}, values: {a: {x: 0, y: 1}}}}]\nvariants: [{id: v, patch: {parties: {p: {reservaton: 1}}}}]\n');
    expect(() => applyVariant(s, 'w')).toThrow(/unknown variant "w"; the scenario's variants are: v/);
    expect(() => applyVariant(s, 'v')).toThrow(/^variant "v": parties\[0\]\.reservaton: unknown field "reservaton"$/);
    expect(() => applyVariant({ ...s, variants: undefined }, 'v')).toThrow(/the scenario's variants are: none/);
  });

  it('a patch is in the terms of the scenario, not of a file format: the format version is no field of it', () => {
    // Through the native format `parley: 1` merged silently and `parley: 2` failed on the version;
    // on the model both are unknown fields, like any other field a scenario does not have.
    const s = SHIPPED[0]!;
    expect(() => applyPatch(s, { parley: 1 })).toThrow(/^patch: parley: unknown field "parley"$/);
    expect(() => applyPatch(s, { $schema: 'x' })).toThrow(/unknown field "\$schema"/);
  });

  it('mergePatch: objects merge, null removes, named lists by name, other lists replace', () => {
    const base = { a: { b: 1, c: 2 }, issues: [{ name: 'x', options: ['p', 'q'] }, { name: 'y', options: ['r'] }], list: [1, 2] };
    expect(mergePatch(base, { a: { c: null, d: 3 }, issues: { x: { options: { q: null, s: { description: 'new' } } }, y: null, z: { options: ['t'] } }, list: [3] })).toEqual({
      a: { b: 1, d: 3 },
      issues: [{ name: 'x', options: [{ name: 'p' }, { name: 's', description: 'new' }] }, { name: 'z', options: ['t'] }],
      list: [3],
    });
    expect(base.issues[0]!.options).toEqual(['p', 'q']);
  });
});
