import { describe, expect, it } from 'vitest';
import { parsePositioned } from './yaml-positions.ts';
import { scenarioErrorOf } from '../../testing/errors.ts';

const file = (text: string, path = 'x.yml') => ({ path, text });

const errorOf = scenarioErrorOf;

describe('parsePositioned', () => {
  it('keeps mapping keys as written, values typed', () => {
    const d = parsePositioned(file("a: 1\n1.0: x\n'q': y\n0 kW,: 0.5\nz: -.inf\n"));
    expect(d.value).toEqual({ a: 1, '1.0': 'x', q: 'y', '0 kW,': 0.5, z: -Infinity });
    expect(d.text(['1.0'])).toBe('x');
    expect(d.text(['a'])).toBe('1');
  });

  it('gives positions of values, keys, and the deepest existing node', () => {
    const d = parsePositioned(file('top:\n  list:\n    - a\n    - b: 3\n'));
    expect(d.position(['top', 'list', 1, 'b'])).toEqual({ line: 4, column: 10 });
    expect(d.position(['top', 'list', 1, 'b'], { key: true })).toEqual({ line: 4, column: 7 });
    expect(d.position(['top', 'list', 0])).toEqual({ line: 3, column: 7 });
    // missing: falls back to the deepest node that exists
    expect(d.position(['top', 'list', 7])).toEqual({ line: 3, column: 5 });
    const diag = d.at(['top', 'list', 1, 'b'], 'bad');
    expect(diag).toEqual({ file: 'x.yml', line: 4, column: 10, path: 'top.list[1].b', message: 'bad' });
  });

  it('reads JSON with positions', () => {
    const d = parsePositioned(file('{\n\t"a": {\n\t\t"b": [1, 2.5]\n\t}\n}', 'x.json'));
    expect(d.value).toEqual({ a: { b: [1, 2.5] } });
    expect(d.position(['a', 'b', 1])).toEqual({ line: 3, column: 12 });
  });

  it('reports every syntax error with line and column', () => {
    const e = errorOf(() => parsePositioned(file('{"a": 1, "a": 2, "b": [1,2,}', 'x.json')));
    expect(e.diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(e.diagnostics[0]).toMatchObject({ file: 'x.json', line: 1, column: 10 });
    expect(e.diagnostics[0]!.message).toMatch(/unique/);
  });

  it('stops a billion-laughs document fast', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      const prev = names[i - 1]!;
      levels.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const t0 = Date.now();
    const e = errorOf(() => parsePositioned(file(levels.join('\n') + '\n')));
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(e.diagnostics[0]!.message).toMatch(/alias/);
    expect(e.diagnostics[0]!.line).toBeGreaterThan(1);
  });

  it('expands a few aliases normally', () => {
    const d = parsePositioned(file('a: &x [1, 2]\nb: *x\n'));
    expect(d.value).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it('does not let __proto__ keys touch prototypes', () => {
    const d = parsePositioned(file('__proto__: {polluted: 1}\n'));
    expect(Object.keys(d.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(d.value)).toBe(Object.prototype);
  });

  it('refuses files over the size limit', () => {
    const e = errorOf(() => parsePositioned(file('#'.repeat(17 * 1024 * 1024))));
    expect(e.diagnostics[0]!.message).toMatch(/MiB/);
  });
});
