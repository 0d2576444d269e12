// The workbench's tournament API: start, watch, results (the same as runTournament's), scatter, bad requests.
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTournament } from '../engine/agents/tournament.ts';
import { readNative } from '../engine/formats/index.ts';
import { loadSourceFiles } from '../node/load-files.ts';
import { Store } from '../storage/store.ts';
import { SCENARIOS_DIR } from '../testing/shared.ts';
import type { TournamentListingReply, TournamentScatterReply, TournamentStatusReply } from './api-types.ts';
import { buildApp } from './app.ts';

let app: FastifyInstance;
let store: Store;
let camera = '';

beforeAll(async () => {
  store = Store.open(':memory:');
  app = await buildApp({ store, builtins: [] });
  const files = loadSourceFiles([join(SCENARIOS_DIR, 'genius/anac/y2011/Camera')]).map((f) => ({ path: basename(f.path), text: f.text }));
  const r = await app.inject({ method: 'POST', url: '/api/scenarios/import', payload: { files } });
  expect(r.statusCode).toBe(201);
  camera = (r.json() as { id: string }).id;
}, 60_000);
afterAll(async () => {
  await app.close();
  store.close();
});

async function waitDone(id: string): Promise<TournamentStatusReply> {
  const end = Date.now() + 120_000;
  for (;;) {
    const s = (await app.inject({ method: 'GET', url: `/api/tournaments/${id}` })).json() as TournamentStatusReply;
    if (s.status !== 'running') return s;
    if (Date.now() > end) throw new Error(`tournament ${id} still running: ${JSON.stringify(s.progress)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('tournament API', () => {
  it('runs a tournament in the pool, lists it, and gives the same scores as runTournament', async () => {
    const body = { agents: ['boulware', 'conceder', 'micro'], scenarios: [camera], repetitions: 2, rounds: 200, seed: 4 };
    const start = await app.inject({ method: 'POST', url: '/api/tournaments', payload: body });
    expect(start.statusCode, start.body).toBe(202);
    const { id, total } = start.json() as { id: string; total: number };
    expect(total).toBe(3 * 2 * 2);
    const s = await waitDone(id);
    expect(s.status).toBe('done');
    expect(s.error).toBeNull();
    expect(s.done).toBe(12);
    expect(s.agents).toEqual(['boulware', 'conceder', 'micro']);
    const summary = s.summary!;
    expect(summary.negotiations).toBe(12);
    expect(summary.ranking).toHaveLength(3);

    const list = (await app.inject({ method: 'GET', url: '/api/tournaments' })).json() as { tournaments: TournamentListingReply[] };
    expect(list.tournaments.find((t) => t.id === id)).toMatchObject({ status: 'done', total: 12, done: 12 });

    // The same tournament headless, on the stored source: the same ranking and scores.
    const source = ((await app.inject({ method: 'GET', url: `/api/scenarios/${camera}` })).json() as { source: string }).source;
    const direct = await runTournament({ ...body, scenarios: [{ id: s.scenarios[0]!.id, scenario: readNative(`${camera}.yaml`, source) }] });
    expect(summary.ranking).toEqual(direct.ranking);
    expect(summary.matrix).toEqual(direct.matrix);

    // Every agreement over the frontier, in undiscounted utilities: on or below it.
    const sc = (await app.inject({ method: 'GET', url: `/api/tournaments/${id}/scatter?scenario=0` })).json() as TournamentScatterReply;
    expect(sc.totalAgreements).toBe(summary.agreements);
    expect(sc.agreements).toHaveLength(summary.agreements);
    expect(sc.parties).toHaveLength(2);
    expect(sc.frontier.length).toBeGreaterThan(1);
    for (const p of sc.agreements) {
      expect(p).toHaveLength(2);
      // No frontier point dominates it by more than rounding… or some does: it is never above the frontier.
      const above = sc.frontier.every((f) => p[0]! > f[0]! + 1e-9 || p[1]! > f[1]! + 1e-9);
      expect(above).toBe(false);
    }
  }, 180_000);

  it('stops a running tournament on request: interrupted, with the negotiations recorded so far', async () => {
    const start = await app.inject({ method: 'POST', url: '/api/tournaments', payload: { agents: ['boulware', 'conceder', 'linear', 'micro'], scenarios: [camera], repetitions: 200, rounds: 1000 } });
    expect(start.statusCode, start.body).toBe(202);
    const { id, total } = start.json() as { id: string; total: number };
    const stop = await app.inject({ method: 'DELETE', url: `/api/tournaments/${id}/run` });
    expect(stop.statusCode, stop.body).toBe(204);
    const s = (await app.inject({ method: 'GET', url: `/api/tournaments/${id}` })).json() as TournamentStatusReply;
    expect(s.status).toBe('interrupted');
    expect(s.done).toBeLessThan(total);
    expect(s.error).toMatch(/interrupted/);
    expect((await app.inject({ method: 'DELETE', url: `/api/tournaments/${id}/run` })).statusCode).toBe(409);
  }, 120_000);

  it('refuses an unknown agent, an unknown scenario, a bad body and a tournament too large, writing nothing', async () => {
    const before = ((await app.inject({ method: 'GET', url: '/api/tournaments' })).json() as { tournaments: unknown[] }).tournaments.length;
    const unknownAgent = await app.inject({ method: 'POST', url: '/api/tournaments', payload: { agents: ['boulware', 'nobody'], scenarios: [camera] } });
    expect(unknownAgent.statusCode).toBe(400);
    expect(JSON.stringify(unknownAgent.json())).toMatch(/nobody/);
    const unknownScenario = await app.inject({ method: 'POST', url: '/api/tournaments', payload: { agents: ['boulware', 'conceder'], scenarios: ['nope'] } });
    expect(unknownScenario.statusCode).toBe(404);
    const bad = await app.inject({ method: 'POST', url: '/api/tournaments', payload: { agents: [], scenarios: [camera], repetitions: 0 } });
    expect(bad.statusCode).toBe(400);
    const huge = await app.inject({ method: 'POST', url: '/api/tournaments', payload: { agents: ['boulware', 'conceder', 'linear', 'micro', 'random', 'hardliner'], scenarios: [camera], repetitions: 1000 } });
    expect(huge.statusCode).toBe(422);
    const after = ((await app.inject({ method: 'GET', url: '/api/tournaments' })).json() as { tournaments: unknown[] }).tournaments.length;
    expect(after).toBe(before);
    expect((await app.inject({ method: 'GET', url: '/api/tournaments/tnothere1' })).statusCode).toBe(404);
  }, 120_000);
});
