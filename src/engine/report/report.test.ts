import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.ts';
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

describe('report for the ceasefire scenario', () => {
  const scenario = importScenario(loadSourceFiles([join(REPO_ROOT, 'scenarios/ceasefire.yaml')]));
  const data = collectReport(scenario, { seed: 1, samples: 40, rounds: 100, command: 'parley report scenarios/ceasefire.yaml --out report.html' });
  const html = htmlReport(data);

  it('is self-contained HTML with valid SVG', () => expectSelfContained(html));

  it('states it is a model of assumptions, marks assumptions and quotes the article verbatim', () => {
    expect(html).toContain('a model of stated assumptions, not a prediction');
    expect(html).toContain('parley report scenarios/ceasefire.yaml --out report.html');
    expect(html).toMatch(/0\.450 \[assumption A\d+\]/); // Russia's reservation
    expect(html).toContain('a 30-day ceasefire proposal was introduced');
  });

  it('answers the four questions with numbers, in the HTML and in the data', () => {
    const q = data.questions!;
    expect(q).not.toBeNull();
    for (const k of ['concessions', 'balance', 'demands', 'authority'] as const) {
      expect(html).toContain(escapeXml(q[k].question));
      expect(html).toContain(escapeXml(q[k].summary));
      expect(q[k].summary).toMatch(/\d/);
    }
    expect(html).toContain(String(q.concessions.answer.rational));
    // The JSON form carries the same answers.
    const json = JSON.parse(JSON.stringify(q)) as typeof q;
    expect(json.authority.answer.rules.map((r) => r.id)).toEqual(['base', 'us-russia-deal']);
    expect(json.concessions.answer.minimum!.loss).toBe(q.concessions.answer.minimum!.loss);
    for (const id of ['q1-concessions', 'q2-balance', 'q2-frontier', 'q3-demands', 'rules', 'utility-space']) expect(html).toContain(`id="fig-${id}"`);
  });

  it('is deterministic for a seed', () => {
    const again = htmlReport(collectReport(scenario, { seed: 1, samples: 40, rounds: 100, command: 'parley report scenarios/ceasefire.yaml --out report.html' }));
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
    expect(md.markdown).toContain('## The four questions of the seed article');
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
    expect(data.questions).toBeNull();
    const html = htmlReport(data);
    expectSelfContained(html);
    expect(html).toContain('Where agreement is possible');
    expect(html).toContain('Sensitivity to the assumptions');
    expect(html).not.toContain('The four questions');
    expect(data.rules.rules.length).toBeGreaterThan(0);
  });
});
