import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import type { PlayDebrief, PlayReply } from './api-types.ts';

// The opponent's numbers are distinctive: the debrief must hold them, and only after the game.
const SOURCE = `parley: 1
name: Game
issues:
  - {name: price, options: [low, mid, high]}
  - {name: time, options: [soon, late]}
parties:
  - id: me
    reservation: 0.111
    preferences:
      weights: {price: 0.7, time: 0.3}
      values: {price: {low: 0, mid: 0.5, high: 1}, time: {soon: 1, late: 0}}
  - id: them
    name: The other side
    reservation: 0.4242
    redLines:
      - description: never a low price
        when: {price: [low]}
    preferences:
      weights: {price: 0.6137, time: 0.3863}
      values: {price: {low: 1, mid: 0.777, high: 0}, time: {soon: 0.0123, late: 1}}
`;

let app: FastifyInstance;
let store: Store;
let scenarioId: string;

beforeAll(async () => {
  store = Store.open(':memory:');
  app = await buildApp({ store, builtins: [] });
  const created = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { source: SOURCE } });
  expect(created.statusCode).toBe(201);
  scenarioId = created.json().id;
});
afterAll(async () => {
  await app.close();
  store.close();
});

const debrief = (id: string) => app.inject({ method: 'GET', url: `/api/play/${id}/debrief` });

describe('GET /api/play/:id/debrief', () => {
  it('is refused while the game is played, and reveals every participant after it', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/play', payload: { scenarioId, seat: 'me', opponents: 'hardliner', rounds: 10, seed: 3 } });
    expect(started.statusCode).toBe(201);
    const s = started.json() as PlayReply;
    const early = await debrief(s.sessionId);
    expect(early.statusCode).toBe(409);
    expect(early.body).not.toContain('0.4242');
    expect(early.body).not.toContain('0.6137');
    // Make an offer if the seat opens, then accept whatever is on the table: the game ends.
    if (!s.view.turn?.offer) expect((await app.inject({ method: 'POST', url: `/api/play/${s.sessionId}/move`, payload: { type: 'offer', outcome: [2, 0] } })).statusCode).toBe(200);
    const end = await app.inject({ method: 'POST', url: `/api/play/${s.sessionId}/move`, payload: { type: 'accept' } });
    expect(end.statusCode).toBe(200);
    const done = end.json() as PlayReply;
    expect(done.finished).toBe(true);
    const r = await debrief(s.sessionId);
    expect(r.statusCode).toBe(200);
    const d = r.json() as PlayDebrief;
    expect(d.agreement).toEqual(done.agreement);
    const them = d.parties.find((p) => p.id === 'them')!;
    expect(them.name).toBe('The other side');
    expect(them.reservation).toBe(0.4242);
    expect(them.issues.map((i) => i.weight)).toEqual([0.6137, 0.3863]);
    expect(them.redLines).toEqual(['never a low price']);
    // Each party's utility of the deal, from its own preferences.
    const [price, time] = d.agreement!;
    expect(them.dealUtility).toBeCloseTo(0.6137 * [1, 0.777, 0][price!]! + 0.3863 * [0.0123, 1][time!]!, 12);
    expect(d.parties.find((p) => p.id === 'me')!.dealUtility).toBeCloseTo(done.utility!, 12);
  });

  it('answers 404 for an unknown session and a 4xx for a bad id', async () => {
    expect((await debrief('no-such-session')).statusCode).toBe(404);
    expect((await debrief('x'.repeat(200))).statusCode).toBeGreaterThanOrEqual(400);
    expect((await debrief('x'.repeat(200))).statusCode).toBeLessThan(500);
  });
});
