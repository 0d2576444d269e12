import { describeRule, ruleVoters } from '../model/agreement-rule.ts';
import { OutcomeSpace, type Outcome } from '../model/outcome-space.ts';
import type { Scenario } from '../model/scenario.ts';
import { negotiateSync } from '../agents/negotiate.ts';
import { compileAnalysisParties, type AnalysisParties } from '../analysis/analysis-parties.ts';
import { DEFAULT_ANALYSIS_ENUMERATION_LIMIT } from '../analysis/analysis-types.ts';
import { collectOutcomes, enumerateOutcomes, type EnumerationStats } from '../analysis/enumerate.ts';
import { roundUtility } from '../analysis/frontier-types.ts';
import { planHugeSpace } from '../analysis/huge-space.ts';
import { BASE, scenarioFor } from './compare.ts';
import { describeOutcome } from './headline.ts';

export interface RuleComparisonOptions {
  /** Agent for every participant of the simulated negotiations (default `boulware`); empty: no simulation. */
  readonly agent?: string;
  readonly seed?: number;
  /** Deadline of the simulated negotiations in rounds (default 200). */
  readonly rounds?: number;
  /** Count every outcome when the space has at most this many (default: `analyze`'s enumeration limit, 2·10^8). */
  readonly limit?: number;
}

export interface SimulatedNegotiation {
  readonly agent: string;
  readonly seed: number;
  readonly rounds: number;
  readonly protocol: string;
  readonly participants: readonly string[];
  readonly agreement: Readonly<Record<string, string | number>> | null;
  readonly endReason: string;
  readonly roundsUsed: number;
  /** Utility of each party with preferences (its reservation, or 0, without agreement). */
  readonly utilities: Readonly<Record<string, number>>;
  /** Whether each negotiator would accept the agreement (no red line, utility ≥ reservation); empty without agreement. */
  readonly acceptedByNegotiator: Readonly<Record<string, boolean>>;
}

export interface RuleOutcome {
  readonly id: string;
  readonly description?: string;
  readonly rule: string;
  readonly voters: readonly string[];
  /** True when every outcome was examined (the counts and the best passing deal are exact, as in `analyze`). */
  readonly exact: boolean;
  /** How many outcomes were examined: the space's size when exact, else the candidates of `analyze`'s huge-space method. */
  readonly examined: number;
  /** Deals the rule accepts (null when not every outcome was examined). */
  readonly passing: number | null;
  /** Deals every negotiator accepts (null when not exact). */
  readonly rational: number | null;
  /** Passing deals some negotiator refuses (it is outvoted or not asked); null when not exact. */
  readonly passingNotRational: number | null;
  /**
   * The best passing deal by the rule of `analysis/nash-product.ts`: most
   * voters with preferences accepting, then the largest product of their
   * non-negative gains, then the lowest outcome index; null when none passes
   * (among the examined outcomes when not exact).
   */
  readonly bestPassing: {
    readonly deal: string;
    readonly outcomeIndex: number;
    readonly utilities: Readonly<Record<string, number>>;
    readonly acceptedByNegotiator: Readonly<Record<string, boolean>>;
  } | null;
  readonly simulation: SimulatedNegotiation | null;
  readonly simulationError?: string;
}

/** The answer to "who must agree?": the base rule and each variant's rule, side by side. */
export interface RuleComparison {
  readonly scenario: string;
  readonly rules: readonly RuleOutcome[];
}

/**
 * Compares agreement rules: for the base scenario and each variant, the
 * passing deals, the best passing deal by the Nash product over the rule's
 * voters, who would refuse it, and a simulated negotiation among the
 * rule's voters (seeded, deterministic). Pure.
 */
export function compareRules(scenario: Scenario, ids: readonly string[], options: RuleComparisonOptions = {}): RuleComparison {
  const list = ids.length ? ids : [BASE];
  const rules = list.map((id) => ruleOutcome(scenario, id, options));
  return { scenario: scenario.name, rules };
}

/** One pass over the outcomes with the rule statistics, as `analyze` examines them. */
function ruleStats(ap: AnalysisParties, limit: number, seed: number): { stats: EnumerationStats; outcomeOf: (i: number) => Outcome; exact: boolean; examined: number } {
  const { space } = ap;
  if (space.isEnumerable(limit)) {
    const stats = enumerateOutcomes(ap, { ruleStats: true });
    return { stats, outcomeOf: (i) => space.outcomeAt(i), exact: true, examined: stats.total };
  }
  const plan = planHugeSpace(ap, seed);
  const seen = new Map<bigint, number[]>();
  for (const o of plan.candidates) seen.set(space.bigIndexOf(o), o);
  const candidates = [...seen.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => seen.get(k)!);
  const stats = collectOutcomes(ap, candidates, { ruleStats: true });
  return { stats, outcomeOf: (i) => candidates[i]!, exact: false, examined: candidates.length };
}

function ruleOutcome(root: Scenario, id: string, options: RuleComparisonOptions): RuleOutcome {
  const scenario = scenarioFor(root, id);
  const space = new OutcomeSpace(scenario.issues);
  const ap = compileAnalysisParties(scenario, space);
  const seed = options.seed ?? 1;
  const { stats, outcomeOf, exact, examined } = ruleStats(ap, options.limit ?? DEFAULT_ANALYSIS_ENUMERATION_LIMIT, seed);
  // An agreement is judged by evaluating it: each negotiator's own acceptance.
  const negotiatorsAccept = (o: ArrayLike<number>) => Object.fromEntries(ap.negotiators.map((e) => [e.party.id, e.acceptable(o)]));
  const utilitiesOf = (o: ArrayLike<number>) => Object.fromEntries(ap.scored.map((s) => [s.party.id, roundUtility(s.ufun.utility(o))]));
  const best = stats.bestPassing.index >= 0 ? outcomeOf(stats.bestPassing.index) : null;
  let simulation: SimulatedNegotiation | null = null;
  let simulationError: string | undefined;
  const agent = options.agent ?? 'boulware';
  if (agent) {
    const rounds = options.rounds ?? 200;
    try {
      const r = negotiateSync(scenario, { agents: [agent], seed, rounds });
      simulation = {
        agent,
        seed,
        rounds,
        protocol: r.protocol,
        participants: r.participants.map((p) => p.id),
        agreement: r.agreementRecord ? { ...r.agreementRecord } : null,
        endReason: r.endReason,
        roundsUsed: r.rounds,
        utilities: Object.fromEntries(Object.entries(r.utilities).map(([k, v]) => [k, Math.round(v * 1e10) / 1e10])),
        acceptedByNegotiator: r.agreement ? negotiatorsAccept(r.agreement) : {},
      };
    } catch (e) {
      simulationError = e instanceof Error ? e.message : String(e);
    }
  }
  const variant = scenario.variants?.find((v) => v.id === id);
  return {
    id,
    ...(variant?.description ? { description: variant.description } : id === BASE ? { description: 'the rule as written' } : {}),
    rule: describeRule(scenario.agreement, scenario.parties),
    voters: ruleVoters(scenario.agreement, scenario.parties),
    exact,
    examined,
    passing: exact ? stats.passingCount : null,
    rational: exact ? stats.rationalCount : null,
    passingNotRational: exact ? stats.passingNotRational : null,
    bestPassing: best
      ? { deal: describeOutcome(space, best), outcomeIndex: Number(space.bigIndexOf(best)), utilities: utilitiesOf(best), acceptedByNegotiator: negotiatorsAccept(best) }
      : null,
    simulation,
    ...(simulationError ? { simulationError } : {}),
  };
}
