// Structured edits of a native scenario's YAML text, and its diagnostics, for the editor screen.
import { ScenarioError, readNative } from 'parley';
import type { Diagnostic, Scenario } from 'parley';
import { isAlias, isMap, isNode, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import { followRemoval, type Removed } from './variant-follow.ts';

export interface Diagnosis {
  readonly scenario: Scenario | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads the text with the engine's native reader: the scenario, or every problem with line:column and field path. */
export function diagnose(source: string, file = 'scenario.yaml'): Diagnosis {
  try {
    return { scenario: readNative(file, source), diagnostics: [] };
  } catch (e) {
    if (e instanceof ScenarioError) return { scenario: null, diagnostics: e.diagnostics };
    return { scenario: null, diagnostics: [{ file, message: e instanceof Error ? e.message : String(e) }] };
  }
}

/** What a typed field holds: a number when it reads as one, else the text as written (the reader then reports it). */
export function typedValue(text: string): number | string {
  const t = text.trim();
  if (t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return t;
}

type Path = readonly (string | number)[];

function edit(source: string, change: (doc: Document) => void): string {
  const doc = parseDocument(source, { keepSourceTokens: false });
  if (doc.errors.length) throw new Error(`the YAML does not parse: ${doc.errors[0]!.message}`);
  change(doc);
  return doc.toString({ lineWidth: 0 });
}

/** Index of a party by id in the document (−1 when absent). */
function partyIndex(doc: Document, partyId: string): number {
  const parties = doc.toJS() as { parties?: { id?: string }[] };
  return (parties.parties ?? []).findIndex((p) => p?.id === partyId);
}

/**
 * Sets a number that may be written plainly (`0.4`) or annotated
 * (`{value: 0.4, assumption: …}`): the annotation is kept.
 */
function setAnnotated(doc: Document, path: Path, value: number | string): void {
  // A value inside a shared (anchored or aliased) table becomes this place's own first.
  own(doc, path);
  const node = doc.getIn(path, true);
  if (isMap(node) && node.has('value')) doc.setIn([...path, 'value'], value);
  else if (isScalar(node)) node.value = value;
  else doc.setIn(path, value);
}

export function setWeight(source: string, partyId: string, issue: string, text: string): string {
  return edit(source, (doc) => {
    const p = partyIndex(doc, partyId);
    if (p < 0) throw new Error(`no party "${partyId}"`);
    setAnnotated(doc, ['parties', p, 'preferences', 'weights', issue], typedValue(text));
  });
}

/** Sets one option's evaluation in a table value function (plain map or `{type: table, values}`). */
export function setEvaluation(source: string, partyId: string, issue: string, option: string, text: string): string {
  return edit(source, (doc) => {
    const p = partyIndex(doc, partyId);
    if (p < 0) throw new Error(`no party "${partyId}"`);
    const base = ['parties', p, 'preferences', 'values', issue];
    const f = own(doc, base); // an aliased table becomes this issue's own copy before it is read or changed
    const inner = isMap(f) && f.get('type') === 'table' ? [...base, 'values', option] : [...base, option];
    setAnnotated(doc, inner, typedValue(text));
  });
}

export function setRole(source: string, partyId: string, role: string): string {
  return edit(source, (doc) => {
    const p = partyIndex(doc, partyId);
    if (p < 0) throw new Error(`no party "${partyId}"`);
    doc.setIn(['parties', p, 'role'], role);
  });
}

export function setReservation(source: string, partyId: string, text: string): string {
  return edit(source, (doc) => {
    const p = partyIndex(doc, partyId);
    if (p < 0) throw new Error(`no party "${partyId}"`);
    if (text.trim() === '') doc.deleteIn(['parties', p, 'reservation']);
    else setAnnotated(doc, ['parties', p, 'reservation'], typedValue(text));
  });
}

/** Sets the agreement rule: unanimity, or a quorum of k (keeping voters and required parties). */
export function setRule(source: string, rule: 'unanimity' | 'quorum', k?: number): string {
  return edit(source, (doc) => {
    doc.setIn(['agreement', 'rule'], rule);
    if (rule === 'unanimity') {
      doc.deleteIn(['agreement', 'k']);
      doc.deleteIn(['agreement', 'required']);
    } else doc.setIn(['agreement', 'k'], k ?? 1);
  });
}

/** The diagnostics that concern a field path (the path itself or anything under it). */
export function diagnosticsAt(diagnostics: readonly Diagnostic[], path: string): Diagnostic[] {
  return diagnostics.filter((d) => d.path !== undefined && (d.path === path || d.path.startsWith(`${path}.`) || d.path.startsWith(`${path}[`)));
}

// ---------------------------------------------------------------------------
// Structural edits: issues, options and parties.
//
// YAML anchors and aliases are kept working: a node that is changed or removed
// first hands any anchor used elsewhere to a copy at its first use, and an alias
// that is changed is replaced by a copy of what it points to (so that adding an
// option to `donetsk: &region {…}` does not also add it to `luhansk: *region`).

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A copy of a node without anchors (its own or nested). */
function anchorlessCopy(node: Node): Node {
  const copy = node.clone() as Node;
  visit(copy, {
    Node(_, n) {
      if (n.anchor) n.anchor = undefined;
    },
  });
  return copy;
}

/**
 * Anchors on `node` (with `deep`, also on the nodes below it) that an alias outside it uses
 * move to a copy of their node at the first such use; the later uses stay aliases of the copy.
 */
function releaseAnchors(doc: Document, node: Node, deep: boolean): void {
  const anchored: Node[] = [];
  if (deep) {
    visit(node, {
      Node(_, n) {
        if (n.anchor) anchored.push(n);
      },
    });
  } else if (node.anchor) anchored.push(node);
  for (const target of anchored) {
    const name = target.anchor!;
    let first: Alias | undefined;
    let active = false;
    visit(doc, {
      Node(_, n, path) {
        if (first) return visit.BREAK;
        if (n === target) active = true;
        else if (n.anchor === name) active = false; // redefined: later aliases mean the new one
        else if (active && isAlias(n) && n.source === name && n !== node && !path.includes(node)) first = n;
        return undefined;
      },
    });
    if (!first) continue;
    target.anchor = undefined;
    const copy = anchorlessCopy(target);
    copy.anchor = name;
    const use = first;
    visit(doc, {
      Alias(_, n) {
        return n === use ? copy : undefined;
      },
    });
  }
}

/**
 * The node at `path`, made this place's own before it (or something below it) is changed:
 * aliases on the way are replaced by copies of what they point to, and anchors on the way
 * that are used elsewhere move out.
 */
function own(doc: Document, path: Path): Node | undefined {
  let node: unknown;
  for (let k = 1; k <= path.length; k++) {
    const at = path.slice(0, k);
    node = doc.getIn(at, true);
    if (isAlias(node)) doc.setIn(at, anchorlessCopy(node.resolve(doc) as Node));
    node = doc.getIn(at, true);
    // A change below an anchored node changes it too: its anchor, if used elsewhere, moves out.
    if (isNode(node)) releaseAnchors(doc, node, false);
  }
  return isNode(node) ? node : undefined;
}

/** Removes the node at `path` (a map key or a list index), keeping aliases to anchors inside it working. */
function remove(doc: Document, path: Path): void {
  own(doc, path.slice(0, -1));
  const node = doc.getIn(path, true);
  if (isNode(node)) releaseAnchors(doc, node, true);
  doc.deleteIn(path);
}

/** Index of an item in a document list by a field of its plain value (−1 when absent). */
function indexBy(js: Loose, list: string, field: string, value: string): number {
  return arr(js[list]).findIndex((x) => obj(x)[field] === value);
}

const optionName = (o: unknown): string => (typeof o === 'string' ? o : String(obj(o).name ?? ''));

/** Parties whose preferences are linear-additive (weights and value functions), by index. */
function linearParties(js: Loose): number[] {
  return arr(js.parties)
    .map((p, i) => ({ prefs: obj(obj(p).preferences), i }))
    .filter(({ prefs }) => prefs.type !== 'constraints' && prefs.weights !== undefined)
    .map(({ i }) => i);
}

/** Path of a party's table for an issue (inside `{type: table, values}` or the plain map), or null for other functions. */
function tablePath(js: Loose, party: number, issue: string): Path | null {
  const f = obj(obj(obj(arr(js.parties)[party]).preferences).values)[issue];
  if (f === undefined) return null;
  const base = ['parties', party, 'preferences', 'values', issue];
  if (obj(f).type === 'table') return [...base, 'values'];
  return obj(f).type === undefined ? base : null;
}

function plain(doc: Document): Loose {
  return obj(doc.toJS({ maxAliasCount: -1 }));
}

/** Value 0 for every option of a categorical issue, else the constant 0 (written in flow style). */
function zeroValueNode(doc: Document, issue: Loose): Node {
  const options = arr(issue.options).map(optionName);
  const value = issue.options !== undefined ? Object.fromEntries(options.map((o) => [o, 0])) : { type: 'constant', value: 0 };
  return doc.createNode(value, { flow: true });
}

export type NewIssue =
  | { readonly name: string; readonly type: 'categorical'; readonly option: string }
  | { readonly name: string; readonly type: 'integer' | 'real'; readonly min: string; readonly max: string; readonly steps?: string };

/**
 * Appends an issue (categorical with its first option, or integer or real min..max). Every party with
 * linear-additive preferences gets weight 0 and value 0 for it, so the scenario stays valid.
 */
export function addIssue(source: string, issue: NewIssue): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const name = issue.name.trim();
    if (indexBy(js, 'issues', 'name', name) >= 0) throw new Error(`there is already an issue "${name}"`);
    const spec: Loose =
      issue.type === 'categorical'
        ? { name, options: [issue.option.trim()] }
        : { name, type: issue.type, min: typedValue(issue.min), max: typedValue(issue.max), ...(issue.type === 'real' && issue.steps?.trim() ? { steps: typedValue(issue.steps) } : {}) };
    const node = doc.createNode(spec);
    if (isMap(node) && isSeq(node.get('options', true))) (node.get('options', true) as { flow?: boolean }).flow = true;
    doc.addIn(['issues'], node);
    for (const p of linearParties(js)) {
      own(doc, ['parties', p, 'preferences', 'weights']);
      doc.setIn(['parties', p, 'preferences', 'weights', name], 0);
      own(doc, ['parties', p, 'preferences', 'values']);
      doc.setIn(['parties', p, 'preferences', 'values', name], zeroValueNode(doc, spec));
    }
  });
}

/**
 * Removes an issue and what refers to it: weights and value functions, red-line conditions
 * (a red line left with no condition is removed) and the issue's entry in reservation outcomes.
 * A concession question drops the issue from its list (and goes when the issue was its only one).
 * Variants' changes that name the issue are dropped (variant-follow.ts). Constraint-based
 * preferences are left for the reader to report.
 */
export function removeIssue(source: string, name: string): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const k = indexBy(js, 'issues', 'name', name);
    if (k < 0) throw new Error(`no issue "${name}"`);
    arr(js.parties).forEach((_, p) => {
      const party = obj(arr(js.parties)[p]);
      const at = (...rest: Path): Path => ['parties', p, ...rest];
      const prefs = obj(party.preferences);
      if (prefs.type !== 'constraints') {
        if (obj(prefs.weights)[name] !== undefined) remove(doc, at('preferences', 'weights', name));
        if (obj(prefs.values)[name] !== undefined) remove(doc, at('preferences', 'values', name));
      }
      if (obj(obj(party.reservation).outcome)[name] !== undefined) remove(doc, at('reservation', 'outcome', name));
      const lines = arr(party.redLines);
      for (let r = lines.length - 1; r >= 0; r--) {
        const when = obj(obj(lines[r]).when);
        if (when[name] === undefined) continue;
        if (Object.keys(when).length === 1) remove(doc, at('redLines', r));
        else remove(doc, at('redLines', r, 'when', name));
      }
    });
    // A concession question about the issue drops it from its list (the whole question when it was the only one).
    const questions = arr(js.questions);
    for (let q = questions.length - 1; q >= 0; q--) {
      const issues = arr(obj(questions[q]).issues);
      const i = issues.indexOf(name);
      if (i < 0) continue;
      if (issues.length === 1) remove(doc, ['questions', q]);
      else remove(doc, ['questions', q, 'issues', i]);
    }
    followInVariants(doc, js, { kind: 'issue', name });
    remove(doc, ['issues', k]);
  });
}

/** The index of a categorical issue and of one of its options (−1 when the option is absent). */
function categorical(js: Loose, issue: string, option: string): { k: number; j: number; options: string[] } {
  const k = indexBy(js, 'issues', 'name', issue);
  if (k < 0) throw new Error(`no issue "${issue}"`);
  const is = obj(arr(js.issues)[k]);
  if (is.options === undefined) throw new Error(`issue "${issue}" is not categorical`);
  const options = arr(is.options).map(optionName);
  return { k, j: options.indexOf(option), options };
}

/** Appends an option to a categorical issue, with value 0 in every party's table for the issue. */
export function addOption(source: string, issue: string, option: string): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const name = option.trim();
    const { k, j } = categorical(js, issue, name);
    if (j >= 0) throw new Error(`issue "${issue}" already has an option "${name}"`);
    own(doc, ['issues', k, 'options']);
    doc.addIn(['issues', k, 'options'], name);
    for (const p of linearParties(js)) {
      const t = tablePath(js, p, issue);
      if (!t) continue;
      own(doc, t);
      doc.setIn([...t, name], 0);
    }
  });
}

/**
 * Removes an option of a categorical issue, and its value in every table. A red line that
 * lists it no longer does; a red line whose list for the issue is left empty can never be
 * crossed and is removed. Variants' changes that name the option are dropped. A reservation
 * outcome that uses the option is left for the reader to report, as is an issue left with no option.
 */
export function removeOption(source: string, issue: string, option: string): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const { k, j } = categorical(js, issue, option);
    if (j < 0) throw new Error(`issue "${issue}" has no option "${option}"`);
    arr(js.parties).forEach((_, p) => {
      const t = tablePath(js, p, issue);
      if (t && obj(plainAt(js, t))[option] !== undefined) remove(doc, [...t, option]);
      const lines = arr(obj(arr(js.parties)[p]).redLines);
      for (let r = lines.length - 1; r >= 0; r--) {
        const list = obj(obj(lines[r]).when)[issue];
        if (!Array.isArray(list) || !list.includes(option)) continue;
        const rest = list.filter((v) => v !== option);
        if (rest.length === 0) remove(doc, ['parties', p, 'redLines', r]);
        else {
          own(doc, ['parties', p, 'redLines', r, 'when', issue]);
          for (let v = list.length - 1; v >= 0; v--) if (list[v] === option) doc.deleteIn(['parties', p, 'redLines', r, 'when', issue, v]);
        }
      }
    });
    followInVariants(doc, js, { kind: 'option', issue, option });
    remove(doc, ['issues', k, 'options', j]);
  });
}

/** The plain value at a path of the plain document. */
function plainAt(js: Loose, path: Path): unknown {
  let v: unknown = js;
  for (const key of path) v = Array.isArray(v) ? v[key as number] : obj(v)[key as string];
  return v;
}

/** Renames an option of a categorical issue, in the issue, every table, red line and reservation outcome. */
export function renameOption(source: string, issue: string, from: string, to: string): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const { k, j, options } = categorical(js, issue, from);
    if (j < 0) throw new Error(`issue "${issue}" has no option "${from}"`);
    if (to !== from && options.includes(to)) throw new Error(`issue "${issue}" already has an option "${to}"`);
    const opt = ['issues', k, 'options', j];
    own(doc, opt);
    if (typeof arr(obj(arr(js.issues)[k]).options)[j] === 'string') doc.setIn(opt, to);
    else doc.setIn([...opt, 'name'], to);
    arr(js.parties).forEach((_, p) => {
      const t = tablePath(js, p, issue);
      if (t && obj(plainAt(js, t))[from] !== undefined) {
        const table = own(doc, t);
        if (isMap(table)) {
          const pair = table.items.find((it) => (isScalar(it.key) ? it.key.value : it.key) === from);
          if (pair) pair.key = doc.createNode(to);
        }
      }
      arr(obj(arr(js.parties)[p]).redLines).forEach((line, r) => {
        const list = obj(obj(line).when)[issue];
        if (!Array.isArray(list) || !list.includes(from)) return;
        const at: Path = ['parties', p, 'redLines', r, 'when', issue];
        own(doc, at);
        list.forEach((v, x) => {
          if (v === from) doc.setIn([...at, x], to);
        });
      });
      const out: Path = ['parties', p, 'reservation', 'outcome', issue];
      if (plainAt(js, out) === from) {
        own(doc, out);
        doc.setIn(out, to);
      }
    });
    // Variants follow the base: their changes that name the option now name it by its new name.
    arr(js.variants).forEach((v, n) => {
      const patch = obj(v).patch;
      const renamed = renameInPatch(patch, issue, from, to);
      if (JSON.stringify(renamed) !== JSON.stringify(patch)) {
        own(doc, ['variants', n]);
        doc.setIn(['variants', n, 'patch'], doc.createNode(renamed));
      }
    });
  });
}

/**
 * A patch with an option of an issue renamed where patches name options: value tables
 * (`values.<issue>` and `values.<issue>.values`), red-line conditions (`when.<issue>`),
 * reservation outcomes (`outcome.<issue>`) and the issue's own options (`issues.<issue>.options`).
 */
export function renameInPatch(patch: unknown, issue: string, from: string, to: string, path: readonly string[] = []): unknown {
  const n = path.length;
  const under = (...tail: string[]) => n >= tail.length && tail.every((t, i) => path[n - tail.length + i] === t);
  if (Array.isArray(patch)) {
    const listsOptions = under('when', issue) || under('issues', issue, 'options');
    return patch.map((x, i) => (listsOptions && x === from ? to : renameInPatch(x, issue, from, to, [...path, String(i)])));
  }
  if (patch && typeof patch === 'object') {
    const keysAreOptions = under('values', issue) || under('values', issue, 'values') || under('issues', issue, 'options');
    return Object.fromEntries(Object.entries(patch as Loose).map(([k, x]) => [keysAreOptions && k === from ? to : k, renameInPatch(x, issue, from, to, [...path, k])]));
  }
  return under('outcome', issue) && patch === from ? to : patch;
}

export interface NewParty {
  readonly id: string;
  readonly name?: string;
  readonly role: 'negotiator' | 'mediator' | 'observer';
}

/** Appends a party with linear-additive preferences: weight 0 and value 0 on every issue. */
export function addParty(source: string, party: NewParty): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const id = party.id.trim();
    if (indexBy(js, 'parties', 'id', id) >= 0) throw new Error(`there is already a party "${id}"`);
    const issues = arr(js.issues).map(obj);
    const name = party.name?.trim();
    const node = doc.createNode({
      id,
      ...(name && name !== id ? { name } : {}),
      role: party.role,
      preferences: { type: 'linear-additive', weights: {}, values: {} },
    });
    doc.addIn(['parties'], node);
    const p = arr(js.parties).length;
    (doc.getIn(['parties', p, 'preferences', 'weights'], true) as { flow?: boolean }).flow = true;
    for (const is of issues) {
      doc.setIn(['parties', p, 'preferences', 'weights', String(is.name)], 0);
      doc.setIn(['parties', p, 'preferences', 'values', String(is.name)], zeroValueNode(doc, is));
    }
  });
}

/**
 * Removes a party, its id from the agreement rule's voters and required parties (the variants'
 * too, whose changes of the party are dropped), and the questions that name it (as the conceding party, the mediator or the protected party). A rule
 * left with no voters, or a quorum above the voters left, is for the reader to report.
 */
export function removeParty(source: string, id: string): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const p = indexBy(js, 'parties', 'id', id);
    if (p < 0) throw new Error(`no party "${id}"`);
    for (const field of ['required', 'voters']) {
      const list = arr(obj(js.agreement)[field]);
      if (!list.includes(id)) continue;
      own(doc, ['agreement', field]);
      for (let v = list.length - 1; v >= 0; v--) if (list[v] === id) doc.deleteIn(['agreement', field, v]);
    }
    // Questions about the party (conceding it, mediating as it, protecting it) go with it.
    const questions = arr(js.questions);
    for (let q = questions.length - 1; q >= 0; q--) {
      const question = obj(questions[q]);
      if ([question.party, question.mediator, question.protects].includes(id)) remove(doc, ['questions', q]);
    }
    followInVariants(doc, js, { kind: 'party', id });
    remove(doc, ['parties', p]);
  });
}

// ---------------------------------------------------------------------------
// The complete form: names and descriptions, ranges, weights, red lines, the
// agreement rule, sources and assumptions, and variants. Paths use the indices
// of the typed document (doc-model.ts), read from the same text.

/** Sets a text field; an empty text removes it (for optional fields). */
export function setText(source: string, path: Path, text: string, { required = false } = {}): string {
  return edit(source, (doc) => {
    own(doc, path.slice(0, -1));
    if (text === '' && !required) doc.deleteIn(path);
    else doc.setIn(path, text);
  });
}

/** Sets an option's description: a plain option becomes `{name, description}`. */
export function setOptionDescription(source: string, issue: number, option: number, text: string): string {
  return edit(source, (doc) => {
    const path = ['issues', issue, 'options', option];
    carrier(doc, path);
    if (text === '') doc.deleteIn([...path, 'description']);
    else doc.setIn([...path, 'description'], text);
  });
}

/** Sets `min`, `max` or `steps` of an integer or real issue (as typed; the reader checks it). */
export function setIssueRange(source: string, issue: number, field: 'min' | 'max' | 'steps', text: string): string {
  return edit(source, (doc) => {
    own(doc, ['issues', issue]);
    if (field === 'steps' && text.trim() === '') doc.deleteIn(['issues', issue, 'steps']);
    else doc.setIn(['issues', issue, field], typedValue(text));
  });
}

/** Changes an integer issue into a real one and back (the range is kept). */
export function setIssueType(source: string, issue: number, type: 'integer' | 'real'): string {
  return edit(source, (doc) => {
    own(doc, ['issues', issue]);
    doc.setIn(['issues', issue, 'type'], type);
    if (type === 'integer') doc.deleteIn(['issues', issue, 'steps']);
  });
}

/**
 * Divides a party's weights by their sum, to four decimals, the rounding left on the largest
 * weight so that they add up to exactly 1. Annotated weights keep their annotation.
 */
export function normaliseWeights(source: string, partyId: string): string {
  return edit(source, (doc) => {
    const p = partyIndex(doc, partyId);
    if (p < 0) throw new Error(`no party "${partyId}"`);
    const weights = obj(obj(obj(arr(plain(doc).parties)[p]).preferences).weights);
    const entries = Object.entries(weights).map(([k, v]) => [k, Number(obj(v).value ?? v)] as const);
    if (entries.some(([, w]) => !Number.isFinite(w) || w < 0)) throw new Error(`${partyId}'s weights must all be numbers, not negative, to be normalised`);
    const sum = entries.reduce((a, [, w]) => a + w, 0);
    if (!(sum > 0)) throw new Error(`${partyId}'s weights sum to 0: give at least one issue a weight first`);
    const scaled = entries.map(([k, w]) => [k, Math.round((w / sum) * 1e4) / 1e4] as [string, number]);
    const largest = scaled.reduce((m, e, i) => (e[1] > scaled[m]![1] ? i : m), 0);
    const rest = scaled.reduce((a, [, w], i) => (i === largest ? a : a + w), 0);
    scaled[largest]![1] = Math.round((1 - rest) * 1e4) / 1e4;
    for (const [k, w] of scaled) setAnnotated(doc, ['parties', p, 'preferences', 'weights', k], w);
  });
}

export interface NewRedLine {
  readonly id: string;
  readonly description?: string;
  readonly issue: string;
  /** The options that cross the line (categorical issues)… */
  readonly options?: readonly string[];
  /** …or the range that does (integer and real issues). */
  readonly range?: { readonly min: string; readonly max: string };
}

/** Appends a red line with one condition. */
export function addRedLine(source: string, partyId: string, line: NewRedLine): string {
  return edit(source, (doc) => {
    const p = partyIndex(doc, partyId);
    if (p < 0) throw new Error(`no party "${partyId}"`);
    const js = plain(doc);
    if (indexBy(js, 'issues', 'name', line.issue) < 0) throw new Error(`no issue "${line.issue}"`);
    const id = line.id.trim();
    if (id && arr(obj(arr(js.parties)[p]).redLines).some((r) => obj(r).id === id)) throw new Error(`${partyId} already has a red line "${id}"`);
    const condition = line.range ? { min: typedValue(line.range.min), max: typedValue(line.range.max) } : [...(line.options ?? [])];
    if (Array.isArray(condition) && condition.length === 0) throw new Error('pick at least one option that crosses the red line');
    // A red line needs a description: without one, it says what crosses it.
    const description = line.description?.trim() || `${line.issue} is ${Array.isArray(condition) ? condition.join(' or ') : `${String(condition.min)} to ${String(condition.max)}`}`;
    const node = doc.createNode({ ...(id ? { id } : {}), description, when: { [line.issue]: condition } });
    const when = isMap(node) ? node.get('when', true) : undefined;
    if (isMap(when)) when.flow = true;
    own(doc, ['parties', p]);
    if (doc.getIn(['parties', p, 'redLines']) === undefined) doc.setIn(['parties', p, 'redLines'], blockList(doc));
    doc.addIn(['parties', p, 'redLines'], node);
  });
}

export function removeRedLine(source: string, partyId: string, index: number): string {
  return edit(source, (doc) => {
    const p = partyIndex(doc, partyId);
    if (p < 0) throw new Error(`no party "${partyId}"`);
    remove(doc, ['parties', p, 'redLines', index]);
    if (arr(obj(arr(plain(doc).parties)[p]).redLines).length === 0) doc.deleteIn(['parties', p, 'redLines']);
  });
}

/** Sets (or, with null, removes) the condition of a red line on one issue: the options that cross it. */
export function setRedLineCondition(source: string, partyId: string, index: number, issue: string, options: readonly string[] | { min: string; max: string } | null): string {
  return edit(source, (doc) => {
    const p = partyIndex(doc, partyId);
    if (p < 0) throw new Error(`no party "${partyId}"`);
    const at: Path = ['parties', p, 'redLines', index, 'when'];
    own(doc, at);
    if (options === null) doc.deleteIn([...at, issue]);
    else if (Array.isArray(options)) doc.setIn([...at, issue], doc.createNode([...options], { flow: true }));
    else {
      const r = options as { min: string; max: string };
      doc.setIn([...at, issue], doc.createNode({ min: typedValue(r.min), max: typedValue(r.max) }, { flow: true }));
    }
  });
}

/** Sets the voters or the required parties of the agreement rule (null: the default, i.e. the field is removed). */
export function setAgreementList(source: string, field: 'voters' | 'required', ids: readonly string[] | null): string {
  return edit(source, (doc) => {
    own(doc, ['agreement']);
    if (doc.getIn(['agreement']) === undefined) doc.setIn(['agreement'], doc.createNode({ rule: 'unanimity' }));
    if (ids === null || (field === 'required' && ids.length === 0)) doc.deleteIn(['agreement', field]);
    else doc.setIn(['agreement', field], doc.createNode([...ids], { flow: true }));
  });
}

/**
 * Makes the node at `path` able to carry provenance: a bare number becomes `{value: …}`, a bare
 * option name `{name: …}`, and a plain value table `{type: table, values: {…}}`.
 */
function carrier(doc: Document, path: Path): void {
  const node = own(doc, path);
  if (isScalar(node)) {
    doc.setIn(path, doc.createNode(typeof node.value === 'number' ? { value: node.value } : { name: node.value }));
    return;
  }
  const n = path.length;
  const isTable = n >= 5 && path[n - 2] === 'values' && path[n - 3] === 'preferences' && path[0] === 'parties';
  if (isMap(node) && isTable && !node.has('type')) {
    const table = anchorlessCopy(node);
    doc.setIn(path, doc.createNode({ type: 'table' }));
    doc.setIn([...path, 'values'], table);
  }
}

/** Sets (or, with an empty text, removes) the assumption on an element. */
export function setAssumption(source: string, path: Path, text: string): string {
  return edit(source, (doc) => {
    if (text.trim() === '') {
      own(doc, path);
      doc.deleteIn([...path, 'assumption']);
      return;
    }
    carrier(doc, path);
    doc.setIn([...path, 'assumption'], text);
  });
}

/** Adds a source (a quote, the document it is from, where in it) to an element. */
export function addSource(source: string, path: Path, src: { quote: string; document?: string; locator?: string }): string {
  return edit(source, (doc) => {
    if (!src.quote.trim()) throw new Error('a source needs the words quoted');
    carrier(doc, path);
    const node = doc.createNode({ quote: src.quote.trim(), ...(src.document ? { document: src.document } : {}), ...(src.locator?.trim() ? { locator: src.locator.trim() } : {}) });
    if (doc.getIn([...path, 'sources']) === undefined) doc.setIn([...path, 'sources'], blockList(doc));
    doc.addIn([...path, 'sources'], node);
  });
}

export function removeSource(source: string, path: Path, index: number): string {
  return edit(source, (doc) => {
    remove(doc, [...path, 'sources', index]);
    if (arr(plainAt(plain(doc), [...path, 'sources'])).length === 0) doc.deleteIn([...path, 'sources']);
  });
}

/** Declares a document that sources quote from (`documents: [{id, title}]`); no path: its text is attached in the editor. */
export function addDocument(source: string, id: string, title: string): string {
  return edit(source, (doc) => {
    const d = id.trim();
    if (!d) throw new Error('a document needs an id');
    if (/[/\\]/.test(d)) throw new Error('a document id has no slashes');
    if (arr(plain(doc).documents).some((x) => x && typeof x === 'object' && (x as Loose).id === d)) throw new Error(`there is already a document "${d}"`);
    const node = doc.createNode({ id: d, title: title.trim() || d });
    if (doc.getIn(['documents']) === undefined) doc.setIn(['documents'], blockList(doc));
    doc.addIn(['documents'], node);
  });
}

// Variants: a list of changes (a patch) against the base scenario.

const variantIndex = (js: Loose, id: string): number => indexBy(js, 'variants', 'id', id);

export function addVariant(source: string, id: string, description: string): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const v = id.trim();
    if (!/^[A-Za-z0-9_.-]+$/.test(v)) throw new Error('a variant id is letters, digits, _ . - (no spaces)');
    if (variantIndex(js, v) >= 0) throw new Error(`there is already a variant "${v}"`);
    const node = doc.createNode({ id: v, ...(description.trim() ? { description: description.trim() } : {}), patch: {} });
    const patch = isMap(node) ? node.get('patch', true) : undefined;
    if (isMap(patch)) patch.flow = false; // changes are written one per line
    if (doc.getIn(['variants']) === undefined) doc.setIn(['variants'], blockList(doc));
    doc.addIn(['variants'], node);
  });
}

export function removeVariant(source: string, id: string): string {
  return edit(source, (doc) => {
    const v = variantIndex(plain(doc), id);
    if (v < 0) throw new Error(`no variant "${id}"`);
    remove(doc, ['variants', v]);
    if (arr(plain(doc).variants).length === 0) doc.deleteIn(['variants']);
  });
}

/** Sets one change of a variant: the value at a path of its patch (parties and issues by id/name). */
export function setVariantChange(source: string, id: string, patchPath: readonly string[], value: unknown): string {
  return edit(source, (doc) => {
    const v = variantIndex(plain(doc), id);
    if (v < 0) throw new Error(`no variant "${id}"`);
    const at: Path = ['variants', v, 'patch'];
    own(doc, at);
    if (!isMap(doc.getIn(at, true))) doc.setIn(at, doc.createNode({}));
    const patch = doc.getIn(at, true);
    if (isMap(patch) && patch.items.length === 0) patch.flow = false;
    doc.setIn([...at, ...patchPath], typeof value === 'string' ? typedValue(value) : value === null ? null : doc.createNode(value, { flow: true }));
  });
}

/** Removes one change of a variant, and the maps it leaves empty. */
export function removeVariantChange(source: string, id: string, patchPath: readonly string[]): string {
  return edit(source, (doc) => {
    const v = variantIndex(plain(doc), id);
    if (v < 0) throw new Error(`no variant "${id}"`);
    const at: Path = ['variants', v, 'patch'];
    remove(doc, [...at, ...patchPath]);
    for (let n = patchPath.length - 1; n >= 1; n--) {
      const parent = [...at, ...patchPath.slice(0, n)];
      const node = doc.getIn(parent, true);
      if (isMap(node) && node.items.length === 0) doc.deleteIn(parent);
      else break;
    }
  });
}

export { flattenPatch, type VariantChange } from './variant-follow.ts';

/** Variants follow a removal from the base: their changes that name what went are dropped (variant-follow.ts). */
function followInVariants(doc: Document, js: Loose, removed: Removed): void {
  arr(js.variants).forEach((v, n) => {
    const patch = obj(v).patch;
    const next = followRemoval(patch, removed).patch;
    if (JSON.stringify(next) === JSON.stringify(patch)) return;
    own(doc, ['variants', n]);
    const node = doc.createNode(next);
    if (isMap(node)) node.flow = false;
    doc.setIn(['variants', n, 'patch'], node);
  });
}

/** The base scenario's value at a patch path (lists of parties, issues, options and documents addressed by id/name). */
export function baseValueAt(base: unknown, path: readonly string[]): unknown {
  let v: unknown = base;
  for (const key of path) {
    if (Array.isArray(v)) v = v.find((x) => (typeof x === 'string' ? x === key : obj(x).id === key || obj(x).name === key));
    else v = obj(v)[key];
    if (v === undefined) return undefined;
  }
  return v;
}

/** An empty list written in block style (items one per line), unlike the `[]` an empty node prints as. */
function blockList(doc: Document): Node {
  const node = doc.createNode([]);
  if (isSeq(node)) node.flow = false;
  return node;
}

// ---------------------------------------------------------------------------
// Renaming an issue or a party: every place the native format names it.

/** What is renamed: an issue (by name) or a party (by id). */
export type Renamed = 'issue' | 'party';

/** A place that names the renamed thing: a key of the map at `path`, or the scalar at `path`. */
export interface NameSite {
  readonly kind: 'key' | 'value';
  readonly path: Path;
}

/** Whether the keys of the map at `path` (scenario or patch terms) are issue names. */
function keysAreIssues(path: Path): boolean {
  const n = path.length;
  const last = path[n - 1];
  const prev = path[n - 2];
  if (n === 1 && last === 'issues') return true; // a patch's issues by name
  if ((last === 'weights' || last === 'values') && prev === 'preferences') return true;
  if (last === 'outcome' && prev === 'reservation') return true;
  if (last === 'when' && typeof prev === 'number' && path[n - 3] === 'redLines') return true;
  if ((last === 'includes' || last === 'excludes') && typeof prev === 'number' && path[n - 3] === 'constraints') return true;
  return false;
}

/** Whether the scalar at `path` is an issue name. */
function valueIsIssue(path: Path): boolean {
  const [a, b, c, d] = path;
  if (path.length === 3 && a === 'issues' && typeof b === 'number' && c === 'name') return true;
  return path.length === 4 && a === 'questions' && typeof b === 'number' && c === 'issues' && typeof d === 'number';
}

/** Whether the keys of the map at `path` are party ids (a patch's parties by id). */
const keysAreParties = (path: Path): boolean => path.length === 1 && path[0] === 'parties';

/** Whether the scalar at `path` is a party id. */
function valueIsParty(path: Path): boolean {
  const [a, b, c] = path;
  if (path.length === 3 && a === 'parties' && typeof b === 'number' && c === 'id') return true;
  if (path.length === 3 && a === 'agreement' && (b === 'voters' || b === 'required') && typeof c === 'number') return true;
  return path.length === 3 && a === 'questions' && typeof b === 'number' && (c === 'party' || c === 'mediator' || c === 'protects');
}

/**
 * Every place a scenario (or a variant's patch: the same terms, parties and issues addressed by
 * id/name in maps) names the issue or party `name`, in the plain value `js`.
 */
export function nameSites(js: unknown, what: Renamed, name: string): NameSite[] {
  const keys = what === 'issue' ? keysAreIssues : keysAreParties;
  const values = what === 'issue' ? valueIsIssue : valueIsParty;
  const out: NameSite[] = [];
  const walk = (v: unknown, path: Path): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') {
      const o = v as Loose;
      if (keys(path) && Object.hasOwn(o, name)) out.push({ kind: 'key', path });
      for (const [k, x] of Object.entries(o)) walk(x, [...path, k]);
    } else if (v === name && values(path)) out.push({ kind: 'value', path });
  };
  walk(js, []);
  return out;
}

/** Renames the key `from` of the map at `path` (made this place's own first), keeping the entry's place. */
function renameKey(doc: Document, path: Path, from: string, to: string): void {
  const map = own(doc, path);
  if (!isMap(map)) return;
  const pair = map.items.find((it) => String(isScalar(it.key) ? it.key.value : it.key) === from);
  if (!pair) return;
  if (isScalar(pair.key)) pair.key.value = to;
  else pair.key = doc.createNode(to);
}

function renameAt(doc: Document, sites: readonly NameSite[], from: string, to: string, prefix: Path = []): void {
  for (const site of sites) {
    const path = [...prefix, ...site.path];
    if (site.kind === 'key') renameKey(doc, path, from, to);
    else {
      const node = own(doc, path);
      if (isScalar(node)) node.value = to;
      else doc.setIn(path, to);
    }
  }
}

/** Renames in the base (with its questions) and in every variant's patch. */
function renameEverywhere(doc: Document, js: Loose, what: Renamed, from: string, to: string): void {
  const { variants, ...base } = js;
  renameAt(doc, nameSites(base, what, from), from, to);
  arr(variants).forEach((v, n) => renameAt(doc, nameSites(obj(v).patch, what, from), from, to, ['variants', n, 'patch']));
}

/** Issue names a variant's patch adds (`issues.<name>` keys), which a rename must not take either. */
const patchIssueNames = (js: Loose): string[] => arr(js.variants).flatMap((v) => Object.keys(obj(obj(obj(v).patch).issues)));
const patchPartyIds = (js: Loose): string[] => arr(js.variants).flatMap((v) => Object.keys(obj(obj(obj(v).patch).parties)));

/**
 * Renames an issue everywhere the scenario names it: the issue, every party's weights and value
 * functions, constraint regions, red-line conditions and reservation outcomes, the questions'
 * issue lists, and the same places in every variant's patch. Refuses an empty name or one taken.
 */
export function renameIssue(source: string, from: string, to: string): string {
  const name = to.trim();
  return edit(source, (doc) => {
    const js = plain(doc);
    if (indexBy(js, 'issues', 'name', from) < 0) throw new Error(`no issue "${from}"`);
    if (name === '') throw new Error('an issue needs a name');
    if (name === from) return;
    if (indexBy(js, 'issues', 'name', name) >= 0 || patchIssueNames(js).includes(name)) throw new Error(`there is already an issue "${name}"`);
    renameEverywhere(doc, js, 'issue', from, name);
  });
}

/**
 * Renames a party's id everywhere the scenario names it: the party, the agreement rule's voters
 * and required parties, the questions (conceding party, mediator, protected party), and in
 * every variant's patch its changes of the party (`parties.<id>`) and its rule's lists.
 * Refuses an empty id (the schema's one rule for ids) and an id taken.
 */
export function renameParty(source: string, from: string, to: string): string {
  const id = to.trim();
  return edit(source, (doc) => {
    const js = plain(doc);
    if (indexBy(js, 'parties', 'id', from) < 0) throw new Error(`no party "${from}"`);
    if (id === '') throw new Error('a party needs an id');
    if (id === from) return;
    if (indexBy(js, 'parties', 'id', id) >= 0 || patchPartyIds(js).includes(id)) throw new Error(`there is already a party "${id}"`);
    renameEverywhere(doc, js, 'party', from, id);
  });
}
