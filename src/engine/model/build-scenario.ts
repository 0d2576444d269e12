import type { z } from 'zod';
import {
  annotatedNumber,
  documentSchema,
  issueSchema,
  optionSchema,
  partySchema,
  redLineSchema,
  scenarioDefinitionSchema,
  valueFunctionSchema,
  variantSchema,
  type IssueDefinition,
  type PartyDefinition,
  type QuestionDefinition,
  type RegionDefinition,
  type ScenarioDefinition,
  type ValueFunctionDefinition,
} from './definition.ts';
import { flattenIssues, type FlatIssue } from './zod-issues.ts';
import { ScenarioError, type Diagnostic } from './diagnostics.ts';
import { DEFAULT_REAL_STEPS, issueIndexOf, issueSize, type Issue } from './issue.ts';
import type { Provenance, Source } from './provenance.ts';
import type { Party } from './party.ts';
import type { Bound, Hyperrectangle, Preferences } from './preferences.ts';
import { constraintUpperBound } from './preferences.ts';
import type { RedLine, RedLineCondition } from './red-line.ts';
import type { Discount, Reservation } from './reservation.ts';
import type { AgreementRule } from './agreement-rule.ts';
import type { Scenario, ScenarioVariant } from './scenario.ts';
import type { Question } from './question.ts';
import type { ValueFunction } from './value-function.ts';
import { validateScenario } from './validate.ts';
import { OutcomeSpace } from './outcome-space.ts';
import { countProblem, integerRangeSize, issueSizeProblem, LIMITS } from './limits.ts';
import { pushAll } from '../util/arrays.ts';

// The one step from a scenario definition (names) to the model (positions), with every problem
// reported where it stands: the native reader and variant application both build through here.

type Path = (string | number)[];

/** A definition to build: plain data (not yet checked), the file it is named by, and where a field path stands in it. */
export interface DefinitionSource {
  readonly file: string;
  readonly value: unknown;
  at(path: readonly (string | number)[], message: string): Diagnostic;
}

/**
 * Builds a scenario from a definition: checks its shape (`schema`: the
 * definition's, or a format's that adds its own fields), then its meaning
 * (names, weights, the agreement rule), and turns names into positions.
 * Throws a ScenarioError listing every problem, each placed with `source.at`.
 */
export function buildScenario(source: DefinitionSource, schema: z.ZodType<ScenarioDefinition> = scenarioDefinitionSchema): Scenario {
  const early = checkLargeCollections(source.value);
  if (early.length > 0) throw new ScenarioError(dedupe(early.slice(0, LIMITS.diagnostics).map((i) => source.at(i.path, i.message))), early.length >= LIMITS.diagnostics);
  const parsed = schema.safeParse(source.value);
  if (!parsed.success) {
    const flat = flattenIssues(parsed.error.issues);
    // Positions only for the problems that are listed (finding one walks the document).
    const diags = flat.slice(0, LIMITS.diagnostics).map((i) => source.at(i.path, i.message));
    for (const i of flat.slice(LIMITS.diagnostics)) diags.push({ file: source.file, message: i.message });
    throw new ScenarioError(dedupe(diags));
  }
  const diags: Diagnostic[] = [];
  const scenario = build(parsed.data, (path, message) => diags.push(diags.length < LIMITS.diagnostics ? source.at(path, message) : { file: source.file, message }));
  if (diags.length === 0) {
    // Model paths (issues[0].options) name the same fields as the definition's, so they get its positions.
    for (const d of validateScenario(scenario)) diags.push(diags.length < LIMITS.diagnostics && d.path ? { ...source.at(modelPath(d.path), d.message), path: d.path } : { ...d, file: source.file });
  }
  if (diags.length > 0) throw new ScenarioError(dedupe(diags));
  return scenario;
}

/** Collections at or below this size are left to the schema check of the whole document. */
const LARGE_COLLECTION = 256;

type Schema = { safeParse(v: unknown): { success: true } | { success: false; error: { issues: Parameters<typeof flattenIssues>[0] } } };

/**
 * The schema check of a whole document costs about 50 µs per wrong entry (zod
 * reports each), so a 16 MiB file of 10^6 wrong entries would take minutes.
 * Large collections (issues, parties, options, weights, value tables, red
 * lines, variants, documents) are therefore checked first against their limits
 * and then entry by entry with the same schemas, innermost first, stopping at
 * LIMITS.diagnostics problems; only a document whose large collections pass
 * goes to the whole-document check (where valid entries are cheap).
 */
function checkLargeCollections(value: unknown): FlatIssue[] {
  const out: FlatIssue[] = [];
  const full = () => out.length >= LIMITS.diagnostics;
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  // Plain numbers and names, by far the most common entries, pass without a schema call.
  const plain = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length > 0);
  const check = (v: unknown, path: Path, schema: Schema) => {
    if ((schema === annotatedNumber || schema === optionSchema) && plain(v) && (typeof v === 'number') === (schema === annotatedNumber)) return;
    const r = schema.safeParse(v);
    if (!r.success) pushAll(out, flattenIssues(r.error.issues, path));
  };
  const each = (c: unknown, path: Path, schema: Schema) => {
    if (Array.isArray(c) && c.length > LARGE_COLLECTION) {
      for (let k = 0; k < c.length && !full(); k++) check(c[k], [...path, k], schema);
    } else if (isObj(c)) {
      const keys = Object.keys(c);
      if (keys.length > LARGE_COLLECTION) for (let k = 0; k < keys.length && !full(); k++) check(c[keys[k]!], [...path, keys[k]!], schema);
    }
  };
  const limit = (c: unknown, path: Path, what: string, max: number) => {
    const n = Array.isArray(c) ? c.length : isObj(c) ? Object.keys(c).length : 0;
    const problem = countProblem(what, n, max);
    if (problem) out.push({ path, message: problem });
  };
  if (!isObj(value)) return out;
  const issues = Array.isArray(value.issues) ? value.issues : [];
  const parties = Array.isArray(value.parties) ? value.parties : [];
  limit(value.issues, ['issues'], 'issues', LIMITS.issues);
  limit(value.parties, ['parties'], 'parties', LIMITS.parties);
  limit(value.variants, ['variants'], 'variants', LIMITS.variants);
  issues.forEach((issue, i) => isObj(issue) && limit(issue.options, ['issues', i, 'options'], 'options', LIMITS.issueValues));
  if (out.length > 0) return out;
  issues.forEach((issue, i) => isObj(issue) && each(issue.options, ['issues', i, 'options'], optionSchema));
  parties.forEach((party, p) => {
    if (!isObj(party)) return;
    const prefs = party.preferences;
    if (isObj(prefs)) {
      each(prefs.weights, ['parties', p, 'preferences', 'weights'], annotatedNumber);
      if (isObj(prefs.values)) {
        for (const [k, f] of Object.entries(prefs.values)) {
          if (!isObj(f)) continue;
          if (f.type === 'table') each(f.values, ['parties', p, 'preferences', 'values', k, 'values'], annotatedNumber);
          else if (!('type' in f)) each(f, ['parties', p, 'preferences', 'values', k], annotatedNumber);
        }
        each(prefs.values, ['parties', p, 'preferences', 'values'], valueFunctionSchema);
      }
    }
    each(party.redLines, ['parties', p, 'redLines'], redLineSchema);
  });
  each(value.documents, ['documents'], documentSchema);
  each(value.variants, ['variants'], variantSchema);
  each(value.issues, ['issues'], issueSchema);
  each(value.parties, ['parties'], partySchema);
  return out;
}

/** A model path such as `parties[0].preferences.weights[2]` as field path steps (the steps the definition has). */
function modelPath(path: string): Path {
  const steps: Path = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  // Positional steps after weights/values name issues by position in the model, by name in the definition: stop there.
  const cut = steps.findIndex((s, k) => typeof s === 'number' && (steps[k - 1] === 'weights' || steps[k - 1] === 'values'));
  return cut >= 0 ? steps.slice(0, cut) : steps;
}

function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const k = `${d.line}:${d.column}:${d.path}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Report = (path: Path, message: string) => void;

function prov(x: { sources?: readonly Source[] | undefined; assumption?: string | undefined }): Provenance | undefined {
  const p: { sources?: readonly Source[]; assumption?: string } = {};
  if (x.sources && x.sources.length) p.sources = x.sources.map((s) => ({ ...s }));
  if (x.assumption) p.assumption = x.assumption;
  return p.sources || p.assumption ? p : undefined;
}

function numberOf(x: number | { value: number }): number {
  return typeof x === 'number' ? x : x.value;
}

function provOfNumber(x: number | { value: number; sources?: Source[] | undefined; assumption?: string | undefined }): Provenance | undefined {
  return typeof x === 'number' ? undefined : prov(x);
}

function build(n: ScenarioDefinition, report: Report): Scenario {
  // Sizes first, before anything is sized by them (tables, the outcome space).
  n.issues.forEach((i, k) => {
    const size = 'options' in i ? i.options.length : i.type === 'integer' ? integerRangeSize(i.min, i.max) : (i.steps ?? DEFAULT_REAL_STEPS);
    if ('options' in i || (i.type === 'integer' ? i.max >= i.min : true)) {
      const problem = issueSizeProblem(i.name, size);
      if (problem) report(['issues', k, 'options' in i ? 'options' : i.type === 'integer' ? 'max' : 'steps'], problem);
    }
  });
  const issues = n.issues.map((i) => buildIssue(i));
  const names = new Map<string, number>();
  n.issues.forEach((i, k) => {
    if (names.has(i.name)) report(['issues', k, 'name'], `duplicate issue name "${i.name}"`);
    else names.set(i.name, k);
  });
  const space = new OutcomeSpace(issues.filter((i) => issueSize(i) > 0 && issueSize(i) <= LIMITS.issueValues));
  const ctx: Ctx = { issues, names, report, space };
  const partyIds = new Set<string>();
  const parties = n.parties.map((p, k) => {
    if (partyIds.has(p.id)) report(['parties', k, 'id'], `duplicate party id "${p.id}"`);
    partyIds.add(p.id);
    return buildParty(p, ['parties', k], ctx);
  });
  const agreement = buildAgreement(n, partyIds, report);
  const variants: ScenarioVariant[] | undefined = n.variants?.map((v) => ({
    id: v.id,
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(prov(v) ? { provenance: prov(v)! } : {}),
    patch: v.patch,
  }));
  const variantIds = new Set<string>();
  n.variants?.forEach((v, k) => {
    if (variantIds.has(v.id)) report(['variants', k, 'id'], `duplicate variant id "${v.id}"`);
    variantIds.add(v.id);
  });
  const questions = n.questions ? buildQuestions(n.questions, { issues, parties, variants: variants ?? [], report }) : undefined;
  const scenarioProv = prov(n);
  return {
    name: n.name,
    ...(n.description !== undefined ? { description: n.description } : {}),
    ...(scenarioProv ? { provenance: scenarioProv } : {}),
    ...(n.documents ? { documents: n.documents.map((d) => ({ ...d })) } : {}),
    issues,
    parties,
    agreement,
    ...(variants && variants.length ? { variants } : {}),
    ...(questions && questions.length ? { questions } : {}),
  };
}

/** The declared questions, each checked against the scenario's parties, issues, options and variants. */
function buildQuestions(
  list: readonly QuestionDefinition[],
  ctx: { issues: readonly Issue[]; parties: readonly Party[]; variants: readonly ScenarioVariant[]; report: Report },
): Question[] {
  const { report } = ctx;
  const ids = new Set<string>();
  const known = (xs: Iterable<string>) => [...xs].map((x) => `"${x}"`).join(', ') || 'none';
  return list.map((q, k) => {
    const at = (...rest: (string | number)[]): Path => ['questions', k, ...rest];
    if (ids.has(q.id)) report(at('id'), `duplicate question id "${q.id}"`);
    ids.add(q.id);
    const party = (id: string, field: string, role?: 'negotiator' | 'mediator') => {
      const p = ctx.parties.find((x) => x.id === id);
      if (!p) report(at(field), `unknown party "${id}"; the parties are ${known(ctx.parties.map((x) => x.id))}`);
      else if (role && p.role !== role) report(at(field), `party "${id}" is a ${p.role}; this question needs a ${role}`);
      else if (!p.preferences) report(at(field), `party "${id}" has no preferences`);
      return p;
    };
    const base = { id: q.id, text: q.text, ...(prov(q) ? { provenance: prov(q)! } : {}) };
    switch (q.type) {
      case 'concession': {
        const p = party(q.party, 'party', 'negotiator');
        if (p?.preferences && p.preferences.type !== 'linear-additive') report(at('party'), `party "${q.party}" needs linear-additive preferences for a concession question`);
        const names = q.issues ?? ctx.issues.filter((i) => i.type === 'categorical' && i.options.some((o) => o.name === q.keep)).map((i) => i.name);
        if (!q.issues && names.length === 0) report(at('keep'), `no categorical issue has the option "${q.keep}"`);
        q.issues?.forEach((name, m) => {
          const issue = ctx.issues.find((i) => i.name === name);
          if (!issue) report(at('issues', m), `unknown issue "${name}"; the issues are ${known(ctx.issues.map((i) => i.name))}`);
          else if (issue.type !== 'categorical' || !issue.options.some((o) => o.name === q.keep)) report(at('issues', m), `issue "${name}" has no option "${q.keep}"`);
        });
        return { ...base, type: 'concession', party: q.party, keep: q.keep, ...(q.issues ? { issues: [...q.issues] } : {}) };
      }
      case 'mediator-tradeoff':
        party(q.mediator, 'mediator', 'mediator');
        party(q.protects, 'protects', 'negotiator');
        return { ...base, type: 'mediator-tradeoff', mediator: q.mediator, protects: q.protects };
      case 'variant':
      case 'rule':
        q.variants.forEach((v, m) => {
          const found = ctx.variants.find((x) => x.id === v);
          if (!found) report(at('variants', m), `unknown variant "${v}"; the variants are ${known(ctx.variants.map((x) => x.id))}`);
          else if (q.type === 'rule' && !('agreement' in found.patch)) report(at('variants', m), `variant "${v}" does not change the agreement rule (its patch has no \`agreement\`)`);
        });
        return { ...base, type: q.type, variants: [...q.variants] };
    }
  });
}

interface Ctx {
  issues: Issue[];
  names: Map<string, number>;
  report: Report;
  space: OutcomeSpace;
}

function buildIssue(i: IssueDefinition): Issue {
  const base = {
    name: i.name,
    ...(i.description !== undefined ? { description: i.description } : {}),
    ...(prov(i) ? { provenance: prov(i)! } : {}),
  };
  if ('options' in i) {
    return {
      ...base,
      type: 'categorical',
      options: i.options.map((o) =>
        typeof o === 'string'
          ? { name: o }
          : { name: o.name, ...(o.description !== undefined ? { description: o.description } : {}), ...(prov(o) ? { provenance: prov(o)! } : {}) },
      ),
    };
  }
  if (i.type === 'integer') return { ...base, type: 'integer', min: i.min, max: i.max };
  return { ...base, type: 'real', min: i.min, max: i.max, steps: i.steps ?? DEFAULT_REAL_STEPS };
}

function issueAt(ctx: Ctx, name: string, path: Path): number | undefined {
  const k = ctx.names.get(name);
  if (k === undefined) {
    const names = [...ctx.names.keys()];
    ctx.report(path, `unknown issue "${name}"; the issues are ${names.slice(0, 20).map((s) => `"${s}"`).join(', ')}${names.length > 20 ? `, … (${names.length} in all)` : ''}`);
  }
  return k;
}

function buildParty(p: PartyDefinition, path: Path, ctx: Ctx): Party {
  const preferences = p.preferences ? buildPreferences(p.preferences, [...path, 'preferences'], ctx) : undefined;
  const party: Party = {
    id: p.id,
    name: p.name ?? p.id,
    role: p.role ?? 'negotiator',
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(prov(p) ? { provenance: prov(p)! } : {}),
    ...(preferences ? { preferences } : {}),
    ...(p.reservation !== undefined ? { reservation: buildReservation(p.reservation, [...path, 'reservation'], ctx) } : {}),
    ...(p.discount !== undefined ? { discount: buildDiscount(p.discount) } : {}),
    ...(p.redLines ? { redLines: p.redLines.map((r, k) => buildRedLine(r, [...path, 'redLines', k], ctx)) } : {}),
  };
  return party;
}

function buildReservation(r: NonNullable<PartyDefinition['reservation']>, path: Path, ctx: Ctx): Reservation {
  if (typeof r === 'number') return { value: r };
  if ('value' in r) return { value: r.value, ...(prov(r) ? { provenance: prov(r)! } : {}) };
  const { outcome, errors } = ctx.space.fromRecord(r.outcome);
  for (const e of errors) ctx.report([...path, 'outcome'], e);
  return { outcome: outcome ?? ctx.issues.map(() => 0), ...(prov(r) ? { provenance: prov(r)! } : {}) };
}

function buildDiscount(d: NonNullable<PartyDefinition['discount']>): Discount {
  return typeof d === 'number' ? { factor: d, per: 'time' } : { factor: d.factor, per: d.per ?? 'time' };
}

function buildRedLine(r: NonNullable<PartyDefinition['redLines']>[number], path: Path, ctx: Ctx): RedLine {
  const conditions: RedLineCondition[] = [];
  for (const [issueName, spec] of Object.entries(r.when)) {
    const i = issueAt(ctx, issueName, [...path, 'when', issueName]);
    if (i === undefined) continue;
    const positions = regionPositions(ctx, i, spec, [...path, 'when', issueName]);
    if (positions) conditions.push('anyOf' in positions ? { issue: i, anyOf: positions.anyOf } : { issue: i, from: positions.from, to: positions.to });
  }
  if (Object.keys(r.when).length === 0) ctx.report([...path, 'when'], 'a red line needs at least one condition');
  return {
    ...(r.id !== undefined ? { id: r.id } : {}),
    description: r.description,
    conditions,
    ...(prov(r) ? { provenance: prov(r)! } : {}),
  };
}

/** Converts a region spec for one issue into value positions. */
function regionPositions(ctx: Ctx, i: number, spec: RegionDefinition[string], path: Path): { anyOf: number[] } | { from: number; to: number } | undefined {
  const issue = ctx.issues[i]!;
  if (Array.isArray(spec)) {
    const anyOf: number[] = [];
    spec.forEach((v, k) => {
      const idx = issueIndexOf(issue, v);
      if (idx < 0) ctx.report([...path, k], `issue "${issue.name}" has no value ${JSON.stringify(v)}`);
      else anyOf.push(idx);
    });
    return anyOf.length === spec.length ? { anyOf } : undefined;
  }
  if (issue.type === 'categorical') {
    ctx.report(path, `issue "${issue.name}" is categorical: list option names, not a {min, max} range`);
    return undefined;
  }
  if (spec.max < spec.min) {
    ctx.report(path, `max ${spec.max} is below min ${spec.min}`);
    return undefined;
  }
  // The first and last value position inside [spec.min, spec.max], computed, not searched (an issue may have a million values).
  const size = issueSize(issue);
  const valueAt = (k: number) => (issue.type === 'integer' ? issue.min + k : issue.steps === 1 ? issue.min : issue.min + ((issue.max - issue.min) * k) / (issue.steps - 1));
  const step = issue.type === 'integer' ? 1 : issue.steps === 1 ? 1 : (issue.max - issue.min) / (issue.steps - 1);
  const guess = (x: number) => Math.min(size - 1, Math.max(0, Number.isFinite(x) ? Math.round(x) : 0));
  let from = step > 0 ? guess((spec.min - issue.min) / step) : 0;
  while (from > 0 && valueAt(from - 1) >= spec.min) from--;
  while (from < size && valueAt(from) < spec.min) from++;
  let to = step > 0 ? guess((spec.max - issue.min) / step) : size - 1;
  while (to < size - 1 && valueAt(to + 1) <= spec.max) to++;
  while (to >= 0 && valueAt(to) > spec.max) to--;
  if (to < from) {
    ctx.report(path, `the range ${spec.min}..${spec.max} contains no value of issue "${issue.name}"`);
    return undefined;
  }
  return { from, to };
}

function buildPreferences(p: NonNullable<PartyDefinition['preferences']>, path: Path, ctx: Ctx): Preferences {
  if (p.type === 'constraints') {
    const constraints: Hyperrectangle[] = p.constraints.map((c, k) => {
      const cp = [...path, 'constraints', k];
      if (c.includes && c.excludes) ctx.report(cp, 'a constraint has either `includes` or `excludes`, not both');
      const region = c.includes ?? c.excludes ?? {};
      const bounds: Bound[] = [];
      for (const [issueName, spec] of Object.entries(region)) {
        const field = c.includes ? 'includes' : 'excludes';
        const i = issueAt(ctx, issueName, [...cp, field, issueName]);
        if (i === undefined) continue;
        const pos = regionPositions(ctx, i, spec, [...cp, field, issueName]);
        if (!pos) continue;
        if ('anyOf' in pos) {
          const sorted = [...pos.anyOf].sort((a, b) => a - b);
          const contiguous = sorted.every((v, j) => j === 0 || v === sorted[j - 1]! + 1);
          if (!contiguous) ctx.report([...cp, field, issueName], 'a constraint bound must be a contiguous run of values');
          else bounds.push({ issue: i, min: sorted[0]!, max: sorted[sorted.length - 1]! });
        } else bounds.push({ issue: i, min: pos.from, max: pos.to });
      }
      return { utility: c.utility, weight: c.weight ?? 1, mode: c.excludes ? 'excludes' : 'includes', bounds };
    });
    const aggregation = p.aggregation ?? 'sum';
    return {
      type: 'constraints',
      aggregation,
      constraints,
      normalizer: p.normalizer ?? constraintUpperBound(constraints, aggregation),
      ...(prov(p) ? { provenance: prov(p)! } : {}),
    };
  }
  const n = ctx.issues.length;
  const weights = new Array<number>(n).fill(0);
  const weightProvenance = new Array<Provenance | undefined>(n).fill(undefined);
  const values = new Array<ValueFunction>(n);
  const valueProvenance = new Array<Provenance | undefined>(n).fill(undefined);
  const seenW = new Set<number>();
  for (const [issueName, w] of Object.entries(p.weights)) {
    const i = issueAt(ctx, issueName, [...path, 'weights', issueName]);
    if (i === undefined) continue;
    const value = numberOf(w);
    if (value < 0) ctx.report([...path, 'weights', issueName], `a weight must not be negative, got ${value}`);
    weights[i] = value;
    weightProvenance[i] = provOfNumber(w);
    seenW.add(i);
  }
  const seenV = new Set<number>();
  for (const [issueName, f] of Object.entries(p.values)) {
    const i = issueAt(ctx, issueName, [...path, 'values', issueName]);
    if (i === undefined) continue;
    const built = buildValueFunction(f, i, [...path, 'values', issueName], ctx);
    values[i] = built.f;
    valueProvenance[i] = built.provenance;
    seenV.add(i);
  }
  ctx.issues.forEach((issue, i) => {
    if (!seenW.has(i)) ctx.report([...path, 'weights'], `missing a weight for issue "${issue.name}" (write 0 if the party does not care about it)`);
    if (!seenV.has(i)) {
      if (seenW.has(i) && weights[i] === 0) values[i] = { type: 'constant', value: 0 };
      else ctx.report([...path, 'values'], `missing a value function for issue "${issue.name}"`);
    }
    if (!values[i]) values[i] = { type: 'constant', value: 0 };
  });
  return {
    type: 'linear-additive',
    weights,
    values,
    ...(weightProvenance.some(Boolean) ? { weightProvenance } : {}),
    ...(valueProvenance.some(Boolean) ? { valueProvenance } : {}),
    ...(prov(p) ? { provenance: prov(p)! } : {}),
  };
}

function buildValueFunction(f: ValueFunctionDefinition, i: number, path: Path, ctx: Ctx): { f: ValueFunction; provenance?: Provenance } {
  const issue = ctx.issues[i]!;
  const isTable = !('type' in f) || f.type === 'table';
  if (isTable) {
    const table = ('type' in f && f.type === 'table' ? f.values : f) as Record<string, number | { value: number }>;
    const tablePath = 'type' in f && f.type === 'table' ? [...path, 'values'] : path;
    const size = issueSize(issue);
    if (issue.type === 'real') ctx.report(path, `issue "${issue.name}" is real-valued: use a linear, triangular or constant function`);
    // An issue over the size limit was reported already; no table is sized by it.
    if (!(size >= 1 && size <= LIMITS.issueValues)) return { f: { type: 'constant', value: 0 } };
    const values = new Array<number>(size).fill(NaN);
    for (const [key, v] of Object.entries(table)) {
      const idx = issueIndexOf(issue, issue.type === 'categorical' ? key : Number(key));
      if (idx < 0) ctx.report([...tablePath, key], `issue "${issue.name}" has no option "${key}"`);
      else values[idx] = numberOf(v);
    }
    const missing = values.map((v, k) => (Number.isNaN(v) ? k : -1)).filter((k) => k >= 0);
    if (missing.length && issue.type === 'categorical')
      ctx.report(tablePath, `missing values for option${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${issue.options[k]!.name}"`).join(', ')} of issue "${issue.name}"`);
    else if (missing.length) ctx.report(tablePath, `a table for integer issue "${issue.name}" needs a value for each of its ${size} values`);
    const p = 'type' in f && f.type === 'table' ? prov(f as { sources?: Source[]; assumption?: string }) : undefined;
    return { f: { type: 'table', values: values.map((v) => (Number.isNaN(v) ? 0 : v)) }, ...(p ? { provenance: p } : {}) };
  }
  const p = prov(f as { sources?: Source[]; assumption?: string });
  const pv = p ? { provenance: p } : {};
  if (f.type === 'linear') {
    if (issue.type === 'categorical') ctx.report(path, `issue "${issue.name}" is categorical: give a table of option → value`);
    const origin = f.origin ?? (issue.type === 'categorical' ? 0 : issue.min);
    return { f: { type: 'linear', slope: f.slope, offset: f.offset, origin }, ...pv };
  }
  if (f.type === 'triangular') {
    if (issue.type === 'categorical') ctx.report(path, `issue "${issue.name}" is categorical: give a table of option → value`);
    if (!(f.low <= f.peak && f.peak <= f.high)) ctx.report(path, 'a triangular function needs low ≤ peak ≤ high');
    return { f: { type: 'triangular', low: f.low, peak: f.peak, high: f.high }, ...pv };
  }
  return { f: { type: 'constant', value: (f as { value: number }).value }, ...pv };
}

function buildAgreement(n: ScenarioDefinition, partyIds: Set<string>, report: Report): AgreementRule {
  const a = n.agreement;
  if (!a) return { type: 'unanimity' };
  const check = (ids: readonly string[] | undefined, field: string) =>
    ids?.forEach((id, k) => {
      if (!partyIds.has(id)) report(['agreement', field, k], `unknown party "${id}"; the parties are ${[...partyIds].map((s) => `"${s}"`).join(', ')}`);
    });
  check(a.voters, 'voters');
  const p = prov(a);
  if (a.rule === 'unanimity') return { type: 'unanimity', ...(a.voters ? { voters: a.voters } : {}), ...(p ? { provenance: p } : {}) };
  check(a.required, 'required');
  return { type: 'quorum', k: a.k, ...(a.voters ? { voters: a.voters } : {}), required: a.required ?? [], ...(p ? { provenance: p } : {}) };
}
