import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileAnalysisParties } from './analysis-parties.ts';
import { collectOutcomes, enumerateOutcomes } from './enumerate.ts';
import { enumerateLinearN, fastPathNApplies } from './fast-linear-n.ts';
import { issueGroups } from './issue-groups.ts';
import { roundUtility } from './frontier-types.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { compileUtility, weightedTables } from '../model/utility-function.ts';
import type { Issue } from '../model/issue.ts';
import type { LinearAdditivePreferences } from '../model/preferences.ts';
import type { Scenario } from '../model/scenario.ts';

/**
 * Table entries that make trouble: coarse grids (ties), and tiny values near
 * the 10-decimal rounding boundary (5e-11), so that the same terms summed in
 * another order can round differently.
 */
const PALETTE = [0, 0.1, 0.2, 0.3, 0.25, 0.5, 0.7, 1, 5e-11, 1.5e-10, 0.1 + 5e-11, 1 / 3];

const scenarioArb = fc
  .record({
    parties: fc.integer({ min: 3, max: 6 }),
    radices: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
    // issue i copies the tables of an earlier issue (symmetric issues) when copy[i] < i and the radices agree
    copy: fc.array(fc.nat({ max: 7 }), { minLength: 6, maxLength: 6 }),
    values: fc.array(fc.nat({ max: PALETTE.length - 1 }), { minLength: 150, maxLength: 150 }),
    weights: fc.array(fc.constantFrom(0, 0.1, 0.2, 0.3, 1), { minLength: 36, maxLength: 36 }),
    reservations: fc.array(fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 2, noNaN: true }), fc.nat()), { minLength: 6, maxLength: 6 }),
  })
  .map(({ parties, radices, copy, values, weights, reservations }): Scenario => {
    const source = radices.map((r, i) => {
      const j = copy[i]!;
      return j < i && radices[j] === r ? j : i;
    });
    const root = (i: number): number => (source[i] === i ? i : root(source[i]!));
    const issues: Issue[] = radices.map((r, i) => ({ type: 'categorical', name: `i${i}`, options: Array.from({ length: r }, (_, k) => ({ name: `v${k}` })) }));
    const space = new OutcomeSpace(issues);
    const total = Number(space.size);
    return {
      name: 'fast-path-n',
      issues,
      parties: Array.from({ length: parties }, (_, p) => {
        const prefs: LinearAdditivePreferences = {
          type: 'linear-additive',
          weights: radices.map((_, i) => weights[(p * 6 + root(i)) % weights.length]!),
          values: radices.map((r, i) => ({ type: 'table', values: Array.from({ length: r }, (_, k) => PALETTE[values[(p * 25 + root(i) * 4 + k) % values.length]!]!) })),
        };
        const r = reservations[p];
        // A natural number picks an outcome whose exact utility becomes the reservation (boundary case).
        const value = r === undefined ? undefined : Number.isInteger(r) && r > 2 ? compileUtility(space, prefs).utility(space.outcomeAt(r % total)) : r;
        return { id: `p${p}`, name: `p${p}`, role: 'negotiator' as const, preferences: prefs, ...(value === undefined ? {} : { reservation: { value } }) };
      }),
      agreement: { type: 'unanimity' },
    };
  });

describe('n-party fast path (branch and bound, symmetric issues folded)', () => {
  it('gives exactly what the outcome-by-outcome pass gives, and the frontier matches brute force (property)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const space = new OutcomeSpace(s.issues);
        const ap = compileAnalysisParties(s, space);
        expect(fastPathNApplies(ap)).toBe(true);
        const fast = enumerateLinearN(ap); // called directly: enumerateOutcomes visits spaces this small outcome by outcome
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
        // brute force: the frontier's vectors and tie counts
        const ufuns = s.parties.map((p) => compileUtility(space, p.preferences!));
        const rows = all.map((o) => ufuns.map((f) => roundUtility(f.utility(o))));
        const dominated = (a: number[]) => rows.some((b) => b.every((v, i) => v >= a[i]!) && b.some((v, i) => v > a[i]!));
        const counts = new Map<string, number>();
        for (const r of rows) if (!dominated(r)) counts.set(r.join(','), (counts.get(r.join(',')) ?? 0) + 1);
        expect(new Map(fast.frontier.points().map((p) => [p.utilities.join(','), p.ties]))).toEqual(counts);
      }),
      { numRuns: 300 },
    );
  });
});

describe('issueGroups', () => {
  it('folds issues with identical tables for every party into multisets, counting arrangements', () => {
    const issues: Issue[] = [0, 1, 2, 3].map((i) => ({ type: 'categorical', name: `i${i}`, options: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }));
    const space = new OutcomeSpace(issues);
    const same = { type: 'table' as const, values: [0, 0.5, 1] };
    const other = { type: 'table' as const, values: [1, 0.5, 0] };
    const prefs = (v3: typeof same): LinearAdditivePreferences => ({ type: 'linear-additive', weights: [0.25, 0.25, 0.25, 0.25], values: [same, same, other, v3] });
    const tables = [weightedTables(space, prefs(same)), weightedTables(space, prefs(same))];
    const strides = Float64Array.of(27, 9, 3, 1);
    const groups = issueGroups(tables, space.radices, strides);
    // issues 0, 1 and 3 are symmetric; issue 2 stands alone
    expect(groups.map((g) => [...g.positions])).toEqual([[0, 1, 3], [2]]);
    const g = groups[0]!;
    expect(g.M).toBe(10); // multisets of 3 values from 3
    expect([...g.mult].reduce((a, b) => a + b, 0)).toBe(27);
    // the multiset {a, b, b}: 3 arrangements; the lowest one puts a first: index 0·27 + 1·9 + 1·1
    const k = [...Array(g.M).keys()].find((m) => [...g.digits.subarray(m * 3, m * 3 + 3)].join() === '0,1,1')!;
    expect(g.mult[k]).toBe(3);
    expect(g.index[k]).toBe(10);
    // a party whose tables differ breaks the symmetry
    const broken = issueGroups([tables[0]!, weightedTables(space, prefs(other))], space.radices, strides);
    expect(broken.map((x) => [...x.positions])).toEqual([[0, 1], [2], [3]]);
  });
});
