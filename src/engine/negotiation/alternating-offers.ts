import type { Action, Bid } from './agent.ts';
import { CallFailure, Pass, type ProtocolOutcome, type ProtocolRun, type Session } from './session.ts';

/**
 * Stacked alternating offers (SAOP; with two parties, the bilateral
 * alternating offers protocol AOP). Participants take turns in order; at its
 * turn a party accepts the offer on the table, makes a new offer (which
 * replaces it), or walks away. An offer becomes the agreement as soon as its
 * proposer plus the parties that accepted it satisfy the agreement rule.
 * A party that walks away or faults leaves; the negotiation ends when the rule
 * can no longer be met by those left, or at the deadline.
 */
export function* alternatingOffers(s: Session): ProtocolRun {
  const { participants, rounds, space } = s.config;
  const m = participants.length;
  const slots = rounds * m;
  let table: Bid | undefined;
  let proposer = -1;
  // acceptedAt[i] === offerSerial means participant i accepted the current offer.
  const acceptedAt = new Int32Array(m).fill(-1);
  let offerSerial = 0;
  const contains = (o: ArrayLike<number>): boolean => space.contains(o);
  const accepting = (i: number): boolean => s.active[i]! && (i === proposer || acceptedAt[i] === offerSerial);
  let time = 0;
  let faultsSeen = 0;
  const finish = (reason: ProtocolOutcome['reason'], round: number, agreement: Bid | null): ProtocolOutcome => {
    const acceptedBy = agreement ? participants.filter((_, i) => accepting(i)) : [];
    s.emit({ type: 'finish', round, turn: s.turn, reason, time, agreement: agreement ? [...agreement] : null, acceptedBy });
    return { reason, agreement, acceptedBy, round, time };
  };

  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < m; i++) {
      if (!s.active[i]) continue;
      if (s.outOfTime()) return finish('deadline', round, null);
      const party = participants[i]!;
      time = s.relativeTime(round * m + i, slots);
      const result: unknown = yield {
        agent: i,
        method: 'respond',
        arg: { round, turn: s.turn, time, offer: table, proposer: proposer >= 0 ? participants[proposer] : undefined },
      };
      if (result instanceof Pass) {
        s.emit({ type: 'skip', round, turn: s.turn, party, reason: result.reason }, i);
        s.turn++;
        continue;
      }
      const action = result instanceof CallFailure ? result : checkAction(result, table, contains);
      if (action instanceof CallFailure) {
        s.fault(i, action, round);
        faultsSeen = s.faults.length;
        if (i === proposer) table = undefined;
        s.turn++;
        if (!s.stillPossible()) return finish('fault', round, null);
        continue;
      }
      if (action.type === 'offer') {
        table = action.outcome;
        proposer = i;
        offerSerial++;
        s.emit({ type: 'offer', round, turn: s.turn, party, outcome: table }, i);
      } else if (action.type === 'accept') {
        acceptedAt[i] = offerSerial;
        s.emit({ type: 'accept', round, turn: s.turn, party, outcome: table! }, i);
      } else {
        s.active[i] = false;
        s.emit({ type: 'end', round, turn: s.turn, party }, i);
        if (i === proposer) table = undefined;
      }
      s.turn++;
      if (s.faults.length !== faultsSeen) {
        // An observer faulted while seeing this move: it has left.
        faultsSeen = s.faults.length;
        if (proposer >= 0 && !s.active[proposer]) table = undefined;
        if (!s.stillPossible()) return finish('fault', round, null);
      }
      if (table && s.ruleMet(accepting)) return finish('agreement', round, table);
      if (action.type === 'end' && !s.stillPossible()) return finish('walk-away', round, null);
    }
  }
  time = 1;
  return finish('deadline', rounds - 1, null);
}

/** Checks an agent's answer; offers are copied so that agents cannot change them afterwards. */
function checkAction(a: unknown, table: Bid | undefined, contains: (o: ArrayLike<number>) => boolean): Action | CallFailure {
  if (!a || typeof a !== 'object') return new CallFailure('invalid-action', `expected an action object, got ${describe(a)}`);
  const type = (a as { type?: unknown }).type;
  if (type === 'accept') {
    if (!table) return new CallFailure('invalid-action', 'accepted when no offer was on the table');
    return a as Action;
  }
  if (type === 'end') return a as Action;
  if (type === 'offer') {
    const o = (a as { outcome?: unknown }).outcome;
    if (!Array.isArray(o) && !(o instanceof Int32Array)) return new CallFailure('invalid-outcome', `offered ${describe(o)}, not an outcome`);
    if (!contains(o as ArrayLike<number>)) return new CallFailure('invalid-outcome', `offered [${Array.from(o as ArrayLike<number>).join(', ')}], which is not in the outcome space`);
    return { type: 'offer', outcome: Array.from(o as ArrayLike<number>) };
  }
  return new CallFailure('invalid-action', `unknown action ${describe(type)}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  try {
    const j = JSON.stringify(v);
    return j === undefined ? typeof v : j.length > 80 ? j.slice(0, 77) + '...' : j;
  } catch {
    return typeof v;
  }
}
