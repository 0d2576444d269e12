import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parley } from '../../testing/cli.ts';



describe('parley compare, sensitivity, report', () => {
  it('compares variants side by side, as text and JSON', () => {
    const t = parley('compare', 'scenarios/ceasefire.yaml', '--variants', 'base,us-russia-deal');
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('us-russia-deal');
    const j = JSON.parse(parley('compare', 'scenarios/ceasefire.yaml', '--variants', 'base,expanded-demands', '--json').stdout) as { rows: { id: string; rational: number }[] };
    expect(j.rows.map((r) => r.id)).toEqual(['base', 'expanded-demands']);
    const bad = parley('compare', 'scenarios/ceasefire.yaml', '--variants', 'base,nope');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown variant "nope"');
  });

  it('runs the sensitivity analysis with a seed', () => {
    const a = parley('sensitivity', 'scenarios/ceasefire.yaml', '--samples', '50', '--seed', '3', '--json');
    expect(a.code).toBe(0);
    const j = JSON.parse(a.stdout) as { range: number; tornado: unknown[]; monteCarlo: { samples: number } };
    expect(j.range).toBe(0.2);
    expect(j.tornado.length).toBeGreaterThan(10);
    expect(j.monteCarlo.samples).toBe(50);
    expect(parley('sensitivity', 'scenarios/ceasefire.yaml', '--samples', '50', '--seed', '3', '--json').stdout).toBe(a.stdout);
    expect(parley('sensitivity', 'scenarios/ceasefire.yaml', '--range', '-1').code).toBe(2);
    expect(parley('sensitivity', 'scenarios/ceasefire.yaml', '--option', 'nope=1').code).toBe(2);
  });

  it('writes the HTML report and prints the declared questions\' answers as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-report-'));
    const out = join(dir, 'report.html');
    const r = parley('report', 'scenarios/ceasefire.yaml', '--out', out, '--samples', '20', '--json');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/https?:|\/\/cdn|src=/i);
    const j = JSON.parse(r.stdout) as { questions: { id: string; text: string; answer: string; details: { summary: string } }[] };
    expect(j.questions.map((q) => q.id)).toEqual(['concessions', 'balance', 'demands', 'authority']);
    for (const q of j.questions) {
      expect(q.answer).toMatch(/\d/);
      expect(q.details.summary).toMatch(/\d/);
      expect(html).toContain(q.text);
    }
  });

  it('writes Markdown with SVG files beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-report-'));
    const r = parley('report', 'scenarios/ceasefire.yaml', '--out', join(dir, 'cf.md'), '--samples', '10');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'cf.md'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(5);
  });
});
