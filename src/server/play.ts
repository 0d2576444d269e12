// Play on the server: the routes. A person takes one party's seat against built-in strategies; the
// game is the engine's PlayGame (a live negotiation with one external seat), the sessions live in
// play-store.ts, and every reply holds only the player's own view (docs/api.md, "Play").
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { agentFactory } from '../engine/agents/registry.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import { LiveError, seatProfile } from '../engine/negotiation/live.ts';
import { PlayGame as EnginePlayGame } from '../engine/negotiation/play-game.ts';
import { playEvaluateBody, playMoveBody, playParam, playStartBody } from './api-schemas.ts';
import type { PlayerProfile, PlayMove, PlayReply, PlayState } from './api-types.ts';
import { PlayError, PlaySessions } from './play-store.ts';
import { sessionBytes } from './session-budget.ts';
import { registerPlayDebrief } from './play-debrief.ts';
import { playStartOf, type PlayJournal } from './play-journal.ts';

export type { PlayerProfile, PlayMove, PlayOffer, PlayReply, PlayState } from './api-types.ts';
export { MAX_PLAY_SESSIONS, PLAY_IDLE_MS, PlayError, PlaySessions } from './play-store.ts';

/** Largest body a play request may have. */
export const PLAY_BODY_BYTES = 64 * 1024;

/** The HTTP status of a refused move. */
export function liveErrorStatus(e: LiveError): number {
  return e.code === 'not-your-turn' || e.code === 'finished' || e.code === 'no-offer' ? 409 : 400;
}

function asPlayError(e: unknown): unknown {
  return e instanceof LiveError ? new PlayError(liveErrorStatus(e), e.message) : e;
}

/** The player's own profile from their own party only. */
export function playerProfile(scenario: Scenario, partyId: string): PlayerProfile {
  try {
    return seatProfile(scenario, partyId);
  } catch (e) {
    throw asPlayError(e);
  }
}

/** The engine's game with the built-in agents by name, and its refusals as HTTP errors. */
export class PlayGame extends EnginePlayGame {
  /** The scenario the game is played on: revealed only by the debrief, after the game. */
  readonly scenario: Scenario;

  constructor(scenario: Scenario, partyId: string, opponents: string, rounds: number, seed: number) {
    try {
      agentFactory(opponents);
    } catch (e) {
      throw new PlayError(400, e instanceof Error ? e.message : String(e));
    }
    try {
      super(scenario, partyId, opponents, rounds, seed, agentFactory);
    } catch (e) {
      throw asPlayError(e);
    }
    this.scenario = scenario;
  }

  override async move(m: PlayMove): Promise<PlayState> {
    try {
      return await super.move(m);
    } catch (e) {
      throw asPlayError(e);
    }
  }
}

function reply(sessionId: string, seat: string, view: PlayState): PlayReply {
  return { sessionId, seat, view, finished: !!view.finished, agreement: view.finished?.agreement ?? null, utility: view.finished?.myUtility ?? null };
}

export interface PlayRouteOptions {
  /** The scenario with this id, with the variant applied (throws the API's own errors). */
  readonly load: (id: string, variant: string | undefined) => Promise<Scenario> | Scenario;
  /** Validates with zod, throwing the API's 400 with the problems. */
  readonly parse: <T extends z.ZodType>(schema: T, value: unknown, what: string) => z.infer<T>;
  readonly sessions?: PlaySessions;
  /** Where games are journalled so they survive a restart (play-journal.ts); none: memory only. */
  readonly journal?: PlayJournal;
}

/** Registers POST /api/play, GET /api/play/:id, POST /api/play/:id/move and /api/play/:id/evaluate. */
export function registerPlayRoutes(app: FastifyInstance, options: PlayRouteOptions): PlaySessions {
  const { load, parse, journal } = options;
  const sessions = options.sessions ?? new PlaySessions();
  app.addHook('onClose', async () => sessions.clear());

  // A game not in memory (the server restarted, or it was dropped to make room) is replayed from the
  // journal before the route runs: the game is deterministic for its seed, so its start and the
  // player's moves rebuild it exactly.
  app.addHook('preHandler', async (req) => {
    const m = /^\/api\/play\/([^/?]+)(?:[/?]|$)/.exec(req.url);
    if (!m || !journal || sessions.has(m[1]!)) return;
    const id = m[1]!;
    const rec = journal.get(id);
    if (!rec) return;
    if (rec.start.version !== journal.version(rec.start.scenarioId, rec.start.variant))
      throw Object.assign(new Error(`play session "${id}": its scenario has changed since the game started; start a new game`), { statusCode: 409 });
    await errors(async () => {
      const scenario = await load(rec.start.scenarioId, rec.start.variant);
      const game = new PlayGame(scenario, rec.start.seat, rec.start.opponents, rec.start.rounds, rec.start.seed);
      await game.settle();
      for (const move of rec.moves) await game.move(move);
      sessions.add(game, rec.start.seat, sessionBytes(scenario), id);
    });
  });
  const errors = <T>(f: () => Promise<T>): Promise<T> =>
    f().catch((e: unknown) => {
      const pe = asPlayError(e);
      if (pe instanceof PlayError) throw Object.assign(new Error(pe.message), { statusCode: pe.status });
      throw e;
    });

  app.post('/api/play', { bodyLimit: PLAY_BODY_BYTES }, async (req, res) =>
    errors(async () => {
      const body = parse(playStartBody, req.body, 'play request');
      const scenario = await load(body.scenarioId, body.variant);
      const game = new PlayGame(scenario, body.seat, body.opponents, body.rounds, body.seed);
      const view = await game.settle();
      const id = sessions.add(game, body.seat, sessionBytes(scenario));
      journal?.put(id, playStartOf(body, journal.version(body.scenarioId, body.variant)));
      return res.status(201).send(reply(id, body.seat, view));
    }),
  );

  // The game as it stands (the player's own view): how a page picks a game up again after a reload.
  app.get('/api/play/:id', async (req) =>
    errors(async () => {
      const { id } = parse(playParam, req.params, 'play session id');
      const s = sessions.get(id);
      return reply(id, s.seat, s.game.state());
    }),
  );

  app.post('/api/play/:id/move', { bodyLimit: PLAY_BODY_BYTES }, async (req) =>
    errors(async () => {
      const { id } = parse(playParam, req.params, 'play session id');
      const move = parse(playMoveBody, req.body, 'move');
      const s = sessions.get(id);
      const view = await s.game.move(move);
      journal?.move(id, move);
      return reply(id, s.seat, view);
    }),
  );

  app.post('/api/play/:id/evaluate', { bodyLimit: PLAY_BODY_BYTES }, async (req) =>
    errors(async () => {
      const { id } = parse(playParam, req.params, 'play session id');
      const { outcome } = parse(playEvaluateBody, req.body, 'outcome');
      return { utility: sessions.get(id).game.evaluate(outcome) };
    }),
  );
  registerPlayDebrief(app, sessions, parse, (game) => (game instanceof PlayGame ? game.scenario : undefined));
  return sessions;
}
