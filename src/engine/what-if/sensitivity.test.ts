import { describe, expect, it } from 'vitest';
import { readNative } from '../formats/native/index.ts';
import type { Scenario } from '../model/scenario.ts';
import fc from 'fast-check';
import { scenarioArb } from '../../testing/random-scenario.ts';
import { perturb, sensitivity } from './sensitivity.ts';
import { answerDiffers, headlineAnswers } from './headline.ts';
import { baseParameters, buildOutcomeTable, scoreTable } from './outcome-table.ts';

// Two parties, one issue x ∈ {p, q}.
//   a: u(p) = w_a·1, u(q) = w_a·0.4, reservation 0.5
//   b: u(p) = w_b·0.3, u(q) = w_b·1, reservation 0.25
// At the values as written only p is rational (a refuses q: 0.4 < 0.5), so p is the Nash deal.
// Worked out by hand, one parameter at a time:
//   b.reservation up:   p stops being rational when 0.25(1+δ) > 0.3, δ > 0.2 → no deal (every answer flips).
//   b.weight.x down:    0.3·w_b < 0.25 when w_b < 5/6, δ < −1/6 → no deal.
//   a.reservation down: q becomes rational when 0.5(1+δ) ≤ 0.4, δ ≤ −0.2 (common options flip);
//                       q overtakes p in the Nash product when (0.4 − r)·0.75 > (1 − r)·0.05, r < 5/14, δ < −2/7.
//   a.weight.x up:      q becomes rational when 0.4·w_a ≥ 0.5, δ ≥ 0.25 (common flips); Nash would flip at w_a > 1.4 (δ = 0.4, out of range).
const TEXT = `parley: 1
name: hand-built
issues:
  - name: x
    options: [p, q]
parties:
  - id: a
    reservation: 0.5
    preferences:
      weights: {x: 1}
      values: {x: {p: 1, q: 0.4}}
  - id: b
    reservation: 0.25
    preferences:
      weights: {x: 1}
      values: {x: {p: 0.3, q: 1}}
`;

describe('sensitivity on a hand-built scenario', () => {
  const scenario = readNative('hand.yaml', TEXT);
  const r = sensitivity(scenario, { range: 0.3, samples: 200, seed: 7, option: 'x=p' });
  const row = (id: string) => r.tornado.find((t) => t.parameter.id === id)!;

  it('has the base answers worked out by hand', () => {
    expect(r.base.agreement).toBe(true);
    expect(r.base.nashDeal).toBe('x=p');
    expect(r.base.common).toEqual(['x=p']);
    expect(r.base.option).toBe(true);
    expect(r.parameters.map((p) => p.id)).toEqual(['a.weight.x', 'a.reservation', 'b.weight.x', 'b.reservation']);
  });

  it('finds the exact flip thresholds', () => {
    const bres = row('b.reservation');
    for (const k of ['agreement', 'nash', 'common', 'option'] as const) {
      expect(bres.flips[k].up?.delta).toBeCloseTo(0.2, 12);
      expect(bres.flips[k].down).toBeNull();
    }
    expect(bres.flips.agreement.up?.value).toBeCloseTo(0.3, 12);
    expect(bres.flips.agreement.up?.becomes).toBe('no rational deal');

    const bw = row('b.weight.x');
    expect(bw.flips.agreement.down?.delta).toBeCloseTo(-1 / 6, 12);
    expect(bw.flips.agreement.up).toBeNull();

    const ares = row('a.reservation');
    expect(ares.flips.agreement.down).toBeNull();
    expect(ares.flips.common.down?.delta).toBeCloseTo(-0.2, 12);
    expect(ares.flips.option.down?.delta).toBeCloseTo(-0.2, 12);
    expect(ares.flips.nash.down?.delta).toBeCloseTo(-2 / 7, 12);
    expect(ares.flips.nash.down?.becomes).toBe('x=q');
    expect(ares.flips.nash.up).toBeNull();

    for (const t of r.tornado) for (const k of ['agreement', 'nash', 'common', 'option'] as const) for (const f of [t.flips[k].down, t.flips[k].up]) if (f) expect(f.method).toBe('exact');

    const aw = row('a.weight.x');
    expect(aw.flips.common.up?.delta).toBeCloseTo(0.25, 12);
    expect(aw.flips.nash.up).toBeNull();
    expect(aw.flips.agreement.up).toBeNull();
    expect(aw.flips.common.down).toBeNull();
  });

  it('orders the tornado by answers flipped', () => {
    expect(r.tornado.map((t) => t.parameter.id).slice(2)).toEqual(['a.reservation', 'a.weight.x']);
    expect(new Set(r.tornado.slice(0, 2).map((t) => t.parameter.id))).toEqual(new Set(['b.reservation', 'b.weight.x']));
    expect(r.flippedBy.agreement.map((f) => f.parameter)).toEqual(['b.weight.x', 'b.reservation']);
    expect(r.flippedBy.nash[0]!.parameter).toBe('b.weight.x');
  });

  it('Monte Carlo is seeded and its rates are consistent', () => {
    const again = sensitivity(scenario, { range: 0.3, samples: 200, seed: 7, option: 'x=p' });
    expect(again.monteCarlo).toEqual(r.monteCarlo);
    const mc = r.monteCarlo!;
    expect(mc.changed.agreement).toBeCloseTo(1 - mc.agreementRate, 12);
    expect(mc.changed.agreement).toBeGreaterThan(0);
    expect(mc.changed.agreement).toBeLessThan(1);
    const shares = mc.nashDeals.reduce((s, d) => s + d.share, 0);
    expect(shares).toBeCloseTo(1, 12);
    const other = sensitivity(scenario, { range: 0.3, samples: 200, seed: 8, option: 'x=p' });
    expect(other.monteCarlo).not.toEqual(r.monteCarlo);
  });

  it('rejects a bad option or range', () => {
    expect(() => sensitivity(scenario, { option: 'y=p' })).toThrow(/unknown issue/);
    expect(() => sensitivity(scenario, { option: 'x=z' })).toThrow(/no value/);
    expect(() => sensitivity(scenario, { range: 0 })).toThrow(/range/);
  });
});

/** Weights, values and reservations to 4 decimals (no subnormal numbers, whose products underflow to 0). */
function roundNumbers(s: Scenario): Scenario {
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    ...s,
    parties: s.parties.map((p) => ({
      ...p,
      ...(p.reservation && 'value' in p.reservation ? { reservation: { value: r4(p.reservation.value) } } : {}),
      ...(p.preferences?.type === 'linear-additive'
        ? {
            preferences: {
              ...p.preferences,
              weights: p.preferences.weights.map(r4),
              values: p.preferences.values.map((v) => (v?.type === 'table' ? { ...v, values: v.values.map(r4) } : v)),
            },
          }
        : {}),
    })),
  };
}

describe('exact flip points against a dense scan', () => {
  it('on random scenarios: nothing changes before a flip point, the answer changes just past it, and never when none is reported', () => {
    fc.assert(
      fc.property(fc.oneof(scenarioArb(2, { linearOnly: true }), scenarioArb(3, { linearOnly: true })).map(roundNumbers), (s) => {
        const range = 0.6;
        const r = sensitivity(s, { range, samples: 0, seed: 2 });
        const table = buildOutcomeTable(s);
        const base = baseParameters(table);
        for (const row of r.tornado) {
          const at = (delta: number) => headlineAnswers(scoreTable(table, perturb(table, base, row.parameter, delta)));
          for (const key of ['agreement', 'nash', 'common'] as const) {
            for (const dir of [-1, 1] as const) {
              const f = dir < 0 ? row.flips[key].down : row.flips[key].up;
              if (f) expect(f.method).toBe('exact');
              const end = f ? Math.abs(f.delta) : range;
              // A dense scan strictly before the flip point (or over the whole range) sees the base answer.
              for (let g = 1; g < 30; g++) {
                const t = (end * g) / 30;
                if (f && t >= end * (1 - 1e-9)) continue;
                expect(answerDiffers(at(dir * t), r.base, key), `${row.parameter.id} ${key} ${dir} at ${t}`).toBe(false);
              }
            }
          }
        }
      }),
      { numRuns: 30, seed: 31 },
    );
  });
});
