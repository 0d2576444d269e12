import { describe, expect, it } from 'vitest';
import { conditionHolds, crossesRedLine } from './red-line.ts';

describe('red-line conditions', () => {
  it('a long anyOf list (looked up in a hash set) holds exactly where the list has the value', () => {
    const anyOf = Array.from({ length: 5000 }, (_, k) => k * 3);
    const c = { issue: 1, anyOf };
    for (let v = 0; v < 20_000; v++) expect(conditionHolds(c, [0, v])).toBe(anyOf.includes(v));
    expect(crossesRedLine({ description: 'x', conditions: [c, { issue: 0, from: 0, to: 0 }] }, [0, 3])).toBe(true);
    expect(crossesRedLine({ description: 'x', conditions: [c, { issue: 0, from: 1, to: 2 }] }, [0, 3])).toBe(false);
  });

  it('a short list and a range', () => {
    expect(conditionHolds({ issue: 0, anyOf: [2, 5] }, [5])).toBe(true);
    expect(conditionHolds({ issue: 0, anyOf: [2, 5] }, [4])).toBe(false);
    expect(conditionHolds({ issue: 0, from: 2, to: 4 }, [4])).toBe(true);
    expect(conditionHolds({ issue: 0, from: 2, to: 4 }, [5])).toBe(false);
  });
});
