import { issueNumberAt, issueSize, issueValueAt } from '../model/issue.ts';
import type { Preferences } from '../model/preferences.ts';
import type { RedLine } from '../model/red-line.ts';
import type { Discount, Reservation } from '../model/reservation.ts';
import type { Scenario } from '../model/scenario.ts';
import { evaluateValueFunction } from '../model/value-function.ts';
import type { Action, Agent, AgentFactory, AgentView, Bid, OfferTurn, ProtocolName, VoteTurn } from './agent.ts';
import { systemClock, type Clock } from './clock.ts';
import { callSync } from './driver.ts';
import type { TraceEvent } from './events.ts';
import { prepareScenario, setupNegotiation, type AgentResolver, type AgentSpec, type NegotiationOptions, type NegotiationResult, type NegotiationSetup } from './negotiate.ts';
import { CallFailure, Pass, type AgentCall } from './session.ts';

/**
 * A steppable negotiation for live sessions: the same protocols (and the same
 * acceptance and agreement rules) as `runNegotiation`, driven one event at a
 * time. Built-in seats answer at once; an external seat (a remote agent or a
 * person) answers through `act()`. Time is read from an injected clock and
 * only moves the session when `tick()` is called, so the class is pure and
 * deterministic for a seed and a sequence of calls.
 */

/** What fills a seat: a built-in agent (name or factory) or someone outside (remote agent, person). */
export type SeatSpec = AgentSpec | { readonly external: 'remote' | 'human' };

/** What a seat that misses its turn gets: its turn passes (`skip`), or it leaves the negotiation (`leave`). */
export type MissedTurnPolicy = 'skip' | 'leave';

export interface LiveOptions extends Omit<NegotiationOptions, 'agents' | 'turnTimeLimitMs'> {
  /** Per participant id: who plays it. Participants not listed are an error. */
  readonly seats: Readonly<Record<string, SeatSpec>>;
  /** Per-turn limit of external seats in ms (default: none). Built-in seats answer synchronously. */
  readonly turnTimeLimitMs?: number;
  /** What happens to an external seat that misses its turn (default `skip`). */
  readonly missedTurn?: MissedTurnPolicy;
}

/** A refused seat action; `code` says why (the message never names another seat's preferences). */
export class LiveError extends Error {
  override name = 'LiveError';
  constructor(
    readonly code: 'unknown-seat' | 'not-your-turn' | 'finished' | 'invalid-move' | 'no-offer',
    message: string,
  ) {
    super(message);
  }
}

/** The turn an external seat is asked to play. */
export type PendingTurn =
  | { readonly party: string; readonly method: 'respond'; readonly turn: OfferTurn; readonly since: number; readonly deadline: number | undefined }
  | { readonly party: string; readonly method: 'vote'; readonly turn: VoteTurn; readonly since: number; readonly deadline: number | undefined };

/** A seat's move: an (S)AOP action, or a single-text vote. */
export type SeatMove = Action | { readonly type: 'vote'; readonly accept: boolean };

/**
 * A party's own profile as its seat sees it: its preferences, reservation,
 * discount and red lines, and per issue the weight and each value's
 * evaluation (linear-additive preferences; null for other kinds). Made from
 * that party alone.
 */
export interface SeatProfile {
  readonly id: string;
  readonly name: string;
  readonly reservation: number | undefined;
  readonly discount?: Discount;
  readonly redLines?: readonly RedLine[];
  readonly preferences?: Preferences;
  /** The reservation as the scenario gives it (a value, or an outcome whose utility it is). */
  readonly reservationSpec?: Reservation;
  readonly issues: readonly { readonly name: string; readonly weight: number | null; readonly values: readonly { readonly value: string; readonly evaluation: number | null }[] }[];
}

/** Most values per issue listed in a profile. */
export const PROFILE_VALUE_LIMIT = 200;

/** The profile of one party, from that party only (no other party is read). */
export function seatProfile(scenario: Scenario, partyId: string, options: { readonly full?: boolean } = {}): SeatProfile {
  const party = scenario.parties.find((p) => p.id === partyId);
  if (!party) throw new LiveError('unknown-seat', `no party "${partyId}" in this scenario`);
  const prefs = party.preferences;
  const res = party.reservation;
  return {
    id: party.id,
    name: party.name,
    reservation: res && 'value' in res ? res.value : res ? prepareScenario(scenario).parties.get(party.id)?.evaluator.reservationValue : undefined,
    ...(options.full && res ? { reservationSpec: res } : {}),
    ...(options.full && party.discount ? { discount: party.discount } : {}),
    ...(options.full && party.redLines ? { redLines: party.redLines } : {}),
    ...(options.full && prefs ? { preferences: prefs } : {}),
    issues: scenario.issues.map((issue, i) => {
      const values = [];
      for (let k = 0; k < issueSize(issue) && k < PROFILE_VALUE_LIMIT; k++) {
        const f = prefs?.type === 'linear-additive' ? prefs.values[i] : undefined;
        values.push({ value: String(issueValueAt(issue, k)), evaluation: f ? evaluateValueFunction(f, k, issueNumberAt(issue, k)) : null });
      }
      return { name: issue.name, weight: prefs?.type === 'linear-additive' ? (prefs.weights[i] ?? 0) : null, values };
    }),
  };
}

const isExternal = (s: SeatSpec): s is Extract<SeatSpec, { readonly external: unknown }> => typeof s === 'object' && s !== null && 'external' in s;

export class LiveNegotiation {
  readonly participants: readonly string[];
  readonly protocol: ProtocolName;
  private readonly setup: NegotiationSetup;
  private readonly clock: Clock;
  private readonly views = new Map<string, AgentView>();
  private readonly external = new Set<number>();
  private readonly left = new Set<number>();
  /** Seats that left as a fault (see `leave`). */
  private readonly faulty = new Set<number>();
  private readonly turnLimit: number;
  private readonly missed: MissedTurnPolicy;
  private current: PendingTurn | undefined;
  private call: AgentCall | undefined;
  private outcome: NegotiationResult | undefined;

  constructor(
    readonly scenario: Scenario,
    options: LiveOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.turnLimit = options.turnTimeLimitMs ?? Number.POSITIVE_INFINITY;
    if (!(this.turnLimit > 0)) throw new LiveError('invalid-move', 'the per-turn time limit must be > 0 ms');
    this.missed = options.missedTurn ?? 'skip';
    const seats = options.seats;
    const resolve: AgentResolver | undefined = options.resolveAgent;
    const factory: AgentFactory = (view) => {
      const spec = seats[view.partyId];
      if (spec === undefined) throw new LiveError('unknown-seat', `no seat given for participant "${view.partyId}"`);
      if (isExternal(spec)) {
        this.views.set(view.partyId, view);
        return placeholder(spec.external);
      }
      if (typeof spec === 'function') return spec(view);
      if (!resolve) throw new LiveError('unknown-seat', `agent "${spec}" is given by name, but no agent registry was passed (resolveAgent)`);
      return resolve(spec)(view);
    };
    const { seats: _seats, missedTurn: _missed, turnTimeLimitMs: _limit, ...rest } = options;
    this.setup = setupNegotiation(scenario, { ...rest, clock: this.clock, agents: [factory], turnTimeLimitMs: Number.POSITIVE_INFINITY });
    this.participants = this.setup.session.config.participants;
    for (const id of Object.keys(seats))
      if (!this.participants.includes(id)) throw new LiveError('unknown-seat', `"${id}" is not a participant of this negotiation (participants: ${this.participants.join(', ')})`);
    this.participants.forEach((id, i) => {
      if (this.views.has(id)) this.external.add(i);
    });
    const start = this.setup.session.events[0]!;
    this.protocol = start.type === 'start' ? start.protocol : 'saop';
    this.advance(this.setup.run.next());
  }

  /** The public event log so far (every event is public: offers, votes, acceptances, skips, faults, the finish). */
  get events(): readonly TraceEvent[] {
    return this.setup.session.events;
  }

  /** The turn an external seat must play now; undefined while nobody is asked (finished). */
  pending(): PendingTurn | undefined {
    return this.current;
  }

  /** The result once finished (it holds every party's utility: engine side only, never show it to a seat). */
  get result(): NegotiationResult | undefined {
    return this.outcome;
  }

  get finished(): boolean {
    return this.outcome !== undefined;
  }

  /** Ids of the external seats. */
  get externalSeats(): string[] {
    return [...this.external].map((i) => this.participants[i]!);
  }

  /** The own view of an external seat (its own utility only). */
  view(party: string): AgentView {
    const v = this.views.get(party);
    if (!v) throw new LiveError('unknown-seat', `"${party}" is not an external seat of this session`);
    return v;
  }

  /** Whether the seat still takes part. */
  isActive(party: string): boolean {
    return this.setup.session.isActive(party);
  }

  /** The seat's own utility of its result (reservation without agreement), once finished. */
  seatUtility(party: string): number | null {
    return this.outcome ? (this.outcome.utilities[party] ?? null) : null;
  }

  /** Milliseconds since the start. */
  elapsed(): number {
    return this.setup.session.elapsed();
  }

  /** When `tick()` next has something to do (clock time), if ever. */
  nextDeadline(): number | undefined {
    if (this.outcome) return undefined;
    const timeMs = this.setup.session.config.timeMs;
    const global = timeMs !== undefined ? this.setup.session.start + timeMs : undefined;
    const turn = this.current?.deadline;
    if (global === undefined) return turn;
    if (turn === undefined) return global;
    return Math.min(global, turn);
  }

  /**
   * An external seat's move. Throws a `LiveError` when it is not that seat's
   * turn or the move has the wrong kind; an offer outside the space or an
   * accept with nothing on the table is refused the same way, and the seat may
   * try again within its turn.
   */
  act(party: string, move: SeatMove): void {
    const i = this.participants.indexOf(party);
    if (i < 0 || !this.external.has(i)) throw new LiveError('unknown-seat', `"${party}" is not an external seat of this session`);
    if (this.outcome) throw new LiveError('finished', 'the negotiation is over');
    const p = this.current;
    if (!p || p.party !== party) throw new LiveError('not-your-turn', 'it is not your turn');
    let answer: unknown;
    if (p.method === 'vote') {
      if (move.type !== 'vote') throw new LiveError('invalid-move', 'a vote is asked: send {type: "vote", accept: true|false}');
      answer = move.accept;
    } else {
      if (move.type === 'vote') throw new LiveError('invalid-move', 'an offer, accept or end is asked, not a vote');
      if (move.type === 'accept' && !p.turn.offer) throw new LiveError('no-offer', 'there is no offer to accept yet');
      if (move.type === 'offer' && !this.setup.session.config.space.contains(move.outcome))
        throw new LiveError('invalid-move', 'that offer is not an outcome of this scenario');
      answer = move.type === 'offer' ? { type: 'offer', outcome: [...move.outcome] } : { type: move.type };
    }
    this.answer(answer);
  }

  /**
   * Makes a seat leave: at once when it is its turn, otherwise at its next
   * turn (it is not asked again). It walks away (`end`; a fault in a vote),
   * or, with `fault`, it leaves as a `no-answer` fault (tournaments: a remote
   * entrant that dropped did not choose to walk away).
   */
  leave(party: string, options: { readonly fault?: boolean } = {}): void {
    const i = this.participants.indexOf(party);
    if (i < 0 || !this.external.has(i) || this.outcome) return;
    this.left.add(i);
    if (options.fault) this.faulty.add(i);
    if (this.current?.party === party) this.answer(this.leaveAnswer(i));
  }

  /** Applies the per-turn and global deadlines at the clock's current time. Returns whether anything happened. */
  tick(): boolean {
    if (this.outcome || !this.current) return false;
    const now = this.clock.now();
    if (this.setup.session.outOfTime()) {
      this.answer(new Pass('deadline'));
      return true;
    }
    const d = this.current.deadline;
    if (d !== undefined && now >= d) {
      this.answer(this.missed === 'skip' ? new Pass('missed-turn') : new CallFailure('no-answer', `missed its turn (no answer within ${this.turnLimit} ms)`));
      return true;
    }
    return false;
  }

  private leaveAnswer(seat: number): unknown {
    return this.call?.method === 'vote' || this.faulty.has(seat) ? new CallFailure('no-answer', 'left the session') : { type: 'end' };
  }

  private answer(value: unknown): void {
    this.current = undefined;
    this.advance(this.setup.run.next(value));
  }

  /** Runs built-in seats until an external seat is asked or the protocol ends. */
  private advance(step: IteratorResult<AgentCall, unknown>): void {
    const s = this.setup;
    for (;;) {
      if (step.done) {
        this.call = undefined;
        this.current = undefined;
        this.outcome = s.finish(step.value as Parameters<NegotiationSetup['finish']>[0]);
        return;
      }
      const call = step.value;
      this.call = call;
      if (!this.external.has(call.agent)) {
        step = s.run.next(callSync(s.agents, call));
        continue;
      }
      if (this.left.has(call.agent)) {
        step = s.run.next(this.leaveAnswer(call.agent));
        continue;
      }
      if (s.session.outOfTime()) {
        step = s.run.next(new Pass('deadline'));
        continue;
      }
      const since = this.clock.now();
      const deadline = Number.isFinite(this.turnLimit) ? since + this.turnLimit : undefined;
      const party = this.participants[call.agent]!;
      this.current = call.method === 'respond' ? { party, method: 'respond', turn: call.arg, since, deadline } : { party, method: 'vote', turn: call.arg, since, deadline };
      return;
    }
  }
}

function placeholder(kind: 'remote' | 'human'): Agent {
  const never = (): never => {
    throw new Error('an external seat is played through LiveNegotiation.act()');
  };
  return { name: kind, respond: never, vote: never };
}

/** The own utility of an outcome for a seat view (null when it is not an outcome). */
export function ownUtility(view: AgentView, outcome: Bid | null | undefined): number | null {
  return outcome && view.space.contains(outcome) ? view.utility(outcome) : null;
}
