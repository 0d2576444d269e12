import type { ConcessionQuestion, MediatorTradeoffQuestion, Question, QuestionType, RuleQuestion, VariantQuestion } from '../model/question.ts';
import type { Scenario } from '../model/scenario.ts';
import { BASE, compareVariants, type Comparison } from './compare.ts';
import { concessionAnalysis, type ConcessionAnalysis } from './concessions.ts';
import { mediatorTradeoff, type TradeoffAnalysis } from './mediator-tradeoff.ts';
import { baseParameters, buildOutcomeTable, passingMask, scoreTable, type OutcomeTable } from './outcome-table.ts';
import { compareRules, type RuleComparison } from './rule-comparison.ts';

// Answers to the questions a scenario declares (model/question.ts): one module for every scenario,
// no party, issue or option known in advance. Each answer is one plain-language sentence plus the
// numbers behind it.

/** Options of `answerQuestions`. */
export interface QuestionOptions {
  readonly seed?: number;
  /** Agent of the simulated negotiations of rule questions (default boulware). */
  readonly agent?: string;
  readonly rounds?: number;
  /** Answer only these question ids (default: all, in the scenario's order). Unknown ids are errors. */
  readonly only?: readonly string[];
  /** An outcome table of the scenario already built (reused). */
  readonly table?: OutcomeTable;
  /** A rule comparison already computed for the scenario (reused by rule questions that ask about the same variants). */
  readonly rules?: RuleComparison;
}

/** The numbers behind a concession answer. */
export interface ConcessionDetails {
  readonly type: 'concession';
  /** The answer explained in a paragraph. */
  readonly summary: string;
  /** Passing deals in which the party keeps `keep` on every listed issue. */
  readonly passingKeepingAll: number;
  readonly analysis: ConcessionAnalysis;
}

/** The numbers behind a mediator trade-off answer: the curve over λ for each choice of the other term. */
export interface TradeoffDetails {
  readonly type: 'mediator-tradeoff';
  readonly summary: string;
  /** The other term is the negotiators' total utility (the value of reaching a deal). */
  readonly total: TradeoffAnalysis;
  /** The other term is the mediator's own utility (null when it has no preferences). */
  readonly mediator: TradeoffAnalysis | null;
}

/** The numbers behind a variant answer: base and variants side by side. */
export interface VariantDetails {
  readonly type: 'variant';
  readonly summary: string;
  readonly comparison: Comparison;
}

/** The numbers behind a rule answer: each rule's passing deals, best passing deal and simulation. */
export interface RuleDetails {
  readonly type: 'rule';
  readonly summary: string;
  readonly comparison: RuleComparison;
}

/** A question that could not be answered, and why. */
export interface ErrorDetails {
  readonly type: QuestionType;
  readonly summary: string;
  readonly error: string;
}

/** The numbers behind an answer, by question type. */
export type QuestionDetails = ConcessionDetails | TradeoffDetails | VariantDetails | RuleDetails | ErrorDetails;

/** One answered question: `answer` is one plain-language sentence, `details` the numbers behind it. */
export interface QuestionAnswer {
  readonly id: string;
  readonly text: string;
  readonly answer: string;
  readonly details: QuestionDetails;
}

const f3 = (x: number | undefined | null) => (x === undefined || x === null ? '—' : x.toFixed(3));
const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** The scenario's declared questions (in order), answered. Pure and deterministic for a given seed. */
export function answerQuestions(scenario: Scenario, options: QuestionOptions = {}): QuestionAnswer[] {
  const all = scenario.questions ?? [];
  for (const id of options.only ?? [])
    if (!all.some((q) => q.id === id)) throw new RangeError(`unknown question "${id}"; the scenario's questions are: ${all.map((q) => q.id).join(', ') || 'none'}`);
  const asked = options.only ? all.filter((q) => options.only!.includes(q.id)) : all;
  let table = options.table;
  const tableOf = () => (table ??= buildOutcomeTable(scenario, { seed: options.seed }));
  return asked.map((q) => {
    try {
      return answerOne(scenario, q, options, tableOf);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      return { id: q.id, text: q.text, answer: `This question could not be answered: ${error}.`, details: { type: q.type, summary: error, error } };
    }
  });
}

function answerOne(scenario: Scenario, q: Question, options: QuestionOptions, table: () => OutcomeTable): QuestionAnswer {
  switch (q.type) {
    case 'concession':
      return concession(scenario, q, table());
    case 'mediator-tradeoff':
      return tradeoff(scenario, q, table());
    case 'variant':
      return variant(scenario, q, options);
    case 'rule':
      return rule(scenario, q, options);
  }
}

function concession(scenario: Scenario, q: ConcessionQuestion, table: OutcomeTable): QuestionAnswer {
  const c = concessionAnalysis(scenario, { party: q.party, keep: q.keep, issues: q.issues, table });
  // Passing deals in which the party keeps its option on every listed issue.
  const state = scoreTable(table, baseParameters(table));
  const pass = passingMask(state);
  const n = table.space.issueCount;
  const cols = c.issues.map((name) => {
    const i = table.space.issueIndex(name);
    const issue = table.space.issues[i]!;
    return { i, pos: issue.type === 'categorical' ? issue.options.findIndex((o) => o.name === q.keep) : -1 };
  });
  let keeping = 0;
  for (let j = 0; j < table.rows; j++) if (pass[j] === 1 && cols.every(({ i, pos }) => table.digits[j * n + i] === pos)) keeping++;

  const always = c.options.filter((o) => o.rationalPresence === 'all' && o.option !== c.keep);
  const never = c.options.filter((o) => o.rationalPresence === 'none');
  const noDealAt = c.sweep.find((p) => p.rational === 0);
  const noneText = never.length ? `${never.length} options appear in none (e.g. ${never.slice(0, 3).map((o) => `${o.issue}=${o.option}`).join(', ')}). ` : 'Every option appears in some rational deal. ';
  const alwaysText = always.length ? `Options in every rational deal: ${always.map((o) => `${o.issue}=${o.option}`).join(', ')}. ` : 'No conceded option is in every rational deal. ';
  const sweepText = noDealAt ? `With ${c.party}'s reservation at ${f3(noDealAt.reservation)} or above, no deal is rational.` : `Across the reservation sweep a rational deal always exists.`;
  const summary = !c.minimum
    ? `Under the stated assumptions no deal is acceptable to every negotiator.`
    : c.minimum.loss === 0
      ? `Under the stated assumptions ${c.rational} deals are acceptable to every negotiator, and ${c.minimum.deals} of them ask no concession of ${c.party}; the largest concession a rational deal asks costs it ${f3(c.maximumLoss)} in utility. ${alwaysText}${noneText}${sweepText}`
      : `Under the stated assumptions ${c.rational} deals are acceptable to every negotiator, and every one of them asks ${c.party} to concede something: ` +
        `the smallest concession costs it ${f3(c.minimum.loss)} in utility (${c.minimum.concessions.join(', ') || 'none'}). ${alwaysText}${noneText}${sweepText}`;
  const on = `${c.keep} on ${c.issues.length === 1 ? c.issues[0] : `all of ${list(c.issues)}`}`;
  const answer =
    keeping > 0
      ? `Yes: ${keeping} passing deal${keeping === 1 ? '' : 's'} let ${c.party} keep ${on}.`
      : c.minimum
        ? `No: no passing deal lets ${c.party} keep ${on}, and the smallest concession a deal every negotiator accepts asks of it costs ${f3(c.minimum.loss)} in utility (${c.minimum.concessions.join(', ') || 'none'}).`
        : `No: no passing deal lets ${c.party} keep ${on}, and no deal is acceptable to every negotiator.`;
  return { id: q.id, text: q.text, answer, details: { type: 'concession', summary, passingKeepingAll: keeping, analysis: c } };
}

function tradeoff(scenario: Scenario, q: MediatorTradeoffQuestion, table: OutcomeTable): QuestionAnswer {
  const total = mediatorTradeoff(scenario, { mediator: q.mediator, protected: q.protects, objective: 'total', table });
  const hasOwn = !!table.parties.find((p) => p.id === q.mediator)?.baseUtility;
  const own = hasOwn ? mediatorTradeoff(scenario, { mediator: q.mediator, protected: q.protects, objective: 'mediator', table }) : null;
  const p = q.protects;
  const others = table.negotiators.map((k) => table.parties[k]!.id).filter((id) => id !== p && table.parties.find((x) => x.id === id)?.baseUtility);
  const describeCurve = (t: TradeoffAnalysis, other: string) => {
    const firstAccepted = t.segments.find((s) => s.protectedAccepts);
    const first = t.segments[0]?.utilities;
    const last = t.segments.at(-1)?.utilities;
    return (
      `Maximising λ·U(${p}) + (1 − λ)·${other}, its pick changes ${t.segments.length - 1} time${t.segments.length === 2 ? '' : 's'} as λ goes from 0 to 1; ` +
      `${p}'s utility goes from ${f3(first?.[p])} to ${f3(last?.[p])}${others.map((o) => ` and ${o}'s from ${f3(first?.[o])} to ${f3(last?.[o])}`).join('')}; ` +
      (firstAccepted
        ? firstAccepted.from === 0
          ? `every pick is a deal ${p} itself accepts.`
          : `from λ = ${f3(firstAccepted.from)} on, the pick is a deal ${p} itself accepts.`
        : `no pick is a deal ${p} accepts.`)
    );
  };
  const summary =
    `The mediator picks among the ${total.candidates} deals ${others.length ? list(others) : 'every other negotiator'} accept${others.length === 1 ? 's' : ''}. ` +
    `${describeCurve(total, `(the negotiators' total utility)`)}` +
    (own ? ` With its own preferences as the other term: ${describeCurve(own, `U(${q.mediator})`)}` : '');
  let answer: string;
  if (total.segments.length === 0) answer = `No deal is acceptable to every negotiator other than ${p}, so ${q.mediator} has nothing to propose.`;
  else {
    const firstAccepted = total.segments.find((s) => s.protectedAccepts);
    const from = total.segments[0]!.utilities[p];
    const to = total.segments.at(-1)!.utilities[p];
    answer =
      `As ${q.mediator} shifts its weight from reaching a deal (λ = 0) to ${p}'s interests (λ = 1), its proposal changes ${total.segments.length - 1} time${total.segments.length === 2 ? '' : 's'} and ${p}'s utility goes from ${f3(from)} to ${f3(to)}; ` +
      (firstAccepted
        ? firstAccepted.from === 0
          ? `${p} accepts every proposal.`
          : `${p} itself accepts the proposal from λ = ${f3(firstAccepted.from)} on.`
        : `${p} accepts none of the proposals.`);
  }
  return { id: q.id, text: q.text, answer, details: { type: 'mediator-tradeoff', summary, total, mediator: own } };
}

function variant(scenario: Scenario, q: VariantQuestion, options: QuestionOptions): QuestionAnswer {
  const comparison = compareVariants(scenario, [BASE, ...q.variants], { seed: options.seed });
  const base = comparison.rows[0]!;
  const rows = comparison.rows.filter((r) => r.id !== BASE);
  const summary =
    rows
      .map((r) => {
        const changes = Object.entries(r.nashChange)
          .filter(([, v]) => v !== null)
          .map(([id, v]) => `${id} ${v! >= 0 ? '+' : ''}${f3(v)}`)
          .join(', ');
        return `${r.id}: ${r.rationalExists ? `a zone of agreement survives (${r.rational} rational deals, base ${base.rational})` : 'no zone of agreement'}; Nash utilities change by ${changes || '—'}.`;
      })
      .join(' ') || 'No variant to compare.';
  const clause = (r: (typeof rows)[number]) => {
    if (!r.rationalExists) return `under ${r.id} no deal is acceptable to every negotiator${base.rationalExists ? ` (the base has ${base.rational})` : ''}`;
    const biggest = Object.entries(r.nashChange)
      .filter(([, v]) => v !== null && v !== 0)
      .sort((a, b) => Math.abs(b[1]!) - Math.abs(a[1]!))[0];
    return (
      `under ${r.id} ${r.rational} deals are acceptable to every negotiator (base ${base.rational ?? '?'})` +
      (biggest ? ` and utility at the Nash deal moves most for ${biggest[0]} (${biggest[1]! >= 0 ? '+' : ''}${f3(biggest[1])})` : base.nash ? ' and no utility at the Nash deal changes' : '')
    );
  };
  const answer = rows.length ? `${capital(rows.map(clause).join('; '))}.` : 'No variant to compare.';
  return { id: q.id, text: q.text, answer, details: { type: 'variant', summary, comparison } };
}

function rule(scenario: Scenario, q: RuleQuestion, options: QuestionOptions): QuestionAnswer {
  const ids = [BASE, ...q.variants];
  const reuse = options.rules && options.rules.rules.length === ids.length && options.rules.rules.every((r, k) => r.id === ids[k]);
  const comparison = reuse ? options.rules! : compareRules(scenario, ids, { seed: options.seed, agent: options.agent, rounds: options.rounds });
  const refusedBy = (b: NonNullable<RuleComparison['rules'][number]['bestPassing']>) =>
    Object.entries(b.acceptedByNegotiator)
      .filter(([, ok]) => !ok)
      .map(([id]) => id);
  const summary = comparison.rules
    .map((r) => {
      const b = r.bestPassing;
      const refusing = b ? refusedBy(b) : [];
      return (
        `${r.id} (${r.rule}): ${r.passing ?? `(not counted; ${r.examined} deals examined)`} passing deals${r.passingNotRational ? `, ${r.passingNotRational} of them refused by a negotiator` : ''}; ` +
        (b ? `best by Nash over the voters gives ${Object.entries(b.utilities).map(([id, u]) => `${id} ${f3(u)}`).join(', ')}${refusing.length ? ` (refused by ${refusing.join(', ')})` : ''}` : 'no deal passes') +
        '.'
      );
    })
    .join(' ');
  const base = comparison.rules[0]!;
  const clause = (r: RuleComparison['rules'][number]) => {
    const refusing = r.bestPassing ? refusedBy(r.bestPassing) : [];
    return (
      `under ${r.id} (${r.rule}) ${r.passing ?? 'an uncounted number of'} deals pass` +
      (r.passingNotRational ? `, ${r.passingNotRational} of them refused by a negotiator` : '') +
      (refusing.length ? `, and the best passing deal is one ${list(refusing)} would refuse` : '')
    );
  };
  const answer = `Under the rule as written (${base.rule}) ${base.passing ?? 'an uncounted number of'} deals pass; ${comparison.rules.slice(1).map(clause).join('; ')}.`;
  return { id: q.id, text: q.text, answer, details: { type: 'rule', summary, comparison } };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
