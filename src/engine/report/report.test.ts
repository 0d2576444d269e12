import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { importScenario } from '../formats/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { REPO_ROOT, SCENARIOS_DIR, foldersWithFiles } from '../../testing/shared.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import type { Scenario } from '../model/scenario.ts';
import { collectReport, escapeXml, htmlReport, markdownReport } from './index.ts';

const EXTERNAL = /https?:|\/\/cdn|\bsrc\s*=|\bhref\s*=\s*["']?(?!#)|@import|url\(/i;

function svgsOf(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

function expectSelfContained(html: string) {
  expect(html).not.toMatch(EXTERNAL);
  expect(html).not.toMatch(/<script/i);
  const svgs = svgsOf(html);
  expect(svgs.length).toBeGreaterThan(0);
  for (const svg of svgs) expect(XMLValidator.validate(svg)).toBe(true);
}

/** The scenarios shipped in scenarios/, walked (not hand-picked). */
const SHIPPED = readdirSync(join(REPO_ROOT, 'scenarios'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe.each(SHIPPED)('report for scenarios/%s', (file) => {
  const scenario = importScenario(loadSourceFiles([join(REPO_ROOT, 'scenarios', file)]));
  const command = `parley report scenarios/${file} --out report.html`;
  const data = collectReport(scenario, { seed: 1, samples: 40, rounds: 100, command });
  const html = htmlReport(data);

  it('is self-contained HTML with valid SVG', () => expectSelfContained(html));

  it('states it is a model of assumptions, marks assumptions and quotes its sources verbatim', () => {
    expect(html).toContain('a model of stated assumptions, not a prediction');
    expect(html).toContain(command);
    expect(html).toMatch(/\d\.\d{3} \[assumption A\d+\]/);
    for (const s of scenario.provenance?.sources ?? []) expect(html).toContain(escapeXml(s.quote));
  });

  it('answers every declared question with numbers, in the HTML and in the data', () => {
    const q = data.questions;
    expect(q.length).toBeGreaterThan(0);
    expect(q.map((x) => x.id)).toEqual(scenario.questions!.map((x) => x.id));
    for (const a of q) {
      expect(html).toContain(escapeXml(a.text));
      expect(html).toContain(escapeXml(a.answer));
      expect(html).toContain(escapeXml(a.details.summary));
      expect(a.answer).toMatch(/\d/);
      expect('error' in a.details).toBe(false);
      expect(html).toContain(`id="q-${a.id}"`);
    }
    // The JSON form carries the same answers.
    expect(JSON.parse(JSON.stringify(q))).toEqual(q);
    for (const id of ['rules', 'utility-space']) expect(html).toContain(`id="fig-${id}"`);
  });

  it('is deterministic for a seed', () => {
    const again = htmlReport(collectReport(scenario, { seed: 1, samples: 40, rounds: 100, command }));
    expect(again).toBe(html);
  });

  it('renders Markdown with standalone SVG files beside it', () => {
    const md = markdownReport(data, 'cf');
    expect(Object.keys(md.files).length).toBe(svgsOf(html).length);
    for (const [name, svg] of Object.entries(md.files)) {
      expect(md.markdown).toContain(`](${name})`);
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toContain('xmlns=');
    }
    expect(md.markdown).toContain('## Questions');
  });
});

describe('report for GENIUS scenarios (walked from the shared folder)', () => {
  // Every GENIUS folder with a domain and two profiles and a small space; the report is generic there.
  const folders = foldersWithFiles(join(SCENARIOS_DIR, 'genius'), /\.xml$/i);
  const small: { folder: string; scenario: Scenario }[] = [];
  for (const folder of folders) {
    let s: Scenario;
    try {
      s = importScenario(loadSourceFiles([folder]));
    } catch {
      continue;
    }
    if (s.parties.filter((p) => p.role === 'negotiator' && p.preferences).length >= 2 && new OutcomeSpace(s.issues).size <= 5000n) small.push({ folder, scenario: s });
  }
  // Spread over the list: at most 6 reports keep the suite quick.
  const picked = small.filter((_, i) => i % Math.max(1, Math.ceil(small.length / 6)) === 0);

  it('finds small GENIUS scenarios to render', () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(picked.length).toBeGreaterThan(0);
  });

  it('above the table limit: exact answers streamed, the plot says sample and draws analyze’s frontier', () => {
    const big = folders
      .map((folder) => {
        try {
          return importScenario(loadSourceFiles([folder]));
        } catch {
          return null;
        }
      })
      .find((s) => s && s.parties.filter((p) => p.role === 'negotiator' && p.preferences).length === 2 && new OutcomeSpace(s.issues).size > 5000n && new OutcomeSpace(s.issues).size <= 50_000n)!;
    expect(big).toBeTruthy();
    const data = collectReport(big, { seed: 1, samples: 3, rounds: 30, tableLimit: 1000 });
    expect(data.sensitivity.method).toBe('streamed');
    expect(data.sensitivity.exact).toBe(true);
    expect(data.rules.rules.every((r) => r.exact)).toBe(true);
    expect(data.rules.rules[0]!.passing).toBe(data.analysis.passing.count);
    const us = data.utilitySpace!;
    expect(us.sampled).toBe(true);
    const a = analyze(big);
    expect(us.frontier.map((p) => p.join(',')).sort()).toEqual(a.frontier.points.map((p) => p.utilities.join(',')).sort());
    // The same report from the whole table: the same answers.
    const full = collectReport(big, { seed: 1, samples: 3, rounds: 30 });
    expect(full.sensitivity.method).toBe('table');
    expect(full.sensitivity.base).toEqual(data.sensitivity.base);
    expect(full.utilitySpace!.frontier.map((p) => p.join(',')).sort()).toEqual(us.frontier.map((p) => p.join(',')).sort());
  });

  it.each(picked.map((p) => [p.folder.slice(SCENARIOS_DIR.length), p.scenario] as const))('%s renders the generic sections only', (_, scenario) => {
    const data = collectReport(scenario, { seed: 1, samples: 10, rounds: 50 });
    expect(data.questions).toEqual([]);
    const html = htmlReport(data);
    expectSelfContained(html);
    expect(html).toContain('Where agreement is possible');
    expect(html).toContain('Sensitivity to the assumptions');
    expect(html).not.toContain('id="questions"');
    expect(data.rules.rules.length).toBeGreaterThan(0);
  });
});
