import { ruleMetBy, rulePositions, type RulePositions } from '../model/agreement-rule.ts';
import { crossesRedLine } from '../model/red-line.ts';
import type { OutcomeSpace } from '../model/outcome-space.ts';
import { compileParty, type PartyEvaluator } from '../model/party-evaluator.ts';
import type { Party } from '../model/party.ts';
import { ScenarioError } from '../model/diagnostics.ts';
import type { RedLine } from '../model/red-line.ts';
import type { Scenario } from '../model/scenario.ts';
import type { UtilityFunction } from '../model/utility-function.ts';

/** A party with preferences, compiled for the analysis. */
export interface ScoredParty {
  readonly party: Party;
  readonly evaluator: PartyEvaluator;
  readonly ufun: UtilityFunction;
  /** Negotiator with preferences: defines the frontier, rational set and solutions. */
  readonly defines: boolean;
  /** Reservation as a utility, or undefined. */
  readonly reservation: number | undefined;
  /** rᵢ for the objectives: the reservation, 0 when absent or −∞. */
  readonly disagreement: number;
}

/** The scenario's parties, compiled: who is scored, who decides rationality and the rule. */
export interface AnalysisParties {
  readonly space: OutcomeSpace;
  /** Parties with preferences: the defining ones first (scenario order), then the others. */
  readonly scored: readonly ScoredParty[];
  /** Number of defining parties (the first `d` entries of `scored`). */
  readonly d: number;
  /** Every negotiator (with or without preferences): the rational set needs all of them to accept. */
  readonly negotiators: readonly PartyEvaluator[];
  /** The rule, compiled (model/agreement-rule.ts): voters and required parties as indices into `evaluators`. */
  readonly rule: RulePositions;
  /** Evaluators of every party, in scenario order. */
  readonly evaluators: readonly PartyEvaluator[];
  /** For each party in scenario order, its index in `scored`, or -1. */
  readonly scoredIndex: readonly number[];
  /** Whether any negotiator has a red line. */
  readonly negotiatorRedLines: boolean;
  /** Whether the passing set is the rational set (unanimity of exactly the negotiators). */
  readonly passingIsRational: boolean;
}


export function compileAnalysisParties(scenario: Scenario, space: OutcomeSpace): AnalysisParties {
  // Plain loops: this runs once per analysis, and for small spaces it is a fair part of the whole.
  const parties = scenario.parties;
  const evaluators: PartyEvaluator[] = [];
  const negotiators: PartyEvaluator[] = [];
  const negIdx: number[] = [];
  const defining: ScoredParty[] = [];
  const others: ScoredParty[] = [];
  let negotiatorRedLines = false;
  for (let i = 0; i < parties.length; i++) {
    const e = compileParty(space, parties[i]!);
    evaluators.push(e);
    const negotiator = e.party.role === 'negotiator';
    if (negotiator) {
      negotiators.push(e);
      negIdx.push(i);
      if ((e.party.redLines?.length ?? 0) > 0) negotiatorRedLines = true;
    }
    if (!e.ufun) continue;
    const r = e.reservationValue;
    (negotiator ? defining : others).push({
      party: e.party,
      evaluator: e,
      ufun: e.ufun,
      defines: negotiator,
      reservation: r,
      disagreement: r === undefined || r === -Infinity || Number.isNaN(r) ? 0 : r,
    });
  }
  if (defining.length === 0)
    throw new ScenarioError([{ path: 'parties', message: 'analysis needs at least one negotiator with preferences; this scenario has none' }]);
  const scored = defining.concat(others);
  const rule = rulePositions(scenario.agreement, parties);
  const { voters, required, quorum } = rule;
  const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
  const distinct = voters.every((v, k) => voters.indexOf(v) === k);
  const passingIsRational = distinct && sameSet(voters, negIdx) && sameSet(required, negIdx) && quorum === voters.length;
  const scoredIndex = parties.map((p) => {
    for (let k = 0; k < scored.length; k++) if (scored[k]!.party === p) return k;
    return -1;
  });
  return { space, scored, d: defining.length, negotiators, rule, evaluators, scoredIndex, negotiatorRedLines, passingIsRational };
}

/** A red line compiled to flat arrays, checked against a digit row. */
export interface CompiledRedLines {
  /** Whether outcome `digits[base..base+n)` crosses any of the lines. */
  crosses(digits: Int32Array, base: number): boolean;
  readonly empty: boolean;
}

const NO_RED_LINES: CompiledRedLines = { empty: true, crosses: () => false };

export function compileRedLines(lines: readonly RedLine[]): CompiledRedLines {
  if (lines.length === 0) return NO_RED_LINES;
  const compiled = lines.map((l) =>
    l.conditions.map((c) => ('anyOf' in c ? { issue: c.issue, set: new Set(c.anyOf), from: 0, to: -1 } : { issue: c.issue, set: undefined, from: c.from, to: c.to })),
  );
  return {
    empty: false,
    crosses(digits, base) {
      for (const line of compiled) {
        let all = true;
        for (const c of line) {
          const v = digits[base + c.issue]!;
          const holds = c.set ? c.set.has(v) : v >= c.from && v <= c.to;
          if (!holds) {
            all = false;
            break;
          }
        }
        if (all) return true;
      }
      return false;
    },
  };
}

/** Why a party would refuse an outcome. */
export interface Refusal {
  readonly party: string;
  /** `red line`: the outcome crosses one of its red lines; `reservation`: its utility is below its reservation value. */
  readonly because: 'red line' | 'reservation';
  /** The red line's description (when `because` is `red line`). */
  readonly redLine?: string;
}

/** Whether an outcome is rational and passes the rule, and who would refuse it. */
export interface Judgement {
  /** Every negotiator accepts it (utility ≥ reservation, none of its red lines crossed). */
  readonly rational: boolean;
  /** The agreement rule accepts it. */
  readonly passes: boolean;
  /** Every party (any role) that would refuse it, in scenario order, each red line crossed listed. */
  readonly refusedBy: readonly Refusal[];
}

/**
 * Judges one outcome by evaluating it: the same acceptance as the rational
 * and passing sets (`PartyEvaluator.acceptable`; the scenario's agreement
 * rule, compiled in `ap.rule`, decided by `ruleMetBy`).
 */
export function judgeOutcome(ap: AnalysisParties, outcome: ArrayLike<number>): Judgement {
  const refusedBy: Refusal[] = [];
  const evaluators = ap.evaluators;
  const accepts: boolean[] = [];
  let rational = true;
  for (const e of evaluators) {
    const ok = e.acceptable(outcome);
    accepts.push(ok);
    if (ok) continue;
    if (e.party.role === 'negotiator') rational = false;
    const lines = (e.party.redLines ?? []).filter((l) => crossesRedLine(l, outcome));
    for (const l of lines) refusedBy.push({ party: e.party.id, because: 'red line', redLine: l.description });
    if (lines.length === 0) refusedBy.push({ party: e.party.id, because: 'reservation' });
  }
  return { rational, passes: ruleMetBy(ap.rule, (i) => accepts[i]!), refusedBy };
}
