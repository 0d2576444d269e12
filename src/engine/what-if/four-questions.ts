import type { Scenario } from '../model/scenario.ts';
import { BASE, compareVariants, scenarioFor, type Comparison } from './compare.ts';
import { concessionAnalysis, type ConcessionAnalysis } from './concessions.ts';
import { mediatorTradeoff, type TradeoffAnalysis } from './mediator-tradeoff.ts';
import { buildOutcomeTable } from './outcome-table.ts';
import { compareRules, type RuleComparison } from './rule-comparison.ts';

/** The seed article's four open questions, verbatim (lines 23–26). */
export const SEED_QUESTIONS = {
  concessions: 'Will Ukraine agree to territorial concessions?',
  balance: 'How will the U.S. balance Ukraine’s sovereignty with peace negotiations?',
  demands: 'Will Putin’s demands extend beyond the four annexed regions?',
  authority: 'Does Trump have the authority to negotiate land deals without Ukraine’s direct approval?',
} as const;

export interface FourQuestionsOptions {
  readonly seed?: number;
  /** Agent of the simulated negotiations (default boulware). */
  readonly agent?: string;
  readonly rounds?: number;
}

/** Who plays which part in the questions, found in the scenario. */
export interface QuestionCast {
  readonly conceding: string;
  readonly claimant: string;
  readonly mediator: string;
  readonly keep: string;
  readonly regions: readonly string[];
  /** Variants that add issues or options (demands). */
  readonly demandVariants: readonly string[];
  /** Variants that change the agreement rule. */
  readonly ruleVariants: readonly string[];
}

export interface FourQuestions {
  readonly cast: QuestionCast;
  readonly concessions: { readonly question: string; readonly answer: ConcessionAnalysis; readonly summary: string };
  /** `answer`: the other term is the deal's overall value (the negotiators' total); `ownPreferences`: the mediator's own utility. */
  readonly balance: { readonly question: string; readonly answer: TradeoffAnalysis; readonly ownPreferences: TradeoffAnalysis; readonly summary: string };
  readonly demands: { readonly question: string; readonly answer: Comparison; readonly summary: string };
  readonly authority: { readonly question: string; readonly answer: RuleComparison; readonly summary: string };
}

const KEEP = 'returned-to-ukraine';

/**
 * Finds the ceasefire cast: negotiators `ukraine` and `russia`, a mediator,
 * and categorical issues with the option `returned-to-ukraine`. Null when the
 * scenario is not shaped like the ceasefire scenario.
 */
export function findCast(scenario: Scenario): QuestionCast | null {
  const byId = (id: string) => scenario.parties.find((p) => p.id === id);
  const ua = byId('ukraine');
  const ru = byId('russia');
  const med = scenario.parties.find((p) => p.role === 'mediator' && p.preferences);
  if (!ua || !ru || !med || ua.role !== 'negotiator' || ru.role !== 'negotiator' || ua.preferences?.type !== 'linear-additive') return null;
  const regions = scenario.issues.filter((i) => i.type === 'categorical' && i.options.some((o) => o.name === KEEP)).map((i) => i.name);
  if (regions.length === 0) return null;
  const demandVariants: string[] = [];
  const ruleVariants: string[] = [];
  const baseOptions = new Set(scenario.issues.flatMap((i) => (i.type === 'categorical' ? i.options.map((o) => `${i.name}=${o.name}`) : [`${i.name}`])));
  for (const v of scenario.variants ?? []) {
    if ('agreement' in v.patch) ruleVariants.push(v.id);
    if (!('issues' in v.patch)) continue;
    const s = scenarioFor(scenario, v.id);
    const adds = s.issues.some((i) => (i.type === 'categorical' ? i.options.some((o) => !baseOptions.has(`${i.name}=${o.name}`)) : !baseOptions.has(i.name)));
    if (adds) demandVariants.push(v.id);
  }
  return { conceding: ua.id, claimant: ru.id, mediator: med.id, keep: KEEP, regions, demandVariants, ruleVariants };
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const f3 = (x: number | undefined | null) => (x === undefined || x === null ? '—' : x.toFixed(3));

/**
 * The seed article's four questions, each answered as an analysis of the
 * scenario's stated assumptions. Null for scenarios without the ceasefire
 * cast (see `findCast`). Pure and deterministic for a given seed.
 */
export function fourQuestions(scenario: Scenario, options: FourQuestionsOptions = {}): FourQuestions | null {
  const cast = findCast(scenario);
  if (!cast) return null;
  const table = buildOutcomeTable(scenario, { seed: options.seed });

  // 1. Concessions
  const conc = concessionAnalysis(scenario, { party: cast.conceding, issues: cast.regions, keep: cast.keep, table });
  const always = conc.options.filter((o) => o.rationalPresence === 'all' && o.option !== cast.keep);
  const never = conc.options.filter((o) => o.rationalPresence === 'none');
  const noDealAt = conc.sweep.find((p) => p.rational === 0);
  const concSummary = conc.minimum
    ? `Under the stated assumptions ${conc.rational} deals are acceptable to every negotiator, and every one of them asks ${cast.conceding} to concede something: ` +
      `the smallest concession costs it ${f3(conc.minimum.loss)} in utility (${conc.minimum.concessions.join(', ') || 'none'}). ` +
      `${always.length ? `Options in every rational deal: ${always.map((o) => `${o.issue}=${o.option}`).join(', ')}. ` : 'No conceded option is in every rational deal. '}` +
      `${never.length} options appear in none (e.g. ${never.slice(0, 3).map((o) => `${o.issue}=${o.option}`).join(', ') || '—'}). ` +
      (noDealAt ? `With ${cast.conceding}'s reservation at ${f3(noDealAt.reservation)} or above, no deal is rational.` : `Across the reservation sweep a rational deal always exists.`)
    : `Under the stated assumptions no deal is acceptable to every negotiator.`;
  const concSummaryFixed = conc.minimum && conc.minimum.loss === 0 ? concSummary.replace('and every one of them asks', 'and at least one asks nothing of') : concSummary;

  // 2. The mediator's balance
  const bal = mediatorTradeoff(scenario, { mediator: cast.mediator, protected: cast.conceding, objective: 'total', table });
  const own = mediatorTradeoff(scenario, { mediator: cast.mediator, protected: cast.conceding, objective: 'mediator', table });
  const describeCurve = (t: TradeoffAnalysis, other: string) => {
    const firstAccepted = t.segments.find((s) => s.protectedAccepts);
    return (
      `Maximising λ·U(${cast.conceding}) + (1 − λ)·${other}, its pick changes ${t.segments.length - 1} time${t.segments.length === 2 ? '' : 's'} as λ goes from 0 to 1; ` +
      `${cast.conceding}'s utility goes from ${f3(t.segments[0]?.utilities[cast.conceding])} to ${f3(t.segments.at(-1)?.utilities[cast.conceding])} and ${cast.claimant}'s from ${f3(t.segments[0]?.utilities[cast.claimant])} to ${f3(t.segments.at(-1)?.utilities[cast.claimant])}; ` +
      (firstAccepted
        ? firstAccepted.from === 0
          ? `every pick is a deal ${cast.conceding} itself accepts.`
          : `from λ = ${f3(firstAccepted.from)} on, the pick is a deal ${cast.conceding} itself accepts.`
        : `no pick is a deal ${cast.conceding} accepts.`)
    );
  };
  const balSummary =
    `The mediator picks among the ${bal.candidates} deals ${cast.claimant} accepts. ` +
    `${describeCurve(bal, `(the negotiators' total utility)`)} With its own preferences as the other term: ${describeCurve(own, `U(${cast.mediator})`)}`;

  // 3. Expanded demands
  const dem = compareVariants(scenario, [BASE, ...cast.demandVariants], { seed: options.seed });
  const demSummary = dem.rows
    .filter((r) => r.id !== BASE)
    .map((r) => {
      const changes = Object.entries(r.nashChange)
        .filter(([, v]) => v !== null)
        .map(([id, v]) => `${id} ${v! >= 0 ? '+' : ''}${f3(v)}`)
        .join(', ');
      return `${r.id}: ${r.rationalExists ? `a zone of agreement survives (${r.rational} rational deals, base ${dem.rows[0]!.rational})` : 'no zone of agreement'}; Nash utilities change by ${changes || '—'}.`;
    })
    .join(' ') || 'The scenario has no variant that adds demands.';

  // 4. Authority
  const auth = compareRules(scenario, [BASE, ...cast.ruleVariants], { seed: options.seed, agent: options.agent, rounds: options.rounds });
  const authSummary = auth.rules
    .map((r) => {
      const b = r.bestPassing;
      const refusing = b ? Object.entries(b.acceptedByNegotiator).filter(([, ok]) => !ok).map(([id]) => id) : [];
      return `${r.id} (${r.rule}): ${r.passing ?? `(not counted; ${r.examined} deals examined)`} passing deals${r.passingNotRational ? `, ${r.passingNotRational} of them refused by a negotiator` : ''}; ` +
        (b ? `best by Nash over the voters gives ${Object.entries(b.utilities).map(([id, u]) => `${id} ${f3(u)}`).join(', ')}${refusing.length ? ` (refused by ${refusing.join(', ')})` : ''}` : 'no deal passes') +
        '.';
    })
    .join(' ');

  return {
    cast,
    concessions: { question: SEED_QUESTIONS.concessions, answer: conc, summary: concSummaryFixed },
    balance: { question: SEED_QUESTIONS.balance, answer: bal, ownPreferences: own, summary: balSummary },
    demands: { question: SEED_QUESTIONS.demands, answer: dem, summary: demSummary },
    authority: { question: SEED_QUESTIONS.authority, answer: auth, summary: authSummary },
  };
}

export { pct as percent };
