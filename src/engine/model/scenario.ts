import type { AgreementRule } from './agreement-rule.ts';
import type { Issue } from './issue.ts';
import type { Party } from './party.ts';
import type { Provenance } from './provenance.ts';
import type { Question } from './question.ts';

/** A document that sources quote from. */
export interface SourceDocument {
  readonly id: string;
  readonly title: string;
  readonly path?: string;
  readonly date?: string;
}

/** The formats parley reads. */
export type ScenarioFormat = 'parley' | 'genius' | 'geniusweb' | 'negmas' | 'llm-deliberation';

/** A negotiation: parties, issues, preferences and the agreement rule. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly provenance?: Provenance;
  readonly documents?: readonly SourceDocument[];
  readonly issues: readonly Issue[];
  readonly parties: readonly Party[];
  readonly agreement: AgreementRule;
  /** Named what-if variants (applied by what-if/variant.ts; patch semantics in docs/scenario-format.md). */
  readonly variants?: readonly ScenarioVariant[];
  /** Questions the scenario asks about itself, answered by what-if/questions.ts. */
  readonly questions?: readonly Question[];
  /** Where the scenario came from (set by importers). */
  readonly origin?: { readonly format: ScenarioFormat; readonly files: readonly string[]; readonly skipped?: readonly SkippedFile[] };
}

/**
 * A named variant of the scenario: a patch in the terms of the scenario
 * definition (model/definition.ts: names, as a scenario file writes them),
 * merged into it (objects by key, issues and parties by name/id, other lists
 * replaced, null removes).
 */
export interface ScenarioVariant {
  readonly id: string;
  readonly description?: string;
  readonly provenance?: Provenance;
  readonly patch: Readonly<Record<string, unknown>>;
}

/** A file given with a scenario that is neither a domain nor a profile (such as GENIUS's `pareto.xml`), and why it was skipped. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export function partyById(s: Scenario, id: string): Party | undefined {
  return s.parties.find((p) => p.id === id);
}

export function negotiators(s: Scenario): Party[] {
  return s.parties.filter((p) => p.role === 'negotiator');
}
