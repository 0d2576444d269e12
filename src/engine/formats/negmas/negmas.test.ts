import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueSize } from '../../model/issue.ts';
import { OutcomeSpace } from '../../model/outcome-space.ts';
import { compileParty } from '../../model/party-evaluator.ts';
import { createRng } from '../../util/rng.ts';
import { loadSourceFiles } from '../../../node/load-files.ts';
import { foldersWithFiles, REPO_ROOT, SCENARIOS_DIR } from '../../../testing/shared.ts';
import { negmasImporter, readNegmas } from './index.ts';
import { scenarioErrorOf } from '../../../testing/errors.ts';

const ROOT = join(SCENARIOS_DIR, 'negmas-yaml');
const folders = foldersWithFiles(ROOT, /\.ya?ml$/i);

const errorOf = scenarioErrorOf;

describe('NegMAS importer on the shared scenarios', () => {
  it('finds the shared folders', () => {
    expect(folders.length).toBeGreaterThanOrEqual(20);
  });
  it.each(folders)('reads %s', (folder) => {
    const files = loadSourceFiles([folder]);
    expect(negmasImporter.detect(files)).toBeGreaterThan(0);
    const s = negmasImporter.read(files);
    const yml = readdirSync(folder).filter((n) => /\.ya?ml$/.test(n));
    expect(s.parties).toHaveLength(yml.length - 1);
    expect(s.origin?.format).toBe('negmas');
    const space = new OutcomeSpace(s.issues);
    expect(space.size).toBe(s.issues.reduce((acc, i) => acc * BigInt(issueSize(i)), 1n));
    const rng = createRng(11);
    for (const party of s.parties) {
      const ev = compileParty(space, party);
      for (let k = 0; k < 50; k++) expect(Number.isFinite(ev.ufun!.utility(space.sample(rng)))).toBe(true);
      if (ev.reservationValue !== undefined) expect(Number.isFinite(ev.reservationValue)).toBe(true);
    }
  });
});

describe('NegMAS semantics', () => {
  it('computes anac2019 Laptop utilities by hand', () => {
    const s = readNegmas(loadSourceFiles([join(ROOT, 'anac2019', 'Laptop')]));
    expect(s.name).toBe('laptop_domain');
    expect(s.issues.map((i) => i.name)).toEqual(['Laptop', 'Harddisk', 'External Monitor']);
    const space = new OutcomeSpace(s.issues);
    const o = space.fromRecord({ Laptop: 'Macintosh', Harddisk: '80 Gb', 'External Monitor': "23'' LCD" }).outcome!;
    const buyer = compileParty(space, s.parties.find((p) => p.id === 'buyer_rv04_comp27')!);
    const seller = compileParty(space, s.parties.find((p) => p.id === 'seller_rv07_comp27')!);
    expect(buyer.ufun!.utility(o)).toBeCloseTo(0.4116179545689915 * 0.4444444444444444 + 0.4076894642932001 * 0.5238095238095237 + 0.18069258113780845 * 0.5, 14);
    expect(seller.ufun!.utility(o)).toBeCloseTo(0.5974862806904186 * 1.0 + 0.3244251515101929 * 1.0 + 0.07808856779938836 * 0.0, 14);
    // reserved_value: -.inf means no reservation
    expect(buyer.reservationValue).toBeUndefined();
  });

  it('reads ExpDiscountedUFun (per round) and odd mapping keys (anac2018 Hamada)', () => {
    const s = readNegmas(loadSourceFiles([join(ROOT, 'anac2018', 'Hamada')]));
    const u1 = s.parties.find((p) => p.id === 'util1')!;
    expect(u1.discount).toEqual({ factor: 0.1, per: 'round' });
    expect(s.issues[0]).toMatchObject({ type: 'categorical' });
    const space = new OutcomeSpace(s.issues);
    const rec: Record<string, string> = {};
    for (const i of s.issues) rec[i.name] = '100 kW,';
    const o = space.fromRecord(rec).outcome!;
    // 100 kW, on every issue: 1, 0, 1, 1
    expect(compileParty(space, u1).ufun!.utility(o)).toBeCloseTo(0.19209224435416153 + 0.6460127281122955 + 0.1280236924932397, 14);
  });

  it('keeps numeric reservation values (anac2017 MyDomain util3)', () => {
    const s = readNegmas(loadSourceFiles([join(ROOT, 'anac2017', 'MyDomain')]));
    const r = s.parties.find((p) => p.id === 'util3')!.reservation;
    expect(r && 'value' in r ? r.value : undefined).toBeGreaterThan(0);
  });

  const domain = {
    path: 's/domain.yml',
    text: `name: d
type: DiscreteCartesianOutcomeSpace
issues:
- name: colour
  type: CategoricalIssue
  values: [red, 1.0]
- name: n
  type: ContiguousIssue
  values: [2, 4]
`,
  };
  const ufun = (body: string) => ({ path: 's/a.yml', text: `type: LinearAdditiveUtilityFunction\n${body}` });

  it('reads integer issues, numeric-looking keys as text, and tabulated linear functions', () => {
    const s = readNegmas([
      domain,
      ufun(`reserved_value: 0.25
weights: [0.5, 0.5]
values:
- type: TableFun
  mapping: {red: 0.2, 1.0: 0.9}
- type: AffineFun
  slope: 0.25
  bias: -0.5
`),
    ]);
    expect(s.issues[0]).toEqual({ type: 'categorical', name: 'colour', options: [{ name: 'red' }, { name: '1.0' }] });
    expect(s.issues[1]).toEqual({ type: 'integer', name: 'n', min: 2, max: 4 });
    const space = new OutcomeSpace(s.issues);
    const ev = compileParty(space, s.parties[0]!);
    expect(ev.ufun!.utility([1, 2])).toBeCloseTo(0.5 * 0.9 + 0.5 * (0.25 * 4 - 0.5), 14);
    expect(ev.ufun!.utility([0, 0])).toBeCloseTo(0.5 * 0.2 + 0.5 * 0, 14);
    expect(ev.reservationValue).toBe(0.25);
  });

  it('reports every problem with file, line:column and field path', () => {
    const e = errorOf(() =>
      readNegmas([
        domain,
        ufun(`weights: [-0.5, .nan]
values:
- type: TableFun
  mapping: {red: 0.2, blue: 0.9}
- type: TableFun
  mapping: {2: x, 3: 1, 4: 1}
`),
      ]),
    );
    const got = e.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.path} ${d.message}`);
    expect(got).toContainEqual(expect.stringMatching(/^s\/a\.yml:2:11 weights\[0\] a weight must not be negative/));
    expect(got).toContainEqual(expect.stringMatching(/^s\/a\.yml:2:17 weights\[1\] expected a weight, got NaN/));
    expect(got).toContainEqual(expect.stringMatching(/^s\/a\.yml:5:23 values\[0\]\.mapping\.blue unknown value "blue"/));
    expect(got).toContainEqual(expect.stringMatching(/^s\/a\.yml:5:12 values\[0\]\.mapping no utility for value "1\.0" of issue "colour"/));
    expect(got).toContainEqual(expect.stringMatching(/^s\/a\.yml:7:16 values\[1\]\.mapping\["2"\] expected a utility/));
  });

  it('rejects malformed YAML, duplicate and empty issues, unknown types', () => {
    const e1 = errorOf(() => readNegmas([{ path: 'd.yml', text: 'type: DiscreteCartesianOutcomeSpace\nissues: [a, b\n' }]));
    expect(e1.diagnostics[0]).toMatchObject({ file: 'd.yml' });
    expect(e1.diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
    const e2 = errorOf(() =>
      readNegmas([
        { path: 'd.yml', text: 'type: DiscreteCartesianOutcomeSpace\nissues:\n- {name: a, values: [x]}\n- {name: a, values: []}\n- {name: c, type: ContinuousIssue, values: [0, 1]}\n' },
        ufun('weights: [1]\nvalues: []\n'),
      ]),
    );
    const m2 = e2.diagnostics.map((d) => `${d.line} ${d.message}`).join('\n');
    expect(m2).toMatch(/4 duplicate issue name "a"/);
    expect(m2).toMatch(/4 issue "a" has no values/);
    expect(m2).toMatch(/5 issue "c" is continuous/);
    const e3 = errorOf(() => readNegmas([domain, ufun('weights: [1, 1]\nvalues:\n- {type: LambdaFun}\n- {type: TableFun, mapping: {2: 0, 3: 0, 4: 0}}\n')]));
    expect(e3.diagnostics[0]).toMatchObject({ line: 4, path: 'values[0].type' });
  });

  it('fails fast on a billion-laughs YAML', () => {
    const lines = ['type: LinearAdditiveUtilityFunction', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [n, p] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) lines.push(`${n}: &${n} [${Array(10).fill(`*${p}`).join(', ')}]`);
    const e = errorOf(() => readNegmas([domain, { path: 's/bomb.yml', text: lines.join('\n') + '\n' }]));
    expect(e.diagnostics[0]).toMatchObject({ file: 's/bomb.yml' });
    expect(e.diagnostics[0]!.message).toMatch(/alias/);
  });

  it('skips files that are not NegMAS YAML', () => {
    const s = readNegmas([domain, ufun('weights: [1, 1]\nvalues:\n- {type: TableFun, mapping: {red: 1, 1.0: 0}}\n- {type: IdentityFun}\n'), { path: 's/readme.md', text: '# hi' }, { path: 's/other.yml', text: 'a: 1' }]);
    expect(s.origin?.skipped?.map((x) => x.file)).toEqual(['s/readme.md', 's/other.yml']);
    expect(s.origin?.files).toEqual(['s/domain.yml', 's/a.yml']);
  });
});

describe('detection', () => {
  const others = ([['genius', /\.xml$/i], ['geniusweb', /\.json$/i], ['llm-deliberation', /^config\.txt$/]] as const).flatMap(([dir, re]) => foldersWithFiles(join(SCENARIOS_DIR, dir), re));
  const native = foldersWithFiles(join(REPO_ROOT, 'scenarios'), /\.(ya?ml|json)$/i);
  it('claims none of the other formats\' shared folders, nor native scenarios', () => {
    expect(others.length).toBeGreaterThan(10);
    for (const folder of [...others, ...native]) expect(negmasImporter.detect(loadSourceFiles([folder])), folder).toBe(0);
  });
});
