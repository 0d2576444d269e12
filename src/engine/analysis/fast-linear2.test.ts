import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileAnalysisParties } from './analysis-parties.ts';
import { collectOutcomes, enumerateOutcomes } from './enumerate.ts';
import { enumerateLinear2, fastPathApplies } from './fast-linear2.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { compileUtility } from '../model/utility-function.ts';
import type { Issue } from '../model/issue.ts';
import type { Scenario } from '../model/scenario.ts';

/** Two linear negotiators on coarse grids (many ties), issues of very different spread, reservations often exactly an outcome's utility. */
const scenarioArb = fc
  .record({
    radices: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
    seedA: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 30, maxLength: 30 }),
    seedB: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 30, maxLength: 30 }),
    weights: fc.array(fc.constantFrom(0, 0.05, 0.1, 0.3, 0.7, 1), { minLength: 10, maxLength: 10 }),
    resA: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat()),
    resB: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat()),
  })
  .map(({ radices, seedA, seedB, weights, resA, resB }): Scenario => {
    const issues: Issue[] = radices.map((r, i) => ({ type: 'categorical', name: `i${i}`, options: Array.from({ length: r }, (_, k) => ({ name: `v${k}` })) }));
    const values = (seed: number[], i: number) => ({ type: 'table' as const, values: Array.from({ length: radices[i]! }, (_, k) => seed[(i * 5 + k) % seed.length]! / 8) });
    const prefs = (seed: number[], off: number) => ({ type: 'linear-additive' as const, weights: radices.map((_, i) => weights[(i + off) % weights.length]!), values: radices.map((_, i) => values(seed, i)) });
    const pa = prefs(seedA, 0);
    const pb = prefs(seedB, 5);
    const space = new OutcomeSpace(issues);
    const total = Number(space.size);
    // A natural number picks an outcome whose exact utility becomes the reservation (boundary case).
    const res = (r: number | undefined, p: typeof pa) =>
      r === undefined ? {} : { reservation: { value: Number.isInteger(r) && r > 1 ? compileUtility(space, p).utility(space.outcomeAt(r % total)) : r } };
    return {
      name: 'fast-path',
      issues,
      parties: [
        { id: 'a', name: 'a', role: 'negotiator', preferences: pa, ...res(resA, pa) },
        { id: 'b', name: 'b', role: 'negotiator', preferences: pb, ...res(resB, pb) },
      ],
      agreement: { type: 'unanimity' },
    };
  });

describe('two-party fast path (branch and bound, any visit order)', () => {
  it('gives exactly what the generic outcome-by-outcome pass gives (property)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const space = new OutcomeSpace(s.issues);
        const ap = compileAnalysisParties(s, space);
        expect(fastPathApplies(ap)).toBe(true);
        const fast = enumerateLinear2(ap); // called directly: enumerateOutcomes visits spaces this small outcome by outcome
        const all = Array.from({ length: Number(space.size) }, (_, k) => space.outcomeAt(k));
        const slow = collectOutcomes(ap, all);
        // what analyze uses for a space this small: the outcome-by-outcome pass (enumerate.ts, SMALL_SPACE)
        expect(enumerateOutcomes(ap).frontier.points()).toEqual(slow.frontier.points());
        expect(fast.rationalCount).toBe(slow.rationalCount);
        expect(fast.frontier.points()).toEqual(slow.frontier.points());
        expect([...fast.best]).toEqual([...slow.best]);
        expect([...fast.worst]).toEqual([...slow.worst]);
        expect([...fast.bestRational]).toEqual([...slow.bestRational]);
        expect(fast.nash).toEqual(slow.nash);
        expect(fast.utilitarian).toEqual(slow.utilitarian);
        expect(fast.egalitarian).toEqual(slow.egalitarian);
      }),
      { numRuns: 400 },
    );
  });
});

describe('two-party fast path, visit order against index order', () => {
  // i1 spreads utilities most, so it is visited first: Y = (i0=1, i1=0), index 3, arrives before
  // X = (i0=0, i1=1), index 1. Both give (0.9, 0.9), the Nash and egalitarian optimum.
  const s: Scenario = {
    name: 'inversion',
    issues: [
      { type: 'categorical', name: 'i0', options: [{ name: 'a' }, { name: 'b' }] },
      { type: 'categorical', name: 'i1', options: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
    ],
    parties: [
      { id: 'A', name: 'A', role: 'negotiator', preferences: { type: 'linear-additive', weights: [1, 1], values: [{ type: 'table', values: [0, 0.1] }, { type: 'table', values: [0.8, 0.9, 0] }] } },
      { id: 'B', name: 'B', role: 'negotiator', preferences: { type: 'linear-additive', weights: [1, 1], values: [{ type: 'table', values: [0.1, 0] }, { type: 'table', values: [0.9, 0.8, 0] }] } },
    ],
    agreement: { type: 'unanimity' },
  };

  it('breaks ties on the lowest outcome index, as the outcome-by-outcome pass does', () => {
    const space = new OutcomeSpace(s.issues);
    const ap = compileAnalysisParties(s, space);
    const fast = enumerateLinear2(ap); // called directly: enumerateOutcomes visits spaces this small outcome by outcome
    expect(fast.nash.index).toBe(1);
    expect(fast.egalitarian.index).toBe(1);
    expect(fast.utilitarian.index).toBe(0); // four outcomes sum to 1.8; the lowest index is (a, a)
    const tie = fast.frontier.points().find((p) => p.utilities[0] === 0.9 && p.utilities[1] === 0.9)!;
    expect(tie).toMatchObject({ rep: 1, ties: 2 });
  });
});
