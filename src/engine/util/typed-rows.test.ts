import { describe, expect, it } from 'vitest';
import { float64Rows, int32Rows, Scratch } from './typed-rows.ts';

describe('typed rows', () => {
  it('cuts zeroed, disjoint rows of the asked length from one buffer', () => {
    const f = float64Rows(3, 5);
    const i = int32Rows(2, 4);
    expect(f.map((r) => r.length)).toEqual([5, 5, 5]);
    expect(i.map((r) => r.length)).toEqual([4, 4]);
    f.forEach((r, k) => r.fill(k + 1));
    i.forEach((r, k) => r.fill(-(k + 1)));
    expect(f.map((r) => Array.from(r))).toEqual([Array(5).fill(1), Array(5).fill(2), Array(5).fill(3)]);
    expect(i.map((r) => Array.from(r))).toEqual([Array(4).fill(-1), Array(4).fill(-2)]);
    expect(f[0]!.buffer).toBe(f[2]!.buffer);
    expect(float64Rows(0, 7)).toEqual([]);
  });

  it('scratch grows to the asked size and keeps its buffer while it is large enough', () => {
    const s = new Scratch();
    const a = s.int32(10);
    expect(a.length).toBeGreaterThanOrEqual(10);
    expect(s.int32(a.length)).toBe(a);
    const b = s.int32(a.length + 1);
    expect(b).not.toBe(a);
    expect(b.length).toBeGreaterThan(a.length);
    expect(s.float64(1000).length).toBeGreaterThanOrEqual(1000);
  });
});
