import { describeRule, ruleQuorum, ruleRequired, ruleVoters } from './agreement-rule.ts';
import { describeIssueDomain, issueSize, issueValueAt, type IssueValue } from './issue.ts';
import { OutcomeSpace } from './outcome-space.ts';
import { compileParty } from './party-evaluator.ts';
import type { Provenance } from './provenance.ts';
import type { Scenario } from './scenario.ts';
import { utilityExtremes } from './extremes.ts';

/** A provenance note, attached to the thing it explains. */
export interface ProvenanceEntry {
  /** What it is about, e.g. `party seller › weight price`. */
  readonly subject: string;
  readonly provenance: Provenance;
}

/**
 * What `parley inspect` shows, as stable JSON (documented in docs/cli.md).
 * Outcome counts above 2^53 are decimal strings.
 */
export interface ScenarioSummary {
  readonly scenario: string;
  readonly description?: string;
  readonly format: string;
  readonly files: readonly string[];
  readonly skipped: readonly { file: string; reason: string }[];
  readonly outcomes: number | string;
  readonly enumerable: boolean;
  readonly issues: readonly {
    name: string;
    type: string;
    size: number;
    domain: string;
    values?: readonly IssueValue[];
    min?: number;
    max?: number;
  }[];
  readonly parties: readonly {
    id: string;
    name: string;
    role: string;
    preferences: 'linear-additive' | 'constraints' | null;
    reservation: number | null;
    discount: { factor: number; per: string } | null;
    redLines: readonly string[];
    best: { outcome: Record<string, IssueValue>; utility: number } | null;
    worst: { outcome: Record<string, IssueValue>; utility: number } | null;
    extremesExact: boolean;
  }[];
  readonly agreement: { rule: string; description: string; voters: readonly string[]; required: readonly string[]; quorum: number };
  readonly variants: readonly { id: string; description?: string }[];
  readonly provenance: readonly ProvenanceEntry[];
}

/** What `parley inspect` shows: parties, issues, number of outcomes, each party's best and worst outcome, the rule, variants, sources and assumptions. */
export function summarizeScenario(s: Scenario): ScenarioSummary {
  const space = new OutcomeSpace(s.issues);
  const provenance = collectProvenance(s);
  return {
    scenario: s.name,
    ...(s.description ? { description: s.description } : {}),
    format: s.origin?.format ?? 'parley',
    files: s.origin?.files ?? [],
    skipped: s.origin?.skipped ?? [],
    outcomes: space.sizeJson,
    enumerable: space.isEnumerable(),
    issues: s.issues.map((i) => ({
      name: i.name,
      type: i.type,
      size: issueSize(i),
      domain: describeIssueDomain(i),
      ...(i.type === 'categorical' ? { values: i.options.map((o) => o.name) } : { min: i.min, max: i.max }),
    })),
    parties: s.parties.map((p) => {
      const ev = compileParty(space, p);
      const ex = ev.ufun ? utilityExtremes(space, ev.ufun) : undefined;
      return {
        id: p.id,
        name: p.name,
        role: p.role,
        preferences: p.preferences?.type ?? null,
        reservation: ev.reservationValue !== undefined && Number.isFinite(ev.reservationValue) ? ev.reservationValue : null,
        discount: p.discount && p.discount.factor > 0 && p.discount.factor < 1 ? { factor: p.discount.factor, per: p.discount.per } : null,
        redLines: (p.redLines ?? []).map((l) => l.description),
        best: ex ? { outcome: space.toRecord(ex.best.outcome), utility: ex.best.utility } : null,
        worst: ex ? { outcome: space.toRecord(ex.worst.outcome), utility: ex.worst.utility } : null,
        extremesExact: ex?.exact ?? true,
      };
    }),
    agreement: {
      rule: s.agreement.type,
      description: describeRule(s.agreement, s.parties),
      voters: ruleVoters(s.agreement, s.parties),
      required: ruleRequired(s.agreement, s.parties),
      quorum: ruleQuorum(s.agreement, s.parties),
    },
    variants: (s.variants ?? []).map((v) => ({ id: v.id, ...(v.description ? { description: v.description } : {}) })),
    provenance,
  };
}

/** Every provenance note in the scenario, with what it is attached to. */
export function collectProvenance(s: Scenario): ProvenanceEntry[] {
  const out: ProvenanceEntry[] = [];
  const add = (subject: string, p: Provenance | undefined) => {
    if (p && ((p.sources?.length ?? 0) > 0 || p.assumption)) out.push({ subject, provenance: p });
  };
  add('scenario', s.provenance);
  for (const issue of s.issues) {
    add(`issue ${issue.name}`, issue.provenance);
    if (issue.type === 'categorical') for (const o of issue.options) add(`issue ${issue.name} › option ${o.name}`, o.provenance);
  }
  for (const p of s.parties) {
    add(`party ${p.id}`, p.provenance);
    add(`party ${p.id} › reservation`, p.reservation?.provenance);
    for (const l of p.redLines ?? []) add(`party ${p.id} › red line "${l.description}"`, l.provenance);
    const pr = p.preferences;
    add(`party ${p.id} › preferences`, pr?.provenance);
    if (pr?.type === 'linear-additive') {
      s.issues.forEach((issue, i) => {
        add(`party ${p.id} › weight ${issue.name}`, pr.weightProvenance?.[i]);
        add(`party ${p.id} › values ${issue.name}`, pr.valueProvenance?.[i]);
      });
    }
  }
  add('agreement rule', s.agreement.provenance);
  for (const v of s.variants ?? []) add(`variant ${v.id}`, v.provenance);
  return out;
}

/** An outcome's value for one issue, for display. */
export function valueName(s: Scenario, issue: number, position: number): IssueValue {
  return issueValueAt(s.issues[issue]!, position);
}
