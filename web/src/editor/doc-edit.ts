// Structured edits of a native scenario's YAML text, and its diagnostics, for the editor screen.
import { ScenarioError, readNative } from 'parley';
import type { Diagnostic, Scenario } from 'parley';
import { isAlias, isMap, isNode, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';

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

type Path = (string | number)[];

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

export type NewIssue = { readonly name: string; readonly type: 'categorical'; readonly option: string } | { readonly name: string; readonly type: 'integer'; readonly min: string; readonly max: string };

/**
 * Appends an issue (categorical with its first option, or integer min..max). Every party with
 * linear-additive preferences gets weight 0 and value 0 for it, so the scenario stays valid.
 */
export function addIssue(source: string, issue: NewIssue): string {
  return edit(source, (doc) => {
    const js = plain(doc);
    const name = issue.name.trim();
    if (indexBy(js, 'issues', 'name', name) >= 0) throw new Error(`there is already an issue "${name}"`);
    const spec: Loose =
      issue.type === 'categorical' ? { name, options: [issue.option.trim()] } : { name, type: 'integer', min: typedValue(issue.min), max: typedValue(issue.max) };
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
 * Constraint-based preferences and variant patches are left for the reader to report.
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
 * crossed and is removed. A reservation outcome that uses the option is left for the reader
 * to report, as is an issue left with no option.
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
  });
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
 * Removes a party, its id from the agreement rule's voters and required parties, and the
 * questions that name it (as the conceding party, the mediator or the protected party). A rule
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
    remove(doc, ['parties', p]);
  });
}
