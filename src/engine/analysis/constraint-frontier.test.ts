import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { constraintFrontier } from './constraint-frontier.ts';
import { compareWithReference, parseParetoReference } from './pareto-reference.ts';
import { roundUtility, type Frontier } from './frontier-types.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { compileUtility, type UtilityFunction } from '../model/utility-function.ts';
import type { Issue } from '../model/issue.ts';
import type { ConstraintPreferences, Preferences } from '../model/preferences.ts';
import { geniusImporter } from '../formats/genius/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { SCENARIOS_DIR, foldersWithFiles } from '../../testing/shared.ts';

const int10 = (name: string): Issue => ({ type: 'integer', name, min: 0, max: 9 });

function bruteFrontier(space: OutcomeSpace, ufuns: UtilityFunction[]): number[][] {
  const seen = new Map<string, number[]>();
  const total = space.sizeNumber!;
  for (let k = 0; k < total; k++) {
    const o = space.outcomeAt(k);
    const u = ufuns.map((f) => roundUtility(f.utility(o)));
    seen.set(u.join(','), u);
  }
  const all = [...seen.values()];
  return all.filter((p) => !all.some((q) => q !== p && q.every((v, i) => v >= p[i]!))).sort((a, b) => b[0]! - a[0]!);
}

function checkRealOutcomes(f: Frontier, ufuns: UtilityFunction[]) {
  for (const p of f.points) {
    expect(p.utilities).toEqual(ufuns.map((u) => roundUtility(u.utility(p.outcome))));
    expect(p.ties).toBeGreaterThanOrEqual(1);
  }
  // Mutually non-dominated and distinct.
  for (const p of f.points)
    for (const q of f.points) if (p !== q) expect(q.utilities.every((v, i) => v >= p.utilities[i]!)).toBe(false);
}

describe('constraintFrontier', () => {
  const space = new OutcomeSpace([int10('a'), int10('b'), int10('c'), int10('d')]);
  const prefsA: ConstraintPreferences = {
    type: 'constraints',
    aggregation: 'sum',
    normalizer: 100,
    constraints: [
      { utility: 40, weight: 1, mode: 'includes', bounds: [{ issue: 0, min: 0, max: 3 }, { issue: 1, min: 5, max: 9 }] },
      { utility: 35, weight: 1, mode: 'includes', bounds: [{ issue: 2, min: 2, max: 4 }] },
      { utility: 25, weight: 1, mode: 'excludes', bounds: [{ issue: 3, min: 0, max: 6 }, { issue: 0, min: 0, max: 1 }] },
    ],
  };
  const prefsB: ConstraintPreferences = {
    type: 'constraints',
    aggregation: 'sum',
    normalizer: 90,
    constraints: [
      { utility: 30, weight: 1, mode: 'includes', bounds: [{ issue: 0, min: 5, max: 9 }] },
      { utility: 30, weight: 1, mode: 'includes', bounds: [{ issue: 1, min: 0, max: 4 }, { issue: 3, min: 0, max: 2 }] },
      { utility: 20, weight: 1.5, mode: 'includes', bounds: [{ issue: 2, min: 3, max: 8 }, { issue: 0, min: 2, max: 6 }] },
    ],
  };
  const ufuns = [compileUtility(space, prefsA), compileUtility(space, prefsB)];

  it('finds the whole frontier of a small hyperrectangle space (checked by enumeration)', () => {
    const f = constraintFrontier(space, ufuns, { seed: 3, preferences: [prefsA, prefsB], parties: ['A', 'B'] });
    expect(f.exact).toBe(false);
    expect(f.parties).toEqual(['A', 'B']);
    checkRealOutcomes(f, ufuns);
    expect(f.points.map((p) => p.utilities)).toEqual(bruteFrontier(space, ufuns));
  });

  it('gives the same answer without the preferences (moves evaluated from scratch)', () => {
    const f = constraintFrontier(space, ufuns, { seed: 3, budget: { restarts: 6, steps: 3000, gapRuns: 6 } });
    checkRealOutcomes(f, ufuns);
    expect(f.points.map((p) => p.utilities)).toEqual(bruteFrontier(space, ufuns));
  });

  it('is deterministic for a seed', () => {
    const run = () => constraintFrontier(space, ufuns, { seed: 11, preferences: [prefsA, prefsB], budget: { restarts: 4, steps: 2000 } });
    expect(run()).toEqual(run());
  });

  it('handles three parties', () => {
    const third: Preferences = { type: 'linear-additive', weights: [0.25, 0.25, 0.25, 0.25], values: [0, 1, 2, 3].map(() => ({ type: 'linear', slope: 1 / 9, offset: 0, origin: 0 })) };
    const u3 = [...ufuns, compileUtility(space, third)];
    const f = constraintFrontier(space, u3, { seed: 5, preferences: [prefsA, prefsB, third], budget: { restarts: 12, steps: 4000 } });
    expect(f.parties).toEqual(['p1', 'p2', 'p3']);
    checkRealOutcomes(f, u3);
    // Every point found is on the true frontier.
    const truth = bruteFrontier(space, u3).map((u) => u.join(','));
    for (const p of f.points) expect(truth).toContain(p.utilities.join(','));
  });
});

/**
 * GENIUS's pareto.xml beside the ANAC 2014 and S-1* domains. Its values are
 * the hyperrectangle sum divided by the profile's maxutility — the same
 * number as parley's utility: on the 10-issue domains every reference point
 * is matched by one of ours to within 1e-6 (the file's float precision).
 *
 * Closeness, measured with the default budget and seed 1 on all 18 folders:
 * mean shortfall ≤ 0.0003, max shortfall ≤ 0.002, share covered ≥ 0.8, and
 * no point of ours dominated by a reference point; parley's frontier strictly
 * improves on GENIUS's for many reference points of the 30- and 40-issue domains.
 */
describe('constraintFrontier against GENIUS pareto.xml', () => {
  const folders = foldersWithFiles(SCENARIOS_DIR, /^pareto\.xml$/);
  it('finds the 18 reference folders', () => {
    expect(folders.length).toBe(18);
  });
  for (const dir of folders) {
    it(`comes close to GENIUS's frontier: ${relative(SCENARIOS_DIR, dir)}`, () => {
      const scenario = geniusImporter.read(loadSourceFiles([dir]));
      const parties = scenario.parties.filter((p) => p.preferences).sort((a, b) => a.id.localeCompare(b.id));
      expect(parties).toHaveLength(2);
      const space = new OutcomeSpace(scenario.issues);
      const ufuns = parties.map((p) => compileUtility(space, p.preferences!));
      const f = constraintFrontier(space, ufuns, { seed: 1, preferences: parties.map((p) => p.preferences), parties: parties.map((p) => p.id) });
      checkRealOutcomes(f, ufuns);
      const file = join(dir, 'pareto.xml');
      const ref = parseParetoReference({ path: file, text: readFileSync(file, 'utf8') });
      const c = compareWithReference(
        f.points.map((p) => p.utilities),
        ref.points,
      );
      console.log(
        `${basename(dir)}: ours ${c.ourPoints}, reference ${c.referencePoints}, covered ${(c.covered * 100).toFixed(0)}%, ` +
          `shortfall mean ${c.meanShortfall.toFixed(5)} max ${c.maxShortfall.toFixed(5)}, deficit ${c.maxDeficit.toFixed(5)}, improved ${c.improved}`,
      );
      // Tolerances at the measured values (the search is deterministic for a seed): the worst folder
      // measured mean 0.00031 (30issues), max 0.00187 (30issues), covered 80 % (30issues), deficit 0.
      expect(c.meanShortfall).toBeLessThanOrEqual(0.00032);
      expect(c.maxShortfall).toBeLessThanOrEqual(0.0019);
      expect(c.covered).toBeGreaterThanOrEqual(0.8);
      expect(c.maxDeficit).toBeLessThanOrEqual(1e-6);
    });
  }
});
