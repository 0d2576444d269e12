import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OutcomeSpace } from './outcome-space.ts';
import type { Issue } from './issue.ts';
import { createRng } from '../util/rng.ts';

const cat = (name: string, n: number): Issue => ({ type: 'categorical', name, options: Array.from({ length: n }, (_, k) => ({ name: `${name}${k}` })) });

describe('OutcomeSpace', () => {
  it('has the exact size of huge spaces without overflow', () => {
    const space = new OutcomeSpace(Array.from({ length: 60 }, (_, i) => cat(`i${i}`, 10)));
    expect(space.size).toBe(10n ** 60n);
    expect(space.sizeNumber).toBeUndefined();
    expect(space.sizeJson).toBe('1' + '0'.repeat(60));
    expect(space.isEnumerable()).toBe(false);
    expect(() => space.forEachBlock(() => undefined)).toThrow(/too many to enumerate/);
    const o = space.outcomeAt(10n ** 60n - 1n);
    expect(o.every((d) => d === 9)).toBe(true);
    expect(space.bigIndexOf(o)).toBe(10n ** 60n - 1n);
  });

  it('maps index → outcome → index for any mixed radix (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 6 }), fc.nat(), (radices, seed) => {
        const space = new OutcomeSpace(radices.map((r, i) => cat(`x${i}`, r)));
        const total = space.sizeNumber!;
        const idx = seed % total;
        const o = space.outcomeAt(idx);
        expect(space.indexOf(o)).toBe(idx);
        expect(space.bigIndexOf(o)).toBe(BigInt(idx));
        expect(space.outcomeAt(BigInt(idx))).toEqual(o);
      }),
    );
  });

  it('iterates in blocks in index order, visiting every outcome once', () => {
    const space = new OutcomeSpace([cat('a', 3), { type: 'integer', name: 'b', min: -2, max: 2 }, cat('c', 2)]);
    const seen: number[] = [];
    space.forEachBlock(
      (digits, count, start) => {
        for (let j = 0; j < count; j++) {
          const o = Array.from(digits.subarray(j * 3, j * 3 + 3));
          expect(space.indexOf(o)).toBe(start + j);
          seen.push(space.indexOf(o));
        }
      },
      { blockSize: 7 },
    );
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('iterates a sub-range', () => {
    const space = new OutcomeSpace([cat('a', 4), cat('b', 5)]);
    const seen: number[] = [];
    space.forEachBlock((d, count, start) => {
      for (let j = 0; j < count; j++) seen.push(space.indexOf([d[j * 2]!, d[j * 2 + 1]!]));
      expect(seen[seen.length - count]).toBe(start);
    }, { start: 5, end: 13, blockSize: 3 });
    expect(seen).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('samples reproducibly from a seed', () => {
    const space = new OutcomeSpace([cat('a', 4), cat('b', 5), { type: 'real', name: 'r', min: 0, max: 1, steps: 11 }]);
    const a = Array.from({ length: 20 }, ((rng) => () => space.sample(rng))(createRng(42)));
    const b = Array.from({ length: 20 }, ((rng) => () => space.sample(rng))(createRng(42)));
    expect(a).toEqual(b);
    expect(a.every((o) => space.contains(o))).toBe(true);
  });

  it('converts outcomes to and from records', () => {
    const space = new OutcomeSpace([cat('a', 2), { type: 'integer', name: 'n', min: 3, max: 9 }, { type: 'real', name: 'r', min: 0, max: 1, steps: 5 }]);
    const rec = space.toRecord([1, 2, 3]);
    expect(rec).toEqual({ a: 'a1', n: 5, r: 0.75 });
    expect(space.fromRecord(rec).outcome).toEqual([1, 2, 3]);
    expect(space.fromRecord({ a: 'zz', n: 5, r: 0.75 }).errors).toEqual(['issue "a" has no value "zz"']);
    expect(space.fromRecord({ a: 'a0', n: 5 }).errors[0]).toMatch(/missing a value for issue "r"/);
  });
});
