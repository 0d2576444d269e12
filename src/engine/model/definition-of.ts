import type { Issue } from './issue.ts';
import { issueValueAt } from './issue.ts';
import type { Party } from './party.ts';
import type { Preferences } from './preferences.ts';
import type { Provenance } from './provenance.ts';
import type { RedLine } from './red-line.ts';
import type { Scenario } from './scenario.ts';
import type { ValueFunction } from './value-function.ts';
import type { AgreementRule } from './agreement-rule.ts';
import type { ScenarioDefinition } from './definition.ts';

type Obj = Record<string, unknown>;

function withProv(o: Obj, p: Provenance | undefined): Obj {
  if (p?.sources?.length) o.sources = p.sources.map((s) => ({ ...s }));
  if (p?.assumption) o.assumption = p.assumption;
  return o;
}

function annotated(value: number, p: Provenance | undefined): unknown {
  return p ? withProv({ value }, p) : value;
}

/**
 * The scenario as a definition (plain data, names instead of positions): what
 * `buildScenario` builds it back from, what the native format prints (with its
 * version field) and what variant patches are merged into.
 */
export function scenarioDefinition(s: Scenario): ScenarioDefinition {
  const doc: Obj = { name: s.name };
  if (s.description) doc.description = s.description;
  withProv(doc, s.provenance);
  if (s.documents?.length) doc.documents = s.documents.map((d) => ({ ...d }));
  doc.issues = s.issues.map(issueDoc);
  doc.parties = s.parties.map((p) => partyDoc(p, s.issues));
  doc.agreement = agreementDoc(s.agreement);
  if (s.variants?.length)
    doc.variants = s.variants.map((v) => withProv({ id: v.id, ...(v.description ? { description: v.description } : {}), patch: v.patch }, v.provenance));
  if (s.questions?.length) doc.questions = s.questions.map(({ provenance, ...q }) => withProv({ ...q, ...('issues' in q && q.issues ? { issues: [...q.issues] } : {}), ...('variants' in q ? { variants: [...q.variants] } : {}) }, provenance));
  return doc as ScenarioDefinition;
}

function issueDoc(i: Issue): Obj {
  const o: Obj = { name: i.name };
  if (i.description) o.description = i.description;
  withProv(o, i.provenance);
  if (i.type === 'categorical') {
    o.options = i.options.map((op) =>
      op.description || op.provenance ? withProv({ name: op.name, ...(op.description ? { description: op.description } : {}) }, op.provenance) : op.name,
    );
  } else {
    o.type = i.type;
    o.min = i.min;
    o.max = i.max;
    if (i.type === 'real') o.steps = i.steps;
  }
  return o;
}

/** Issue values at positions [from, to], as a region spec. */
function region(issue: Issue, from: number, to: number): unknown {
  if (issue.type === 'categorical') return issue.options.slice(from, to + 1).map((o) => o.name);
  return { min: issueValueAt(issue, from), max: issueValueAt(issue, to) };
}

function partyDoc(p: Party, issues: readonly Issue[]): Obj {
  const o: Obj = { id: p.id, name: p.name, role: p.role };
  if (p.description) o.description = p.description;
  withProv(o, p.provenance);
  if (p.reservation) {
    const r = p.reservation;
    if ('value' in r) {
      if (Number.isFinite(r.value)) o.reservation = annotated(r.value, r.provenance);
    } else {
      const outcome: Obj = {};
      issues.forEach((issue, i) => (outcome[issue.name] = issueValueAt(issue, r.outcome[i]!)));
      o.reservation = withProv({ outcome }, r.provenance);
    }
  }
  if (p.discount) o.discount = { factor: p.discount.factor, per: p.discount.per };
  if (p.redLines?.length) o.redLines = p.redLines.map((l) => redLineDoc(l, issues));
  if (p.preferences) o.preferences = preferencesDoc(p.preferences, issues);
  return o;
}

function redLineDoc(l: RedLine, issues: readonly Issue[]): Obj {
  const when: Obj = {};
  for (const c of l.conditions) {
    const issue = issues[c.issue]!;
    when[issue.name] = 'anyOf' in c ? c.anyOf.map((k) => issueValueAt(issue, k)) : region(issue, c.from, c.to);
  }
  return withProv({ ...(l.id ? { id: l.id } : {}), description: l.description, when }, l.provenance);
}

function valueDoc(f: ValueFunction, issue: Issue): unknown {
  switch (f.type) {
    case 'table': {
      const t: Obj = {};
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

function preferencesDoc(pr: Preferences, issues: readonly Issue[]): Obj {
  if (pr.type === 'constraints') {
    return withProv(
      {
        type: 'constraints',
        aggregation: pr.aggregation,
        normalizer: pr.normalizer,
        constraints: pr.constraints.map((c) => {
          const reg: Obj = {};
          for (const b of c.bounds) reg[issues[b.issue]!.name] = region(issues[b.issue]!, b.min, b.max);
          return { utility: c.utility, weight: c.weight, [c.mode]: reg };
        }),
      },
      pr.provenance,
    );
  }
  const weights: Obj = {};
  const values: Obj = {};
  issues.forEach((issue, i) => {
    weights[issue.name] = annotated(pr.weights[i] ?? 0, pr.weightProvenance?.[i]);
    const f = pr.values[i];
    const vp = pr.valueProvenance?.[i];
    if (f) {
      const d = valueDoc(f, issue);
      values[issue.name] = vp ? withProv(f.type === 'table' ? { type: 'table', values: d } : (d as Obj), vp) : d;
    }
  });
  return withProv({ type: 'linear-additive', weights, values }, pr.provenance);
}

function agreementDoc(a: AgreementRule): Obj {
  const o: Obj = { rule: a.type };
  if (a.type === 'quorum') o.k = a.k;
  if (a.voters) o.voters = [...a.voters];
  if (a.type === 'quorum') o.required = [...a.required];
  return withProv(o, a.provenance);
}
