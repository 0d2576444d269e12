// A structure-aware fuzzer for the importers (issue 12): real scenario files from ../shared/scenarios
// (walked, every format) and native documents, mutated by text edits (numbers, names, lines, bytes,
// nesting) and by tree edits (a JSON or YAML value replaced, a key dropped, an element repeated).
// Each case must end in either a ScenarioError whose diagnostics say where, or a scenario whose every
// utility is finite; never another exception. Used by src/engine/formats/fuzz.test.ts and by
// bench/limits.ts (the long run recorded in docs/limits.md). Node only (reads the corpus from disk).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { importScenario, printNative, type SourceFile } from '../engine/formats/index.ts';
import { ScenarioError, type Diagnostic } from '../engine/model/diagnostics.ts';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import { compileParty } from '../engine/model/party-evaluator.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import { summarizeScenario } from '../engine/model/summary.ts';
import { loadSourceFiles } from '../node/load-files.ts';
import { REPO_ROOT, SCENARIOS_DIR, foldersWithFiles } from './shared.ts';

/** One valid input: the files of one scenario. */
export interface FuzzSeed {
  readonly label: string;
  readonly format: string;
  readonly files: readonly SourceFile[];
}

/** How many fuzz cases a test runs: PARLEY_FUZZ_RUNS, or `fallback`. */
export function fuzzRuns(fallback: number): number {
  const v = process.env.PARLEY_FUZZ_RUNS;
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`PARLEY_FUZZ_RUNS must be a positive integer, got ${v}`);
  return n;
}

/**
 * The valid documents the fuzzer mutates: every shared scenario folder whose
 * files hold at most `maxBytes` (all four foreign formats), the repository's
 * own native scenarios, and native YAML and JSON printed from every fourth
 * foreign one (so the native reader sees many shapes).
 */
export function loadFuzzCorpus(maxBytes = 256 * 1024): FuzzSeed[] {
  const seeds: FuzzSeed[] = [];
  const folders = foldersWithFiles(SCENARIOS_DIR, /\.(xml|json|ya?ml)$|^config\.txt$/).filter((d) => !d.endsWith('scores_files'));
  const formatOf = (rel: string) => (rel.startsWith('genius/') ? 'genius' : rel.startsWith('geniusweb/') ? 'geniusweb' : rel.startsWith('negmas-yaml/') ? 'negmas' : 'llm-deliberation');
  let k = 0;
  for (const dir of folders) {
    const rel = relative(SCENARIOS_DIR, dir);
    let files: SourceFile[];
    try {
      files = loadSourceFiles([dir]);
    } catch {
      continue;
    }
    if (files.reduce((n, f) => n + f.text.length, 0) > maxBytes) continue;
    // Paths as a user would give them: short and relative.
    files = files.map((f) => ({ path: join(rel, relative(dir, f.path)), text: f.text }));
    seeds.push({ label: rel, format: formatOf(rel), files });
    if (k++ % 4 === 0) {
      try {
        const s = importScenario(files);
        const base = rel.replace(/[^A-Za-z0-9]+/g, '-');
        seeds.push({ label: `${rel} (native YAML)`, format: 'parley', files: [{ path: `${base}.yaml`, text: printNative(s, 'yaml') }] });
        seeds.push({ label: `${rel} (native JSON)`, format: 'parley', files: [{ path: `${base}.json`, text: printNative(s, 'json') }] });
      } catch {
        // A shared scenario that does not import is the shared-scenarios test's business.
      }
    }
  }
  const ceasefire = join(REPO_ROOT, 'scenarios', 'ceasefire.yaml');
  seeds.push({ label: 'scenarios/ceasefire.yaml', format: 'parley', files: [{ path: 'ceasefire.yaml', text: readFileSync(ceasefire, 'utf8') }] });
  return seeds;
}

/** Numbers a hostile file might hold. */
const HOSTILE_NUMBERS = [
  '0', '-0', '1', '-1', '0.5', '2', '1e308', '-1e308', '1e309', '-1e309', '1e-320', '5e-324', 'NaN', '.nan', 'Infinity', '-.inf', '.inf',
  '2147483647', '2147483648', '-2147483648', '-2147483649', '4294967296', '9007199254740993', '1000000', '1000001', '100000000', '2000000000',
  '1e6', '1e9', '0x10', '1_000', '00', '1.', '.5', '+3', '--1', '1e', '99999999999999999999999',
];

/** Names and strings a hostile file might hold. */
const HOSTILE_STRINGS = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '<script>alert(1)</script>', '../../../x', '/etc/passwd', 'C:\\x',
  '\u001b[2J', '\u001b]0;pwned\u0007', '\u0000', '\u202e', '\ufeff', '\ud800', 'é', '𝕏', '&amp;', '&', '<', '>', '"', "'", '{', '}', '[', ']', ':', '- ',
  '*a', '&a', '!!binary', '!!js/function', '%YAML 1.1', '---', '...', '#', ',', 'null', 'true', '~', 'a'.repeat(5000),
];

/** Bytes and fragments inserted anywhere. */
const HOSTILE_FRAGMENTS = ['\n', '\r', '\t', ' ', '\u0000', '\u00a0', '\ufeff', '<', '>', '/>', '</', '<!--', '<!DOCTYPE x [<!ENTITY a "b">]>', '&a;', '{', '}', '[', ']', ',', ':', '"', "'", '- ', '? ', '|', '*', '&', '!', '%', '@', '`', '\\', '[['.repeat(200), '{"a":'.repeat(100)];

/** One edit of one file, chosen by numbers (so fast-check can shrink it). */
export interface Mutation {
  readonly kind: number;
  readonly file: number;
  readonly at: number;
  readonly pick: number;
  readonly n: number;
}

const MUTATION_KINDS = [
  'number', 'string', 'delete-line', 'duplicate-line', 'swap-lines', 'truncate', 'insert', 'repeat-range', 'delete-range', 'tree-replace', 'tree-delete', 'tree-repeat', 'attribute', 'drop-file', 'rename-file',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.nat(MUTATION_KINDS.length - 1),
  file: fc.nat(),
  at: fc.nat(),
  pick: fc.nat(),
  n: fc.integer({ min: 1, max: 64 }),
});

/** A fuzz case: which format and which seed of it, and the edits made to it. */
export interface FuzzCase {
  readonly format: number;
  readonly seed: number;
  readonly mutations: readonly Mutation[];
}

/** Cases spread evenly over the five formats (the corpus holds far more GENIUS files than others). */
export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.record({ format: fc.nat(4), seed: fc.nat(), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) });

const FORMATS = ['genius', 'geniusweb', 'negmas', 'llm-deliberation', 'parley'];
const groups = new WeakMap<readonly FuzzSeed[], FuzzSeed[][]>();

/** The seed a case starts from. */
export function caseSeed(seeds: readonly FuzzSeed[], c: FuzzCase): FuzzSeed {
  let g = groups.get(seeds);
  if (!g) {
    g = FORMATS.map((f) => seeds.filter((s) => s.format === f)).filter((x) => x.length > 0);
    groups.set(seeds, g);
  }
  const group = g[c.format % g.length]!;
  return group[c.seed % group.length]!;
}

/** Grown files stay below this (far under the 16 MiB cap: the cap itself is tested in hostile-input.test.ts). */
const MAX_MUTANT_BYTES = 1 << 20;

function matches(text: string, re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m && out.length < 100_000; m = re.exec(text)) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(text: string, starts: number[], k: number): [number, number] {
  const a = starts[k]!;
  const b = k + 1 < starts.length ? starts[k + 1]! : text.length;
  return [a, b];
}

/** A value a hostile tree edit puts in place of another (also used for API request bodies). */
export function hostileValue(pick: number, n: number): unknown {
  const values: unknown[] = [
    null, true, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, 0.5, '', '__proto__', '<b>x</b>', '\u001b[2J', 'x'.repeat(1000),
    [], {}, Array.from({ length: n * 16 }, (_, k) => k), Object.fromEntries(Array.from({ length: n * 4 }, (_, k) => [`k${k}`, k])),
    { __proto__: { polluted: true } }, JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { polluted: true } } },
    Array.from({ length: n }).reduce<unknown>((v) => [v], 1), { min: 0, max: 2 ** 31, steps: 1e9 }, { type: 'integer', min: -1e15, max: 1e15 },
  ];
  return values[pick % values.length];
}

type Tree = unknown;
/** The containers of a tree with their keys, in document order (at most 10^4). */
function slots(tree: Tree): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown, depth: number) => {
    if (out.length >= 10_000 || depth > 64 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x, k) => {
        out.push({ parent: v, key: k });
        walk(x, depth + 1);
      });
    } else {
      for (const k of Object.keys(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k });
        walk((v as Record<string, unknown>)[k], depth + 1);
      }
    }
  };
  walk(tree, 0);
  return out;
}

function treeEdit(f: SourceFile, kind: 'tree-replace' | 'tree-delete' | 'tree-repeat', m: Mutation): SourceFile {
  const json = /\.json$/i.test(f.path);
  const yaml = /\.ya?ml$/i.test(f.path);
  if (!json && !yaml) return f;
  let tree: Tree;
  try {
    tree = json ? JSON.parse(f.text) : parseYaml(f.text, { maxAliasCount: 100, logLevel: 'error' });
  } catch {
    return f;
  }
  const all = slots(tree);
  if (all.length === 0) return f;
  const s = all[m.at % all.length]!;
  const parent = s.parent as Record<string | number, unknown>;
  if (kind === 'tree-replace') parent[s.key] = hostileValue(m.pick, m.n);
  else if (kind === 'tree-delete') {
    if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
    else delete parent[s.key];
  } else if (Array.isArray(s.parent)) {
    const list = s.parent;
    const copies = Array.from({ length: Math.min(m.n, 16) }, () => list[s.key as number]);
    list.splice(s.key as number, 0, ...copies);
  } else {
    parent[`${String(s.key)}_${m.pick % 3}`] = parent[s.key];
  }
  let text: string;
  try {
    text = json ? JSON.stringify(tree, null, m.pick % 2 === 0 ? 2 : undefined) : stringifyYaml(tree, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    return f;
  }
  return { path: f.path, text };
}

/** Applies one mutation to the files of a case. */
export function mutate(files: readonly SourceFile[], m: Mutation): SourceFile[] {
  const out = [...files];
  if (out.length === 0) return out;
  const fi = m.file % out.length;
  const f = out[fi]!;
  const t = f.text;
  const kind = MUTATION_KINDS[m.kind % MUTATION_KINDS.length]!;
  const at = t.length === 0 ? 0 : m.at % (t.length + 1);
  const set = (text: string) => {
    out[fi] = { path: f.path, text: text.length > MAX_MUTANT_BYTES ? text.slice(0, MAX_MUTANT_BYTES) : text };
  };
  switch (kind) {
    case 'number': {
      const ns = matches(t, /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g);
      if (ns.length === 0) break;
      const x = ns[m.at % ns.length]!;
      set(t.slice(0, x.index) + HOSTILE_NUMBERS[m.pick % HOSTILE_NUMBERS.length]! + t.slice(x.index + x[0].length));
      break;
    }
    case 'string': {
      const ws = matches(t, /[A-Za-z_][A-Za-z0-9_ -]*/g);
      if (ws.length === 0) break;
      const x = ws[m.at % ws.length]!;
      set(t.slice(0, x.index) + HOSTILE_STRINGS[m.pick % HOSTILE_STRINGS.length]! + t.slice(x.index + x[0].length));
      break;
    }
    case 'attribute': {
      // XML attribute values and quoted JSON/YAML strings.
      const qs = matches(t, /"([^"\n]*)"/g);
      if (qs.length === 0) break;
      const x = qs[m.at % qs.length]!;
      const v = m.pick % 2 === 0 ? HOSTILE_NUMBERS[(m.pick >> 1) % HOSTILE_NUMBERS.length]! : HOSTILE_STRINGS[(m.pick >> 1) % HOSTILE_STRINGS.length]!.replace(/"/g, '&quot;');
      set(`${t.slice(0, x.index)}"${v}"${t.slice(x.index + x[0].length)}`);
      break;
    }
    case 'delete-line':
    case 'duplicate-line':
    case 'swap-lines': {
      const starts = lineStarts(t);
      const [a, b] = lineAt(t, starts, m.at % starts.length);
      const line = t.slice(a, b);
      if (kind === 'delete-line') set(t.slice(0, a) + t.slice(b));
      else if (kind === 'duplicate-line') set(t.slice(0, b) + (line.endsWith('\n') ? line : `\n${line}`).repeat(Math.min(m.n, 8)) + t.slice(b));
      else {
        const [c, d] = lineAt(t, starts, m.pick % starts.length);
        if (c <= a) set(t.slice(0, c) + line + t.slice(d, a) + t.slice(c, d) + t.slice(b));
        else set(t.slice(0, a) + t.slice(c, d) + t.slice(b, c) + line + t.slice(d));
      }
      break;
    }
    case 'truncate':
      set(t.slice(0, at));
      break;
    case 'insert':
      set(t.slice(0, at) + HOSTILE_FRAGMENTS[m.pick % HOSTILE_FRAGMENTS.length]!.repeat(m.n % 8 === 0 ? m.n : 1) + t.slice(at));
      break;
    case 'repeat-range': {
      const len = 1 + (m.pick % 200);
      const piece = t.slice(at, at + len);
      set(t.slice(0, at) + piece.repeat(1 + m.n) + t.slice(at));
      break;
    }
    case 'delete-range':
      set(t.slice(0, at) + t.slice(at + 1 + (m.pick % 500)));
      break;
    case 'tree-replace':
    case 'tree-delete':
    case 'tree-repeat':
      out[fi] = treeEdit(f, kind, m);
      break;
    case 'drop-file':
      if (out.length > 1) out.splice(fi, 1);
      break;
    case 'rename-file': {
      const exts = ['.xml', '.json', '.yaml', '.yml', '.txt', '', '.XML'];
      out[fi] = { path: f.path.replace(/\.[A-Za-z]+$/, '') + exts[m.pick % exts.length], text: t };
      break;
    }
  }
  return out;
}

/** The files of a case. */
export function caseFiles(seeds: readonly FuzzSeed[], c: FuzzCase): SourceFile[] {
  let files = [...caseSeed(seeds, c).files];
  for (const m of c.mutations) files = mutate(files, m);
  return files;
}

/** What a case came to. */
export type FuzzVerdict =
  | { readonly kind: 'refused'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'accepted'; readonly scenario: Scenario }
  /** A defect: an exception other than a ScenarioError, a diagnostic without a place, or a non-finite utility. */
  | { readonly kind: 'defect'; readonly problem: string };

/** Outcomes whose utilities are checked per party, besides each party's best and worst. */
const SAMPLED_OUTCOMES = 32;

/** Why an accepted scenario is wrong (a non-finite number where utilities come from), or undefined. */
export function nonFiniteProblem(s: Scenario): string | undefined {
  const space = new OutcomeSpace(s.issues);
  const sizeN = space.sizeNumber ?? Number.MAX_SAFE_INTEGER;
  for (const p of s.parties) {
    const ev = compileParty(space, p);
    if (ev.reservationValue !== undefined && Number.isNaN(ev.reservationValue)) return `party "${p.id}": reservation NaN`;
    if (ev.reservationValue === Number.POSITIVE_INFINITY) return `party "${p.id}": reservation +Infinity`;
    if (!ev.ufun) continue;
    for (let k = 0; k < SAMPLED_OUTCOMES; k++) {
      // Deterministic spread over the space: first, last and evenly between.
      const index = k === SAMPLED_OUTCOMES - 1 ? sizeN - 1 : Math.floor((k / SAMPLED_OUTCOMES) * sizeN);
      const o = space.outcomeAt(index);
      const u = ev.ufun.utility(o);
      if (!Number.isFinite(u)) return `party "${p.id}": utility ${u} at outcome ${space.describe(o)}`;
    }
  }
  for (const p of summarizeScenario(s).parties) {
    if (p.best && !Number.isFinite(p.best.utility)) return `party "${p.id}": best utility ${p.best.utility}`;
    if (p.worst && !Number.isFinite(p.worst.utility)) return `party "${p.id}": worst utility ${p.worst.utility}`;
  }
  return undefined;
}

/** Whether a diagnostic says where: a file of the input, or (for whole-scenario problems) the files it was built from. */
export function locatedDiagnostic(d: Diagnostic, paths: readonly string[]): boolean {
  if (/^… and (\d+|maybe) more problems/.test(d.message)) return true;
  if (d.file !== undefined && d.file !== '') return true;
  return paths.some((p) => d.message.includes(p));
}

/** Imports the files of a case and judges the result. */
export function judge(files: readonly SourceFile[]): FuzzVerdict {
  let scenario: Scenario;
  try {
    scenario = importScenario(files);
  } catch (e) {
    if (!(e instanceof ScenarioError)) return { kind: 'defect', problem: `uncaught ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e)}` };
    if (e.diagnostics.length === 0) return { kind: 'defect', problem: 'a ScenarioError without diagnostics' };
    const paths = files.map((f) => f.path);
    const lost = e.diagnostics.find((d) => !locatedDiagnostic(d, paths));
    if (lost) return { kind: 'defect', problem: `a diagnostic without a place: ${JSON.stringify(lost)}` };
    return { kind: 'refused', diagnostics: e.diagnostics };
  }
  try {
    const p = nonFiniteProblem(scenario);
    return p ? { kind: 'defect', problem: `non-finite success: ${p}` } : { kind: 'accepted', scenario };
  } catch (e) {
    return { kind: 'defect', problem: `accepted, then failed: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e)}` };
  }
}
