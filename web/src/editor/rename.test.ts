// Renaming an issue or a party from the form (renameIssue, renameParty in doc-edit.ts): every
// place that names it follows, so the scenario reads, its variants apply, its questions resolve and
// its analysis is the same, names aside.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze, applyVariant } from 'parley';
import type { Scenario } from 'parley';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { diagnose, renameIssue, renameParty, setText } from './doc-edit.ts';
import { staleChanges } from './variant-follow.ts';

const read = (file: string) => readFileSync(join(REPO_ROOT, 'scenarios', file), 'utf8');
const scenarios = { 'ceasefire.yaml': read('ceasefire.yaml'), 'labour.yaml': read('labour.yaml') };

type Loose = Record<string, unknown>;

/** A value with every string (value or key) equal to `from` replaced by `to`. */
function replaceName(v: unknown, from: string, to: string): unknown {
  if (Array.isArray(v)) return v.map((x) => replaceName(x, from, to));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Loose).map(([k, x]) => [k === from ? to : k, replaceName(x, from, to)]));
  return v === from ? to : v;
}

/** Where `name` still occurs (as a key or a string value) in a plain value, as dotted paths. */
function occurrences(v: unknown, name: string, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => occurrences(x, name, `${path}[${i}]`));
  if (v && typeof v === 'object') {
    return Object.entries(v as Loose).flatMap(([k, x]) => [...(k === name ? [`${path}.${k}:key`] : []), ...occurrences(x, name, `${path}.${k}`)]);
  }
  return v === name ? [path] : [];
}

/**
 * Places where an issue's name or a party's id may stay after its rename because there it is not
 * that name: a party's role (`mediator`), question and variant ids, texts, and a question's
 * field names (`mediator:`).
 */
const notANameThere = /\.(role|text|description|assumption|quote|locator|title)$|^\.(questions|variants|documents)\[\d+\]\.id$|^\.questions\[\d+\]\.(party|mediator|protects):key$/;

const numbers = new Map<string, unknown>();
/** The analysis of a scenario and of each of its variants applied (base first), cached by text. */
function analyses(source: string, s: Scenario): unknown {
  const key = source;
  if (!numbers.has(key)) numbers.set(key, [analyze(s), ...(s.variants ?? []).map((v) => analyze(applyVariant(s, v.id)))]);
  return numbers.get(key);
}

/** Everything a correct rename keeps: no diagnostics, the old name gone, variants applying, the same numbers. */
function expectFollowed(before: string, after: string, from: string, to: string): void {
  expect(diagnose(after).diagnostics).toEqual([]);
  const scenario = diagnose(after).scenario!;
  const was = diagnose(before).scenario!;
  expect(occurrences(parse(after), from).filter((p) => !notANameThere.test(p))).toEqual([]);
  expect(scenario.questions?.length).toBe(was.questions?.length);
  expect(scenario.variants?.map((v) => v.id)).toEqual(was.variants?.map((v) => v.id));
  // No variant change is left naming what the base no longer has (the form's "no longer applies" flag).
  expect(staleChanges(parse(after))).toEqual(staleChanges(parse(before)));
  // The same analysis of the base and of every variant, with the new name read as the old.
  expect(replaceName(analyses(after, scenario), to, from)).toEqual(analyses(before, was));
}

function names(source: string): { issues: string[]; parties: string[] } {
  const js = parse(source) as { issues: { name: string }[]; parties: { id: string }[] };
  return { issues: js.issues.map((i) => i.name), parties: js.parties.map((p) => p.id) };
}

describe.each(Object.entries(scenarios))('renaming in %s', (_, source) => {
  const { issues, parties } = names(source);

  it.each(issues)('renames issue %s everywhere, and back', (issue) => {
    const to = `renamed-${issue}`;
    const after = renameIssue(source, issue, to);
    expectFollowed(source, after, issue, to);
    // Back again: the text as the editor prints it (a no-op rename prints it so), byte for byte.
    expect(renameIssue(after, to, issue)).toBe(renameIssue(source, issue, issue));
  });

  it.each(parties)('renames party %s everywhere, and back', (id) => {
    const to = `renamed-${id}`;
    const after = renameParty(source, id, to);
    expectFollowed(source, after, id, to);
    expect(renameParty(after, to, id)).toBe(renameParty(source, id, id));
  });

  it('refuses an empty name, a name taken and an unknown one', () => {
    expect(() => renameIssue(source, issues[0]!, ' ')).toThrow(/needs a name/);
    expect(() => renameIssue(source, issues[0]!, issues[1]!)).toThrow(/already an issue/);
    expect(() => renameIssue(source, 'no-such-issue', 'x')).toThrow(/no issue/);
    expect(() => renameParty(source, parties[0]!, '')).toThrow(/needs an id/);
    expect(() => renameParty(source, parties[0]!, parties[1]!)).toThrow(/already a party/);
    expect(() => renameParty(source, 'no-such-party', 'x')).toThrow(/no party/);
    expect(parse(renameIssue(source, issues[0]!, issues[0]!))).toEqual(parse(source));
  });
});

describe('the rename checks can fail', () => {
  const labour = scenarios['labour.yaml'];
  it('catches a rename of the issue alone (weights, values and questions left behind)', () => {
    const only = setText(labour, ['issues', 0, 'name'], 'pay');
    expect(() => expectFollowed(labour, only, 'wages', 'pay')).toThrow();
  });

  it("catches a rename that misses a variant's weights", () => {
    const after = renameIssue(labour, 'wages', 'pay');
    const missed = after.replace(/weights: \{ ?pay: 0.34, hours: 0.13/, 'weights: {wages: 0.34, hours: 0.13');
    expect(missed).not.toBe(after);
    expect(() => expectFollowed(labour, missed, 'wages', 'pay')).toThrow();
  });

  it("catches a rename that misses a variant's voters", () => {
    const after = renameParty(labour, 'mediator', 'arbitrator');
    const missed = after.replace(/voters: \[ ?authority, arbitrator ?\]/, 'voters: [authority, mediator]');
    expect(missed).not.toBe(after);
    expect(() => expectFollowed(labour, missed, 'mediator', 'arbitrator')).toThrow();
  });
});

describe('renames in shared (anchored and aliased) places', () => {
  const small = `parley: 1
name: Anchors
issues:
  - {name: price, options: [low, high]}
  - {name: time, options: [soon, late]}
parties:
  - id: a
    preferences:
      weights: &w {price: 0.5, time: 0.5}
      values: &v {price: {low: 0, high: 1}, time: {soon: 1, late: 0}}
    redLines:
      - description: never late
        when: {time: [late]}
  - id: b
    reservation: {outcome: {price: low, time: soon}}
    preferences:
      weights: *w
      values: *v
agreement: {rule: quorum, k: 1, voters: [a, b], required: [a]}
variants:
  - id: v
    patch:
      parties:
        a: {preferences: {weights: {time: 0.7}}}
      agreement: {k: 2, voters: [b, a]}
questions:
  - {id: q, type: concession, text: Can a keep low?, party: a, keep: low, issues: [price]}
`;
  it('renames an issue in both the anchored table and its aliases', () => {
    const after = renameIssue(small, 'time', 'deadline');
    expectFollowed(small, after, 'time', 'deadline');
    const js = parse(after) as { parties: { preferences: { weights: Loose } }[] };
    expect(Object.keys(js.parties[1]!.preferences.weights)).toEqual(['price', 'deadline']);
  });

  it('renames a party in the rule, the question and the variant', () => {
    const after = renameParty(small, 'a', 'alpha');
    expectFollowed(small, after, 'a', 'alpha');
    expect(after).toMatch(/voters: \[ ?alpha, b ?\]/);
    expect(after).toMatch(/voters: \[ ?b, alpha ?\]/);
    expect(after).toMatch(/party: alpha/);
  });
});

describe('renames in constraint preferences', () => {
  const constraints = `parley: 1
name: Constraints
issues:
  - {name: price, options: [low, high]}
  - {name: time, options: [soon, late]}
parties:
  - id: a
    preferences:
      type: constraints
      constraints:
        - {utility: 1, includes: {price: [low], time: [soon]}}
        - {utility: 0.5, excludes: {time: [late]}}
  - id: b
    preferences:
      weights: {price: 0.5, time: 0.5}
      values: {price: {low: 0, high: 1}, time: {soon: 0, late: 1}}
`;
  it('renames an issue in the regions a constraint includes and excludes', () => {
    const after = renameIssue(constraints, 'time', 'deadline');
    expectFollowed(constraints, after, 'time', 'deadline');
    expect(after).toMatch(/includes: \{ ?price: \[ ?low ?\], deadline: \[ ?soon ?\] ?\}/);
    expect(after).toMatch(/excludes: \{ ?deadline: \[ ?late ?\] ?\}/);
  });
});
