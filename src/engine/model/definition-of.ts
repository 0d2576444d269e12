import type { Issue } from './issue.ts';
import { issueValueAt } from './issue.ts';
import type { Party } from './party.ts';
import type { Preferences } from './preferences.ts';
import type { Provenance } from './provenance.ts';
import type { RedLine } from './red-line.ts';
import type { Scenario } from './scenario.ts';
import type { ValueFunction } from './value-function.ts';
import type { AgreementRule } from './agreement-rule.ts';
import type {
  AgreementDefinition,
  AnnotatedNumber,
  IssueDefinition,
  OptionDefinition,
  PartyDefinition,
  PreferencesDefinition,
  QuestionDefinition,
  RedLineDefinition,
  RegionDefinition,
  ScenarioDefinition,
  ValueFunctionDefinition,
} from './definition.ts';

// The scenario back as a definition: positions become names again. Keys are set in the order a
// printed scenario file shows them.

type Prov = { sources?: { quote: string; document?: string; locator?: string }[]; assumption?: string };

function withProv<T extends object>(o: T, p: Provenance | undefined): T & Prov {
  const out = o as T & Prov;
  if (p?.sources?.length) out.sources = p.sources.map((s) => ({ ...s }));
  if (p?.assumption) out.assumption = p.assumption;
  return out;
}

function annotated(value: number, p: Provenance | undefined): AnnotatedNumber {
  return p ? withProv({ value }, p) : value;
}

/**
 * The scenario as a definition (plain data, names instead of positions): what
 * `buildScenario` builds it back from, what the native format prints (with its
 * version field) and what variant patches are merged into.
 */
export function scenarioDefinition(s: Scenario): ScenarioDefinition {
  const doc: Omit<ScenarioDefinition, 'issues' | 'parties'> & Partial<Pick<ScenarioDefinition, 'issues' | 'parties'>> = { name: s.name };
  if (s.description) doc.description = s.description;
  withProv(doc, s.provenance);
  if (s.documents?.length) doc.documents = s.documents.map((d) => ({ ...d }));
  doc.issues = s.issues.map(issueDoc);
  doc.parties = s.parties.map((p) => partyDoc(p, s.issues));
  doc.agreement = agreementDoc(s.agreement);
  if (s.variants?.length)
    doc.variants = s.variants.map((v) => withProv({ id: v.id, ...(v.description ? { description: v.description } : {}), patch: v.patch as Record<string, unknown> }, v.provenance));
  if (s.questions?.length)
    doc.questions = s.questions.map(({ provenance, ...q }) =>
      withProv({ ...q, ...('issues' in q && q.issues ? { issues: [...q.issues] } : {}), ...('variants' in q ? { variants: [...q.variants] } : {}) } as QuestionDefinition, provenance),
    );
  return { ...doc, issues: doc.issues, parties: doc.parties };
}

function issueDoc(i: Issue): IssueDefinition {
  const base = withProv({ name: i.name, ...(i.description ? { description: i.description } : {}) }, i.provenance);
  if (i.type === 'categorical') {
    const options = i.options.map((op): OptionDefinition =>
      op.description || op.provenance ? withProv({ name: op.name, ...(op.description ? { description: op.description } : {}) }, op.provenance) : op.name,
    );
    return { ...base, options };
  }
  if (i.type === 'integer') return { ...base, type: 'integer', min: i.min, max: i.max };
  return { ...base, type: 'real', min: i.min, max: i.max, steps: i.steps };
}

/** Issue values at positions [from, to], as a region spec. */
function region(issue: Issue, from: number, to: number): RegionDefinition[string] {
  if (issue.type === 'categorical') return issue.options.slice(from, to + 1).map((o) => o.name);
  return { min: issueValueAt(issue, from) as number, max: issueValueAt(issue, to) as number };
}

function partyDoc(p: Party, issues: readonly Issue[]): PartyDefinition {
  const o: PartyDefinition = withProv({ id: p.id, name: p.name, role: p.role, ...(p.description ? { description: p.description } : {}) }, p.provenance);
  if (p.reservation) {
    const r = p.reservation;
    if ('value' in r) {
      if (Number.isFinite(r.value)) o.reservation = annotated(r.value, r.provenance);
    } else {
      const outcome: Record<string, string | number> = {};
      issues.forEach((issue, i) => (outcome[issue.name] = issueValueAt(issue, r.outcome[i]!)));
      o.reservation = withProv({ outcome }, r.provenance);
    }
  }
  if (p.discount) o.discount = { factor: p.discount.factor, per: p.discount.per };
  if (p.redLines?.length) o.redLines = p.redLines.map((l) => redLineDoc(l, issues));
  if (p.preferences) o.preferences = preferencesDoc(p.preferences, issues);
  return o;
}

function redLineDoc(l: RedLine, issues: readonly Issue[]): RedLineDefinition {
  const when: RegionDefinition = {};
  for (const c of l.conditions) {
    const issue = issues[c.issue]!;
    when[issue.name] = 'anyOf' in c ? c.anyOf.map((k) => issueValueAt(issue, k)) : region(issue, c.from, c.to);
  }
  return withProv({ ...(l.id ? { id: l.id } : {}), description: l.description, when }, l.provenance);
}

function valueDoc(f: ValueFunction, issue: Issue): ValueFunctionDefinition {
  switch (f.type) {
    case 'table': {
      const t: Record<string, number> = {};
      f.values.forEach((v, k) => (t[String(issueValueAt(issue, k))] = v));
      return t;
    }
    case 'linear':
      return { type: 'linear', slope: f.slope, offset: f.offset, origin: f.origin };
    case 'triangular':
      return { type: 'triangular', low: f.low, peak: f.peak, high: f.high };
    case 'constant':
      return { type: 'constant', value: f.value };
  }
}

function preferencesDoc(pr: Preferences, issues: readonly Issue[]): PreferencesDefinition {
  if (pr.type === 'constraints') {
    return withProv(
      {
        type: 'constraints' as const,
        aggregation: pr.aggregation,
        normalizer: pr.normalizer,
        constraints: pr.constraints.map((c) => {
          const reg: RegionDefinition = {};
          for (const b of c.bounds) reg[issues[b.issue]!.name] = region(issues[b.issue]!, b.min, b.max);
          return { utility: c.utility, weight: c.weight, [c.mode]: reg };
        }),
      },
      pr.provenance,
    );
  }
  const weights: Record<string, AnnotatedNumber> = {};
  const values: Record<string, ValueFunctionDefinition> = {};
  issues.forEach((issue, i) => {
    weights[issue.name] = annotated(pr.weights[i] ?? 0, pr.weightProvenance?.[i]);
    const f = pr.values[i];
    const vp = pr.valueProvenance?.[i];
    if (f) {
      const d = valueDoc(f, issue);
      values[issue.name] = vp ? withProv(f.type === 'table' ? { type: 'table' as const, values: d as Record<string, number> } : d, vp) : d;
    }
  });
  return withProv({ type: 'linear-additive' as const, weights, values }, pr.provenance);
}

function agreementDoc(a: AgreementRule): AgreementDefinition {
  const voters = a.voters ? { voters: [...a.voters] } : {};
  return withProv(a.type === 'quorum' ? { rule: 'quorum' as const, k: a.k, ...voters, required: [...a.required] } : { rule: 'unanimity' as const, ...voters }, a.provenance);
}
