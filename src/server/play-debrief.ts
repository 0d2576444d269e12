// Play's debrief: once the game is over, the server reveals every participant's preferences (their
// profiles, reservation values and red lines) and each one's utility of the result. Before the end
// it refuses (409): during the game the player sees only their own view.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import { compileParty } from '../engine/model/party-evaluator.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import { seatProfile } from '../engine/negotiation/live.ts';
import { playParam } from './api-schemas.ts';
import type { PlayDebrief } from './api-types.ts';
import { PlayError, type PlaySessions } from './play-store.ts';

/** The debrief of a finished game on `scenario` (throws 409 while it is still being played). */
export function playDebrief(scenario: Scenario, participants: readonly string[], finished: boolean, agreement: readonly number[] | null): PlayDebrief {
  if (!finished) throw new PlayError(409, 'the debrief opens when the game is over');
  const space = new OutcomeSpace(scenario.issues);
  return {
    agreement,
    parties: participants.map((id) => {
      const party = scenario.parties.find((p) => p.id === id)!;
      const ev = compileParty(space, party);
      return {
        ...seatProfile(scenario, id),
        redLines: (party.redLines ?? []).map((l) => l.description),
        dealUtility: agreement && ev.ufun ? ev.ufun.utility(agreement) : null,
      };
    }),
  };
}

/** GET /api/play/:id/debrief. `scenarioOf` gives the scenario a session's game was started on. */
export function registerPlayDebrief(
  app: FastifyInstance,
  sessions: PlaySessions,
  parse: <T extends z.ZodType>(schema: T, value: unknown, what: string) => z.infer<T>,
  scenarioOf: (game: unknown) => Scenario | undefined,
): void {
  app.get('/api/play/:id/debrief', async (req) => {
    const { id } = parse(playParam, req.params, 'play session id');
    try {
      const s = sessions.get(id);
      const scenario = scenarioOf(s.game);
      if (!scenario) throw new PlayError(404, `no debrief for play session "${id}"`);
      const state = await s.game.settle();
      return playDebrief(scenario, s.game.participants, s.game.finished, state.finished?.agreement ?? null);
    } catch (e) {
      if (e instanceof PlayError) throw Object.assign(new Error(e.message), { statusCode: e.status });
      throw e;
    }
  });
}
