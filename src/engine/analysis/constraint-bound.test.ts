import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { issueArb, preferencesArb } from '../../testing/random-scenario.ts';
import { foldersWithFiles, SCENARIOS_DIR } from '../../testing/shared.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { geniusImporter } from '../formats/genius/index.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import type { Preferences } from '../model/preferences.ts';
import { compileUtility } from '../model/utility-function.ts';
import { certifyFrontier } from './constraint-bound.ts';
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
