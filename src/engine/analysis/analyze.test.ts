import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze } from './analyze.ts';
import { analysisToJson } from './analysis-json.ts';
import { parseOutcome } from './parse-outcome.ts';
import { kendallTauB, measureOpposition } from './opposition.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { compileUtility } from '../model/utility-function.ts';
import { roundUtility } from './frontier-types.ts';
import type { Issue } from '../model/issue.ts';
import type { Party } from '../model/party.ts';
import type { Scenario } from '../model/scenario.ts';
import { createRng } from '../util/rng.ts';

const cat = (name: string, n: number): Issue => ({ type: 'categorical', name, options: Array.from({ length: n }, (_, k) => ({ name: `${name}v${k}` })) });

function linearScenario(seed: number, issues: number, values: number, parties = 2, extra: Partial<Party> = {}): Scenario {
  const rng = createRng(seed);
  const is = Array.from({ length: issues }, (_, i) => cat(`i${i}`, values));
  const ps: Party[] = Array.from({ length: parties }, (_, p) => ({
    id: `p${p}`,
    name: `P${p}`,
    role: 'negotiator',
    reservation: { value: 0.3 },
    preferences: {
      type: 'linear-additive',
      weights: is.map(() => 1 / issues),
      values: is.map(() => ({ type: 'table', values: Array.from({ length: values }, () => rng.int(0, 20) / 20) })),
    },
    ...extra,
  }));
  return { name: 'linear', issues: is, parties: ps, agreement: { type: 'unanimity' } };
}

describe('analyze', () => {
  it('uses the exact per-issue merge for two linear parties above the enumeration limit, matching enumeration', () => {
    const s = linearScenario(3, 6, 6);
    const exact = analyze(s);
    const merged = analyze(s, { enumerationLimit: 1000 });
    expect(merged.exact).toBe(false); // the sets were not counted
    expect(merged.frontier.exact).toBe(true);
    expect(merged.frontier.outcomes).toBe(exact.frontier.outcomes);
    expect(merged.frontier.points.map((p) => p.utilities)).toEqual(exact.frontier.points.map((p) => p.utilities));
    expect(merged.rational.count).toBeNull();
    expect(merged.rational.exists).toBe(true);
    for (const k of ['nash', 'kalaiSmorodinsky', 'utilitarian', 'egalitarian'] as const) {
      expect(merged.solutions[k]!.value, k).toBeCloseTo(exact.solutions[k]!.value, 10);
    }
  });

  it('handles a 10^12-outcome linear space without enumerating it', () => {
    const r = analyze(linearScenario(5, 12, 10));
    expect(r.outcomes).toBe(10n ** 12n);
    expect(r.frontier.exact).toBe(true);
    expect(r.solutions.nash).not.toBeNull();
    expect(analysisToJson(r, linearScenario(5, 12, 10).issues).outcomes).toBe(1e12);
  });

  it('labels sampling as approximate for three parties above the limit', () => {
    const s = linearScenario(7, 5, 5, 3);
    const r = analyze(s, { enumerationLimit: 100, seed: 3 });
    const exact = analyze(s);
    expect(r.exact).toBe(false);
    expect(r.frontier.exact).toBe(false);
    expect(r.method).toMatch(/sampling/);
    // never better than the truth
    expect(r.solutions.utilitarian!.value).toBeLessThanOrEqual(exact.solutions.utilitarian!.value + 1e-12);
    expect(JSON.stringify(analysisToJson(r, s.issues))).toBe(JSON.stringify(analysisToJson(analyze(s, { enumerationLimit: 100, seed: 3 }), s.issues)));
  });

  it('writes sizes above 2^53 as decimal strings', () => {
    const s = linearScenario(1, 60, 10);
    const r = analyze(s, { enumerationLimit: 10 });
    const j = analysisToJson(r, s.issues);
    expect(j.outcomes).toBe('1' + '0'.repeat(60));
  });

  it('reports no zone of agreement when reservations exclude every outcome', () => {
    const s = linearScenario(2, 3, 3, 2, { reservation: { value: 2 } });
    const r = analyze(s);
    expect(r.rational).toEqual({ count: 0, exists: false, exact: true });
    expect(r.passing.exists).toBe(false);
    expect(r.solutions.nash).toBeNull();
    expect(r.solutions.kalaiSmorodinsky).toBeNull();
    expect(r.solutions.egalitarian).toBeNull();
    expect(r.solutions.utilitarian).not.toBeNull();
  });

  it('reports a mediator alongside the solutions without letting it define the frontier', () => {
    const base = linearScenario(4, 3, 4, 3);
    const s: Scenario = { ...base, parties: base.parties.map((p, i) => (i === 2 ? { ...p, role: 'mediator' } : p)) };
    const r = analyze(s);
    expect(r.frontier.parties).toEqual(['p0', 'p1']);
    expect(Object.keys(r.solutions.nash!.utilities)).toEqual(['p0', 'p1', 'p2']);
    expect(r.parties.find((p) => p.id === 'p2')!.defines).toBe(false);
  });

  it('lists Pareto improvements over a tentative agreement, best first', () => {
    const s = linearScenario(9, 3, 4);
    const space = new OutcomeSpace(s.issues);
    const from = space.outcomeAt(0);
    const r = analyze(s, { from, improvementsTop: 5 });
    const fu = r.improvements!.from.utilities;
    for (const b of r.improvements!.best) {
      expect(b.utilities.p0! >= fu.p0! && b.utilities.p1! >= fu.p1!).toBe(true);
      expect(b.utilities.p0! > fu.p0! || b.utilities.p1! > fu.p1!).toBe(true);
    }
    const values = r.improvements!.best.map((b) => b.nashProduct);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });
});

describe('parseOutcome', () => {
  const space = new OutcomeSpace([cat('a', 3), { type: 'integer', name: 'b', min: 5, max: 9 }]);
  it('reads issue=value lists and JSON objects', () => {
    expect(parseOutcome(space, 'a=av2, b=7').outcome).toEqual([2, 2]);
    expect(parseOutcome(space, '{"a":"av1","b":9}').outcome).toEqual([1, 4]);
  });
  it('lists every problem', () => {
    const r = parseOutcome(space, 'a=nope,c=1');
    expect(r.outcome).toBeUndefined();
    expect(r.errors.join('; ')).toMatch(/unknown issue "c".*|has no value/);
    expect(r.errors.length).toBeGreaterThanOrEqual(3);
    expect(parseOutcome(space, '{bad').errors[0]).toMatch(/JSON/);
  });
});

/** The pairwise definition, O(m²): the oracle for the O(m log m) implementation. */
function naiveTauB(a: number[], b: number[]): number {
  let conc = 0;
  let disc = 0;
  let tiesA = 0;
  let tiesB = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = i + 1; j < a.length; j++) {
      const da = Math.sign(a[i]! - a[j]!);
      const db = Math.sign(b[i]! - b[j]!);
      if (da === 0) tiesA++;
      if (db === 0) tiesB++;
      if (da * db > 0) conc++;
      else if (da * db < 0) disc++;
    }
  const pairs = (a.length * (a.length - 1)) / 2;
  const den = Math.sqrt((pairs - tiesA) * (pairs - tiesB));
  return den > 0 ? (conc - disc) / den : 0;
}

describe('kendallTauB', () => {
  it('equals the pairwise definition, ties included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 60 }), (pairs) => {
        const a = pairs.map((p) => p[0]);
        const b = pairs.map((p) => p[1]);
        expect(kendallTauB(a, b)).toBe(naiveTauB(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('is 1 for the same ranking, −1 for the reverse, and handles ties', () => {
    expect(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(kendallTauB([1, 1, 2], [1, 2, 3])).toBeCloseTo(2 / Math.sqrt(2 * 3), 12);
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});

describe('opposition', () => {
  it("gives each pair's Kendall τ-b over every outcome when the space is within the sample (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 4 }), (seed, parties) => {
        const s = linearScenario(seed, 3, 4, parties);
        const r = analyze(s);
        const space = new OutcomeSpace(s.issues);
        const all = Array.from({ length: Number(space.size) }, (_, k) => space.outcomeAt(k));
        const u = s.parties.map((p) => all.map((o) => roundUtility(compileUtility(space, p.preferences!).utility(o))));
        expect(r.opposition!.sampled).toBe(all.length);
        const want = [];
        for (let i = 0; i < parties; i++) for (let j = i + 1; j < parties; j++) want.push({ a: `p${i}`, b: `p${j}`, tau: roundUtility(naiveTauB(u[i]!, u[j]!)) });
        expect(r.opposition!.rankCorrelation).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });

  it('samples above the sample size and 4,096 outcomes: outcome indices drawn with the seed, exact: false, the same from the stored utilities as from evaluating (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 300 }), fc.integer({ min: 1, max: 99 }), (seed, parties, sample, draw) => {
        // 9^4 = 6,561 outcomes: above EXACT_RANKING, so a sample below that many is drawn
        const s = linearScenario(seed, 4, 9, parties);
        const space = new OutcomeSpace(s.issues);
        const size = Number(space.size);
        const ufuns = s.parties.map((p) => compileUtility(space, p.preferences!));
        const rounded = ufuns.map((f) => Float64Array.from({ length: size }, (_, k) => roundUtility(f.utility(space.outcomeAt(k)))));
        const ids = s.parties.map((p) => p.id);
        const ideal = ids.map(() => 1);
        const stored = measureOpposition(space, ids, ufuns, ideal, [], draw, sample, rounded);
        const evaluated = measureOpposition(space, ids, ufuns, ideal, [], draw, sample);
        expect(stored).toEqual(evaluated);
        expect(stored.sampled).toBe(sample);
        expect(stored.exact).toBe(false);
        const rng = createRng(draw);
        const at = Array.from({ length: sample }, () => rng.int(0, size - 1));
        const want = [];
        for (let i = 0; i < parties; i++) for (let j = i + 1; j < parties; j++) want.push({ a: `p${i}`, b: `p${j}`, tau: roundUtility(naiveTauB(at.map((k) => rounded[i]![k]!), at.map((k) => rounded[j]![k]!))) });
        expect(stored.rankCorrelation).toEqual(want);
        // every outcome when the sample covers the space
        expect(measureOpposition(space, ids, ufuns, ideal, [], draw, size, rounded)).toMatchObject({ sampled: size, exact: true });
      }),
      { numRuns: 25 },
    );
  });

  it('ranks every outcome of a space of at most 4,096 outcomes, whatever the sample size', () => {
    const s = linearScenario(3, 4, 8, 3); // 4,096 outcomes
    const r = analyze(s, { correlationSample: 10 });
    expect(r.opposition).toMatchObject({ sampled: 4096, exact: true });
  });
});
