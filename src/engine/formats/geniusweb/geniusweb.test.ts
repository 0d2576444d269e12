import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueSize } from '../../model/issue.ts';
import { OutcomeSpace } from '../../model/outcome-space.ts';
import { compileParty } from '../../model/party-evaluator.ts';
import { createRng } from '../../util/rng.ts';
import { loadSourceFiles } from '../../../node/load-files.ts';
import { foldersWithFiles, REPO_ROOT, SCENARIOS_DIR } from '../../../testing/shared.ts';
import { geniusWebImporter, readGeniusWeb } from './index.ts';
import { scenarioErrorOf } from '../../../testing/errors.ts';

const ROOT = join(SCENARIOS_DIR, 'geniusweb');
const folders = foldersWithFiles(ROOT, /\.json$/i);

const errorOf = scenarioErrorOf;

describe('GeniusWeb importer on the shared scenarios', () => {
  it('finds the shared folders', () => {
    expect(folders.length).toBeGreaterThanOrEqual(3);
  });
  it.each(folders)('reads %s', (folder) => {
    const files = loadSourceFiles([folder]);
    expect(geniusWebImporter.detect(files)).toBeGreaterThan(0);
    const s = geniusWebImporter.read(files);
    const profiles = files.filter((f) => /LinearAdditiveUtilitySpace/.test(f.text));
    expect(s.parties.map((p) => p.id).sort()).toEqual(profiles.map((f) => f.path.replace(/^.*[\\/]/, '').replace(/\.json$/, '')).sort());
    expect(s.origin?.format).toBe('geniusweb');
    const space = new OutcomeSpace(s.issues);
    expect(space.size).toBe(s.issues.reduce((acc, i) => acc * BigInt(issueSize(i)), 1n));
    const rng = createRng(7);
    for (const party of s.parties) {
      const ev = compileParty(space, party);
      for (let k = 0; k < 50; k++) expect(Number.isFinite(ev.ufun!.utility(space.sample(rng)))).toBe(true);
      expect(Number.isFinite(ev.reservationValue!)).toBe(true);
    }
  });
});

describe('GeniusWeb semantics', () => {
  it('computes Party utilities by hand', () => {
    const s = readGeniusWeb(loadSourceFiles([join(ROOT, 'Party')]));
    expect(s.issues.map((i) => i.name)).toEqual(['Food', 'Drinks', 'Location', 'Invitations', 'Music', 'Cleanup']);
    const space = new OutcomeSpace(s.issues);
    const p1 = compileParty(space, s.parties.find((p) => p.id === 'party1')!);
    const o = space.fromRecord({ Food: 'Catering', Drinks: 'Beer Only', Location: 'Party Room', Invitations: 'Photo', Music: 'DJ', Cleanup: 'Hired Help' }).outcome!;
    // 0.19·0.25 + 0.28·0.98 + 0.19·0.99 + 0.05·0.74 + 0.19·0.99 + 0.10·0.31
    expect(p1.ufun!.utility(o)).toBeCloseTo(0.7661, 12);
    // reservation bid: Handmade Food, Handmade Cocktails, Party Tent, Custom Printed, Band, Special Equiment
    expect(p1.reservationValue).toBeCloseTo(0.19 * 0.51 + 0.28 * 0.672 + 0.19 * 0.52 + 0.05 * 0.48 + 0.19 * 0.35 + 0.1 * 0.32, 12);
    expect(s.parties.find((p) => p.id === 'party1')!.reservation).toEqual({ outcome: [2, 2, 0, 3, 2, 2] });
  });

  const domain = (extra = '') => ({
    path: 'd/dom.json',
    text: `{"name": "dom", "issuesValues": {"colour": {"values": ["red", "blue"]}, "size": {"range": {"low": 1, "high": 3, "step": 1}}, "price": {"range": {"low": 0, "high": 1, "step": 0.25}}${extra}}}`,
  });
  const profile = (body: string) => ({ path: 'd/me.json', text: `{"LinearAdditiveUtilitySpace": {${body}}}` });
  const good = `"name": "me", "issueUtilities": {
      "colour": {"discreteutils": {"valueUtilities": {"red": 1, "blue": 0.5}}},
      "size": {"numberutils": {"lowValue": 1, "lowUtility": 0, "highValue": 3, "highUtility": 1}},
      "price": {"NumberValueSetUtilities": {"lowValue": 0.25, "lowUtility": 1, "highValue": 1, "highUtility": 0.25}}},
    "issueWeights": {"colour": 0.5, "size": 0.3, "price": 0.2}`;

  it('maps number ranges: integer issue for step 1, real grid otherwise; interpolates, 0 outside', () => {
    const s = readGeniusWeb([domain(), profile(good + `, "reservationBid": {"issuevalues": {"colour": "blue", "size": 2}}`)]);
    expect(s.issues[1]).toEqual({ type: 'integer', name: 'size', min: 1, max: 3 });
    expect(s.issues[2]).toEqual({ type: 'real', name: 'price', min: 0, max: 1, steps: 5 });
    const space = new OutcomeSpace(s.issues);
    const ev = compileParty(space, s.parties[0]!);
    // blue (0.5), size 2 (0.5), price 0.5 → 1 + (0.25 − 1)·(0.5 − 0.25)/0.75 = 0.75
    expect(ev.ufun!.utility([1, 1, 2])).toBeCloseTo(0.5 * 0.5 + 0.3 * 0.5 + 0.2 * 0.75, 12);
    // price 0 lies below lowValue 0.25: utility 0
    expect(ev.ufun!.utility([0, 2, 0])).toBeCloseTo(0.5 * 1 + 0.3 * 1 + 0, 12);
    // partial reservation bid: only the issues it names count
    expect(ev.reservationValue).toBeCloseTo(0.5 * 0.5 + 0.3 * 0.5, 12);
  });

  it('uses the embedded domain when there is no domain file, and checks embedded domains', () => {
    const embedded = `"domain": ${domain().text}`;
    const s = readGeniusWeb([profile(good + ', ' + embedded)]);
    expect(s.issues).toHaveLength(3);
    const e = errorOf(() => readGeniusWeb([domain(', "extra": {"values": ["x"]}'), profile(good + ', ' + embedded)]));
    expect(e.diagnostics.some((d) => /differs/.test(d.message) && d.line !== undefined)).toBe(true);
  });

  it('reports every problem with file, line:column and field path', () => {
    const bad = `"issueUtilities": {
      "colour": {"discreteutils": {"valueUtilities": {"red": 1, "green": 0.5}}},
      "size": {"numberutils": {"lowValue": 1, "lowUtility": "x", "highValue": 3, "highUtility": 1}},
      "price": {"numberutils": {"lowValue": 0, "lowUtility": 1, "highValue": 1, "highUtility": 0}}},
    "issueWeights": {"colour": -0.5, "size": ".nan", "price": 0.2},
    "reservationBid": {"issuevalues": {"colour": "purple"}}`;
    const e = errorOf(() => readGeniusWeb([domain(), profile(bad)]));
    const msgs = e.diagnostics.map((d) => `${d.path} ${d.message}`);
    expect(msgs.some((m) => /valueUtilities\.green unknown value "green"/.test(m))).toBe(true);
    expect(msgs.some((m) => /no utility for value "blue"/.test(m))).toBe(true);
    expect(msgs.some((m) => /lowUtility expected a utility|lowUtility expected a number/.test(m))).toBe(true);
    expect(msgs.some((m) => /issueWeights\.colour a weight must not be negative/.test(m))).toBe(true);
    expect(msgs.some((m) => /issueWeights\.size expected a weight/.test(m))).toBe(true);
    expect(msgs.some((m) => /"purple" is not a value/.test(m))).toBe(true);
    for (const d of e.diagnostics) {
      expect(d.file).toBe('d/me.json');
      expect(d.line).toBeGreaterThan(0);
      expect(d.column).toBeGreaterThan(0);
    }
    const green = e.diagnostics.find((d) => /green/.test(d.message))!;
    expect([green.line, green.column]).toEqual([2, 65]); // the key "green" on line 2
  });

  it('rejects malformed JSON, duplicate issues, empty issues and bad ranges with positions', () => {
    const e1 = errorOf(() => readGeniusWeb([{ path: 'x.json', text: '{"name": "d", "issuesValues": {"a": {"values": ["x",]}' }]));
    expect(e1.diagnostics[0]).toMatchObject({ file: 'x.json', line: 1 });
    const e2 = errorOf(() => readGeniusWeb([{ path: 'x.json', text: '{"name": "d",\n "issuesValues": {"a": {"values": ["x"]},\n "a": {"values": ["y"]}}}' }, profile(good)]));
    expect(e2.diagnostics[0]).toMatchObject({ file: 'x.json', line: 3 });
    expect(e2.diagnostics[0]!.message).toMatch(/unique/);
    const e3 = errorOf(() => readGeniusWeb([{ path: 'x.json', text: '{"name": "d", "issuesValues": {"a": {"values": []}, "b": {"range": {"low": 1, "high": 0, "step": 1}}, "c": {"range": {"low": 0, "high": 1e12, "step": 1e-6}}}}' }, profile(good)]));
    const m3 = e3.diagnostics.map((d) => d.message).join('\n');
    expect(m3).toMatch(/issue "a" has no values/);
    expect(m3).toMatch(/high 0 is below low 1/);
    expect(m3).toMatch(/at most/);
  });

  it('skips files that are not GeniusWeb and rejects unsupported profile kinds', () => {
    const s = readGeniusWeb([domain(), profile(good), { path: 'd/notes.txt', text: 'hello' }, { path: 'd/other.json', text: '{"a": 1}' }]);
    expect(s.origin?.skipped?.map((x) => x.file)).toEqual(['d/notes.txt', 'd/other.json']);
    const e = errorOf(() => readGeniusWeb([domain(), { path: 'd/p.json', text: '{"DiscreteTargetProfile": {}}' }]));
    expect(e.diagnostics[0]!.message).toMatch(/not supported/);
  });
});

describe('detection', () => {
  const others = ([['genius', /\.xml$/i], ['negmas-yaml', /\.ya?ml$/i], ['llm-deliberation', /^config\.txt$/]] as const).flatMap(([dir, re]) => foldersWithFiles(join(SCENARIOS_DIR, dir), re));
  const native = foldersWithFiles(join(REPO_ROOT, 'scenarios'), /\.(ya?ml|json)$/i);
  it('claims none of the other formats\' shared folders, nor native scenarios', () => {
    expect(others.length).toBeGreaterThan(10);
    for (const folder of [...others, ...native]) expect(geniusWebImporter.detect(loadSourceFiles([folder])), folder).toBe(0);
  });
});
