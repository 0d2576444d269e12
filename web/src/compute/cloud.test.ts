import { OutcomeSpace, compileUtility, importScenario } from 'parley';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSourceFiles } from '../../../src/node/load-files.ts';
import { SCENARIOS_DIR } from '../../../src/testing/shared.ts';
import { binOf, utilityCloud } from './cloud.ts';

const laptop = importScenario(loadSourceFiles([join(SCENARIOS_DIR, 'genius', 'anac', 'y2011', 'Laptop')]));

describe('utilityCloud', () => {
  it('gives every outcome as a point for small spaces, with the engine utilities', () => {
    const [a, b] = laptop.parties.map((p) => p.id) as [string, string];
    const c = utilityCloud(laptop, a, b);
    expect(c.kind).toBe('points');
    if (c.kind !== 'points') return;
    const space = new OutcomeSpace(laptop.issues);
    expect(c.xs.length).toBe(space.sizeNumber);
    const ua = compileUtility(space, laptop.parties[0]!.preferences!);
    const ub = compileUtility(space, laptop.parties[1]!.preferences!);
    for (let k = 0; k < c.xs.length; k++) {
      const o = space.outcomeAt(c.index[k]!);
      expect(c.xs[k]).toBe(ua.utility(o));
      expect(c.ys[k]).toBe(ub.utility(o));
    }
  });
  it('bins every outcome into a density grid above the point limit, each cell with an example in it', () => {
    const [a, b] = laptop.parties.map((p) => p.id) as [string, string];
    const c = utilityCloud(laptop, a, b, { maxPoints: 5, bins: 8 });
    expect(c.kind).toBe('density');
    if (c.kind !== 'density') return;
    expect(c.counts.reduce((s, x) => s + x, 0)).toBe(27);
    const space = new OutcomeSpace(laptop.issues);
    const ua = compileUtility(space, laptop.parties[0]!.preferences!);
    for (let cell = 0; cell < c.counts.length; cell++) {
      if (!c.counts[cell]) continue;
      const o = space.outcomeAt(c.example[cell]!);
      expect(binOf(ua.utility(o), c.xmin, c.xmax, c.bins)).toBe(cell % c.bins);
    }
  });
  it('samples huge spaces with a seed, reproducibly', () => {
    const [a, b] = laptop.parties.map((p) => p.id) as [string, string];
    const x = utilityCloud(laptop, a, b, { maxPoints: 5, enumerateLimit: 10, sample: 500, seed: 7 });
    const y = utilityCloud(laptop, a, b, { maxPoints: 5, enumerateLimit: 10, sample: 500, seed: 7 });
    expect(x.exact).toBe(false);
    expect(x.visited).toBe(500);
    // Both must be densities, so the comparison below cannot compare false with false.
    expect(x.kind).toBe('density');
    expect(y.kind).toBe('density');
    expect(x.kind === 'density' && y.kind === 'density' && Array.from(x.counts)).toEqual(y.kind === 'density' && Array.from(y.counts));
  });
  it('refuses parties without preferences', () => {
    expect(() => utilityCloud(laptop, 'nobody', laptop.parties[0]!.id)).toThrow(/preferences/);
  });
  it('clamps values into the grid', () => {
    expect(binOf(-1, 0, 1, 4)).toBe(0);
    expect(binOf(1, 0, 1, 4)).toBe(3);
    expect(binOf(0.5, 0, 1, 4)).toBe(2);
    expect(binOf(0.5, 1, 1, 4)).toBe(0);
  });
});
