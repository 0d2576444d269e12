import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readNative, printNative, nativeImporter, nativeJsonSchema } from './index.ts';
import { ScenarioError, type Diagnostic } from '../../model/diagnostics.ts';
import { OutcomeSpace } from '../../model/outcome-space.ts';
import { compileUtility } from '../../model/utility-function.ts';
import { compileParty } from '../../model/party-evaluator.ts';
import { summarizeScenario } from '../../model/summary.ts';
import { scenarioArb } from '../../../testing/random-scenario.ts';
import { REPO_ROOT } from '../../../testing/shared.ts';
import { loadSourceFiles } from '../../../node/load-files.ts';
import type { Scenario } from '../../model/scenario.ts';


function diagnostics(text: string, file = 'bad.yaml'): Diagnostic[] {
  try {
    readNative(file, text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return [...(e as ScenarioError).diagnostics];
  }
  throw new Error('expected a ScenarioError');
}

const MINIMAL = `parley: 1
name: tiny
issues:
  - name: price
    options: [low, high]
  - name: n
    type: integer
    min: 0
    max: 2
parties:
  - id: a
    preferences:
      weights: {price: 0.5, n: 0.5}
      values:
        price: {low: 1, high: 0}
        n: {type: linear, slope: 0.5, offset: 0}
  - id: b
    reservation: 0.2
    preferences:
      weights: {price: 0.7, n: 0.3}
      values:
        price: {low: 0, high: 1}
        n: {type: linear, slope: -0.5, offset: 1}
`;

/** Utilities of every outcome for every party with preferences. */
function utilityTable(s: Scenario): number[][] {
  const space = new OutcomeSpace(s.issues);
  const ufs = s.parties.filter((p) => p.preferences).map((p) => compileUtility(space, p.preferences!));
  const rows: number[][] = [];
  space.forEachBlock((d, count) => {
    for (let j = 0; j < count; j++) {
      const o = Array.from(d.subarray(j * s.issues.length, (j + 1) * s.issues.length));
      rows.push(ufs.map((u) => u.utility(o)));
    }
  });
  return rows;
}

describe('native format', () => {
  it('reads a minimal scenario with defaults and computes utilities', () => {
    const s = readNative('tiny.yaml', MINIMAL);
    expect(s.parties.map((p) => [p.id, p.role, p.name])).toEqual([
      ['a', 'negotiator', 'a'],
      ['b', 'negotiator', 'b'],
    ]);
    expect(s.agreement).toEqual({ type: 'unanimity' });
    const space = new OutcomeSpace(s.issues);
    const a = compileUtility(space, s.parties[0]!.preferences!);
    const b = compileUtility(space, s.parties[1]!.preferences!);
    // price=low (0), n=2: a = 0.5·1 + 0.5·clip(0.5·2) = 1; b = 0 + 0.3·clip(−1 + 1) = 0
    expect(a.utility([0, 2])).toBeCloseTo(1, 12);
    expect(b.utility([0, 2])).toBeCloseTo(0, 12);
    // price=high, n=1: a = 0 + 0.5·0.5 = 0.25; b = 0.7 + 0.3·0.5 = 0.85
    expect(a.utility([1, 1])).toBeCloseTo(0.25, 12);
    expect(b.utility([1, 1])).toBeCloseTo(0.85, 12);
    expect(compileParty(space, s.parties[1]!).reservationValue).toBe(0.2);
  });

  it('reads the same structure from JSON', () => {
    const yaml = readNative('tiny.yaml', MINIMAL);
    const json = readNative('tiny.json', printNative(yaml, 'json'));
    expect(utilityTable(json)).toEqual(utilityTable(yaml));
  });

  it('round-trips random scenarios through YAML and JSON without loss (property)', () => {
    fc.assert(
      fc.property(scenarioArb(3), fc.constantFrom('yaml' as const, 'json' as const), (s, as) => {
        const back = readNative(`x.${as}`, printNative(s, as));
        expect(back.issues).toEqual(s.issues);
        expect(back.parties.map((p) => p.reservation)).toEqual(s.parties.map((p) => p.reservation));
        const a = utilityTable(s);
        const b = utilityTable(back);
        a.forEach((row, k) => row.forEach((u, i) => expect(b[k]![i]).toBeCloseTo(u, 12)));
      }),
      { numRuns: 60 },
    );
  });

  it('reports every problem at once, with file, line:column and field path', () => {
    const text = `parley: 1
name: broken
issues:
  - name: price
    options: [low, high]
  - name: price
    options: [a, b]
  - name: empty
    options: []
parties:
  - id: a
    colour: blue
    preferences:
      weights: {price: "heavy"}
      values:
        price: {low: 1}
`;
    const d = diagnostics(text);
    expect(d.length).toBeGreaterThanOrEqual(3);
    const byPath = new Map(d.map((x) => [x.path, x]));
    expect(byPath.get('issues[2].options')?.message).toMatch(/at least one option/);
    expect(byPath.get('issues[2].options')?.line).toBe(9);
    expect(byPath.get('parties[0].colour')).toMatchObject({ file: 'bad.yaml', line: 12, message: 'unknown field "colour"' });
    expect(byPath.get('parties[0].preferences.weights.price')).toMatchObject({ line: 14 });
    expect(byPath.get('parties[0].preferences.weights.price')?.message).toMatch(/expected number or object, got string/);
  });

  it('reports semantic problems: duplicate issues, unknown options, negative and NaN weights, missing values', () => {
    const text = `parley: 1
name: semantic
issues:
  - name: price
    options: [low, high]
  - name: price
    options: [a]
parties:
  - id: a
    preferences:
      weights: {price: -0.5, colour: 1}
      values:
        price: {low: 1, medium: 0.5}
  - id: b
    preferences:
      weights: {price: .nan}
      values: {price: {low: 1, high: 0}}
agreement: {rule: quorum, k: 1, required: [c]}
`;
    const d = diagnostics(text, 'semantic.yaml');
    const msgs = d.map((x) => `${x.line}:${x.path}: ${x.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^16:parties\[1\]\.preferences\.weights\.price: expected number or object, got NaN/),
      ]),
    );
    // Shape errors come first; fix the NaN and the semantic ones appear, all at once.
    const d2 = diagnostics(text.replace('.nan', '0.5'), 'semantic.yaml').map((x) => `${x.line}:${x.path}: ${x.message}`);
    expect(d2).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^6:issues\[1\]\.name: duplicate issue name "price"/),
        expect.stringMatching(/^11:parties\[0\]\.preferences\.weights\.price: a weight must not be negative/),
        expect.stringMatching(/^11:parties\[0\]\.preferences\.weights\.colour: unknown issue "colour"/),
        expect.stringMatching(/^13:parties\[0\]\.preferences\.values\.price\.medium: issue "price" has no option "medium"/),
        expect.stringMatching(/^13:parties\[0\]\.preferences\.values\.price: missing values for option "high"/),
        expect.stringMatching(/^18:agreement\.required\[0\]: unknown party "c"/),
      ]),
    );
  });

  it('gives line:column for YAML syntax errors and truncated JSON', () => {
    const d = diagnostics('parley: 1\nname: [unclosed\n');
    expect(d[0]!.file).toBe('bad.yaml');
    expect(d[0]!.line).toBeGreaterThanOrEqual(2);
    const j = diagnostics('{"parley": 1, "name": "x", "issues": [', 'bad.json');
    expect(j[0]!.file).toBe('bad.json');
    expect(j[0]!.line).toBe(1);
  });

  it('refuses alias bombs (billion laughs) quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const d = diagnostics(`parley: 1\n${lines.join('\n')}\n`);
    expect(d[0]!.message).toMatch(/alias|resource|excessive/i);
  });

  it('refuses files over the size limit before reading them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-'));
    const big = join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(() => loadSourceFiles([big])).toThrow(/50\.0 MiB; parley reads scenario files of at most 16 MiB/);
  });

  it('models a 10^60-outcome space without overflow and says it is too large to enumerate', () => {
    const issues = Array.from({ length: 60 }, (_, i) => `  - name: i${i}\n    options: [${Array.from({ length: 10 }, (_, k) => `v${k}`).join(', ')}]`).join('\n');
    const weights = Array.from({ length: 60 }, (_, i) => `i${i}: 0`).join(', ');
    const s = readNative('huge.yaml', `parley: 1\nname: huge\nissues:\n${issues}\nparties:\n  - id: a\n    preferences: {weights: {${weights}}, values: {}}\n`);
    const summary = summarizeScenario(s);
    expect(summary.outcomes).toBe(`1${'0'.repeat(60)}`);
    expect(summary.enumerable).toBe(false);
  });

  it('detects native files by their version marker, in YAML and JSON', () => {
    expect(nativeImporter.detect([{ path: 'x.yaml', text: MINIMAL }])).toBeGreaterThan(0);
    expect(nativeImporter.detect([{ path: 'x.json', text: '{"parley": 1}' }])).toBeGreaterThan(0);
    expect(nativeImporter.detect([{ path: 'x.yaml', text: 'issues: []' }])).toBe(0);
    expect(nativeImporter.detect([{ path: 'x.xml', text: '<parley: 1>' }])).toBe(0);
  });

  it('exports a JSON Schema that covers the format', () => {
    const schema = nativeJsonSchema() as { properties?: Record<string, unknown>; required?: string[] };
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['parley', 'issues', 'parties', 'agreement', 'variants']));
    expect(schema.required).toEqual(expect.arrayContaining(['parley', 'name', 'issues', 'parties']));
  });
});

describe('the shipped scenarios (walked from scenarios/)', () => {
  const files = readdirSync(join(REPO_ROOT, 'scenarios')).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(REPO_ROOT, 'scenarios', f));

  it('finds them', () => expect(files.length).toBeGreaterThan(1));

  it.each(files)('%s quotes its documents verbatim and round-trips through the native printer', (file) => {
    const s = readNative(file, readFileSync(file, 'utf8'));
    const texts = new Map((s.documents ?? []).filter((d) => d.path).map((d) => [d.id, readFileSync(join(REPO_ROOT, d.path!), 'utf8')]));
    const quotes: { quote: string; document?: string }[] = [];
    JSON.stringify(s, (k, v) => {
      if (k === 'sources') quotes.push(...(v as { quote: string; document?: string }[]));
      return v;
    });
    expect(quotes.length).toBeGreaterThan(5);
    for (const q of quotes) if (q.document && texts.has(q.document)) expect(texts.get(q.document), `quote not in ${q.document}: ${q.quote}`).toContain(q.quote);
    const back = readNative('back.yaml', printNative(s));
    expect(utilityTable(back)).toEqual(utilityTable(s));
    expect(back.variants).toEqual(s.variants);
    expect(back.questions).toEqual(s.questions);
    expect(summarizeScenario(back).provenance.length).toBe(summarizeScenario(s).provenance.length);
  });
});
