import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSourceFiles } from '../../../node/load-files.ts';
import { foldersWithFiles, SCENARIOS_DIR } from '../../../testing/shared.ts';
import { ScenarioError } from '../../model/diagnostics.ts';
import type { Issue } from '../../model/issue.ts';
import { OutcomeSpace } from '../../model/outcome-space.ts';
import type { Party } from '../../model/party.ts';
import type { Hyperrectangle, Preferences } from '../../model/preferences.ts';
import type { Scenario } from '../../model/scenario.ts';
import { compileUtility } from '../../model/utility-function.ts';
import type { ValueFunction } from '../../model/value-function.ts';
import { createRng } from '../../util/rng.ts';
import { printGenius, readGenius } from './index.ts';

const reservationValue = (space: OutcomeSpace, p: Party): number => {
  const r = p.reservation;
  if (!r) return 0;
  return 'value' in r ? r.value : compileUtility(space, p.preferences!).utility(r.outcome);
};

/** Asserts that `b` (read back) has the same issues, and the same utility, reservation and discount for every party. */
function expectSameScenario(a: Scenario, b: Scenario, outcomes: (space: OutcomeSpace) => Iterable<number[]>): void {
  expect(b.issues).toEqual(a.issues);
  expect(b.name).toBe(a.name);
  const withPrefs = a.parties.filter((p) => p.preferences);
  expect(b.parties.map((p) => p.id)).toEqual(withPrefs.map((p) => p.id));
  const space = new OutcomeSpace(a.issues);
  withPrefs.forEach((pa, k) => {
    const pb = b.parties[k]!;
    expect(reservationValue(space, pb)).toBeCloseTo(reservationValue(space, pa), 12);
    expect(pb.discount).toEqual(pa.discount && pa.discount.factor > 0 && pa.discount.factor < 1 ? pa.discount : undefined);
    const fa = compileUtility(space, pa.preferences!);
    const fb = compileUtility(space, pb.preferences!);
    for (const o of outcomes(space)) expect(Math.abs(fb.utility(o) - fa.utility(o))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(fa.utility(o))));
  });
}

function* allOutcomes(space: OutcomeSpace): Iterable<number[]> {
  for (let i = 0; i < Number(space.size); i++) yield space.outcomeAt(i);
}

// ---- random scenarios ----

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 &<>"'_-]{0,8}$/);

const issueArb: fc.Arbitrary<Issue> = fc.oneof(
  fc.integer({ min: 1, max: 4 }).map((n) => ({ type: 'categorical' as const, name: '', options: Array.from({ length: n }, (_, k) => ({ name: `v${k}&"<${k}` })) })),
  fc.record({ min: fc.integer({ min: -3, max: 3 }), size: fc.integer({ min: 1, max: 4 }) }).map(({ min, size }) => ({ type: 'integer' as const, name: '', min, max: min + size - 1 })),
);

function valueFunctionArb(issue: Issue): fc.Arbitrary<ValueFunction> {
  if (issue.type === 'categorical') return fc.array(unit, { minLength: issue.options.length, maxLength: issue.options.length }).map((values) => ({ type: 'table' as const, values }));
  return fc.record({
    slope: fc.double({ min: -1, max: 1, noNaN: true }),
    offset: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
    origin: fc.oneof(fc.constant(issue.type === 'integer' ? issue.min : 0), fc.integer({ min: -5, max: 5 })),
  }).map((r) => ({ type: 'linear' as const, ...r }));
}

function rectangleArb(issues: readonly Issue[]): fc.Arbitrary<Hyperrectangle> {
  const ints = issues.map((i, k) => [i, k] as const).filter(([i]) => i.type === 'integer');
  const bound = ints.length
    ? fc.constantFrom(...ints).chain(([i, k]) => {
        const size = (i as { min: number; max: number }).max - (i as { min: number }).min + 1;
        return fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: size - 1 })).map(([a, b]) => ({ issue: k, min: Math.min(a, b), max: Math.max(a, b) }));
      })
    : fc.constant(undefined);
  return fc.record({
    utility: fc.double({ min: 0, max: 100, noNaN: true }),
    weight: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 2, noNaN: true })),
    mode: fc.constantFrom('includes' as const, 'excludes' as const),
    bounds: fc.array(bound, { maxLength: 3 }).map((bs) => bs.filter((b): b is { issue: number; min: number; max: number } => b !== undefined)),
  });
}

function preferencesArb(issues: readonly Issue[]): fc.Arbitrary<Preferences> {
  const linear = fc.record({
    weights: fc.array(unit, { minLength: issues.length, maxLength: issues.length }),
    values: fc.tuple(...issues.map(valueFunctionArb)),
  }).map((r) => ({ type: 'linear-additive' as const, weights: r.weights, values: r.values }));
  const constraints = fc.record({
    aggregation: fc.constantFrom('sum' as const, 'min' as const, 'max' as const),
    constraints: fc.array(rectangleArb(issues), { maxLength: 5 }),
    normalizer: fc.double({ min: 0.5, max: 300, noNaN: true }),
  }).map((r) => ({ type: 'constraints' as const, ...r }));
  return issues.some((i) => i.type === 'integer') ? fc.oneof(linear, constraints) : linear;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(name, fc.uniqueArray(name, { minLength: 1, maxLength: 4, selector: (s) => s }), fc.integer({ min: 1, max: 3 }))
  .chain(([scenarioName, issueNames, partyCount]) =>
    fc.tuple(...issueNames.map(() => issueArb)).chain((raw) => {
      const issues = raw.map((i, k) => ({ ...i, name: issueNames[k]! }));
      const space = new OutcomeSpace(issues);
      const party = (k: number) =>
        fc.record({
          preferences: preferencesArb(issues),
          reservation: fc.oneof(
            fc.double({ min: 0, max: 1, noNaN: true }).map((value) => ({ value })),
            fc.constant({ value: -Infinity }),
            fc.nat().map((seed) => ({ outcome: space.sample(createRng(seed)) })),
          ),
          discount: fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true }).map((factor) => ({ factor, per: 'time' as const })), { nil: undefined }),
        }).map((r): Party => ({ id: `party_${k}`, name: `party_${k}`, role: 'negotiator', ...r, ...(r.discount ? {} : { discount: undefined }) }));
      return fc.tuple(...Array.from({ length: partyCount }, (_, k) => party(k))).map(
        (parties): Scenario => ({ name: scenarioName, issues, parties: parties.map(stripUndefined), agreement: { type: 'unanimity' } }),
      );
    }),
  );

function stripUndefined(p: Party): Party {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as Party;
}

describe('printGenius', () => {
  it('import → export → import loses nothing on random scenarios', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const files = printGenius(s);
        expect(files.map((f) => f.path)[0]).toMatch(/-domain\.xml$/);
        const back = readGenius(files);
        expectSameScenario(s, back, allOutcomes);
        // And a second round gives the identical files.
        expect(printGenius(back).map((f) => f.text)).toEqual(printGenius(readGenius(printGenius(back))).map((f) => f.text));
      }),
      { numRuns: 300, seed: 424242 },
    );
  });

  it('round-trips every shared GENIUS scenario', () => {
    const rng = createRng(99);
    let roundTripped = 0;
    for (const folder of foldersWithFiles(join(SCENARIOS_DIR, 'genius'), /\.xml$/i)) {
      const a = readGenius(loadSourceFiles([folder]));
      const b = readGenius(printGenius(a));
      try {
        expectSameScenario(a, b, (space) => Array.from({ length: 30 }, () => space.sample(rng)));
      } catch (e) {
        throw new Error(`${relative(SCENARIOS_DIR, folder)}: ${(e as Error).message}`, { cause: e });
      }
      roundTripped++;
    }
    // Every folder of the shared GENIUS material (137 when counted on 2026-12-02).
    expect(roundTripped).toBe(137);
  });

  it('refuses what GENIUS cannot express instead of approximating it', () => {
    const s: Scenario = {
      name: 'x',
      issues: [{ type: 'integer', name: 'n', min: 0, max: 2 }],
      parties: [
        {
          id: 'a',
          name: 'a',
          role: 'negotiator',
          preferences: { type: 'linear-additive', weights: [1], values: [{ type: 'table', values: [0, 1, 0] }] },
          discount: { factor: 0.5, per: 'round' },
        },
      ],
      agreement: { type: 'unanimity' },
    };
    expect(() => printGenius(s)).toThrow(ScenarioError);
    try {
      printGenius(s);
    } catch (e) {
      expect((e as ScenarioError).diagnostics.map((d) => d.path)).toEqual(['parties[0].preferences.values[0]']);
    }
  });
});
