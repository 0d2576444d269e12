import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNative } from '../engine/formats/index.ts';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { OPPONENT_NUMBERS, PLAY_SOURCE } from '../testing/play-scenario.ts';
import { PlayGame, PlaySessions, playerProfile } from './play.ts';

// Each party's numbers are distinctive, so a leak of the opponent's preferences would show in the JSON.
const SOURCE = PLAY_SOURCE;
const scenario = readNative('game.yaml', SOURCE);
const myUtility = (o: readonly number[]) => 0.7 * [0, 0.5, 1][o[0]!]! + 0.3 * [1, 0][o[1]!]!;

/** Fails when a reply holds anything of the opponent's preferences. */
function expectNoLeak(body: string): void {
  for (const n of OPPONENT_NUMBERS) expect(body).not.toContain(n);
  expect(body).not.toMatch(/preferences|weights|reservations|utilities/);
}

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

const start = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/play', payload: { scenarioId, seat: 'me', rounds: 10, seed: 3, ...body } });
const move = (id: string, body: unknown) => app.inject({ method: 'POST', url: `/api/play/${id}/move`, payload: body as Record<string, unknown> });

describe('POST /api/play', () => {
  it('plays three rounds against a server-side strategy; no reply holds the opponent preferences', async () => {
    const first = await start({ opponents: 'hardliner' });
    expect(first.statusCode).toBe(201);
    const bodies = [first.body];
    const s0 = first.json();
    expect(s0).toMatchObject({ seat: 'me', finished: false, agreement: null, utility: null });
    expect(s0.view.me).toMatchObject({ id: 'me', reservation: 0.111 });
    expect(s0.view.me.issues.map((i: { weight: number }) => i.weight)).toEqual([0.7, 0.3]);
    expect(s0.view.turn).not.toBeNull();
    let last = s0;
    for (let r = 0; r < 3; r++) {
      const ev = await app.inject({ method: 'POST', url: `/api/play/${s0.sessionId}/evaluate`, payload: { outcome: [2, 0] } });
      expect(ev.json().utility).toBeCloseTo(1, 12);
      bodies.push(ev.body);
      const res = await move(s0.sessionId, { type: 'offer', outcome: [2, 0] });
      expect(res.statusCode).toBe(200);
      bodies.push(res.body);
      last = res.json();
      expect(last.finished).toBe(false);
    }
    const moves = last.view.moves as { party: string; outcome: number[] | null; myUtility: number | null }[];
    expect(moves.filter((m) => m.party === 'me').length).toBe(3);
    const theirs = moves.filter((m) => m.party === 'them');
    expect(theirs.length).toBeGreaterThanOrEqual(3);
    // The utility shown for an opponent's offer is the player's own.
    for (const m of theirs) expect(m.myUtility).toBeCloseTo(myUtility(m.outcome!), 12);
    // Walking away ends it: no agreement, the player's reservation.
    const end = await move(s0.sessionId, { type: 'end' });
    expect(end.statusCode).toBe(200);
    bodies.push(end.body);
    expect(end.json()).toMatchObject({ finished: true, agreement: null, utility: 0.111 });
    for (const b of bodies) expectNoLeak(b);
    const again = await move(s0.sessionId, { type: 'end' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatch(/over/);
  });

  it('reaches an agreement when the player accepts', async () => {
    const first = await start({ opponents: 'conceder', seed: 1 });
    const id = first.json().sessionId as string;
    let s = first.json();
    if (!s.view.turn.offer) s = (await move(id, { type: 'offer', outcome: [2, 0] })).json();
    const offer = s.view.turn.offer as number[];
    const done = await move(id, { type: 'accept' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ finished: true, agreement: offer });
    expect(done.json().utility).toBeCloseTo(myUtility(offer), 12);
    expectNoLeak(done.body);
  });

  it('gives the same opponent offers for the same seed', async () => {
    const play = async (seed: number) => {
      const id = (await start({ opponents: 'boulware', seed })).json().sessionId as string;
      let s;
      for (let r = 0; r < 3; r++) s = (await move(id, { type: 'offer', outcome: [2, 0] })).json();
      return (s.view.moves as { party: string; outcome: number[] }[]).filter((m) => m.party === 'them').map((m) => m.outcome);
    };
    const a = await play(7);
    expect(a.length).toBeGreaterThanOrEqual(3);
    expect(await play(7)).toEqual(a);
  });

  it('defaults the opponents to boulware and applies a stored variant', async () => {
    const put = await app.inject({ method: 'PUT', url: `/api/scenarios/${scenarioId}/variants/low-res`, payload: { patch: { parties: { me: { reservation: 0.05 } } } } });
    expect(put.statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/api/play', payload: { scenarioId, variant: 'low-res', seat: 'me', rounds: 5, seed: 0 } });
    expect(res.statusCode).toBe(201);
    expect(res.json().view.me.reservation).toBe(0.05);
  });

  it('refuses bad requests and moves with clear 4xx errors', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ seat: 'nobody' }, 400, /no party "nobody"/],
      [{ opponents: 'no-such-agent' }, 400, /.+/],
      [{ scenarioId: 'missing' }, 404, /no scenario/],
      [{ variant: 'nope' }, 400, /.+/],
      [{ rounds: 0 }, 400, /invalid play request/],
      [{ extra: true }, 400, /invalid play request/],
    ];
    for (const [body, status, message] of cases) {
      const res = await start(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error).toMatch(message);
    }
    const unknown = await move('00000000-0000-0000-0000-000000000000', { type: 'end' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatch(/no play session/);

    const id = (await start({ opponents: 'hardliner' })).json().sessionId as string;
    const notInSpace = await move(id, { type: 'offer', outcome: [9, 9] });
    expect(notInSpace.statusCode).toBe(400);
    expect(notInSpace.json().error).toMatch(/not an outcome/);
    const badShape = await move(id, { type: 'offer', outcome: 'high' });
    expect(badShape.statusCode).toBe(400);
    expect(badShape.json().problems.length).toBeGreaterThan(0);
    expect((await move(id, { type: 'dance' })).statusCode).toBe(400);
    const big = await app.inject({ method: 'POST', url: `/api/play/${id}/move`, payload: { type: 'offer', outcome: new Array(40_000).fill(0) } });
    expect(big.statusCode).toBe(413);
  });
});

describe('PlayGame', () => {
  it('refuses to accept with no offer on the table, and a move when it is not your turn', async () => {
    const game = new PlayGame(scenario, 'me', 'conceder', 10, 1);
    const s = await game.settle();
    if (!s.turn!.offer) await expect(game.move({ type: 'accept' })).rejects.toThrow(/no offer/);
    // A second move while the first is being answered: not the player's turn.
    const first = game.move({ type: 'offer', outcome: [2, 0] });
    await expect(game.move({ type: 'offer', outcome: [2, 0] })).rejects.toThrow(/not your turn/);
    await first;
    expect(JSON.stringify(playerProfile(scenario, 'me'))).not.toMatch(/0\.4242|0\.6137/);
  });
});

describe('PlaySessions', () => {
  it('drops idle sessions and, past the cap, the least recently used', async () => {
    let t = 0;
    const sessions = new PlaySessions(2, 1000, () => t);
    const game = () => new PlayGame(scenario, 'me', 'hardliner', 5, 0);
    const a = sessions.add(game(), 'me');
    const b = sessions.add(game(), 'me');
    t = 10;
    sessions.get(a);
    const c = sessions.add(game(), 'me');
    expect(() => sessions.get(b)).toThrow(/no play session/);
    expect(sessions.size).toBe(2);
    t = 2000;
    expect(() => sessions.get(c)).toThrow(/no play session/);
    expect(sessions.size).toBe(0);
  });
});
