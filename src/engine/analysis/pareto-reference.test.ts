import { describe, expect, it } from 'vitest';
import { compareWithReference, parseParetoReference } from './pareto-reference.ts';
import { ScenarioError } from '../model/diagnostics.ts';

describe('parseParetoReference', () => {
  it('reads GENIUS pareto.xml lines (CSV despite the name), skipping blank lines', () => {
    const ref = parseParetoReference({ path: 'x/pareto.xml', text: '0.6061776, 1.0\r\n0.8108108, 0.95596594\n\n1, 0.7698864\n' });
    expect(ref.points).toEqual([
      [0.6061776, 1],
      [0.8108108, 0.95596594],
      [1, 0.7698864],
    ]);
  });

  it('reports every bad line with line and column', () => {
    let err: unknown;
    try {
      parseParetoReference({ path: 'p.xml', text: '0.5, 1\n0.5; 1\n0.2, abc\n<xml/>' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const d = (err as ScenarioError).diagnostics;
    expect(d.map((x) => [x.line, x.column])).toEqual([
      [2, 1],
      [3, 6],
      [4, 1],
    ]);
    expect(d.every((x) => x.file === 'p.xml')).toBe(true);
  });

  it('rejects an empty file', () => {
    expect(() => parseParetoReference({ path: 'p.xml', text: '\n\n' })).toThrow(/no frontier points/);
  });
});

describe('compareWithReference', () => {
  const ref = [
    [0.2, 1],
    [0.6, 0.6],
    [1, 0.2],
  ];

  it('is perfect against itself', () => {
    const c = compareWithReference(ref, ref);
    expect(c).toMatchObject({ covered: 1, maxShortfall: 0, meanShortfall: 0, maxDeficit: 0, improved: 0 });
  });

  it('measures shortfall, deficit and improvements', () => {
    const ours = [
      [0.2, 1],
      [0.55, 0.6], // 0.05 short of the middle reference point; dominated by it by 0 (equal B)
      [1, 0.3], // dominates the last reference point
    ];
    const c = compareWithReference(ours, ref);
    expect(c.covered).toBeCloseTo(2 / 3, 12);
    expect(c.maxShortfall).toBeCloseTo(0.05, 12);
    expect(c.meanShortfall).toBeCloseTo(0.05 / 3, 12);
    expect(c.maxDeficit).toBe(0);
    expect(c.improved).toBe(1);
    const worse = compareWithReference([[0.5, 0.5]], ref);
    expect(worse.maxDeficit).toBeCloseTo(0.1, 12);
    expect(worse.covered).toBe(0);
  });
});
