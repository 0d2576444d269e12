// Live sessions end to end on a real loopback server: remote agents over WebSocket and long-polling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceFromJsonLines } from '../../engine/negotiation/trace.ts';
import { replay } from '../../engine/negotiation/replay.ts';
import { readNative } from '../../engine/formats/index.ts';
import { connectSeat } from '../../node/live-client.ts';
import { startLiveServer, type LiveTestServer } from './test-server.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../testing/shared.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { negotiateSync } from '../../engine/agents/negotiate.ts';
import { sameEvents } from '../../engine/negotiation/events.ts';
import { Store } from '../../storage/store.ts';
import { LiveStore } from '../../storage/live-store.ts';
import { buildApp } from '../app.ts';
import { loadBuiltins } from '../builtins.ts';

let server: LiveTestServer;
beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => server.close());

const ceasefire = readNative('ceasefire.yaml', readFileSync(join(REPO_ROOT, 'scenarios/ceasefire.yaml'), 'utf8'));

/** Plays a seat over HTTP long-polling: offers its best outcome, accepts anything at or above `accept`. */
async function pollSeat(token: string, best: number[], accept: number): Promise<Record<string, unknown>[]> {
  const got: Record<string, unknown>[] = [];
  let after = 0;
  for (let i = 0; i < 5000; i++) {
    const r = await server.call('POST', '/api/live/poll', token, { after, waitMs: 5000 });
    expect(r.status).toBe(200);
    for (const m of r.json.messages as Record<string, unknown>[]) {
      got.push(m);
      after = m.seq as number;
      if (m.type === 'turn') {
        const mine = (m.myUtility as number | null) ?? -1;
        const move = m.offer && mine >= accept ? { type: 'accept', turn: m.turn } : { type: 'offer', outcome: best, turn: m.turn };
        const res = await server.call('POST', '/api/live/move', token, move);
        expect(res.status, res.text).toBe(200);
      }
      if (m.type === 'result') return got;
    }
  }
  throw new Error('the session did not end');
}

describe('live sessions', () => {
  it('three seats (WebSocket agent, long-polling seat, built-in agent) finish a SAOP session; the trace replays', async () => {
    const created = await server.create({
      scenarioId: 'ceasefire',
      protocol: 'saop',
      rounds: 30,
      participants: ['russia', 'ukraine', 'united-states'],
      seats: { russia: 'remote', ukraine: 'remote', 'united-states': 'conceder' },
    });
    expect(Object.keys(created.seats).sort()).toEqual(['russia', 'ukraine', 'united-states']);
    expect(created.seats['united-states']!.token).toBeUndefined();
    const best = ceasefire.issues.map(() => 0);
    const [ws, poll] = await Promise.all([connectSeat(server.url, created.seats.russia!.token!, 'conceder'), pollSeat(created.seats.ukraine!.token!, best, 0.3)]);
    const pollResult = poll.at(-1)!;
    expect(ws.endReason).toBe(pollResult.endReason);
    expect(ws.agreement).toEqual(pollResult.agreement);
    // Sequence numbers have no gaps or repeats.
    for (const list of [ws.messages, poll]) expect(list.map((m) => m.seq)).toEqual(list.map((_, i) => i + 1));

    const host = await server.call('GET', `/api/live/sessions/${created.id}`, created.host.token);
    expect(host.status).toBe(200);
    expect(host.json.status).toBe('finished');
    const trace = await server.call('GET', `/api/live/sessions/${created.id}/trace`, created.host.token);
    const events = traceFromJsonLines(trace.text);
    expect(events[0]!.type).toBe('start');
    expect(events.at(-1)!.type).toBe('finish');
    const rep = replay(
      { ...ceasefire, agreement: { type: 'unanimity', voters: ['russia', 'ukraine', 'united-states'] } },
      events,
    );
    expect(rep.problems).toEqual([]);
    // A seat token cannot read the host's view.
    expect((await server.call('GET', `/api/live/sessions/${created.id}`, created.seats.russia!.token!)).status).toBe(401);
  });

  it('a throttled client resends its dropped moves until the server takes them: no missed turn, the same result as unthrottled', async () => {
    const slow = await startLiveServer(':memory:', { rate: { burst: 10, perSecond: 40 } });
    try {
      const created = await slow.create({ scenarioId: 'ceasefire', rounds: 60, turnTimeLimitMs: 5000, missedTurn: 'leave', seats: { russia: 'remote', ukraine: 'conceder' } });
      const r = await connectSeat(slow.url, created.seats.russia!.token!, 'boulware');
      expect(r.messages.some((m) => m.type === 'error' && m.code === 'rate-limited')).toBe(true);
      const host = await slow.call('GET', `/api/live/sessions/${created.id}`, created.host.token);
      const events = host.json.events as { type: string }[];
      expect(events.filter((e) => e.type === 'fault' || e.type === 'skip')).toEqual([]);
      const batch = negotiateSync(ceasefire, { agents: ['boulware', 'conceder'], rounds: 60 });
      expect(r.agreement).toEqual(batch.agreement);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('keeps finished sessions over a restart, marks unfinished ones interrupted; the trace is the one `parley run --trace` writes', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'parley-live-db-')), 'parley.db');
    const first = await startLiveServer(db);
    const waiting = await first.create({ scenarioId: 'ceasefire', seats: { russia: 'remote', ukraine: 'human' } });
    const done = await first.create({ scenarioId: 'ceasefire', rounds: 50, seed: 3, seats: { russia: 'boulware', ukraine: 'conceder' } });
    await first.close();
    const second = await startLiveServer(db);
    try {
      expect((await second.call('GET', `/api/live/sessions/${waiting.id}`, waiting.host.token)).json.status).toBe('interrupted');
      const fin = await second.call('GET', `/api/live/sessions/${done.id}`, done.host.token);
      expect(fin.json.status).toBe('finished');
      // Only the host token opens it.
      expect((await second.call('GET', `/api/live/sessions/${done.id}`, waiting.host.token)).status).toBe(401);
      const trace = traceFromJsonLines((await second.call('GET', `/api/live/sessions/${done.id}/trace`, done.host.token)).text);
      const batch = negotiateSync(ceasefire, { agents: ['boulware', 'conceder'], rounds: 50, seed: 3 });
      expect(sameEvents(trace, batch.events)).toBe(true);
      const list = await second.call('GET', '/api/live/sessions', undefined);
      expect((list.json.sessions as { id: string }[]).map((x) => x.id).sort()).toEqual([waiting.id, done.id].sort());
      expect(JSON.stringify(list.json)).not.toMatch(/token|hash/i);
    } finally {
      await second.close();
    }
  });

  it('the server as `parley serve` builds it writes the queued finished sessions before it closes its store', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'parley-live-own-')), 'parley.db');
    const store = Store.open(db);
    const { scenarios } = loadBuiltins(join(REPO_ROOT, 'scenarios'));
    const app = await buildApp({ store, builtins: scenarios });
    const res = await app.inject({ method: 'POST', url: '/api/live/sessions', payload: { scenarioId: 'ceasefire', rounds: 20, seats: { russia: 'boulware', ukraine: 'conceder' } } });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    await app.close();
    store.close();
    const back = LiveStore.open(db);
    try {
      expect(back.get(id)!.status).toBe('finished');
      expect(back.events(id).length).toBeGreaterThan(2);
    } finally {
      back.close();
    }
  });
});

