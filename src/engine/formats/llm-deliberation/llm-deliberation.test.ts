import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleAccepts } from '../../model/agreement-rule.ts';
import { issueSize } from '../../model/issue.ts';
import { OutcomeSpace } from '../../model/outcome-space.ts';
import { compileParty } from '../../model/party-evaluator.ts';
import type { Scenario } from '../../model/scenario.ts';
import { createRng } from '../../util/rng.ts';
import { loadSourceFiles } from '../../../node/load-files.ts';
import { foldersWithFiles, REPO_ROOT, SCENARIOS_DIR } from '../../../testing/shared.ts';
import { llmDeliberationImporter, readLlmDeliberation } from './index.ts';
import { scenarioErrorOf } from '../../../testing/errors.ts';

const ROOT = join(SCENARIOS_DIR, 'llm-deliberation');
const folders = foldersWithFiles(ROOT, /^config\.txt$/);

const errorOf = scenarioErrorOf;

/** Scores and verdict of a deal written as "A1,B2,…". */
function judge(s: Scenario, deal: string) {
  const space = new OutcomeSpace(s.issues);
  const rec: Record<string, string> = {};
  for (const code of deal.trim().split(',')) rec[code.trim()[0]!] = code.trim();
  const { outcome, errors } = space.fromRecord(rec);
  expect(errors).toEqual([]);
  const evs = new Map(s.parties.map((p) => [p.id, compileParty(space, p)]));
  const scores = Object.fromEntries([...evs].map(([id, ev]) => [id, ev.ufun!.utility(outcome!)]));
  const passes = ruleAccepts(s.agreement, s.parties, (id) => evs.get(id)!.acceptable(outcome!));
  return { scores, passes };
}

describe('LLM-Deliberation importer on the shared games', () => {
  it('finds the shared games', () => {
    expect(folders.length).toBeGreaterThanOrEqual(2);
  });
  it.each(folders)('reads %s', (folder) => {
    const files = loadSourceFiles([folder]);
    expect(llmDeliberationImporter.detect(files)).toBeGreaterThan(0);
    const s = llmDeliberationImporter.read(files);
    const config = readFileSync(join(folder, 'config.txt'), 'utf8').split('\n').filter((l) => l.trim());
    expect(s.parties.map((p) => p.id)).toEqual(config.map((l) => l.split(',')[1]!.trim()));
    expect(s.agreement).toMatchObject({ type: 'quorum', k: config.length - 1 });
    const space = new OutcomeSpace(s.issues);
    expect(space.size).toBe(s.issues.reduce((acc, i) => acc * BigInt(issueSize(i)), 1n));
    const rng = createRng(3);
    for (const party of s.parties) {
      const ev = compileParty(space, party);
      for (let k = 0; k < 50; k++) expect(Number.isFinite(ev.ufun!.utility(space.sample(rng)))).toBe(true);
      expect(Number.isFinite(ev.reservationValue!)).toBe(true);
    }
    expect(s.origin?.skipped?.some((x) => /initial_deal/.test(x.file))).toBe(true);
  });
});

describe('LLM-Deliberation semantics (base game)', () => {
  const s = readLlmDeliberation(loadSourceFiles([join(ROOT, 'base')]));

  it('reads parties, roles, issues and descriptions', () => {
    expect(s.parties.map((p) => p.id)).toEqual(['mayor', 'other_cities', 'union', 'SportCo', 'DoT', 'enviroment']);
    expect(s.agreement).toEqual(expect.objectContaining({ type: 'quorum', k: 5, required: ['SportCo', 'DoT'] }));
    expect(s.issues.map((i) => [i.name, issueSize(i)])).toEqual([['A', 3], ['B', 3], ['C', 4], ['D', 4], ['E', 5]]);
    expect(s.issues[0]!.description).toBe('Infrastructure Mix');
    expect(s.issues[3]).toMatchObject({ options: [{ name: 'D1', description: '$3 billion.' }, { name: 'D2' }, { name: 'D3' }, { name: 'D4' }] });
    expect(s.parties.find((p) => p.id === 'SportCo')!.reservation).toMatchObject({ value: 55 });
    expect(s.parties.find((p) => p.id === 'mayor')!.reservation).toMatchObject({ value: 30 });
  });

  it('judges the initial deal of base (A1,B1,C4,D1,E5): it fails', () => {
    const deal = readFileSync(join(ROOT, 'base', 'initial_deal.txt'), 'utf8');
    expect(deal.trim()).toBe('A1,B1,C4,D1,E5');
    const { scores, passes } = judge(s, deal);
    // from the score files by hand: mayor 14+12+0+40+10, other_cities 0+0+0+0+0, union 15+0+0+30+0,
    // SportCo 14+11+17+35+23, DoT 0+0+9+10+0, enviroment 0
    expect(scores).toEqual({ mayor: 76, other_cities: 0, union: 45, SportCo: 100, DoT: 19, enviroment: 0 });
    expect(passes).toBe(false);
  });

  it('passes a hand-built deal with five of six, p1 and p2 among them', () => {
    const { scores, passes } = judge(s, 'A1,B2,C1,D3,E4');
    // mayor 14+8+24+23+7 ≥ 30, other_cities 0+0+12+13+15 ≥ 31, union 15+0+42+10+8 ≥ 50,
    // SportCo 14+7+0+20+15 ≥ 55, DoT 0+20+0+40+12 ≥ 65, enviroment 0+25+0+0+0 < 55
    expect(scores).toEqual({ mayor: 76, other_cities: 40, union: 75, SportCo: 56, DoT: 72, enviroment: 25 });
    expect(passes).toBe(true);
  });

  it('counts a score exactly at the threshold as meeting it', () => {
    // SportCo 8+7+5+20+15 = 55 = its threshold; enviroment 22+25 = 47 < 55 is the only one out
    const { scores, passes } = judge(s, 'A2,B2,C2,D3,E4');
    expect(scores.SportCo).toBe(55);
    expect(scores.enviroment).toBe(47);
    expect(passes).toBe(true);
  });

  it('fails a deal that p2 vetoes even with n−1 parties content', () => {
    // A1,B1,C1,D1,E1: DoT 0+0+0+10+4 = 14 < 65
    const { scores, passes } = judge(s, 'A1,B1,C1,D1,E1');
    expect(scores.DoT).toBe(14);
    expect(passes).toBe(false);
  });
});

describe('LLM-Deliberation errors', () => {
  const config = { path: 'g/config.txt', text: 'Alpha,a,p1,greedy,m\nBeta,b,p2,cooperative,m\nGamma,c,player,cooperative,m\n' };
  const sc = (name: string, text: string) => ({ path: `g/scores_files/${name}.txt`, text });

  it('reads a small game and skips other files', () => {
    const s = readLlmDeliberation([config, sc('a', '1, 2\n3, 4, 5\n4'), sc('b', '0,0\n0,0,9\n5\n'), sc('c', '2,2\n2,2,2\n1'), { path: 'g/notes.md', text: 'x' }]);
    expect(s.name).toBe('g');
    expect(s.agreement).toEqual(expect.objectContaining({ k: 2, voters: ['a', 'b', 'c'], required: ['a', 'b'] }));
    expect(s.origin?.skipped).toEqual([{ file: 'g/notes.md', reason: expect.any(String) }]);
  });

  it('reports bad config lines, bad scores and shape mismatches with line:column', () => {
    const e = errorOf(() =>
      readLlmDeliberation([
        { path: 'g/config.txt', text: 'Alpha,a,p1,greedy,m\nBeta,b,boss,cooperative,m\nGamma,c,player\n' },
        sc('a', '1, 2\n3, x, 5\n4'),
        sc('b', '1, 2\n3, 4\n1, 2'),
      ]),
    );
    const got = e.diagnostics.map((d) => `${d.file}:${d.line ?? ''}:${d.column ?? ''} ${d.message}`);
    expect(got).toContainEqual(expect.stringMatching(/^g\/config\.txt:2:8 expected role p1, p2 or player, got "boss"/));
    expect(got).toContainEqual(expect.stringMatching(/^g\/config\.txt:3:1 expected 5 comma-separated fields/));
    expect(got).toContainEqual(expect.stringMatching(/^g\/config\.txt:: expected exactly one p2 party, got 0/));
    expect(got).toContainEqual(expect.stringMatching(/^g\/scores_files\/a\.txt:2:4 expected a score/));
    expect(got).toContainEqual(expect.stringMatching(/^g\/scores_files\/b\.txt:3:1 the last line must be the threshold/));
  });

  it('reports a missing scores file and mismatched issue shapes', () => {
    const e = errorOf(() => readLlmDeliberation([config, sc('a', '1, 2\n3, 4, 5\n4'), sc('b', '1, 2\n3, 4\n5')]));
    const got = e.diagnostics.map((d) => `${d.file}:${d.line ?? ''} ${d.message}`);
    expect(got).toContainEqual(expect.stringMatching(/^g\/config\.txt:3 no scores file scores_files\/c\.txt/));
    expect(got).toContainEqual(expect.stringMatching(/^g\/scores_files\/b\.txt:2 issue B has 2 options, but a\.txt gives 3/));
  });

  it('is not detected without a config.txt', () => {
    expect(llmDeliberationImporter.detect([sc('a', '1\n2')])).toBe(0);
  });
});

describe('detection', () => {
  const others = ([['genius', /\.xml$/i], ['geniusweb', /\.json$/i], ['negmas-yaml', /\.ya?ml$/i]] as const).flatMap(([dir, re]) => foldersWithFiles(join(SCENARIOS_DIR, dir), re));
  const native = foldersWithFiles(join(REPO_ROOT, 'scenarios'), /\.(ya?ml|json)$/i);
  it('claims none of the other formats\' shared folders, nor native scenarios', () => {
    expect(others.length).toBeGreaterThan(10);
    for (const folder of [...others, ...native]) expect(llmDeliberationImporter.detect(loadSourceFiles([folder])), folder).toBe(0);
  });
});
