// Test support: seeded random scenarios for property tests.
import fc from 'fast-check';
import type { Issue } from '../engine/model/issue.ts';
import type { Party } from '../engine/model/party.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import type { Preferences } from '../engine/model/preferences.ts';

const weight = fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true });

/** A random categorical or integer issue. */
export const issueArb = (k: number): fc.Arbitrary<Issue> =>
  fc.oneof(
    fc.integer({ min: 1, max: 4 }).map((n): Issue => ({ type: 'categorical', name: `issue${k}`, options: Array.from({ length: n }, (_, j) => ({ name: `o${k}_${j}` })) })),
    fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([min, span]): Issue => ({ type: 'integer', name: `issue${k}`, min, max: min + span })),
  );

const radix = (i: Issue) => (i.type === 'categorical' ? i.options.length : i.type === 'integer' ? i.max - i.min + 1 : i.steps);

/** Random preferences over the given issues: linear additive, or hyperrectangles. */
export const preferencesArb = (issues: readonly Issue[]): fc.Arbitrary<Preferences> => {
  const linear = fc
    .tuple(
      fc.array(weight, { minLength: issues.length, maxLength: issues.length }),
      fc.tuple(...issues.map((i) => fc.array(weight, { minLength: radix(i), maxLength: radix(i) }))),
    )
    .map(([weights, tables]): Preferences => ({ type: 'linear-additive', weights, values: tables.map((values) => ({ type: 'table', values })) }));
  const rect = fc.record({
    utility: fc.integer({ min: 1, max: 100 }),
    mode: fc.constantFrom('includes' as const, 'excludes' as const),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: Math.min(3, issues.length) }),
  });
  const constraints = fc
    .tuple(fc.array(rect, { minLength: 1, maxLength: 6 }), fc.constantFrom('sum' as const, 'max' as const, 'min' as const))
    .map(([rects, aggregation]): Preferences => {
      const cs = rects.map((r) => {
        const used = new Set<number>();
        const bounds = r.picks
          .map(([a, b, c]) => {
            const issue = a % issues.length;
            const n = radix(issues[issue]!);
            const lo = b % n;
            const hi = lo + (c % (n - lo));
            return { issue, min: lo, max: hi };
          })
          .filter((bd) => (used.has(bd.issue) ? false : (used.add(bd.issue), true)));
        return { utility: r.utility, weight: 1, mode: r.mode, bounds };
      });
      const normalizer = aggregation === 'sum' ? cs.reduce((s, c) => s + c.utility, 0) : Math.max(...cs.map((c) => c.utility));
      return { type: 'constraints', aggregation, constraints: cs, normalizer };
    });
  return fc.oneof(linear, constraints);
};

/** A random scenario with `parties` negotiators and 1–4 small issues. */
export const scenarioArb = (parties: number, opts: { linearOnly?: boolean } = {}): fc.Arbitrary<Scenario> =>
  fc
    .integer({ min: 1, max: 4 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => issueArb(k))))
    .chain((issues) =>
      fc
        .tuple(
          fc.array(opts.linearOnly ? preferencesArb(issues).filter((p) => p.type === 'linear-additive') : preferencesArb(issues), { minLength: parties, maxLength: parties }),
          fc.array(fc.option(fc.double({ min: 0, max: 0.8, noNaN: true }), { nil: undefined }), { minLength: parties, maxLength: parties }),
        )
        .map(([prefs, reservations]): Scenario => ({
          name: 'random',
          issues,
          parties: prefs.map(
            (preferences, k): Party => ({
              id: `p${k}`,
              name: `Party ${k}`,
              role: 'negotiator',
              preferences,
              ...(reservations[k] !== undefined ? { reservation: { value: reservations[k]! } } : {}),
            }),
          ),
          agreement: { type: 'unanimity' },
        })),
    );
