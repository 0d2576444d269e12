import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { issueArb, preferencesArb, scenarioArb } from '../../testing/random-scenario.ts';
import { analyze } from './analyze.ts';
import { foldersWithFiles, SCENARIOS_DIR } from '../../testing/shared.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { geniusImporter } from '../formats/genius/index.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import type { Preferences } from '../model/preferences.ts';
import { compileUtility } from '../model/utility-function.ts';
import { cellFrontier, certifyFrontier } from './constraint-bound.ts';
import { constraintFrontier } from './constraint-frontier.ts';
import { parseParetoReference } from './pareto-reference.ts';

const profilesArb = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => issueArb(k))))
  .chain((issues) =>
    fc.tuple(fc.constant(issues), preferencesArb(issues).filter((p) => p.type === 'constraints' && p.aggregation === 'sum'), preferencesArb(issues)),
  );

describe('certified upper envelope of a hyperrectangle frontier', () => {
  it('is never below the brute-force maximum, whatever the budget, and equals it when the search completes (property)', () => {
    fc.assert(
      fc.property(profilesArb, fc.integer({ min: 1, max: 6 }), ([issues, a, b], budget) => {
        const prefs = [a, b] as [Preferences, Preferences];
        if (b.type === 'constraints' && b.aggregation !== 'sum') return;
        const space = new OutcomeSpace(issues);
        const ua = compileUtility(space, a);
        const ub = compileUtility(space, b);
        const all = Array.from({ length: Number(space.size) }, (_, k) => space.outcomeAt(k)).map((o) => [ua.utility(o), ub.utility(o)] as const);
        for (const [opts, complete] of [[{ budget }, false], [{ budget: 1_000_000 }, true]] as const) {
          const c = certifyFrontier(space, prefs, all, { directions: 5, ...opts })!;
          for (const d of c.directions) {
            const max = Math.max(...all.map(([x, y]) => d.lambda * x + (1 - d.lambda) * y));
            expect(d.bound).toBeGreaterThanOrEqual(max - 1e-12);
            expect(d.found).toBeLessThanOrEqual(max + 1e-12);
            if (complete) {
              expect(d.exact).toBe(true);
              expect(d.bound).toBeCloseTo(max, 12);
            }
          }
          // The points given are every outcome: nothing beats them.
          if (complete) expect(c.maxGap).toBeLessThanOrEqual(1e-12);
        }
      }),
      { numRuns: 300, seed: 77 },
    );
  });
});

/**
 * The certificate beside GENIUS's pareto.xml (18 folders): no reference point lies above the
 * envelope, and the search's frontier is within `maxGap` of it in every direction.
 */
describe('certified envelope against GENIUS pareto.xml', () => {
  const folders = foldersWithFiles(SCENARIOS_DIR, /^pareto\.xml$/);
  it('finds the 18 reference folders', () => expect(folders.length).toBe(18));
  for (const dir of folders) {
    it(`bounds GENIUS's and our frontier: ${basename(dir)}`, () => {
      const scenario = geniusImporter.read(loadSourceFiles([dir]));
      const parties = scenario.parties.filter((p) => p.preferences).sort((a, b) => a.id.localeCompare(b.id));
      const space = new OutcomeSpace(scenario.issues);
      const prefs = parties.map((p) => p.preferences!) as [Preferences, Preferences];
      const ufuns = prefs.map((p) => compileUtility(space, p));
      const f = constraintFrontier(space, ufuns, { seed: 1, preferences: prefs, parties: parties.map((p) => p.id) });
      const c = certifyFrontier(space, prefs, f.points.map((p) => p.utilities), { directions: 11, budget: 3000 })!;
      expect(c).toBeDefined();
      const ref = parseParetoReference({ path: join(dir, 'pareto.xml'), text: readFileSync(join(dir, 'pareto.xml'), 'utf8') });
      for (const d of c.directions) {
        const refBest = Math.max(...ref.points.map(([x, y]) => d.lambda * x + (1 - d.lambda) * y));
        // The reference is printed to ~7 digits.
        expect(refBest).toBeLessThanOrEqual(d.bound + 1e-6);
        expect(d.found).toBeLessThanOrEqual(d.bound);
      }
      console.log(`${basename(dir)}: ${space.size} outcomes, max gap ${c.maxGap.toFixed(4)}, ${c.directions.filter((d) => d.exact).length}/${c.directions.length} directions exact`);
    });
  }
});

describe('exact frontier by cells', () => {
  it('equals the brute-force frontier, ties and lowest-index outcomes included (property)', () => {
    const arb = fc
      .integer({ min: 1, max: 4 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => issueArb(k))))
      .chain((issues) => fc.tuple(fc.constant(issues), fc.array(preferencesArb(issues), { minLength: 2, maxLength: 3 })));
    fc.assert(
      fc.property(arb, ([issues, prefs]) => {
        if (prefs.some((p) => p.type === 'constraints' && p.aggregation !== 'sum')) return;
        const space = new OutcomeSpace(issues);
        const f = cellFrontier(space, prefs, prefs.map((_, k) => `p${k}`))!;
        expect(f.exact).toBe(true);
        const ufuns = prefs.map((p) => compileUtility(space, p));
        const rows = Array.from({ length: Number(space.size) }, (_, k) => ufuns.map((u) => Math.round(u.utility(space.outcomeAt(k)) * 1e10) / 1e10));
        const front = rows.filter((u) => !rows.some((v) => v.every((x, p) => x >= u[p]!) && v.some((x, p) => x > u[p]!)));
        const keys = [...new Set(front.map((u) => u.join(',')))].sort();
        expect(f.points.map((p) => p.utilities.join(',')).sort()).toEqual(keys);
        expect(f.outcomes).toBe(front.length);
        for (const p of f.points) expect(space.indexOf(p.outcome)).toBe(rows.findIndex((u) => u.join(',') === p.utilities.join(',')));
      }),
      { numRuns: 300, seed: 78 },
    );
  });

  it('refuses when there are more cells than the limit', () => {
    const issues = [0, 1, 2].map((k) => ({ type: 'integer' as const, name: `i${k}`, min: 0, max: 9 }));
    const lin: Preferences = { type: 'linear-additive', weights: [1, 1, 1], values: issues.map(() => ({ type: 'linear' as const, slope: 0.1, offset: 0, origin: 0 })) };
    expect(cellFrontier(new OutcomeSpace(issues), [lin, lin], ['a', 'b'], 999)).toBeUndefined();
    expect(cellFrontier(new OutcomeSpace(issues), [lin, lin], ['a', 'b'], 1000)?.exact).toBe(true);
  });
});

describe('analyze above the enumeration limit uses the cells when they are few', () => {
  it('gives the frontier enumeration gives, labelled exact (property)', () => {
    let checked = 0;
    fc.assert(
      fc.property(scenarioArb(2), (s) => {
        if (s.parties.every((p) => p.preferences?.type === 'linear-additive')) return;
        if (s.parties.some((p) => p.preferences?.type === 'constraints' && p.preferences.aggregation !== 'sum')) return;
        const huge = analyze(s, { enumerationLimit: 1 });
        const full = analyze(s);
        if (full.outcomes <= 1n) return;
        expect(huge.frontier.exact).toBe(true);
        expect(huge.frontier.points.map((p) => [p.utilities, p.outcome, p.ties])).toEqual(full.frontier.points.map((p) => [p.utilities, p.outcome, p.ties]));
        checked++;
      }),
      { numRuns: 400, seed: 79 },
    );
    expect(checked).toBeGreaterThan(50);
  });
});
