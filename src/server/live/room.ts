// One live session on the server: the engine's LiveNegotiation, its seats and host, their message
// streams (numbered, recorded, resent on reconnect), timers for turns, joining and reconnecting,
// and persistence when it ends (docs/live-protocol.md). Node only.
import { agentFactory } from '../../engine/agents/registry.ts';
import type { AgentFactory } from '../../engine/negotiation/agent.ts';
import { issueSize, issueValueAt } from '../../engine/model/issue.ts';
import type { AgreementRule } from '../../engine/model/agreement-rule.ts';
import type { Scenario } from '../../engine/model/scenario.ts';
import { systemClock } from '../../engine/negotiation/clock.ts';
import type { TraceEvent } from '../../engine/negotiation/events.ts';
import { LiveError, LiveNegotiation, ownUtility, PROFILE_VALUE_LIMIT, seatProfile, type SeatSpec } from '../../engine/negotiation/live.ts';
import { negotiationParticipants, prepareScenario, type NegotiationResult } from '../../engine/negotiation/negotiate.ts';
import type { LiveStatus, LiveStore } from '../../storage/live-store.ts';
import { LIVE_PROTOCOL_VERSION, type MoveMessage, type ServerMessage, type Unsequenced } from './protocol.ts';

export type SeatKind = 'remote' | 'human' | 'agent';

/** A session's settings (what the store keeps; no token). */
export interface RoomConfig {
  readonly id: string;
  readonly scenarioId: string;
  readonly variant?: string;
  readonly protocol?: 'aop' | 'saop' | 'single-text';
  readonly rounds: number;
  readonly timeLimitMs?: number;
  readonly turnTimeLimitMs: number;
  readonly missedTurn: 'skip' | 'leave';
  readonly graceMs: number;
  readonly joinTimeoutMs: number;
  readonly seed: number;
  /** Who takes part when not the rule's voters (the rule becomes unanimity of them). */
  readonly participants?: readonly string[];
  /** Per participant: `remote`, `human` or a built-in agent name. */
  readonly seats: Readonly<Record<string, string>>;
  /** Single text: the mediator's strategy (tournament sessions). */
  readonly mediator?: 'hill-climbing' | 'annealing';
  /** How a remote or human seat that drops for good leaves: walking away (`end`, default) or as a `no-answer` fault (tournament sessions). */
  readonly leaveAs?: 'end' | 'fault';
}

/** A refusal worth logging: never holds a token, a message body or anyone's preferences. */
export interface LiveLogEntry {
  readonly event: 'refused' | 'joined' | 'left' | 'started' | 'finished' | 'disconnected';
  readonly session: string;
  /** The seat (party id) or `host`; absent when the token was not recognised. */
  readonly who?: string;
  readonly code?: string;
  readonly detail?: string;
}

export type ErrorCode = Extract<ServerMessage, { type: 'error' }>['code'];

/** A refused move or request. */
export class RoomError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Token bucket: `capacity` messages at once, refilled at `perSecond`. */
export class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface RateLimit {
  readonly burst: number;
  readonly perSecond: number;
}
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 200, perSecond: 100 };

type Subscriber = (m: ServerMessage) => void;

/** Someone who receives messages: a seat or the host. */
export class Recipient {
  readonly outbox: ServerMessage[] = [];
  readonly subscribers = new Set<Subscriber>();
  connections = 0;
  joined = false;
  /** Left for good (did not come back within the grace period, or the host ended the session). */
  gone = false;
  graceTimer: ReturnType<typeof setTimeout> | undefined;
  lastRateError = -Infinity;
  readonly bucket: Bucket;
  constructor(
    readonly name: string,
    readonly kind: SeatKind | 'host',
    readonly tokenHash: string,
    rate: RateLimit,
  ) {
    this.bucket = new Bucket(rate.burst, rate.perSecond, () => systemClock.now());
  }
  get seq(): number {
    return this.outbox.length;
  }
}

const HOST = 'host';

/** Wall time (ms) that stands still while paused. */
export class PausableClock {
  private offset = 0;
  private pausedAt: number | undefined;
  now(): number {
    return (this.pausedAt ?? systemClock.now()) - this.offset;
  }
  pause(): void {
    this.pausedAt ??= systemClock.now();
  }
  resume(): void {
    if (this.pausedAt === undefined) return;
    this.offset += systemClock.now() - this.pausedAt;
    this.pausedAt = undefined;
  }
}

export interface RoomDeps {
  readonly store?: LiveStore;
  readonly log: (e: LiveLogEntry) => void;
  readonly rate?: RateLimit;
  /** Runs a store write (the hub queues them, one per event-loop turn); default: at once. */
  readonly persist?: (write: () => void) => void;
  /** Called once the session has finished (its store write queued). */
  readonly onFinished?: (room: LiveRoom) => void;
  /** Resolves the built-in seats' agents (default: the built-in registry). */
  readonly resolveAgent?: (spec: string) => AgentFactory;
}

export class LiveRoom {
  status: LiveStatus | 'paused' = 'waiting';
  /** The session's clock: wall time that stands still while the host has paused the session. */
  private readonly clock = new PausableClock();
  readonly participants: readonly string[];
  readonly seats = new Map<string, Recipient>();
  readonly host: Recipient;
  private negotiation: LiveNegotiation | undefined;
  private sentEvents = 0;
  private lastTurnKey = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private joinTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly space;
  private readonly evaluators;
  readonly createdAt = Date.now();
  finishedAt: number | undefined;

  constructor(
    readonly config: RoomConfig,
    readonly scenario: Scenario,
    tokenHashes: { host: string; seats: Readonly<Record<string, string>> },
    private readonly deps: RoomDeps,
  ) {
    const prep = prepareScenario(scenario);
    this.space = prep.space;
    this.evaluators = prep.parties;
    this.participants = negotiationParticipants(scenario, roomRule(scenario, config));
    const rate = deps.rate ?? DEFAULT_RATE_LIMIT;
    this.host = new Recipient(HOST, 'host', tokenHashes.host, rate);
    for (const id of this.participants) {
      const kind = seatKindOf(config.seats[id]!);
      this.seats.set(id, new Recipient(id, kind, tokenHashes.seats[id] ?? '', rate));
    }
    for (const r of [this.host, ...this.externalSeats()]) this.send(r, this.welcome(r));
    if (config.joinTimeoutMs > 0) {
      this.joinTimer = setTimeout(() => this.start(), config.joinTimeoutMs);
      this.joinTimer.unref?.();
    }
  }

  get id(): string {
    return this.config.id;
  }

  externalSeats(): Recipient[] {
    return [...this.seats.values()].filter((s) => s.kind === 'remote' || s.kind === 'human');
  }

  /** The public outcome space: issue names and their values (capped like profiles). */
  private publicIssues() {
    return this.scenario.issues.map((issue) => {
      const values: string[] = [];
      for (let k = 0; k < issueSize(issue) && k < PROFILE_VALUE_LIMIT; k++) values.push(String(issueValueAt(issue, k)));
      return { name: issue.name, values };
    });
  }

  private welcome(r: Recipient): Unsequenced<ServerMessage> {
    const c = this.config;
    const profile = r.kind === 'host' ? null : seatProfile(this.scenario, r.name, { full: true });
    return {
      type: 'welcome',
      v: LIVE_PROTOCOL_VERSION,
      session: c.id,
      seat: r.kind === 'host' ? null : r.name,
      status: this.status,
      protocol: c.protocol ?? (this.participants.length === 2 ? 'aop' : 'saop'),
      participants: [...this.participants],
      issues: this.publicIssues(),
      scenarioIssues: [...this.scenario.issues],
      deadline: { rounds: c.rounds, timeMs: c.timeLimitMs ?? null, turnTimeLimitMs: c.turnTimeLimitMs },
      missedTurn: c.missedTurn,
      profile: profile ? { ...profile, issues: [...profile.issues], reservation: profile.reservation ?? null } : null,
    };
  }

  /** Numbers, records and delivers a message. */
  send(r: Recipient, m: Unsequenced<ServerMessage>): ServerMessage {
    const msg = { ...m, seq: r.outbox.length + 1 } as ServerMessage;
    r.outbox.push(msg);
    for (const s of r.subscribers) s(msg);
    return msg;
  }

  /** Messages with a larger seq than `after`. */
  since(r: Recipient, after: number): ServerMessage[] {
    return r.outbox.slice(Math.max(0, after));
  }

  // ---- connections ---------------------------------------------------------------------------

  /** A client (WebSocket or poll) is attached to a seat or the host; returns the detach function. */
  attach(r: Recipient, sub?: Subscriber): () => void {
    if (r.graceTimer) clearTimeout(r.graceTimer);
    r.graceTimer = undefined;
    r.connections++;
    if (sub) r.subscribers.add(sub);
    if (!r.joined) {
      r.joined = true;
      this.deps.log({ event: 'joined', session: this.id, who: r.name });
      this.broadcastStatus();
      if (this.status === 'waiting' && this.externalSeats().every((s) => s.joined)) this.start();
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      r.connections--;
      if (sub) r.subscribers.delete(sub);
      if (r.connections === 0 && r.kind !== 'host') this.startGrace(r);
    };
  }

  private startGrace(r: Recipient): void {
    if (this.status === 'finished' || this.status === 'interrupted') return;
    r.graceTimer = setTimeout(() => {
      r.graceTimer = undefined;
      if (r.connections > 0) return;
      this.deps.log({ event: 'left', session: this.id, who: r.name, detail: 'did not reconnect within the grace period' });
      r.gone = true;
      if (this.negotiation) {
        this.negotiation.leave(r.name, { fault: this.config.leaveAs === 'fault' });
        this.flush();
      }
      this.broadcastStatus();
    }, this.config.graceMs);
    r.graceTimer.unref?.();
  }

  /** Sends every recipient the seats' join and connection state (no secret in it). */
  private broadcastStatus(): void {
    const seats: Record<string, { kind: SeatKind; joined: boolean; connected: boolean }> = {};
    for (const [id, s] of this.seats) seats[id] = { kind: s.kind as SeatKind, joined: s.kind === 'agent' || s.joined, connected: s.kind === 'agent' || (s.connections > 0 && !s.gone) };
    for (const r of [this.host, ...this.externalSeats()]) this.send(r, { type: 'status', status: this.status, seats });
  }

  // ---- the negotiation -----------------------------------------------------------------------

  /** Starts the negotiation (every seat joined, the join timeout passed, or the host said so). */
  start(): void {
    if (this.status !== 'waiting') return;
    if (this.joinTimer) clearTimeout(this.joinTimer);
    const c = this.config;
    const seats: Record<string, SeatSpec> = {};
    for (const [id, r] of this.seats) seats[id] = r.kind === 'agent' ? c.seats[id]! : { external: r.kind as 'remote' | 'human' };
    this.negotiation = new LiveNegotiation(this.scenario, {
      seats,
      resolveAgent: this.deps.resolveAgent ?? agentFactory,
      rounds: c.rounds,
      seed: c.seed,
      turnTimeLimitMs: c.turnTimeLimitMs,
      missedTurn: c.missedTurn,
      recordWallTime: true,
      clock: this.clock,
      rule: roomRule(this.scenario, c),
      ...(c.protocol ? { protocol: c.protocol } : {}),
      ...(c.timeLimitMs !== undefined ? { timeLimitMs: c.timeLimitMs } : {}),
      ...(c.mediator ? { mediator: c.mediator } : {}),
    });
    this.status = 'running';
    this.deps.store?.setStatus(this.id, 'running');
    this.deps.log({ event: 'started', session: this.id });
    this.broadcastStatus();
    // A tournament seat that has not joined when the session starts faults at once (nobody is coming).
    for (const s of this.externalSeats()) if (s.gone || (c.leaveAs === 'fault' && !s.joined)) this.negotiation.leave(s.name, { fault: c.leaveAs === 'fault' });
    this.flush();
  }

  /** The host ends the session: every remote and human seat leaves now. */
  end(): void {
    if (this.status === 'waiting') this.start();
    if (this.status === 'paused') this.resume();
    if (!this.negotiation || this.status !== 'running') return;
    for (const s of this.externalSeats()) {
      s.gone = true;
      this.negotiation.leave(s.name, { fault: this.config.leaveAs === 'fault' });
    }
    this.flush();
  }

  /** The host pauses the session: the clock stops (no turn or deadline runs out), moves are refused. */
  pause(): void {
    if (this.status !== 'running') return;
    this.status = 'paused';
    this.clock.pause();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.broadcastStatus();
  }

  /** The host resumes a paused session: the clock goes on where it stopped. */
  resume(): void {
    if (this.status !== 'paused') return;
    this.status = 'running';
    this.clock.resume();
    this.broadcastStatus();
    this.flush();
  }

  /** A seat's move; throws a RoomError when refused (the session goes on). */
  move(party: string, m: MoveMessage): void {
    const n = this.negotiation;
    if (this.status === 'finished' || this.status === 'interrupted') throw new RoomError('finished', 'the session is over');
    if (!n) throw new RoomError('not-started', 'the session has not started yet (waiting for every seat to join)');
    if (this.status === 'paused') throw new RoomError('paused', 'the host has paused the session; wait for it to resume');
    const p = n.pending();
    if (!p || p.party !== party) throw new RoomError('not-your-turn', 'it is not your turn');
    if (m.turn !== undefined && m.turn !== p.turn.turn) throw new RoomError('stale', `this move answers turn ${m.turn}, but the turn now is ${p.turn.turn}`);
    try {
      n.act(party, m.type === 'offer' ? { type: 'offer', outcome: m.outcome } : m.type === 'vote' ? { type: 'vote', accept: m.accept } : { type: m.type });
    } catch (e) {
      if (e instanceof LiveError) throw new RoomError(e.code === 'unknown-seat' ? 'not-your-turn' : e.code, e.message);
      throw e;
    }
    this.flush();
  }

  /** Applies the deadlines now (the timer calls it). */
  private onTimer(): void {
    this.timer = undefined;
    if (!this.negotiation || this.status !== 'running') return;
    this.negotiation.tick();
    this.flush();
  }

  private eventOutcome(e: TraceEvent): readonly number[] | null {
    if (e.type === 'finish') return e.agreement;
    return 'outcome' in e ? e.outcome : null;
  }

  /** Every party's utility of an outcome (the host's view only). */
  private allUtilities(o: readonly number[]): Record<string, number> {
    const u: Record<string, number> = {};
    for (const [id, p] of this.evaluators) if (p.evaluator.ufun) u[id] = p.evaluator.ufun.utility(o);
    return u;
  }

  /** Sends what happened since the last flush: events, the next turn, the result; sets the timer. */
  private flush(): void {
    const n = this.negotiation!;
    const events = n.events;
    const ext = this.externalSeats();
    for (; this.sentEvents < events.length; this.sentEvents++) {
      const event = events[this.sentEvents]!;
      const o = this.eventOutcome(event);
      for (const s of ext) this.send(s, { type: 'event', event: event as never, ...(o ? { myUtility: ownUtility(n.view(s.name), o) } : {}) });
      this.send(this.host, { type: 'event', event: event as never, ...(o ? { utilities: this.allUtilities(o) } : {}) });
    }
    const p = n.pending();
    const key = p ? `${p.party}:${p.turn.turn}` : '';
    if (p && key !== this.lastTurnKey) {
      const seat = this.seats.get(p.party)!;
      const view = n.view(p.party);
      const now = this.clock.now();
      const timeMs = this.config.timeLimitMs;
      const common = {
        type: 'turn' as const,
        method: p.method,
        round: p.turn.round,
        turn: p.turn.turn,
        time: p.turn.time,
        turnTimeLeftMs: p.deadline !== undefined ? Math.max(0, p.deadline - now) : null,
        timeLeftMs: timeMs !== undefined ? Math.max(0, timeMs - n.elapsed()) : null,
      };
      if (p.method === 'respond') this.send(seat, { ...common, offer: p.turn.offer ? [...p.turn.offer] : null, proposer: p.turn.proposer ?? null, myUtility: ownUtility(view, p.turn.offer) });
      else this.send(seat, { ...common, proposal: [...p.turn.proposal], current: p.turn.current ? [...p.turn.current] : null, final: p.turn.final, myUtility: ownUtility(view, p.turn.proposal) });
    }
    this.lastTurnKey = key;
    if (n.finished) {
      this.finish();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    const d = n.nextDeadline();
    if (d !== undefined) {
      this.timer = setTimeout(() => this.onTimer(), Math.max(0, d - this.clock.now()) + 1);
      this.timer.unref?.();
    }
  }

  private finish(): void {
    if (this.status === 'finished') return;
    const n = this.negotiation!;
    const r = n.result!;
    this.status = 'finished';
    this.finishedAt = Date.now();
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.seats.values()) if (s.graceTimer) clearTimeout(s.graceTimer);
    const text = r.agreement ? this.space.describe(r.agreement) : null;
    const base = { type: 'result' as const, agreement: r.agreement ? [...r.agreement] : null, agreementText: text, endReason: r.endReason, rounds: r.rounds };
    for (const s of this.externalSeats()) this.send(s, { ...base, utility: n.seatUtility(s.name) });
    this.send(this.host, { ...base, utility: null, utilities: { ...r.utilities } });
    this.broadcastStatus();
    this.deps.log({ event: 'finished', session: this.id, detail: r.endReason });
    const store = this.deps.store;
    if (store) {
      const messages: { recipient: string; seq: number; message: unknown }[] = [];
      for (const rcp of [this.host, ...this.externalSeats()]) for (const m of rcp.outbox) messages.push({ recipient: rcp.name, seq: m.seq ?? 0, message: m });
      const { events: _events, ...result } = r;
      const write = () => store.finish(this.id, { events: r.events, messages, result });
      if (this.deps.persist) this.deps.persist(write);
      else write();
    }
    this.deps.onFinished?.(this);
  }

  /** The server is closing: an unfinished session is interrupted. */
  interrupt(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.joinTimer) clearTimeout(this.joinTimer);
    for (const s of this.seats.values()) if (s.graceTimer) clearTimeout(s.graceTimer);
    if (this.status === 'finished' || this.status === 'interrupted') return;
    this.status = 'interrupted';
    this.deps.store?.setStatus(this.id, 'interrupted');
    this.broadcastStatus();
  }

  /** The host's view: everything (every party's utilities included). */
  hostSnapshot() {
    const n = this.negotiation;
    return {
      id: this.id,
      status: this.status,
      config: this.config,
      scenarioName: this.scenario.name,
      participants: [...this.participants],
      seats: Object.fromEntries([...this.seats].map(([id, s]) => [id, { kind: s.kind, agent: s.kind === 'agent' ? this.config.seats[id] : undefined, joined: s.kind === 'agent' || s.joined, connected: s.connections > 0 }])),
      events: n ? [...n.events] : [],
      result: n?.result ? (({ events: _e, ...rest }) => rest)(n.result) : null,
    };
  }

  /**
   * A seat came back over a new connection: when it is its turn, the turn is
   * sent again (its answer may have been lost with the old connection).
   */
  resumeTurn(r: Recipient): void {
    const p = this.negotiation?.pending();
    if (!p || p.party !== r.name || this.status !== 'running') return;
    this.lastTurnKey = '';
    this.flush();
  }

  /** The seat whose turn it is, if any. */
  pendingSeat(): string | undefined {
    return this.negotiation?.pending()?.party;
  }

  /** The negotiation's result once finished (every party's utilities: host side only). */
  get result(): NegotiationResult | undefined {
    return this.negotiation?.result;
  }

  /** The public events so far (the trace). */
  events(): readonly TraceEvent[] {
    return this.negotiation?.events ?? [];
  }
}

/** The agreement rule of a session: the scenario's, or unanimity of the participants it names. */
export function roomRule(scenario: Scenario, c: { readonly participants?: readonly string[] }): AgreementRule {
  return c.participants ? { type: 'unanimity', voters: [...c.participants] } : scenario.agreement;
}

/** The kind of seat a seat spec names. */
export function seatKindOf(spec: string): SeatKind {
  return spec === 'remote' || spec === 'human' ? spec : 'agent';
}
