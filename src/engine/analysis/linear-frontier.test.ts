import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linearFrontier2 } from './linear-frontier.ts';
import { roundUtility, type Frontier } from './frontier-types.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { compileUtility, type UtilityFunction } from '../model/utility-function.ts';
import type { Issue } from '../model/issue.ts';
import type { LinearAdditivePreferences } from '../model/preferences.ts';

const cat = (name: string, n: number): Issue => ({ type: 'categorical', name, options: Array.from({ length: n }, (_, k) => ({ name: `${name}${k}` })) });

function linear(space: OutcomeSpace, weights: number[], values: number[][]): UtilityFunction {
  const prefs: LinearAdditivePreferences = { type: 'linear-additive', weights, values: values.map((v) => ({ type: 'table', values: v })) };
  return compileUtility(space, prefs);
}

/** Independent oracle: enumerate, round, group equal vectors, O(n²) dominance. */
function bruteForce(space: OutcomeSpace, a: UtilityFunction, b: UtilityFunction) {
  const groups = new Map<string, { ua: number; ub: number; ties: number; first: number }>();
  const total = space.sizeNumber!;
  for (let idx = 0; idx < total; idx++) {
    const o = space.outcomeAt(idx);
    const ua = roundUtility(a.utility(o));
    const ub = roundUtility(b.utility(o));
    const key = `${ua},${ub}`;
    const g = groups.get(key);
    if (g) g.ties++;
    else groups.set(key, { ua, ub, ties: 1, first: idx });
  }
  const all = [...groups.values()];
  const front = all.filter((p) => !all.some((q) => q !== p && q.ua >= p.ua && q.ub >= p.ub));
  front.sort((x, y) => y.ua - x.ua);
  return front.map((p) => ({ utilities: [p.ua, p.ub], ties: p.ties, outcome: space.outcomeAt(p.first) }));
}

function plain(f: Frontier) {
  return f.points.map((p) => ({ utilities: [...p.utilities], ties: p.ties, outcome: [...p.outcome] }));
}

describe('linearFrontier2', () => {
  it('finds the frontier of a small hand-made space with ties', () => {
    // Two issues; A prefers high positions, B low positions; issue y is indifferent for both (3 ties).
    const space = new OutcomeSpace([cat('x', 3), cat('y', 3)]);
    const a = linear(space, [1, 0], [[0, 0.5, 1], [0, 0, 0]]);
    const b = linear(space, [1, 0], [[1, 0.5, 0], [0, 0, 0]]);
    const f = linearFrontier2(space, a, b, { parties: ['p', 'q'] });
    expect(f.parties).toEqual(['p', 'q']);
    expect(f.exact).toBe(true);
    expect(plain(f)).toEqual([
      { utilities: [1, 0], ties: 3, outcome: [2, 0] },
      { utilities: [0.5, 0.5], ties: 3, outcome: [1, 0] },
      { utilities: [0, 1], ties: 3, outcome: [0, 0] },
    ]);
    expect(f.outcomes).toBe(9);
  });

  it('treats sums equal to 10 decimals as one point (0.1 + 0.2 = 0.3)', () => {
    const space = new OutcomeSpace([cat('x', 2), cat('y', 2)]);
    // A: (0.1 + 0.2) vs (0.3 + 0) are equal after rounding (not in floats); B gives both 1.
    const a = linear(space, [1, 1], [[0.1, 0.3], [0.2, 0]]);
    const b = linear(space, [1, 1], [[1, 0], [0, 1]]);
    const f = linearFrontier2(space, a, b);
    expect(plain(f)).toEqual(bruteForce(space, a, b));
    expect(plain(f)).toEqual([
      { utilities: [0.5, 0], ties: 1, outcome: [1, 0] },
      { utilities: [0.3, 1], ties: 2, outcome: [0, 0] },
      { utilities: [0.1, 2], ties: 1, outcome: [0, 1] },
    ]);
  });

  it('keeps outcomes that differ by less than 1e-10 as ties (not dominated)', () => {
    const space = new OutcomeSpace([cat('x', 2), cat('y', 3)]);
    const a = linear(space, [1, 1], [[0.5, 0.5 + 3e-11], [0.1, 0.2, 0.3]]);
    const b = linear(space, [1, 1], [[0.5, 0.5], [0.3, 0.2, 0.1]]);
    const f = linearFrontier2(space, a, b);
    expect(plain(f)).toEqual(bruteForce(space, a, b));
    expect(f.points.every((p) => p.ties === 2)).toBe(true);
  });

  it('equals brute force on random small spaces, ties and representatives included (property)', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 4 }).map((k) => k / 4), // dyadic: many exact ties
      fc.integer({ min: 0, max: 10 }).map((k) => k / 10), // decimal: float noise in sums
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    const spaceArb = fc
      .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 })
      .chain((radices) =>
        fc.record({
          radices: fc.constant(radices),
          wa: fc.array(fc.integer({ min: 0, max: 10 }).map((k) => k / 10), { minLength: radices.length, maxLength: radices.length }),
          wb: fc.array(fc.integer({ min: 0, max: 10 }).map((k) => k / 10), { minLength: radices.length, maxLength: radices.length }),
          va: fc.tuple(...radices.map((r) => fc.array(value, { minLength: r, maxLength: r }))),
          vb: fc.tuple(...radices.map((r) => fc.array(value, { minLength: r, maxLength: r }))),
        }),
      );
    fc.assert(
      fc.property(spaceArb, ({ radices, wa, wb, va, vb }) => {
        const space = new OutcomeSpace(radices.map((r, i) => cat(`i${i}`, r)));
        const a = linear(space, wa, va);
        const b = linear(space, wb, vb);
        const f = linearFrontier2(space, a, b);
        const expected = bruteForce(space, a, b);
        expect(plain(f)).toEqual(expected);
        expect(f.outcomes).toBe(expected.reduce((s, p) => s + p.ties, 0));
      }),
      { numRuns: 400 },
    );
  });

  it('counts ties in a space of 10^15 outcomes exactly', () => {
    // 15 issues × 10 options; both parties indifferent to everything but issue 0.
    const n = 15;
    const space = new OutcomeSpace(Array.from({ length: n }, (_, i) => cat(`i${i}`, 10)));
    const zeros = Array.from({ length: 10 }, () => 0);
    const ramp = Array.from({ length: 10 }, (_, k) => k / 9);
    const a = linear(space, Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0)), Array.from({ length: n }, (_, i) => (i === 0 ? ramp : zeros)));
    const b = linear(space, Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0)), Array.from({ length: n }, (_, i) => (i === 0 ? [...ramp].reverse() : zeros)));
    const f = linearFrontier2(space, a, b);
    expect(f.points).toHaveLength(10);
    expect(f.points.every((p) => p.ties === 1e14)).toBe(true);
    expect(f.outcomes).toBe(1e15);
    expect(f.points[0]!.outcome).toEqual([9, ...Array.from({ length: n - 1 }, () => 0)]);
  });

  it('thins huge partial frontiers to a δ-net and says so, with a bound that holds', () => {
    // Constant-sum utilities with distinct weights: every outcome is Pareto-optimal.
    const n = 6;
    const space = new OutcomeSpace(Array.from({ length: n }, (_, i) => cat(`i${i}`, 4)));
    const w = [0.31, 0.17, 0.23, 0.07, 0.13, 0.09];
    const ramp = [0, 1 / 3, 2 / 3, 1];
    const a = linear(space, w, w.map(() => ramp));
    const b = linear(space, w, w.map(() => [...ramp].reverse()));
    const exact = linearFrontier2(space, a, b);
    expect(exact.exact).toBe(true);
    expect(plain(exact)).toEqual(bruteForce(space, a, b));
    const approx = linearFrontier2(space, a, b, { maxCandidates: 64 });
    expect(approx.exact).toBe(false);
    expect(approx.errorBound).toBeGreaterThan(0);
    expect(approx.points.length).toBeLessThan(exact.points.length);
    for (const p of approx.points) expect([roundUtility(a.utility(p.outcome)), roundUtility(b.utility(p.outcome))]).toEqual(p.utilities);
    for (const t of exact.points) {
      const near = approx.points.some((p) => p.utilities[0]! >= t.utilities[0]! - approx.errorBound! - 1e-9 && p.utilities[1]! >= t.utilities[1]! - approx.errorBound! - 1e-9);
      expect(near).toBe(true);
    }
  });

  it('rejects non-linear utility functions', () => {
    const space = new OutcomeSpace([cat('x', 2)]);
    const u = compileUtility(space, { type: 'constraints', aggregation: 'sum', constraints: [], normalizer: 1 });
    expect(() => linearFrontier2(space, u, u)).toThrow(/linear-additive/);
  });
});
