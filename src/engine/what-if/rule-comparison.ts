import { describeRule, ruleVoters } from '../model/agreement-rule.ts';
import type { Scenario } from '../model/scenario.ts';
import { negotiateSync } from '../agents/negotiate.ts';
import { BASE, scenarioFor } from './compare.ts';
import { describeRow } from './headline.ts';
import {
  accepts,
  baseParameters,
  buildOutcomeTable,
  compileRule,
  countMask,
  nashRow,
  passingMask,
  rationalMask,
  rowUtilities,
  scoreTable,
} from './outcome-table.ts';

export interface RuleComparisonOptions {
  /** Agent for every participant of the simulated negotiations (default `boulware`); empty: no simulation. */
  readonly agent?: string;
  readonly seed?: number;
  /** Deadline of the simulated negotiations in rounds (default 200). */
  readonly rounds?: number;
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
  /** Deals the rule accepts. */
  readonly passing: number;
  /** Deals every negotiator accepts. */
  readonly rational: number;
  /** Passing deals some negotiator refuses (it is outvoted or not asked). */
  readonly passingNotRational: number;
  /** The passing deal maximising Π(uᵢ − rᵢ) over the rule's voters with preferences; null when none passes. */
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

function ruleOutcome(root: Scenario, id: string, options: RuleComparisonOptions): RuleOutcome {
  const scenario = scenarioFor(root, id);
  const table = buildOutcomeTable(scenario, { limit: options.limit, seed: options.seed });
  const state = scoreTable(table, baseParameters(table));
  const rule = compileRule(table);
  const pass = passingMask(state, rule);
  const rat = rationalMask(state);
  let passingNotRational = 0;
  for (let j = 0; j < table.rows; j++) if (pass[j] === 1 && rat[j] !== 1) passingNotRational++;
  const voters = rule.voters.filter((k) => state.utilities[k]);
  const best = nashRow(state, pass, voters);
  const negotiatorsAccept = (j: number) => Object.fromEntries(table.negotiators.map((k) => [table.parties[k]!.id, accepts(state, k, j)]));
  let simulation: SimulatedNegotiation | null = null;
  let simulationError: string | undefined;
  const agent = options.agent ?? 'boulware';
  if (agent) {
    const seed = options.seed ?? 1;
    const rounds = options.rounds ?? 200;
    try {
      const r = negotiateSync(scenario, { agents: [agent], seed, rounds });
      const acc: Record<string, boolean> = {};
      if (r.agreement) {
        const j = table.exact ? table.space.indexOf(r.agreement) : -1;
        for (const k of table.negotiators) {
          const ev = table.parties[k]!;
          acc[ev.id] = j >= 0 ? accepts(state, k, j) : false;
        }
      }
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
        acceptedByNegotiator: acc,
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
    passing: countMask(pass),
    rational: countMask(rat),
    passingNotRational,
    bestPassing:
      best.row >= 0
        ? { deal: describeRow(table, best.row), outcomeIndex: table.outcomeIndex[best.row]!, utilities: rowUtilities(state, best.row), acceptedByNegotiator: negotiatorsAccept(best.row) }
        : null,
    simulation,
    ...(simulationError ? { simulationError } : {}),
  };
}
