// Every scenario under ../shared/scenarios, in every format, through format detection.
import { describe, expect, it } from 'vitest';
import { relative } from 'node:path';
import { importScenario } from './index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { SCENARIOS_DIR, foldersWithFiles } from '../../testing/shared.ts';
import { summarizeScenario } from '../model/summary.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { issueSize } from '../model/issue.ts';

/** A scenario folder holds scenario files directly: XML, JSON, YAML, or an LLM-Deliberation config.txt. */
const folders = foldersWithFiles(SCENARIOS_DIR, /\.(xml|json|ya?ml)$|^config\.txt$/).filter((d) => !d.endsWith('scores_files'));

const EXPECTED_FORMAT: [RegExp, string][] = [
  [/^genius\//, 'genius'],
  [/^geniusweb\//, 'geniusweb'],
  [/^negmas-yaml\//, 'negmas'],
  [/^llm-deliberation\//, 'llm-deliberation'],
];

describe('every shared scenario loads through format detection', () => {
  it('finds the scenario folders of all four formats', () => {
    const formats = new Set(folders.map((d) => EXPECTED_FORMAT.find(([re]) => re.test(relative(SCENARIOS_DIR, d)))?.[1]));
    expect([...formats].sort()).toEqual(['genius', 'geniusweb', 'llm-deliberation', 'negmas']);
    expect(folders.length).toBeGreaterThan(150);
  });

  it.each(folders.map((d) => [relative(SCENARIOS_DIR, d), d]))('%s', (rel, dir) => {
    const scenario = importScenario(loadSourceFiles([dir]));
    const expected = EXPECTED_FORMAT.find(([re]) => re.test(rel))![1];
    expect(scenario.origin?.format).toBe(expected);
    expect(scenario.parties.length).toBeGreaterThanOrEqual(1);
    const size = scenario.issues.reduce((n, i) => n * BigInt(issueSize(i)), 1n);
    expect(new OutcomeSpace(scenario.issues).size).toBe(size);
    const summary = summarizeScenario(scenario);
    expect(summary.outcomes).toBe(size <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(size) : size.toString());
    for (const p of summary.parties) {
      if (!p.best || !p.worst) continue;
      expect(Number.isFinite(p.best.utility)).toBe(true);
      expect(p.best.utility).toBeGreaterThanOrEqual(p.worst.utility);
    }
    for (const s of summary.skipped) expect(s.reason.length).toBeGreaterThan(0);
  });
});

describe('format detection on untrusted text', () => {
  it('refuses a file over the size limit before any parser sees it', () => {
    const big = { path: 'upload/domain.xml', text: `<negotiation_template>${' '.repeat(17 * 1024 * 1024)}</negotiation_template>` };
    expect(() => importScenario([big])).toThrow(/upload\/domain\.xml: file is 17\.0 MiB; parley reads scenario files of at most 16 MiB/);
  });

  it('says which formats it knows when none fits', () => {
    expect(() => importScenario([{ path: 'notes.txt', text: 'hello' }])).toThrow(/cannot tell the format of notes\.txt/);
  });
});
