// Structured edits of a native scenario's YAML text, and its diagnostics, for the editor screen.
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { readNative } from '../../../src/engine/formats/native/index.ts';
import { ScenarioError, type Diagnostic } from '../../../src/engine/model/diagnostics.ts';
import type { Scenario } from '../../../src/engine/model/scenario.ts';

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
    const f = doc.getIn(base, true);
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
