import { describe, expect, it } from 'vitest';
import { ScenarioError, type Diagnostic } from '../../model/diagnostics.ts';
import type { SourceFile } from '../source-file.ts';
import { readGenius } from './read.ts';
import { geniusImporter } from './index.ts';
import { OutcomeSpace } from '../../model/outcome-space.ts';
import { compileUtility } from '../../model/utility-function.ts';

const DOMAIN = `<negotiation_template>
<utility_space number_of_issues="2">
<objective index="0" etype="objective" type="objective" name="Test">
  <issue index="1" etype="discrete" type="discrete" vtype="discrete" name="colour">
    <item index="1" value="red"/>
    <item index="2" value="blue"/>
  </issue>
  <issue index="2" etype="integer" type="integer" vtype="integer" name="price" lowerbound="0" upperbound="4"/>
</objective>
</utility_space>
</negotiation_template>
`;

const profile = (w1: string, w2: string, extra = '') => `<utility_space>
<objective index="0" etype="objective" type="objective" name="Test">
  <issue index="1" etype="discrete" type="discrete" vtype="discrete" name="colour">
    <item index="1" value="red" evaluation="4"/>
    <item index="2" value="blue" evaluation="2"/>
  </issue>
  <issue index="2" etype="integer" type="integer" vtype="integer" name="price" lowerbound="0" upperbound="4">
    <evaluator ftype="linear" slope="0.25" offset="0"/>
  </issue>
  <weight index="1" value="${w1}"/>
  <weight index="2" value="${w2}"/>${extra}
</objective>
<reservation value="0.3"/>
<discount_factor value="0.9"/>
</utility_space>
`;

const read = (...files: SourceFile[]) => readGenius(files);

/** The diagnostics of the ScenarioError the files raise. */
function diagnostics(files: SourceFile[]): readonly Diagnostic[] {
  try {
    read(...files);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).diagnostics;
  }
  throw new Error('expected a ScenarioError');
}

/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a well-formed pair reads', () => {
  it('reads the reference pair', () => {
    const s = read({ path: 'd/Test-domain.xml', text: DOMAIN }, { path: 'd/alice.xml', text: profile('0.6', '0.4') });
    expect(s.name).toBe('Test');
    const f = compileUtility(new OutcomeSpace(s.issues), s.parties[0]!.preferences!);
    expect(f.utility([1, 2])).toBeCloseTo(0.6 * 0.5 + 0.4 * 0.5, 15);
    expect(s.parties[0]!.reservation).toEqual({ value: 0.3 });
    expect(s.parties[0]!.discount).toEqual({ factor: 0.9, per: 'time' });
  });
});

describe('bad input gives a ScenarioError naming file, line and field', () => {
  it('truncated XML', () => {
    const text = profile('0.6', '0.4').slice(0, 260);
    const [d] = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'alice.xml', text }]);
    expect(d?.file).toBe('alice.xml');
    expect(d?.line).toBeGreaterThan(1);
    expect(d?.message).toMatch(/truncated|malformed/);
  });

  it('a DOCTYPE with internal entities (billion laughs) is refused, never expanded', () => {
    const text = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<utility_space><objective index="0"><weight index="1" value="&lol2;"/></objective></utility_space>`;
    const ds = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'lolz.xml', text }]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ file: 'lolz.xml', line: 2, column: 1 });
    expect(ds[0]!.message).toMatch(/refused/);
  });

  it('an external SYSTEM entity is refused', () => {
    const text = `<!DOCTYPE utility_space [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<utility_space><objective index="0" name="&xxe;"/></utility_space>`;
    const ds = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'xxe.xml', text }]);
    expect(ds[0]).toMatchObject({ file: 'xxe.xml', line: 1 });
    expect(ds[0]!.message).toMatch(/refused/);
    expect(JSON.stringify(ds)).not.toMatch(/root:/);
  });

  it('wrong types, negative and NaN weights, all reported at once', () => {
    const text = profile('abc', '-0.5');
    const ds = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'alice.xml', text }]);
    expect(ds).toHaveLength(2);
    expect(ds[0]).toMatchObject({ file: 'alice.xml', line: lineOf(text, 'weight index="1"'), path: 'objective.weight[index=1].value' });
    expect(ds[0]!.message).toMatch(/expected a weight.*"abc"/);
    expect(ds[0]!.column).toBe(text.split('\n')[ds[0]!.line! - 1]!.indexOf('abc') + 1);
    expect(ds[1]).toMatchObject({ path: 'objective.weight[index=2].value' });
    expect(ds[1]!.message).toMatch(/≥ 0, got -0.5/);
    const nan = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'bob.xml', text: profile('NaN', '0.4') }]);
    expect(nan[0]).toMatchObject({ file: 'bob.xml', path: 'objective.weight[index=1].value' });
  });

  it('unknown issue index in a weight', () => {
    const text = profile('0.6', '0.4', '\n  <weight index="7" value="0.1"/>');
    const [d] = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'alice.xml', text }]);
    expect(d).toMatchObject({ file: 'alice.xml', line: lineOf(text, 'index="7"'), path: 'objective.weight[index=7].index' });
    expect(d!.message).toMatch(/unknown issue index 7/);
  });

  it('a profile evaluating an issue the domain does not have', () => {
    const text = profile('0.6', '0.4', '\n  <issue index="3" name="extra" type="discrete"><item value="x" evaluation="1"/></issue>');
    const [d] = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'alice.xml', text }]);
    expect(d).toMatchObject({ file: 'alice.xml', line: lineOf(text, 'name="extra"'), path: 'objective.issue[index=3].index' });
    expect(d!.message).toMatch(/does not define/);
  });

  it('duplicate issue names and an issue with no items in the domain', () => {
    const text = DOMAIN.replace('name="price"', 'name="colour"').replace(/<item index="1" value="red"\/>\n\s*<item index="2" value="blue"\/>/, '');
    const ds = diagnostics([{ path: 'Test-domain.xml', text }, { path: 'alice.xml', text: profile('0.6', '0.4') }]);
    const empty = ds.find((d) => d.path === 'objective.issue[index=1].item');
    expect(empty).toMatchObject({ file: 'Test-domain.xml', line: lineOf(text, 'index="1" etype="discrete"') });
    expect(empty!.message).toMatch(/no <item>/);
    const dup = ds.find((d) => d.path === 'objective.issue[index=2].name');
    expect(dup).toMatchObject({ file: 'Test-domain.xml', line: lineOf(text, 'index="2" etype="integer"') });
    expect(dup!.message).toMatch(/duplicate issue name "colour"/);
  });

  it('a missing evaluation and a non-numeric slope', () => {
    const text = profile('0.6', '0.4').replace(' evaluation="2"', '').replace('slope="0.25"', 'slope="steep"');
    const ds = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'alice.xml', text }]);
    expect(ds.map((d) => d.path).sort()).toEqual(['objective.issue[index=1].item[value="blue"].evaluation', 'objective.issue[index=2].evaluator.slope']);
    expect(ds.every((d) => d.file === 'alice.xml' && d.line !== undefined)).toBe(true);
  });

  it('nonlinear: a rectangle on an unknown issue index', () => {
    const nl = `<utility_space type="nonlinear">
<objective index="0" name="Test">
  <utility maxutility="10">
    <ufun type="PlainUfun" weight="1" aggregation="sum">
      <hyperRectangle utility="5">
        <INCLUDES index="2" min="0" max="2"/>
        <INCLUDES index="9" min="0" max="2"/>
      </hyperRectangle>
    </ufun>
  </utility>
</objective>
</utility_space>`;
    const [d] = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'nl.xml', text: nl }]);
    expect(d).toMatchObject({ file: 'nl.xml', line: lineOf(nl, 'index="9"'), path: 'utility.ufun.hyperRectangle[0].INCLUDES[index=9].index' });
  });

  it('no domain among the files is reported clearly', () => {
    const ds = diagnostics([{ path: 'alice.xml', text: profile('0.6', '0.4') }]);
    expect(ds[0]!.message).toMatch(/no GENIUS domain file/);
  });
});

describe('real-file quirks are tolerated, line numbers stay right', () => {
  it('comment and blank lines before the declaration, stray &, missing attribute space, discount "s"', () => {
    const quirky = `<!-- written by hand -->

<?xml version="1.0" encoding="UTF-8"?>
<utility_space>
<objective index="0" etype="objective" type="objective" name="R&D">
  <issue index="1" etype="discrete" type="discrete" vtype="discrete" name="colour">
    <item index="1" value="red"evaluation="4"/>
    <item index="2" value="blue" evaluation="2"/>
  </issue>
  <issue index="2" etype="integer" type="integer" vtype="integer" name="price" lowerbound="0" upperbound="4">
    <evaluator ftype="linear" slope="0.25" offset="0"/>
  </issue>
  <weight index="1" value="0.6"/>
  <weight index="2" value="0.4"/>
</objective>
<discount_factor value="s"/>
</utility_space>`;
    const s = read({ path: 'Test-domain.xml', text: DOMAIN }, { path: 'q.xml', text: quirky });
    const p = s.parties[0]!;
    expect(p.discount).toBeUndefined();
    expect(p.reservation).toEqual({ value: 0 }); // missing reservation counts as 0
    expect(compileUtility(new OutcomeSpace(s.issues), p.preferences!).utility([0, 4])).toBeCloseTo(0.6 + 0.4, 15);
    // An error after the quirks is still located on its own line and column.
    const broken = quirky.replace('value="0.4"', 'value="x"');
    const [d] = diagnostics([{ path: 'Test-domain.xml', text: DOMAIN }, { path: 'q.xml', text: broken }]);
    const line = lineOf(broken, 'value="x"');
    expect(d).toMatchObject({ line, column: broken.split('\n')[line - 1]!.indexOf('"x"') + 2 });
  });

  it('detect: domain + profile, one of them, or neither', () => {
    const dom = { path: 'Test-domain.xml', text: DOMAIN };
    const prof = { path: 'alice.xml', text: profile('0.6', '0.4') };
    expect(geniusImporter.detect([dom, prof])).toBeGreaterThan(geniusImporter.detect([dom]));
    expect(geniusImporter.detect([prof])).toBeGreaterThan(0);
    expect(geniusImporter.detect([{ path: 'x.yaml', text: 'parley: 1' }, { path: 'pareto.xml', text: '0.1, 0.2' }])).toBe(0);
  });
});
