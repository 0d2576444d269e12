// Issue 12, one regression test per hostile input: each is refused with a diagnostic naming file,
// line and field (or read correctly), in bounded time and memory. Big inputs are generated here.
import { describe, expect, it } from 'vitest';
import { ScenarioError, type Diagnostic } from '../model/diagnostics.ts';
import { LIMITS } from '../model/limits.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { summarizeScenario } from '../model/summary.ts';
import { join } from 'node:path';
import { scenarioErrorOf } from '../../testing/errors.ts';
import { SCENARIOS_DIR } from '../../testing/shared.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { importScenario } from './index.ts';
import { readNative } from './native/index.ts';
import { parsePositioned, MAX_YAML_TOKENS } from './yaml-positions.ts';
import { parseXml } from './genius/xml.ts';

const two = (issues: string, prefs: string) => `parley: 1
name: t
issues:
${issues}
parties:
  - id: a
    preferences: ${prefs}
  - id: b
    preferences: ${prefs}
`;

/** A GENIUS domain with one integer issue lo..hi and a profile for it. */
function geniusInteger(lo: string, hi: string) {
  const domain = `<negotiation_template>
<utility_space number_of_issues="1">
<objective index="0" etype="objective" type="objective" name="T">
  <issue index="1" etype="integer" type="integer" vtype="integer" name="price" lowerbound="${lo}" upperbound="${hi}"/>
</objective>
</utility_space>
</negotiation_template>
`;
  const profile = `<utility_space>
<objective index="0" etype="objective" type="objective" name="T">
  <issue index="1" etype="integer" type="integer" vtype="integer" name="price" lowerbound="${lo}" upperbound="${hi}">
    <evaluator ftype="linear" slope="0.25" offset="0"/>
  </issue>
  <weight index="1" value="1"/>
</objective>
</utility_space>
`;
  return [
    { path: 'dom/domain.xml', text: domain },
    { path: 'dom/a.xml', text: profile },
  ];
}

const located = (d: Diagnostic | undefined) => {
  expect(d?.file).toBeTruthy();
  expect(d?.line).toBeGreaterThan(0);
  expect(d?.column).toBeGreaterThan(0);
};

describe('a 250-byte scenario cannot take all memory: issue sizes are checked before any table', () => {
  it('refuses a native integer issue 0..2·10^9 with file, line and field', () => {
    const e = scenarioErrorOf(() => readNative('big.yaml', two('  - {name: n, type: integer, min: 0, max: 2000000000}', '{weights: {n: 1}, values: {n: {type: linear, slope: 1, offset: 0}}}')));
    const d = e.diagnostics.find((x) => /2,000,000,001 values/.test(x.message));
    located(d);
    expect(d).toMatchObject({ file: 'big.yaml', line: 4, path: 'issues[0].max' });
    expect(d!.message).toMatch(/at most 1,000,000 values per issue/);
  });

  it('refuses a native real issue with steps: 1e9', () => {
    const e = scenarioErrorOf(() => readNative('big.yaml', two('  - {name: r, type: real, min: 0, max: 1, steps: 1000000000}', '{weights: {r: 1}, values: {r: {type: linear, slope: 1, offset: 0}}}')));
    expect(e.diagnostics[0]).toMatchObject({ file: 'big.yaml', line: 4, path: 'issues[0].steps' });
  });

  it('refuses a GENIUS integer issue 0..5·10^8 at its upperbound', () => {
    const e = scenarioErrorOf(() => importScenario(geniusInteger('0', '500000000')));
    located(e.diagnostics[0]);
    expect(e.diagnostics[0]).toMatchObject({ file: 'dom/domain.xml', line: 4 });
    expect(e.diagnostics[0]!.message).toMatch(/500,000,001 values/);
  });

  it('refuses GENIUS −2^31..2^31−1 and 0..2^31−1 (no Int32 wrap-around, no NaN utilities)', () => {
    for (const [lo, hi, n] of [
      ['-2147483648', '2147483647', '4,294,967,296'],
      ['0', '2147483647', '2,147,483,648'],
    ] as const) {
      const e = scenarioErrorOf(() => importScenario(geniusInteger(lo, hi)));
      expect(e.diagnostics[0]).toMatchObject({ file: 'dom/domain.xml', line: 4 });
      expect(e.diagnostics[0]!.message).toContain(`${n} values`);
    }
  });

  it('refuses too many table cells (parties × issue values)', () => {
    const parties = Array.from({ length: 30 }, (_, k) => `  - {id: p${k}, preferences: {weights: {n: 1}, values: {n: {type: linear, slope: 0, offset: 1}}}}`).join('\n');
    const e = scenarioErrorOf(() => readNative('cells.yaml', `parley: 1\nname: t\nissues:\n  - {name: n, type: integer, min: 0, max: 999999}\nparties:\n${parties}\n`));
    expect(e.diagnostics[0]!.message).toMatch(/utility table cells/);
    expect(e.diagnostics[0]!.line).toBe(4);
  });

  it('an outcome space refuses a radix an Int32Array cannot hold, by name', () => {
    expect(() => new OutcomeSpace([{ type: 'integer', name: 'x', min: 0, max: 2 ** 31 }])).toThrow(/issue "x" has 2147483649 values/);
  });
});

describe('parsing cannot blow up', () => {
  it('refuses a 15.6 MB YAML flow list of integers quickly, with a position (the token budget)', () => {
    const items: string[] = [];
    let n = 0;
    while (n < 15.6e6) {
      const s = String(items.length % 100000);
      items.push(s);
      n += s.length + 2;
    }
    const text = `parley: 1\nname: x\nissues: [${items.join(', ')}]\n`;
    const e = scenarioErrorOf(() => parsePositioned({ path: 'flow.yaml', text }));
    expect(e.diagnostics[0]).toMatchObject({ file: 'flow.yaml', line: 3 });
    expect(e.diagnostics[0]!.message).toContain(`more than ${MAX_YAML_TOKENS.toLocaleString('en-US')} tokens`);
  });

  it('reads the same list as JSON (a linear parser, no token budget)', () => {
    const items = Array.from({ length: 2_000_000 }, (_, k) => k % 1000);
    const d = parsePositioned({ path: 'flow.json', text: JSON.stringify({ a: items }) });
    expect((d.value as { a: number[] }).a.length).toBe(2_000_000);
    expect(d.position(['a', 1_999_999])).toEqual({ line: 1, column: JSON.stringify({ a: items }).lastIndexOf(',') + 2 });
  });

  it('finds a duplicate among 100,000 YAML keys in linear time, with its line', () => {
    const lines = Array.from({ length: 100_000 }, (_, k) => `k${k}: ${k}`);
    lines.push('k5: again');
    const e = scenarioErrorOf(() => parsePositioned({ path: 'keys.yaml', text: lines.join('\n') }));
    expect(e.diagnostics).toEqual([{ file: 'keys.yaml', line: 100_001, column: 1, message: 'duplicate key "k5"' }]);
  });

  it('finds duplicate JSON keys, each with its line', () => {
    const e = scenarioErrorOf(() => parsePositioned({ path: 'd.json', text: '{"a": 1,\n "b": 2,\n "a": 3,\n "b": 4}' }));
    expect(e.diagnostics.map((d) => d.line)).toEqual([3, 4]);
    expect(e.diagnostics[0]!.message).toMatch(/duplicate key "a"/);
  });

  it('loads a native file with 10^5 options, in YAML and in JSON', () => {
    const options = Array.from({ length: 100_000 }, (_, k) => `o${k}`);
    const yaml = `parley: 1\nname: many\nissues:\n  - name: x\n    options: [${options.join(', ')}]\nparties:\n  - id: a\n    preferences: {weights: {x: 1}, values: {x: {type: table, values: {o0: 1}}}}\n`;
    // The table lists one option: the error names the missing ones (without listing 10^5 of them in full).
    const e = scenarioErrorOf(() => readNative('many.yaml', yaml));
    expect(e.diagnostics[0]!.message).toMatch(/missing values for options/);
    const json = {
      parley: 1,
      name: 'many',
      issues: [{ name: 'x', options }],
      parties: ['a', 'b'].map((id, p) => ({ id, preferences: { weights: { x: 1 }, values: { x: Object.fromEntries(options.map((o, k) => [o, ((k * (p + 3)) % 1000) / 1000])) } } })),
    };
    const s = readNative('many.json', JSON.stringify(json));
    expect(s.issues[0]!.type === 'categorical' && s.issues[0]!.options.length).toBe(100_000);
    const flowYaml = `parley: 1\nname: many\nissues:\n  - name: x\n    options: [${options.join(', ')}]\nparties:\n  - {id: a, preferences: {weights: {x: 0}, values: {}}}\n  - {id: b, preferences: {weights: {x: 0}, values: {}}}\n`;
    expect(readNative('many.yaml', flowYaml).issues[0]).toMatchObject({ name: 'x' });
  });

  it('refuses JSON and YAML nested 10^5 deep with a clear message and a position, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const path of ['deep.json', 'deep.yaml']) {
      const e = scenarioErrorOf(() => parsePositioned({ path, text: path.endsWith('yaml') ? `a: ${deep}\n` : deep }));
      expect(e.diagnostics[0]!.message).toMatch(/nesting deeper than 64 levels/);
      located(e.diagnostics[0]);
    }
    const yamlBlocks = Array.from({ length: 200 }, (_, k) => `${' '.repeat(k)}a${k}:`).join('\n') + '\n' + ' '.repeat(200) + 'x';
    expect(scenarioErrorOf(() => parsePositioned({ path: 'blocks.yaml', text: yamlBlocks })).diagnostics[0]!.message).toMatch(/nesting deeper/);
  });

  it('refuses XML nested 10^5 deep, and files with too many tags or attributes, with positions', () => {
    const deep = parseXml({ path: 'd.xml', text: '<a>'.repeat(100_000) + '</a>'.repeat(100_000) });
    expect(deep.errors[0]!.message).toMatch(/nesting deeper than 64 levels/);
    located(deep.errors[0]);
    const attrs = parseXml({ path: 'a.xml', text: `<a ${Array.from({ length: 5000 }, (_, k) => `b${k}="x"`).join(' ')}/>` });
    expect(attrs.errors[0]!.message).toMatch(/more than 1,000 attributes/);
    const many = parseXml({ path: 'm.xml', text: `<r>${'<i v="1"/>'.repeat(300_000)}</r>` });
    expect(many.errors[0]!.message).toMatch(/more than 400,000 tags and attributes/);
  });

  it('cleans stray ampersands and missing attribute spaces in linear time, with correct positions', () => {
    const n = 100_000;
    const text = `<r>\n${'<i v="a&b"w="1"/>\n'.repeat(n)}<bad/</r>`;
    const r = parseXml({ path: 'q.xml', text });
    expect(r.errors[0]!.line).toBe(n + 2);
  });

  it('lists at most LIMITS.diagnostics problems, and says how many more', () => {
    const options = Array.from({ length: 500 }, (_, k) => `o${k}`);
    const values = options.map((o) => `${o}: x`).join(', ');
    const e = scenarioErrorOf(() => readNative('d.yaml', two(`  - {name: n, options: [${options.join(', ')}]}`, `{weights: {n: 1}, values: {n: {${values}}}}`)));
    expect(e.diagnostics.length).toBe(LIMITS.diagnostics + 1);
    expect(e.diagnostics.at(-1)!.message).toMatch(/and (\d+|maybe) more problems/);
  });
});

describe('large collections: wrong entries cost little, and sizes are checked before the schema', () => {
  it('refuses a 16 MiB native JSON whose issues are 8·10^6 numbers by their count, not entry by entry', () => {
    const text = `{"parley": 1, "name": "x", "issues": [${'0,'.repeat(8_000_000)}0], "parties": []}`;
    const e = scenarioErrorOf(() => readNative('n.json', text));
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]).toMatchObject({ file: 'n.json', line: 1, path: 'issues' });
    expect(e.diagnostics[0]!.message).toMatch(/8,000,001 issues; parley handles at most 10,000/);
  });

  it('stops checking 600,000 wrong table entries (a 15 MiB file) after the first LIMITS.diagnostics, and says so', () => {
    const options = Array.from({ length: 600_000 }, (_, k) => `o${k}`);
    const table = Object.fromEntries(options.map((o) => [o, 'bad']));
    const doc = { parley: 1, name: 'x', issues: [{ name: 'x', options }], parties: [{ id: 'a', preferences: { weights: { x: 1 }, values: { x: table } } }] };
    const e = scenarioErrorOf(() => readNative('t.json', JSON.stringify(doc)));
    expect(e.diagnostics).toHaveLength(LIMITS.diagnostics + 1);
    expect(e.diagnostics[0]).toMatchObject({ file: 't.json', line: 1, path: 'parties[0].preferences.values.x.o0' });
    expect(e.diagnostics.at(-1)!.message).toMatch(/and maybe more problems \(checking stopped after the first 100\)/);
    // 600,000 numbers where options belong: the same.
    const nums = scenarioErrorOf(() => readNative('o.json', JSON.stringify({ parley: 1, name: 'x', issues: [{ name: 'x', options: options.map((_, k) => k) }], parties: [] })));
    expect(nums.diagnostics[0]).toMatchObject({ path: 'issues[0].options[0]' });
    expect(nums.diagnostics.length).toBe(LIMITS.diagnostics + 1);
  });

  it('reads a GeniusWeb domain of 200,000 values with two profiles (the domains are compared in linear time)', () => {
    const values = Array.from({ length: 200_000 }, (_, k) => `v${k}`);
    const domain = { name: 'big', issuesValues: { x: { values } } };
    const profile = (name: string, reservation: Record<string, string>) =>
      JSON.stringify({
        LinearAdditiveUtilitySpace: {
          name,
          domain,
          issueUtilities: { x: { DiscreteValueSetUtilities: { valueUtilities: Object.fromEntries(values.map((v, k) => [v, (k % 100) / 100])) } } },
          issueWeights: { x: 1 },
          reservationBid: { issuevalues: reservation },
        },
      });
    const s = importScenario([
      { path: 'big/big.json', text: JSON.stringify(domain) },
      { path: 'big/big1.json', text: profile('big1', { x: 'v5' }) },
      { path: 'big/big2.json', text: profile('big2', { x: 'v7' }) },
    ]);
    expect(s.issues[0]!.type === 'categorical' && s.issues[0]!.options.length).toBe(200_000);
    // A reservation bid naming 10^5 unknown issues is refused, each looked up by hash.
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, k) => [`i${k}`, 'v1']));
    const e = scenarioErrorOf(() =>
      importScenario([
        { path: 'big/big.json', text: JSON.stringify(domain) },
        { path: 'big/big1.json', text: profile('big1', keys) },
      ]),
    );
    expect(e.diagnostics[0]!.message).toMatch(/unknown issue "i0"/);
  });
});

describe('numbers: sums that overflow and non-finite results are errors', () => {
  it('refuses finite weights whose sum is Infinity (1e308 + 1e308)', () => {
    const e = scenarioErrorOf(() =>
      readNative('w.yaml', two('  - {name: x, options: [p, q]}\n  - {name: y, options: [p, q]}', '{weights: {x: 1e308, y: 1e308}, values: {x: {p: 1, q: 1}, y: {p: 1, q: 1}}}')),
    );
    expect(e.diagnostics[0]!.message).toMatch(/sum to more than the largest number/);
    expect(e.diagnostics[0]).toMatchObject({ file: 'w.yaml', path: 'parties[0].preferences.weights' });
    located(e.diagnostics[0]);
  });

  it('names the NegMAS profile whose weights overflow as the file (found by the fuzzer)', () => {
    const dir = join(SCENARIOS_DIR, 'negmas-yaml', 'anac2017', 'MovieTime');
    const files = loadSourceFiles([dir]).map((f) =>
      f.path.endsWith('util2.yml') ? { ...f, text: f.text.replace(/weights:\n- [0-9.]+\n- [0-9.]+/, 'weights:\n- 1e308\n- 1e308') } : f,
    );
    const e = scenarioErrorOf(() => importScenario(files));
    expect(e.diagnostics[0]!.message).toMatch(/sum to more than the largest number/);
    expect(e.diagnostics[0]!.file).toBe(join(dir, 'util2.yml'));
  });

  it('refuses a value function that is not a number on its range (x − origin overflows)', () => {
    const e = scenarioErrorOf(() =>
      readNative('v.yaml', two('  - {name: r, type: real, min: -1e308, max: 1e308, steps: 3}', '{weights: {r: 1}, values: {r: {type: linear, slope: 0, offset: 0.5, origin: -1e308}}}')),
    );
    expect(e.diagnostics.map((d) => d.message).join('\n')).toMatch(/wider than the largest number|not a finite number/);
  });

  it('refuses an LLM-Deliberation threshold of −1e309 (it would read as −Infinity)', () => {
    const config = 'A,a,p1,x,m\nB,b,p2,x,m\nC,c,player,x,m\n';
    const score = (t: string) => `10,20\n30,40\n${t}\n`;
    const e = scenarioErrorOf(() =>
      importScenario([
        { path: 'g/config.txt', text: config },
        { path: 'g/scores_files/a.txt', text: score('-1e309') },
        { path: 'g/scores_files/b.txt', text: score('50') },
        { path: 'g/scores_files/c.txt', text: score('50') },
      ]),
    );
    expect(e.diagnostics[0]).toMatchObject({ file: 'g/scores_files/a.txt', line: 3, path: 'threshold' });
    expect(e.diagnostics[0]!.message).toMatch(/beyond the largest number/);
  });

  it('refuses a negotiator without preferences (it cannot be analysed or negotiate)', () => {
    const e = scenarioErrorOf(() => readNative('n.yaml', 'parley: 1\nname: t\nissues: [{name: x, options: [p, q]}]\nparties:\n  - id: a\n  - {id: b, preferences: {weights: {x: 1}, values: {x: {p: 0, q: 1}}}}\n'));
    expect(e.diagnostics[0]).toMatchObject({ file: 'n.yaml', line: 5, path: 'parties[0].preferences' });
    expect(e.diagnostics[0]!.message).toMatch(/negotiator "a" has no preferences/);
  });

  it('every accepted scenario of a mixed bag has finite utilities at its extremes', () => {
    const s = readNative('ok.yaml', two('  - {name: x, options: [p, q]}\n  - {name: n, type: integer, min: -1000000, max: -1}', '{weights: {x: 1e300, n: 1e300}, values: {x: {p: 1, q: 0}, n: {type: linear, slope: 1e-6, offset: 0}}}'));
    for (const p of summarizeScenario(s).parties) {
      expect(Number.isFinite(p.best!.utility)).toBe(true);
      expect(Number.isFinite(p.worst!.utility)).toBe(true);
    }
  });
});

describe('ScenarioError', () => {
  it('keeps every diagnostic up to the limit', () => {
    const e = new ScenarioError(Array.from({ length: 5 }, (_, k) => ({ message: `p${k}` })));
    expect(e.diagnostics.length).toBe(5);
  });
});
