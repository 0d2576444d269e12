import { describe, expect, it } from 'vitest';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { compileUtility } from '../model/utility-function.ts';
import { createRng } from '../util/rng.ts';
import { randomScenario } from './fixtures.ts';
import { lowerBound, sortedOutcomesBytes, sortedOutcomesData, sortedOutcomesFrom, sortOutcomes } from './sorted-outcomes.ts';

describe('sortOutcomes', () => {
  const sc = randomScenario(createRng(7), 2, 4, 5);
  const space = new OutcomeSpace(sc.issues);
  const ufun = compileUtility(space, sc.parties[0]!.preferences!);

  it('orders every outcome by utility, ties by index, and binary-searches like a scan', () => {
    const s = sortOutcomes(space, ufun);
    expect(s.count).toBe(625);
    expect(s.exact).toBe(true);
    const all = Array.from({ length: 625 }, (_, i) => ({ i, u: ufun.utility(space.outcomeAt(i)) }));
    all.sort((a, b) => a.u - b.u || a.i - b.i);
    for (let p = 0; p < 625; p++) {
      expect(s.indexAt(p)).toBe(all[p]!.i);
      expect(s.utilities[p]).toBe(all[p]!.u);
      expect(s.outcomeAt(p)).toEqual(space.outcomeAt(all[p]!.i));
    }
    for (const u of [-1, 0, 0.3, 0.5, 0.77, s.maxUtility, 2]) {
      const scan = all.findIndex((x) => x.u >= u);
      expect(s.ceil(u)).toBe(scan < 0 ? 625 : scan);
    }
  });

  it('leaves out excluded outcomes (red lines)', () => {
    const s = sortOutcomes(space, ufun, { exclude: (o) => o[0] === 0 });
    expect(s.count).toBe(500);
    for (let p = 0; p < s.count; p++) expect(s.outcomeAt(p)[0]).not.toBe(0);
  });

  it('samples huge spaces with a seed, keeping the exact best outcome of linear utilities', () => {
    const a = sortOutcomes(space, ufun, { exactLimit: 100, sampleSize: 300, rng: createRng(1) });
    const b = sortOutcomes(space, ufun, { exactLimit: 100, sampleSize: 300, rng: createRng(1) });
    expect(a.exact).toBe(false);
    expect(a.count).toBe(300);
    expect(Array.from(a.utilities)).toEqual(Array.from(b.utilities));
    expect(a.maxUtility).toBe(sortOutcomes(space, ufun).maxUtility);
    for (let p = 1; p < a.count; p++) expect(a.utilities[p]!).toBeGreaterThanOrEqual(a.utilities[p - 1]!);
    expect(ufun.utility(a.outcomeAt(a.count - 1))).toBe(a.maxUtility);
  });

  it('lowerBound finds the first position at or above a value', () => {
    const arr = Float64Array.from([0, 0.1, 0.1, 0.5]);
    expect([lowerBound(arr, 4, -1), lowerBound(arr, 4, 0.1), lowerBound(arr, 4, 0.2), lowerBound(arr, 4, 9)]).toEqual([0, 1, 3, 4]);
  });
});

describe('sorted tables as plain arrays (sorted in one thread, used in another)', () => {
  const sc = randomScenario(createRng(11), 2, 3, 6);
  const space = new OutcomeSpace(sc.issues);
  const ufun = compileUtility(space, sc.parties[1]!.preferences!);

  it('an exact and a sampled table come back the same after a structured clone', () => {
    for (const s of [sortOutcomes(space, ufun), sortOutcomes(space, ufun, { exactLimit: 10, sampleSize: 50, rng: createRng(3) })]) {
      const data = structuredClone(sortedOutcomesData(space, s));
      const t = sortedOutcomesFrom(space, data);
      expect([t.count, t.exact, t.maxUtility, t.minUtility]).toEqual([s.count, s.exact, s.maxUtility, s.minUtility]);
      for (let p = 0; p < s.count; p++) {
        expect(t.outcomeAt(p)).toEqual(s.outcomeAt(p));
        expect(t.indexAt(p)).toBe(s.indexAt(p));
        expect(t.utilities[p]).toBe(s.utilities[p]);
      }
      for (const u of [-1, 0.2, 0.6, 2]) expect(t.ceil(u)).toBe(s.ceil(u));
      expect(sortedOutcomesBytes(data)).toBe(s.count * (s.exact ? 12 : 8 + 4 * space.issueCount));
    }
  });
});
