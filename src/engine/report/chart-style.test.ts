import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { SOLUTION_KEYS, SOLUTION_STYLE, chartNumber, coinciding, jointLabel, markerPath, niceTicks } from './chart-style.ts';
import { plot, tornadoChart } from './svg.ts';

describe('chart style', () => {
  it('groups markers on the same spot, keeping the order of first appearance', () => {
    const g = coinciding(
      [
        { x: 0.5, y: 0.5, k: 'nash' },
        { x: 0.7, y: 0.2, k: 'util' },
        { x: 0.5 + 1e-9, y: 0.5, k: 'ks' },
      ],
      1e-6,
    );
    expect(g.map((x) => x.members.map((m) => m.k))).toEqual([['nash', 'ks'], ['util']]);
    expect(jointLabel(g[0]!.members.map((m) => m.k))).toBe('nash = ks');
  });

  it('gives every solution its own colour and shape', () => {
    expect(new Set(SOLUTION_KEYS.map((k) => SOLUTION_STYLE[k].colour)).size).toBe(SOLUTION_KEYS.length);
    expect(new Set(SOLUTION_KEYS.map((k) => SOLUTION_STYLE[k].shape)).size).toBe(SOLUTION_KEYS.length);
    for (const k of SOLUTION_KEYS) expect(markerPath(SOLUTION_STYLE[k].shape, 10, 10, 5)).toMatch(/^M[\d. ]+.*Z$/);
  });

  it('rounds ticks and labels', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 1)).toEqual([1]);
    expect(chartNumber(0.5)).toBe('0.5');
    expect(chartNumber(2)).toBe('2');
    expect(chartNumber(0.126, 2)).toBe('0.13');
  });
});

describe('shared SVG charts', () => {
  it('a tornado chart fits its rows and labels, with values at the bar ends and on hover', () => {
    const rows = [
      { label: 'A rather long parameter name: weight of something', low: 0.41, high: 0.62 },
      { label: 'B', low: 0.5, high: 0.55 },
    ];
    const svg = tornadoChart({ title: 'T <x>', xLabel: 'u', base: 0.5, rows });
    expect(XMLValidator.validate(svg)).toBe(true);
    const h = Number(/height="(\d+)"/.exec(svg)![1]);
    expect(h).toBeLessThan(200);
    expect(tornadoChart({ title: 'T', xLabel: 'u', base: 0.5, rows: [...rows, ...rows, ...rows] })).toMatch(new RegExp(`height="${h + 4 * 22}"`));
    expect(svg).toContain('<title>T &lt;x&gt;</title>');
    expect(svg).toContain('>0.41<');
    expect(svg).toContain('>0.62<');
    expect(svg).toMatch(/<title>A rather long parameter name: weight of something: 0.41 \(assumption moved down\), 0.62 \(assumption moved up\)/);
  });

  it('a plot draws shaped markers with hover titles', () => {
    const svg = plot({ title: 'P', xLabel: 'x', yLabel: 'y', layers: [{ label: 'Nash = KS', points: [[0.5, 0.5]], kind: 'dot', color: '#E69F00', shape: 'diamond', labels: ['Nash = KS'] }] });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/<path d="M[^"]+" stroke="#333333" stroke-width="1"><title>Nash = KS: \(0.5, 0.5\)<\/title><\/path>/);
  });
});
