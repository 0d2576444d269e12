import { describe, expect, it } from 'vitest';
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

  it('answers every declared question with numbers, in the HTML and in the data', () => {
    const q = data.questions;
    expect(q.map((x) => x.id)).toEqual(scenario.questions!.map((x) => x.id));
    for (const a of q) {
      expect(html).toContain(escapeXml(a.text));
      expect(html).toContain(escapeXml(a.answer));
      expect(html).toContain(escapeXml(a.details.summary));
      expect(a.answer).toMatch(/\d/);
      expect('error' in a.details).toBe(false);
    }
    const conc = q.find((x) => x.details.type === 'concession')!.details;
    if (conc.type !== 'concession' || 'error' in conc) throw new Error('expected a concession answer');
    expect(html).toContain(String(conc.analysis.rational));
    // The JSON form carries the same answers.
    const json = JSON.parse(JSON.stringify(q)) as typeof q;
    const rule = json.find((x) => x.id === 'authority')!.details;
    expect(rule.type === 'rule' && 'comparison' in rule ? rule.comparison.rules.map((r) => r.id) : null).toEqual(['base', 'us-russia-deal']);
    for (const id of ['concessions-rational', 'balance-curve', 'balance-frontier', 'demands-nash', 'rules', 'utility-space']) expect(html).toContain(`id="fig-${id}"`);
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
