import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { OPPONENT_NUMBERS, PLAY_SOURCE } from '../testing/play-scenario.ts';

const SOURCE = PLAY_SOURCE;

const dir = mkdtempSync(join(tmpdir(), 'parley-play-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A server on the database file; `close` stops it as a restart would. */
async function server(db: string) {
  const store = Store.open(db);
  const app = await buildApp({ store, builtins: [] });
  return {
    app,
    post: (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> }),
    close: async () => {
      await app.close();
      store.close();
    },
  };
}

const MOVES = [
  { type: 'offer', outcome: [2, 0] },
  { type: 'offer', outcome: [2, 1] },
  { type: 'offer', outcome: [1, 0] },
];

describe('Play games survive a server restart', () => {
  it('a game goes on after a restart exactly as an uninterrupted game with the same seed and moves', async () => {
    const db = join(dir, 'restart.db');
    let s = await server(db);
    const scenarioId = (await s.post('/api/scenarios', { source: SOURCE })).json().id as string;
    const begin = { scenarioId, seat: 'me', opponents: 'boulware', rounds: 12, seed: 5 };

    // Uninterrupted: all moves on one server.
    const plain = (await s.post('/api/play', begin)).json();
    let plainView: unknown;
    for (const m of MOVES) plainView = (await s.post(`/api/play/${plain.sessionId}/move`, m)).json().view;

    // Interrupted: one move, a restart, then the rest.
    const game = (await s.post('/api/play', begin)).json();
    const first = await s.post(`/api/play/${game.sessionId}/move`, MOVES[0]);
    expect(first.statusCode).toBe(200);
    await s.close();
    s = await server(db);
    // A page that reloads asks for the game as it stands: the same view as before the restart.
    const again = await s.app.inject({ method: 'GET', url: `/api/play/${game.sessionId}` });
    expect(again.statusCode).toBe(200);
    expect(again.json().view).toEqual(first.json().view);
    let view: unknown;
    for (const m of MOVES.slice(1)) {
      const r = await s.post(`/api/play/${game.sessionId}/move`, m);
      expect(r.statusCode).toBe(200);
      view = r.json().view;
    }
    expect(view).toEqual(plainView);
    // The opponent's numbers never reach the player, restored or not.
    for (const n of OPPONENT_NUMBERS) expect(JSON.stringify(view)).not.toContain(n);
    await s.close();
  });

  it('refuses to replay a game whose scenario changed since it started (409), and an unknown id is 404', async () => {
    const db = join(dir, 'changed.db');
    let s = await server(db);
    const scenarioId = (await s.post('/api/scenarios', { source: SOURCE })).json().id as string;
    const game = (await s.post('/api/play', { scenarioId, seat: 'me', opponents: 'hardliner', rounds: 10, seed: 1 })).json();
    expect((await s.post(`/api/play/${game.sessionId}/move`, MOVES[0])).statusCode).toBe(200);
    const changed = SOURCE.replace('reservation: 0.111', 'reservation: 0.2');
    expect((await s.app.inject({ method: 'PUT', url: `/api/scenarios/${scenarioId}`, payload: { source: changed } })).statusCode).toBe(200);
    await s.close();
    s = await server(db);
    const r = await s.post(`/api/play/${game.sessionId}/move`, MOVES[1]);
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatch(/changed since the game started/);
    expect((await s.post('/api/play/00000000-0000-4000-8000-000000000000/move', MOVES[1])).statusCode).toBe(404);
    await s.close();
  });
});
