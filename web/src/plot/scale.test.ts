import { describe, expect, it } from 'vitest';
import { linearScale, nearest, paddedDomain, ticks } from './scale.ts';
import { densityOpacity, SERIES } from './palette.ts';

describe('scales', () => {
  it('maps and inverts linearly, also onto a reversed range', () => {
    const s = linearScale([0, 1], [100, 0]);
    expect(s(0)).toBe(100);
    expect(s(0.25)).toBe(75);
    expect(s.invert(75)).toBe(0.25);
    expect(linearScale([2, 2], [0, 10])(2)).toBe(5);
  });
  it('gives round ticks covering the domain', () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0.13, 0.91, 4)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(ticks(3, 3)).toEqual([3]);
  });
  it('pads domains and widens degenerate ones', () => {
    expect(paddedDomain(0, 1)).toEqual([-0.04, 1.04]);
    expect(paddedDomain(0.5, 0.5)).toEqual([0, 1]);
    expect(paddedDomain(NaN, 1)).toEqual([0, 1]);
  });
  it('finds the nearest point within a distance', () => {
    expect(nearest([0, 10, 20], [0, 0, 0], 11, 1, 5)).toBe(1);
    expect(nearest([0, 10, 20], [0, 0, 0], 15, 9, 5)).toBe(-1);
  });
  it('shades density on a log scale within (0, 1] and uses the Okabe–Ito colours', () => {
    expect(densityOpacity(0, 10)).toBe(0);
    expect(densityOpacity(10, 10)).toBeCloseTo(1);
    expect(densityOpacity(1, 10)).toBeLessThan(densityOpacity(5, 10));
    expect(SERIES).toContain('#0072B2');
    expect(SERIES).toContain('#D55E00');
  });
});
