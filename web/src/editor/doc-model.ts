// The scenario text as the form editor reads it: a typed view of the YAML as written (numbers kept
// as their text, so a field shows what was typed even when it does not read), tolerant of errors.
import { parse as parseYaml } from 'yaml';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** A number as written: plain (`0.4`) or annotated (`{value: 0.4, …}`); '' when absent. */
export function numberText(v: unknown): string {
  const x = v && typeof v === 'object' && !Array.isArray(v) && 'value' in (v as Loose) ? (v as Loose).value : v;
  return x === undefined || x === null ? '' : typeof x === 'object' ? '' : String(x);
}

export interface SourceDoc {
  readonly quote: string;
  readonly document?: string;
  readonly locator?: string;
}

/** What an element says about where it comes from. */
export interface ProvenanceDoc {
  readonly assumption?: string;
  readonly sources: readonly SourceDoc[];
}

export interface OptionDoc {
  readonly name: string;
  readonly description?: string;
  readonly provenance: ProvenanceDoc;
}

export interface IssueDoc {
  readonly name: string;
  readonly description?: string;
  readonly kind: 'categorical' | 'integer' | 'real';
  readonly options: readonly OptionDoc[];
  readonly min: string;
  readonly max: string;
  readonly steps: string;
  readonly provenance: ProvenanceDoc;
}

export type ValueFunctionDoc =
  | { readonly kind: 'table'; readonly entries: Readonly<Record<string, string>>; readonly provenance: ProvenanceDoc }
  | { readonly kind: 'other'; readonly type: string; readonly raw: unknown };

export type ConditionDoc = { readonly kind: 'options'; readonly options: readonly string[] } | { readonly kind: 'range'; readonly min: string; readonly max: string };

export interface RedLineDoc {
  readonly id?: string;
  readonly description?: string;
  readonly when: Readonly<Record<string, ConditionDoc>>;
  readonly provenance: ProvenanceDoc;
}

export type ReservationDoc = { readonly kind: 'none' } | { readonly kind: 'number'; readonly text: string; readonly provenance: ProvenanceDoc } | { readonly kind: 'outcome'; readonly outcome: Readonly<Record<string, string>> };

export interface PartyDoc {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly role: 'negotiator' | 'mediator' | 'observer';
  /** Linear-additive preferences (weights and value functions), constraint-based ones, or none. */
  readonly preferences: 'linear' | 'constraints' | 'none';
  readonly weights: Readonly<Record<string, string>>;
  readonly weightProvenance: Readonly<Record<string, ProvenanceDoc>>;
  readonly values: Readonly<Record<string, ValueFunctionDoc>>;
  readonly reservation: ReservationDoc;
  readonly redLines: readonly RedLineDoc[];
  readonly provenance: ProvenanceDoc;
}

export interface AgreementDoc {
  readonly rule: 'unanimity' | 'quorum';
  readonly k: string;
  /** null: the default (the negotiators). */
  readonly voters: readonly string[] | null;
  readonly required: readonly string[];
  readonly provenance: ProvenanceDoc;
}

export interface VariantDoc {
  readonly id: string;
  readonly description?: string;
  readonly patch: Readonly<Record<string, unknown>>;
  readonly provenance: ProvenanceDoc;
}

export interface ScenarioDoc {
  readonly name: string;
  readonly description?: string;
  readonly documents: readonly { readonly id: string; readonly title?: string }[];
  readonly issues: readonly IssueDoc[];
  readonly parties: readonly PartyDoc[];
  readonly agreement: AgreementDoc;
  readonly variants: readonly VariantDoc[];
  readonly provenance: ProvenanceDoc;
}

function provenanceOf(v: unknown): ProvenanceDoc {
  const o = obj(v);
  const assumption = str(o.assumption);
  const sources = arr(o.sources).map((s) => {
    const x = obj(s);
    const document = str(x.document);
    const locator = str(x.locator);
    return { quote: str(x.quote) ?? '', ...(document !== undefined ? { document } : {}), ...(locator !== undefined ? { locator } : {}) };
  });
  return { ...(assumption !== undefined ? { assumption } : {}), sources };
}

const opt = <K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> => (v !== undefined ? ({ [key]: v } as Record<K, string>) : {});

function readIssue(v: unknown): IssueDoc {
  const o = obj(v);
  const kind = o.options !== undefined ? 'categorical' : o.type === 'real' ? 'real' : 'integer';
  const options = arr(o.options).map((x): OptionDoc => (typeof x === 'string' ? { name: x, provenance: { sources: [] } } : { name: str(obj(x).name) ?? '', ...opt('description', str(obj(x).description)), provenance: provenanceOf(x) }));
  return { name: str(o.name) ?? '', ...opt('description', str(o.description)), kind, options, min: str(o.min) ?? '', max: str(o.max) ?? '', steps: str(o.steps) ?? '', provenance: provenanceOf(o) };
}

function readValueFunction(v: unknown): ValueFunctionDoc {
  const o = obj(v);
  if (o.type === undefined || o.type === 'table') {
    const table = o.type === 'table' ? obj(o.values) : o;
    return { kind: 'table', entries: Object.fromEntries(Object.entries(table).map(([k, x]) => [k, numberText(x)])), provenance: o.type === 'table' ? provenanceOf(o) : { sources: [] } };
  }
  return { kind: 'other', type: str(o.type) ?? '', raw: v };
}

function readCondition(v: unknown): ConditionDoc {
  if (Array.isArray(v)) return { kind: 'options', options: v.map((x) => str(x) ?? '') };
  const o = obj(v);
  return { kind: 'range', min: str(o.min) ?? '', max: str(o.max) ?? '' };
}

function readReservation(v: unknown): ReservationDoc {
  if (v === undefined || v === null) return { kind: 'none' };
  const o = obj(v);
  if ('outcome' in o) return { kind: 'outcome', outcome: Object.fromEntries(Object.entries(obj(o.outcome)).map(([k, x]) => [k, str(x) ?? ''])) };
  return { kind: 'number', text: numberText(v), provenance: provenanceOf(v) };
}

function readParty(v: unknown): PartyDoc {
  const o = obj(v);
  const prefs = obj(o.preferences);
  const preferences = o.preferences === undefined ? 'none' : prefs.type === 'constraints' ? 'constraints' : 'linear';
  const weights = obj(prefs.weights);
  const role = o.role === 'mediator' || o.role === 'observer' ? o.role : 'negotiator';
  return {
    id: str(o.id) ?? '',
    ...opt('name', str(o.name)),
    ...opt('description', str(o.description)),
    role,
    preferences,
    weights: preferences === 'linear' ? Object.fromEntries(Object.entries(weights).map(([k, x]) => [k, numberText(x)])) : {},
    weightProvenance: Object.fromEntries(Object.entries(weights).map(([k, x]) => [k, provenanceOf(x)])),
    values: preferences === 'linear' ? Object.fromEntries(Object.entries(obj(prefs.values)).map(([k, x]) => [k, readValueFunction(x)])) : {},
    reservation: readReservation(o.reservation),
    redLines: arr(o.redLines).map((r) => {
      const x = obj(r);
      return { ...opt('id', str(x.id)), ...opt('description', str(x.description)), when: Object.fromEntries(Object.entries(obj(x.when)).map(([k, c]) => [k, readCondition(c)])), provenance: provenanceOf(x) };
    }),
    provenance: provenanceOf(o),
  };
}

/** The typed document, or null when the text is not YAML (or not a mapping). */
export function readDoc(source: string): ScenarioDoc | null {
  let js: unknown;
  try {
    js = parseYaml(source, { maxAliasCount: 100 });
  } catch {
    return null;
  }
  if (!js || typeof js !== 'object' || Array.isArray(js)) return null;
  const o = js as Loose;
  const agreement = obj(o.agreement);
  return {
    name: str(o.name) ?? '',
    ...opt('description', str(o.description)),
    documents: arr(o.documents).map((d) => ({ id: str(obj(d).id) ?? '', ...opt('title', str(obj(d).title)) })),
    issues: arr(o.issues).map(readIssue),
    parties: arr(o.parties).map(readParty),
    agreement: {
      rule: agreement.rule === 'quorum' ? 'quorum' : 'unanimity',
      k: str(agreement.k) ?? '',
      voters: agreement.voters === undefined ? null : arr(agreement.voters).map((x) => str(x) ?? ''),
      required: arr(agreement.required).map((x) => str(x) ?? ''),
      provenance: provenanceOf(agreement),
    },
    variants: arr(o.variants).map((v) => {
      const x = obj(v);
      return { id: str(x.id) ?? '', ...opt('description', str(x.description)), patch: obj(x.patch), provenance: provenanceOf(x) };
    }),
    provenance: provenanceOf(o),
  };
}

/** Every quote the scenario already uses, once each (to pick from when adding a source). */
export function knownQuotes(source: string): SourceDoc[] {
  let js: unknown;
  try {
    js = parseYaml(source, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  const seen = new Map<string, SourceDoc>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Loose)) {
        if (k === 'sources') for (const s of provenanceOf({ sources: x }).sources) if (s.quote && !seen.has(s.quote)) seen.set(s.quote, s);
        walk(x);
      }
    }
  };
  walk(js);
  return [...seen.values()];
}
