import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { relative } from 'node:path';
import { adjustedWinner, adjustedWinnerPoints, type AdjustedWinnerSplit } from './adjusted-winner.ts';
import type { Scenario } from '../model/scenario.ts';
import { UNANIMITY } from '../model/agreement-rule.ts';
import type { Party } from '../model/party.ts';
import { geniusImporter } from '../formats/genius/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { SCENARIOS_DIR, foldersWithFiles } from '../../testing/shared.ts';

/** Equitable, envy-free (≥ 50 own points), efficient (ratio threshold) and at most one item split. */
function checkFair(a: number[], b: number[], r: AdjustedWinnerSplit) {
  const sa = a.reduce((s, x) => s + x, 0);
  const sb = b.reduce((s, x) => s + x, 0);
  const pa = a.map((x) => (100 * x) / sa);
  const pb = b.map((x) => (100 * x) / sb);
  const ownA = pa.reduce((s, x, i) => s + x * r.shareA[i]!, 0);
  const ownB = pb.reduce((s, x, i) => s + x * (1 - r.shareA[i]!), 0);
  expect(ownA).toBeCloseTo(r.totals[0], 9);
  expect(ownB).toBeCloseTo(r.totals[1], 9);
  expect(Math.abs(ownA - ownB)).toBeLessThan(1e-9); // equitable
  expect(ownA).toBeGreaterThanOrEqual(50 - 1e-9); // envy-free: A values B's share at 100 − ownA
  expect(ownB).toBeGreaterThanOrEqual(50 - 1e-9);
  const fractional = r.shareA.filter((s) => s > 0 && s < 1);
  expect(fractional.length).toBeLessThanOrEqual(1);
  if (r.split) expect(r.shareA[r.split.item]).toBe(r.split.shareA);
  else expect(fractional).toHaveLength(0);
  // Efficient: every item A holds some of has a ratio a/b at least that of every item B holds some of
  // (otherwise swapping small amounts of the two would help both).
  for (let i = 0; i < pa.length; i++) {
    if (!(r.shareA[i]! > 0)) continue;
    for (let j = 0; j < pa.length; j++) {
      if (!(r.shareA[j]! < 1) || i === j) continue;
      expect(pa[i]! * pb[j]! - pa[j]! * pb[i]!).toBeGreaterThanOrEqual(-1e-9);
    }
  }
}

describe('adjustedWinnerPoints', () => {
  it('splits the textbook divorce example (Bob and Carol) by hand computation', () => {
    // Items: retirement account, home, summer cottage, investments, other.
    const bob = [50, 20, 15, 10, 5];
    const carol = [40, 30, 10, 10, 10];
    const r = adjustedWinnerPoints(bob, carol);
    // Bob first wins retirement, cottage and the tied investments (75 vs 40); he gives up the
    // investments (ratio 1) → 65 vs 50, then 1/6 of the retirement account (ratio 1.25):
    // f = (65 − 50)/(50 + 40) = 1/6; each ends with 15 + 50·5/6 = 50 + 40/6 = 56⅔ points.
    expect(r.shareA.slice(1)).toEqual([0, 1, 0, 0]);
    expect(r.split?.item).toBe(0);
    expect(r.split!.shareA).toBeCloseTo(5 / 6, 12);
    expect(r.totals[0]).toBeCloseTo(170 / 3, 10);
    expect(r.totals[1]).toBeCloseTo(170 / 3, 10);
    checkFair(bob, carol, r);
  });

  it('needs no split when the first assignment is already equal', () => {
    const r = adjustedWinnerPoints([60, 40], [40, 60]);
    expect(r).toEqual({ shareA: [1, 0], split: null, totals: [60, 60] });
  });

  it('splits the single item both want when one values nothing else', () => {
    // A: 100 on item 0; B: 50/50. A wins item 0 (100 vs 50) and hands 1/3 of it over.
    const r = adjustedWinnerPoints([100, 0], [50, 50]);
    expect(r.shareA[1]).toBe(0);
    expect(r.split!.item).toBe(0);
    expect(r.split!.shareA).toBeCloseTo(2 / 3, 12);
    expect(r.totals[0]).toBeCloseTo(200 / 3, 10);
    checkFair([100, 0], [50, 50], r);
  });

  it('hands over tied items first (Brams–Taylor: ratio 1 is the lowest a winner holds)', () => {
    const r = adjustedWinnerPoints([40, 30, 30], [20, 30, 50]);
    // A wins items 0 and 1 (tie) = 70 vs 50; gives item 1 (ratio 1): 40 vs 80? too much → split item 1.
    // f = (70 − 50)/(30 + 30) = 1/3 of item 1 to B: A 40 + 20 = 60, B 50 + 10 = 60.
    expect(r.split!.item).toBe(1);
    expect(r.split!.shareA).toBeCloseTo(2 / 3, 12);
    expect(r.totals[0]).toBeCloseTo(60, 10);
    checkFair([40, 30, 30], [20, 30, 50], r);
  });

  it('rejects bad points', () => {
    expect(() => adjustedWinnerPoints([1, 2], [1])).toThrow(/2 and 1 items/);
    expect(() => adjustedWinnerPoints([1, -2], [1, 1])).toThrow(/non-negative/);
    expect(() => adjustedWinnerPoints([0, 0], [1, 1])).toThrow(/no points/);
  });

  it('is equitable, envy-free, efficient and splits at most one item (property)', () => {
    const pts = (n: number) => fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 100, noNaN: true })), { minLength: n, maxLength: n }).filter((a) => a.reduce((s, x) => s + x, 0) > 0);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(pts(n), pts(n))),
        ([a, b]) => checkFair(a, b, adjustedWinnerPoints(a, b)),
      ),
      { numRuns: 500 },
    );
  });
});

const item = (name: string, options: string[]) => ({ type: 'categorical' as const, name, options: options.map((o) => ({ name: o })) });
const party = (id: string, name: string, weights: number[], values: number[][]): Party => ({
  id,
  name,
  role: 'negotiator',
  preferences: { type: 'linear-additive', weights, values: values.map((v) => ({ type: 'table', values: v })) },
});

describe('adjustedWinner on scenarios', () => {
  it('derives points from weights and value gains, naming parties by a word of their id', () => {
    const scenario: Scenario = {
      name: 'estate',
      issues: [item('house', ['Ann', 'Ben', 'sell']), item('car', ['Ben', 'Ann', 'sell'])],
      parties: [
        // Ann: house worth 0.6·(1 − 0.5) = 0.3 to her, car 0.4·(1 − 0) = 0.4 → 300/7 and 400/7 points.
        party('estate_Ann', 'Ann (daughter)', [0.6, 0.4], [[1, 0.5, 0.5], [0, 1, 0]]),
        party('estate_Ben', 'Ben', [0.5, 0.5], [[0, 1, 0], [1, 0, 0]]),
      ],
      agreement: UNANIMITY,
    };
    const out = adjustedWinner(scenario);
    expect(out.reason).toBeUndefined();
    const r = out.result!;
    expect(r.parties).toEqual(['estate_Ann', 'estate_Ben']);
    expect(r.options).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(r.points[0][0]).toBeCloseTo(300 / 7, 10);
    expect(r.points[0][1]).toBeCloseTo(400 / 7, 10);
    expect(r.points[1]).toEqual([50, 50]);
    expect(r.notes).toHaveLength(2);
    checkFair([...r.points[0]], [...r.points[1]], r);
  });

  it('says why a scenario does not fit', () => {
    const base: Scenario = {
      name: 'x',
      issues: [item('price', ['low', 'high'])],
      parties: [party('a', 'A', [1], [[1, 0]]), party('b', 'B', [1], [[0, 1]])],
      agreement: UNANIMITY,
    };
    expect(adjustedWinner(base)).toEqual({ result: null, reason: expect.stringMatching(/issue "price" does not say/) });
    const ab: Scenario = { ...base, issues: [item('pen', ['A', 'B'])], parties: [party('a1', 'One', [1], [[1, 0]]), party('b1', 'Two', [1], [[1, 0]])] };
    expect(adjustedWinner(ab).reason).toMatch(/"b1" would rather "pen" went to the other party/);
    expect(adjustedWinner({ ...base, parties: base.parties.slice(0, 1) }).reason).toMatch(/1 negotiators/);
  });
});

describe('adjustedWinner on the shared scenarios', () => {
  // Every GENIUS folder: where the procedure fits, its result must be fair; elsewhere there must be a reason.
  const folders = foldersWithFiles(SCENARIOS_DIR, /\.xml$/).filter((d) => d.includes('/genius/'));
  it('runs on every GENIUS folder and fits the item-division ones', () => {
    const fitted: string[] = [];
    for (const dir of folders) {
      let scenario: Scenario;
      try {
        scenario = geniusImporter.read(loadSourceFiles([dir]));
      } catch {
        continue; // not a readable scenario (the importer's tests cover these)
      }
      const out = adjustedWinner(scenario);
      if (!out.result) {
        expect(out.reason.length).toBeGreaterThan(0);
        continue;
      }
      fitted.push(relative(SCENARIOS_DIR, dir));
      checkFair([...out.result.points[0]], [...out.result.points[1]], out.result);
    }
    console.log(`Adjusted Winner fits: ${fitted.join(', ')}`);
    expect(fitted).toContain('genius/other/inheritancedomain');
  });
});
