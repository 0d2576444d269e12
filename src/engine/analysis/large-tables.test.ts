// Issue 12: an issue at the size limits is analysed, not a stack overflow (no spread of a table
// into call arguments anywhere: util/arrays.ts).
import { describe, expect, it } from 'vitest';
import { readNative } from '../formats/index.ts';
import { maxOf, minOf, pushAll } from '../util/arrays.ts';
import { analyze } from './analyze.ts';
import { analysisToJson } from './analysis-json.ts';

describe('tables of hundreds of thousands of values', () => {
  it('analyses a two-party scenario whose one issue has 300,000 options', () => {
    const options = Array.from({ length: 300_000 }, (_, k) => `o${k}`);
    const doc = {
      parley: 1,
      name: 'wide',
      issues: [{ name: 'x', options }],
      parties: ['a', 'b'].map((id, p) => ({ id, preferences: { weights: { x: 1 }, values: { x: Object.fromEntries(options.map((o, k) => [o, ((k * (p + 3)) % 1000) / 1000])) } } })),
    };
    const r = analyze(readNative('wide.json', JSON.stringify(doc)));
    expect(r.frontier.points.length).toBeGreaterThan(0);
    for (const pt of r.frontier.points) for (const u of pt.utilities) expect(Number.isFinite(u)).toBe(true);
  });

  it('maxOf, minOf and pushAll take a million elements', () => {
    const a = Float64Array.from({ length: 1_000_000 }, (_, k) => Math.sin(k));
    expect(maxOf(a)).toBe(Math.max(...a.subarray(0, 1000), ...[maxOf(a.subarray(1000))]));
    expect(minOf(a)).toBeLessThan(-0.9999);
    expect(maxOf([])).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(maxOf([1, Number.NaN, 2]))).toBe(true);
    const out: number[] = [1];
    pushAll(out, Array.from(a));
    expect(out.length).toBe(1_000_001);
  });
});

describe('analysis JSON', () => {
  const s = readNative('t.yaml', 'parley: 1\nname: t\nissues: [{name: x, options: [p, q]}]\nparties:\n  - {id: a, preferences: {weights: {x: 1}, values: {x: {p: 0, q: 1}}}}\n  - {id: b, preferences: {weights: {x: 1}, values: {x: {p: 1, q: 0}}}}\n');
  const r = analyze(s);

  it('carries every utility as a finite number', () => {
    const j = analysisToJson(r, s.issues);
    for (const t of j.frontier.top) for (const u of Object.values(t.utilities)) expect(Number.isFinite(u)).toBe(true);
    expect(j.parties.map((p) => [p.best, p.worst])).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it('refuses to write a non-finite utility as null: it is an error', () => {
    const top = r.top.map((t, k) => (k === 0 ? { ...t, utilities: { ...t.utilities, a: Number.NaN } } : t));
    expect(() => analysisToJson({ ...r, top }, s.issues)).toThrow(/the utility of "a" is NaN, not a finite number/);
    const parties = r.parties.map((p, k) => (k === 1 ? { ...p, best: Number.POSITIVE_INFINITY } : p));
    expect(() => analysisToJson({ ...r, parties }, s.issues)).toThrow(/the best utility of "b" is Infinity/);
  });
});
