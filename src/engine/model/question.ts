import type { Provenance } from './provenance.ts';

/**
 * A question a scenario declares about itself, answered by the engine for
 * any scenario (see what-if/questions.ts and docs/scenario-format.md).
 * Every type names parties, issues, options and variants of its own
 * scenario; the reader checks that they exist.
 *
 * - `concession`: is there a passing deal in which `party` keeps `keep` on
 *   every issue of `issues`, and what is the smallest concession a deal
 *   every negotiator accepts asks of it?
 * - `mediator-tradeoff`: the deal the `mediator` proposes as it weighs the
 *   utility of `protects` (weight λ) against reaching a deal (1 − λ), as a
 *   curve over λ from 0 to 1.
 * - `variant`: what changes (deals, zone of agreement, Nash deal) if each
 *   of `variants` applies.
 * - `rule`: which deals pass if the agreement rule changes to the rule of
 *   each of `variants` (variants whose patch sets `agreement`).
 */
export type Question = ConcessionQuestion | MediatorTradeoffQuestion | VariantQuestion | RuleQuestion;

/** The four kinds of declared question. */
export type QuestionType = Question['type'];

/** Every question type, in the order the docs list them. */
export const QUESTION_TYPES: readonly QuestionType[] = ['concession', 'mediator-tradeoff', 'variant', 'rule'];

interface QuestionBase {
  /** Unique within the scenario; names the question on the command line (`parley ask SCENARIO ID`). */
  readonly id: string;
  /** The question in plain words, e.g. a quote from the source document. */
  readonly text: string;
  readonly provenance?: Provenance;
}

/** Is there a passing deal in which `party` keeps `keep` on every listed issue? */
export interface ConcessionQuestion extends QuestionBase {
  readonly type: 'concession';
  /** The negotiator whose concessions are studied (linear-additive preferences). */
  readonly party: string;
  /** The option that is no concession; every issue of `issues` has it. */
  readonly keep: string;
  /** The issues on which the party may concede; default: every categorical issue with the option `keep`. */
  readonly issues?: readonly string[];
}

/** The deal the mediator proposes as it weighs `protects`'s utility against reaching a deal, over λ ∈ [0, 1]. */
export interface MediatorTradeoffQuestion extends QuestionBase {
  readonly type: 'mediator-tradeoff';
  /** The mediator whose proposal is modelled. */
  readonly mediator: string;
  /** The party whose utility the mediator weighs with λ. */
  readonly protects: string;
}

/** What changes if each listed variant applies? */
export interface VariantQuestion extends QuestionBase {
  readonly type: 'variant';
  readonly variants: readonly string[];
}

/** Which deals pass if the agreement rule changes to each listed variant's? */
export interface RuleQuestion extends QuestionBase {
  readonly type: 'rule';
  /** Variants that change the agreement rule. */
  readonly variants: readonly string[];
}
