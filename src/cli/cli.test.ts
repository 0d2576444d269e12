import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SCENARIOS_DIR } from '../testing/shared.ts';
import { parley } from '../testing/cli.ts';

describe('parley CLI', () => {
  it('inspects the ceasefire scenario with its sources and assumptions', () => {
    const r = parley('inspect', 'scenarios/ceasefire.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Outcomes: 2,187');
    expect(r.stdout).toContain('Agreement rule: unanimity of russia, ukraine');
    expect(r.stdout).toContain('ASSUMPTION:');
    expect(r.stdout).toContain('source: "Russia also annexed Crimea in 2014."');
  });

  it('prints stable JSON with --json', () => {
    const r = parley('inspect', 'scenarios/ceasefire.yaml', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { outcomes: number; parties: { id: string }[] };
    expect(j.outcomes).toBe(2187);
    expect(j.parties.map((p) => p.id)).toEqual(['russia', 'ukraine', 'united-states']);
  });

  it('exits 2 on usage errors and 1 on input errors, with a clear message', () => {
    expect(parley('inspect').code).toBe(2);
    expect(parley('frobnicate').code).toBe(2);
    const missing = parley('inspect', 'no/such/file.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no/such/file.yaml: no such file or folder');
    const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'parley: 1\nname: x\nissues:\n  - name: a\n    options: []\nparties:\n  - id: p\n');
    const r = parley('inspect', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:5:\d+: issues\[0\]\.options: an issue needs at least one option/);
  });

  it('analyses the ceasefire scenario (the README main command)', () => {
    const r = parley('analyze', 'scenarios/ceasefire.yaml', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { outcomes: number; exact: boolean; rational: { exists: boolean }; solutions: { nash: { utilities: Record<string, number> } } };
    expect(j.outcomes).toBe(2187);
    expect(j.exact).toBe(true);
    expect(j.rational.exists).toBe(true);
    expect(Object.keys(j.solutions.nash.utilities)).toEqual(expect.arrayContaining(['russia', 'ukraine']));
  });

  it("flags solutions outside the rational set: the ceasefire's utilitarian deal crosses Ukraine's red line", () => {
    type Sol = { rational: boolean; passes: boolean; refusedBy: { party: string; because: string; redLine?: string }[]; outcome: Record<string, string> };
    const j = JSON.parse(parley('analyze', 'scenarios/ceasefire.yaml', '--json').stdout) as { solutions: Record<string, Sol> };
    const u = j.solutions.utilitarian!;
    expect(u.outcome.donetsk).toBe('recognised-russian');
    expect(u).toMatchObject({ rational: false, passes: false, refusedBy: [{ party: 'ukraine', because: 'red line', redLine: 'No recognition of Donetsk as Russian' }] });
    for (const name of ['nash', 'kalaiSmorodinsky', 'egalitarian']) expect(j.solutions[name]).toMatchObject({ rational: true, passes: true, refusedBy: [] });
    const human = parley('analyze', 'scenarios/ceasefire.yaml').stdout;
    expect(human).toMatch(/^utilitarian\s+\S+\s+\S+\s+\S+\s+\S+\s+NO\s+NO\s/m);
    expect(human).toContain(`utilitarian: not rational: it crosses ukraine's red line "No recognition of Donetsk as Russian"`);
  });

  it('divides items by Adjusted Winner with --adjusted-winner, and says when a scenario does not fit', () => {
    const r = parley('analyze', join(SCENARIOS_DIR, 'genius/other/inheritancedomain'), '--adjusted-winner', '--json');
    expect(r.code).toBe(0);
    const aw = (JSON.parse(r.stdout) as { adjustedWinner: { applicable: boolean; totals: Record<string, number>; split: unknown } }).adjustedWinner;
    expect(aw.applicable).toBe(true);
    const [ta, tb] = Object.values(aw.totals);
    expect(ta).toBeCloseTo(tb!, 9);
    const c = parley('analyze', 'scenarios/ceasefire.yaml', '--adjusted-winner', '--json');
    expect((JSON.parse(c.stdout) as { adjustedWinner: { applicable: boolean; reason: string } }).adjustedWinner).toMatchObject({ applicable: false });
  });

  it('exports to GENIUS XML, says what GENIUS cannot hold, and the export reads back with the same utilities', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-export-'));
    const r = parley('export', 'scenarios/ceasefire.yaml', '--to', 'genius', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote 4 files/);
    expect(r.stderr).toMatch(/note: GENIUS XML cannot hold this: red lines are not written \(ukraine: 4\)/);
    expect(r.stderr).toMatch(/united-states \(mediator\) becomes an ordinary profile/);
    const back = JSON.parse(parley('analyze', dir, '--json').stdout) as { outcomes: number; parties: { id: string }[] };
    expect(back.outcomes).toBe(2187);
    expect(back.parties.map((p) => p.id).sort()).toEqual(['russia', 'ukraine', 'united-states']);
    expect(parley('export', 'scenarios/ceasefire.yaml', '--to', 'genius').code).toBe(2);
    expect(parley('export', 'scenarios/ceasefire.yaml', '--to', 'pdf').code).toBe(2);
  });
});
