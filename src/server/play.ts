// Play on the server: a person takes one party's seat against built-in strategies. The opponents
// run here; every reply holds only the player's own view (docs/api.md, "Play").
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { agentFactory } from '../engine/agents/registry.ts';
import { issueNumberAt, issueSize, issueValueAt } from '../engine/model/issue.ts';
import { evaluateValueFunction } from '../engine/model/value-function.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import type { Action, Agent, AgentView, Bid, OfferTurn } from '../engine/negotiation/agent.ts';
import type { TraceEvent } from '../engine/negotiation/events.ts';
import { type NegotiationResult } from '../engine/negotiation/negotiate.ts';
import { negotiate } from '../engine/agents/negotiate.ts';
import { playEvaluateBody, playMoveBody, playParam, playStartBody } from './api-schemas.ts';
import type { PlayerProfile, PlayMove, PlayOffer, PlayReply, PlayState } from './api-types.ts';
import { PLAY_SESSIONS_BYTES, sessionBytes, sessionsToDrop } from './session-budget.ts';

export type { PlayerProfile, PlayMove, PlayOffer, PlayReply, PlayState } from './api-types.ts';

/** Most sessions held at once; a new one past it drops the least recently used. */
export const MAX_PLAY_SESSIONS = 100;
/** A session idle this long is dropped. */
export const PLAY_IDLE_MS = 30 * 60 * 1000;
/** Largest body a play request may have. */
export const PLAY_BODY_BYTES = 64 * 1024;



/** A refused move, with the HTTP status to answer. */
export class PlayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The player's own profile from their own party only. */
export function playerProfile(scenario: Scenario, partyId: string): PlayerProfile {
  const party = scenario.parties.find((p) => p.id === partyId);
  if (!party) throw new PlayError(400, `no party "${partyId}" in this scenario`);
  const prefs = party.preferences;
  const res = party.reservation;
  return {
    id: party.id,
    name: party.name,
    reservation: res && 'value' in res ? res.value : undefined,
    issues: scenario.issues.map((issue, i) => {
      const values = [];
      for (let k = 0; k < issueSize(issue) && k < 200; k++) {
        const f = prefs?.type === 'linear-additive' ? prefs.values[i] : undefined;
        values.push({ value: String(issueValueAt(issue, k)), evaluation: f ? evaluateValueFunction(f, k, issueNumberAt(issue, k)) : null });
      }
      return { name: issue.name, weight: prefs?.type === 'linear-additive' ? (prefs.weights[i] ?? 0) : null, values };
    }),
  };
}

/**
 * A game in progress: the engine's negotiation (alternating offers) with the
 * opponents as built-in agents and the player's seat as an agent whose
 * `respond` waits for `move()`. `state()` gives only the player's view.
 * Deterministic for a seed: there is no time limit, and the agents use their
 * own seeded streams.
 */
export class PlayGame {
  private readonly moves: PlayOffer[] = [];
  private view: AgentView | undefined;
  private pending: { turn: OfferTurn; resolve: (a: Action) => void } | undefined;
  private result: NegotiationResult | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private abandoned = false;
  readonly me: PlayerProfile;
  readonly participants: string[] = [];

  constructor(
    scenario: Scenario,
    private readonly partyId: string,
    opponents: string,
    private readonly rounds: number,
    seed: number,
  ) {
    this.me = playerProfile(scenario, partyId);
    let opponent;
    try {
      opponent = agentFactory(opponents);
    } catch (e) {
      throw new PlayError(400, e instanceof Error ? e.message : String(e));
    }
    // One factory for every participant: the person's seat, or the built-in strategy for the rest.
    const agents = (view: AgentView): Agent => (view.partyId === partyId ? this.humanAgent(view) : opponent(view));
    negotiate(scenario, { agents: [agents], rounds, seed, turnTimeLimitMs: Number.POSITIVE_INFINITY })
      .then((r) => {
        this.result = r;
      })
      .catch((e: unknown) => {
        this.failure = e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => this.wake?.());
  }

  private utility(o: Bid | null | undefined): number | null {
    return o && this.view ? this.view.utility(o) : null;
  }

  private humanAgent(view: AgentView): Agent {
    this.view = view;
    this.participants.push(...view.participants);
    return {
      name: 'person',
      respond: (turn) =>
        this.abandoned
          ? { type: 'end' }
          : new Promise<Action>((resolve) => {
              this.pending = { turn, resolve };
              this.wake?.();
            }),
      observe: (e: TraceEvent) => {
        if (e.type === 'offer' || e.type === 'accept') {
          this.moves.push({ round: e.round, party: e.party, kind: e.type, outcome: e.outcome, text: view.space.describe(e.outcome), myUtility: view.utility(e.outcome) });
        } else if (e.type === 'end') {
          this.moves.push({ round: e.round, party: e.party, kind: 'end', outcome: null, text: 'walks away', myUtility: null });
        }
      },
    };
  }

  get finished(): boolean {
    return !!this.result || !!this.failure;
  }

  /** Waits until it is the player's turn or the game is over. */
  async settle(): Promise<PlayState> {
    while (!this.pending && !this.result && !this.failure) {
      await new Promise<void>((r) => {
        this.wake = r;
      });
    }
    this.wake = undefined;
    if (this.failure) throw this.failure;
    if (!this.view) throw new PlayError(400, `party "${this.partyId}" does not take part in this negotiation`);
    return this.state();
  }

  /** The player's own utility of an outcome they are composing (null when it is not an outcome). */
  evaluate(outcome: readonly number[]): number | null {
    return this.view && this.view.space.contains(outcome) ? this.view.utility(outcome) : null;
  }

  async move(m: PlayMove): Promise<PlayState> {
    const p = this.pending;
    if (!p) throw new PlayError(409, this.finished ? 'the game is over' : 'it is not your turn');
    if (m.type === 'offer' && !this.view!.space.contains(m.outcome)) throw new PlayError(400, 'that offer is not an outcome of this scenario');
    if (m.type === 'accept' && !p.turn.offer) throw new PlayError(409, 'there is no offer to accept yet');
    this.pending = undefined;
    const outcome = m.type === 'offer' ? m.outcome : m.type === 'accept' ? p.turn.offer! : null;
    this.moves.push({
      round: p.turn.round,
      party: this.partyId,
      kind: m.type,
      outcome,
      text: outcome ? this.view!.space.describe(outcome) : 'walks away',
      myUtility: this.utility(outcome),
    });
    p.resolve(m.type === 'offer' ? { type: 'offer', outcome: [...m.outcome] } : m);
    return this.settle();
  }

  /** Ends the player's part (walks away now and at any later turn), so the run finishes. */
  abandon(): void {
    this.abandoned = true;
    const p = this.pending;
    this.pending = undefined;
    p?.resolve({ type: 'end' });
  }

  state(): PlayState {
    const p = this.pending;
    const r = this.result;
    return {
      me: this.me,
      participants: [...this.participants],
      rounds: this.rounds,
      moves: [...this.moves],
      turn: p ? { round: p.turn.round, offer: p.turn.offer ?? null, proposer: p.turn.proposer ?? null, myUtility: this.utility(p.turn.offer) } : null,
      finished: r
        ? {
            agreement: r.agreement,
            text: r.agreement ? this.view!.space.describe(r.agreement) : 'no agreement',
            myUtility: r.utilities[this.partyId] ?? 0,
            endReason: r.endReason,
            rounds: r.rounds,
          }
        : null,
    };
  }
}


function reply(sessionId: string, seat: string, view: PlayState): PlayReply {
  return { sessionId, seat, view, finished: !!view.finished, agreement: view.finished?.agreement ?? null, utility: view.finished?.myUtility ?? null };
}

interface Session {
  readonly game: PlayGame;
  readonly seat: string;
  lastUsed: number;
  /** Memory the session holds (session-budget.ts). */
  readonly bytes: number;
}

/** The sessions in memory, capped by count and by memory (session-budget.ts), and dropped when idle. */
export class PlaySessions {
  private readonly sessions = new Map<string, Session>();
  private total = 0;

  constructor(
    private readonly max = MAX_PLAY_SESSIONS,
    private readonly idleMs = PLAY_IDLE_MS,
    private readonly now: () => number = Date.now,
    private readonly maxBytes = PLAY_SESSIONS_BYTES,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Memory the sessions hold in all. */
  get bytes(): number {
    return this.total;
  }

  private drop(id: string): void {
    const s = this.sessions.get(id);
    s?.game.abandon();
    if (s) this.total -= s.bytes;
    this.sessions.delete(id);
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (t - s.lastUsed > this.idleMs) this.drop(id);
  }

  add(game: PlayGame, seat: string, bytes = 0): string {
    this.sweep();
    // Map order is insertion order, and get() re-inserts: the first is the least recently used.
    for (const id of sessionsToDrop(this.sessions.keys(), (k) => this.sessions.get(k)!.bytes, this.sessions.size, this.total, bytes, this.max, this.maxBytes)) this.drop(id);
    const id = randomUUID();
    this.sessions.set(id, { game, seat, lastUsed: this.now(), bytes });
    this.total += bytes;
    return id;
  }

  get(id: string): Session {
    this.sweep();
    const s = this.sessions.get(id);
    if (!s) throw new PlayError(404, `no play session "${id}" (it may have expired)`);
    s.lastUsed = this.now();
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return s;
  }

  clear(): void {
    for (const id of [...this.sessions.keys()]) this.drop(id);
  }
}

export interface PlayRouteOptions {
  /** The scenario with this id, with the variant applied (throws the API's own errors). */
  readonly load: (id: string, variant: string | undefined) => Promise<Scenario> | Scenario;
  /** Validates with zod, throwing the API's 400 with the problems. */
  readonly parse: <T extends z.ZodType>(schema: T, value: unknown, what: string) => z.infer<T>;
  readonly sessions?: PlaySessions;
}

/** Registers POST /api/play, /api/play/:id/move and /api/play/:id/evaluate. */
export function registerPlayRoutes(app: FastifyInstance, options: PlayRouteOptions): PlaySessions {
  const { load, parse } = options;
  const sessions = options.sessions ?? new PlaySessions();
  app.addHook('onClose', async () => sessions.clear());
  const errors = <T>(f: () => Promise<T>): Promise<T> =>
    f().catch((e: unknown) => {
      if (e instanceof PlayError) throw Object.assign(new Error(e.message), { statusCode: e.status });
      throw e;
    });

  app.post('/api/play', { bodyLimit: PLAY_BODY_BYTES }, async (req, res) =>
    errors(async () => {
      const body = parse(playStartBody, req.body, 'play request');
      const scenario = await load(body.scenarioId, body.variant);
      const game = new PlayGame(scenario, body.seat, body.opponents, body.rounds, body.seed);
      const view = await game.settle();
      const id = sessions.add(game, body.seat, sessionBytes(scenario));
      return res.status(201).send(reply(id, body.seat, view));
    }),
  );

  app.post('/api/play/:id/move', { bodyLimit: PLAY_BODY_BYTES }, async (req) =>
    errors(async () => {
      const { id } = parse(playParam, req.params, 'play session id');
      const move = parse(playMoveBody, req.body, 'move');
      const s = sessions.get(id);
      return reply(id, s.seat, await s.game.move(move));
    }),
  );

  app.post('/api/play/:id/evaluate', { bodyLimit: PLAY_BODY_BYTES }, async (req) =>
    errors(async () => {
      const { id } = parse(playParam, req.params, 'play session id');
      const { outcome } = parse(playEvaluateBody, req.body, 'outcome');
      return { utility: sessions.get(id).game.evaluate(outcome) };
    }),
  );
  return sessions;
}
