import { ruleAccepts, type AgreementRule } from '../model/agreement-rule.ts';
import type { Scenario } from '../model/scenario.ts';
import type { ProtocolName } from './agent.ts';
import type { EndReason, Fault, TraceEvent } from './events.ts';
import { buildResult, prepareScenario, type NegotiationResult } from './negotiate.ts';

export interface ReplayReport {
  /** The result rebuilt from the trace alone (utilities recomputed from the scenario). */
  readonly result: NegotiationResult | undefined;
  /** Inconsistencies found; empty when the trace is consistent. */
  readonly problems: readonly string[];
  readonly ok: boolean;
}

const sameOutcome = (a: readonly number[] | null | undefined, b: readonly number[] | null | undefined) =>
  a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Replays a trace against its scenario without running any agent: checks
 * that every offer is an outcome of the space, that only active participants
 * act, that logical time only moves forward, that accepts refer to the offer
 * on the table, that text changes and the agreement follow the agreement
 * rule, and that the run ended when the rule was first met — then rebuilds
 * the result (agreement, utilities, rounds, faults).
 */
export function replay(scenario: Scenario, events: readonly TraceEvent[]): ReplayReport {
  const problems: string[] = [];
  const prep = prepareScenario(scenario);
  const space = prep.space;
  const start = events[0];
  if (!start || start.type !== 'start') return { result: undefined, problems: ['the trace does not begin with a start event'], ok: false };
  const rule: AgreementRule = start.rule;
  const protocol: ProtocolName = start.protocol;
  const participants = start.parties.map((p) => p.id);
  for (const id of participants) if (!prep.parties.has(id)) problems.push(`start: party "${id}" is not in the scenario`);
  const active = new Set(participants);
  const meets = (yes: ReadonlySet<string>) => ruleAccepts(rule, scenario.parties, (id) => yes.has(id) && active.has(id));
  const faults: Fault[] = [];
  let lastTurn = -1;
  let lastRound = 0;
  // (S)AOP state
  let table: readonly number[] | undefined;
  let proposer: string | undefined;
  let acceptors = new Set<string>();
  let mustFinishWith: readonly number[] | undefined;
  // single-text state
  let text: readonly number[] | undefined;
  let proposal: readonly number[] | undefined;
  let yes = new Set<string>();
  let finalYes = new Set<string>();
  let finish: Extract<TraceEvent, { type: 'finish' }> | undefined;

  events.forEach((e, k) => {
    const where = `event ${k + 1} (${e.type})`;
    if (k === 0) return;
    if (e.type === 'start') return problems.push(`${where}: a second start`);
    if (finish) return problems.push(`${where}: after the finish`);
    if (mustFinishWith && e.type !== 'finish') problems.push(`${where}: the rule was met by the previous event, so the run should have ended`);
    if (e.round < lastRound) problems.push(`${where}: round ${e.round} goes back from ${lastRound}`);
    if (e.round >= start.rounds) problems.push(`${where}: round ${e.round} is past the deadline of ${start.rounds} rounds`);
    lastRound = e.round;
    const actor = 'party' in e ? e.party : undefined;
    if (e.type === 'offer' || e.type === 'accept' || e.type === 'end' || e.type === 'vote' || e.type === 'skip') {
      if (e.turn <= lastTurn) problems.push(`${where}: turn ${e.turn} does not move forward from ${lastTurn}`);
      lastTurn = e.turn;
      if (!active.has(actor!)) problems.push(`${where}: "${actor}" acts but is not an active participant`);
    }
    if ('outcome' in e && !space.contains(e.outcome)) problems.push(`${where}: [${e.outcome.join(', ')}] is not an outcome of the space`);
    switch (e.type) {
      case 'offer':
        table = e.outcome;
        proposer = e.party;
        acceptors = new Set([e.party]);
        if (meets(acceptors)) mustFinishWith = table;
        break;
      case 'accept':
        if (!table || !sameOutcome(table, e.outcome)) problems.push(`${where}: accepts an outcome that is not the offer on the table`);
        acceptors.add(e.party);
        if (table && meets(acceptors)) mustFinishWith = table;
        break;
      case 'end':
        active.delete(e.party);
        if (e.party === proposer) table = undefined;
        break;
      case 'fault':
        if (!active.has(e.party)) problems.push(`${where}: fault of "${e.party}", who is not active`);
        active.delete(e.party);
        faults.push({ party: e.party, kind: e.kind, message: e.message, round: e.round, turn: e.turn });
        if (e.party === proposer) table = undefined;
        break;
      case 'propose':
        if (protocol !== 'single-text') problems.push(`${where}: only the single-text protocol has proposals`);
        proposal = e.outcome;
        yes = new Set();
        break;
      case 'vote':
        if (e.final) {
          if (!sameOutcome(e.outcome, text)) problems.push(`${where}: the final vote is not on the current text`);
          if (e.accept) finalYes.add(e.party);
        } else {
          if (!sameOutcome(e.outcome, proposal)) problems.push(`${where}: the vote is not on the current proposal`);
          if (e.accept) yes.add(e.party);
        }
        break;
      case 'text':
        if (e.by === 'rule' && !(proposal && sameOutcome(e.outcome, proposal) && meets(yes)))
          problems.push(`${where}: the text changed by the rule, but the votes do not pass it`);
        if (e.by === 'annealing' && !(proposal && sameOutcome(e.outcome, proposal))) problems.push(`${where}: the annealing text is not the proposal`);
        text = e.outcome;
        proposal = undefined;
        break;
      case 'finish':
        finish = e;
        break;
    }
    if (e.type === 'propose') finalYes = new Set();
  });

  if (!finish) return { result: undefined, problems: [...problems, 'the trace has no finish event'], ok: false };
  const f = finish;
  if (protocol === 'single-text') {
    const passes = meets(finalYes) && !!text;
    if (passes !== (f.agreement !== null)) problems.push(`finish: the final votes ${passes ? 'pass' : 'do not pass'} the text, but the trace says ${f.agreement ? 'agreement' : 'no agreement'}`);
    if (f.agreement && !sameOutcome(f.agreement, text)) problems.push('finish: the agreement is not the final text');
  } else {
    if (f.agreement && !sameOutcome(f.agreement, mustFinishWith)) problems.push('finish: the agreement is not the offer that met the rule');
    if (!f.agreement && mustFinishWith) problems.push('finish: the rule was met, but the trace says no agreement');
  }
  if (f.agreement && f.reason !== 'agreement') problems.push(`finish: an agreement with reason "${f.reason}"`);
  const reason: EndReason = f.reason;
  const result = buildResult(prep, {
    protocol,
    seed: start.seed,
    rule,
    participants: start.parties,
    outcome: { reason, agreement: f.agreement, acceptedBy: f.acceptedBy, round: f.round, time: f.time },
    turns: f.turn,
    faults,
    events,
  });
  return { result, problems, ok: problems.length === 0 };
}
