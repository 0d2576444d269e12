// Attacks on a live session: each fails cleanly, is logged without secrets, and the session goes on.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectSeat } from '../../node/live-client.ts';
import { startLiveServer, type CreatedReply, type LiveTestServer } from './test-server.ts';

let server: LiveTestServer;
beforeAll(async () => {
  server = await startLiveServer(':memory:', { finishedKeepMs: 60_000 });
});
afterAll(async () => server.close());

const wsUrl = () => server.url.replace('http:', 'ws:') + 'api/live/ws';

/** A raw WebSocket client collecting what it receives. */
function rawSocket(headers: Record<string, string> = {}): Promise<{ ws: WebSocket; got: Record<string, unknown>[]; closed: Promise<number>; next: (pred: (m: Record<string, unknown>) => boolean, from?: number) => Promise<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(), { headers });
    const got: Record<string, unknown>[] = [];
    const waiters: [(m: Record<string, unknown>) => boolean, (m: Record<string, unknown>) => void][] = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Record<string, unknown>;
      got.push(m);
      for (const w of [...waiters]) if (w[0](m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w[1](m);
      }
    });
    // Waits for a message matching `pred` among those received from now on.
    const next = (pred: (m: Record<string, unknown>) => boolean, from = got.length) =>
      new Promise<Record<string, unknown>>((r) => {
        const have = got.slice(from).find(pred);
        if (have) return r(have);
        waiters.push([pred, r]);
      });
    ws.on('open', () => resolve({ ws, got, closed, next }));
    ws.on('error', reject);
  });
}

/** A request with a raw Host header (fetch does not let one set it). */
function rawHost(host: string, path: string): Promise<number> {
  const u = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: u.hostname, port: u.port, path, method: 'GET', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const threeSeats = (extra: Record<string, unknown> = {}) =>
  server.create({
    scenarioId: 'ceasefire',
    protocol: 'saop',
    rounds: 20,
    participants: ['russia', 'ukraine', 'united-states'],
    seats: { russia: 'remote', ukraine: 'remote', 'united-states': 'conceder' },
    ...extra,
  });

describe('security', () => {
  let s: CreatedReply;
  const russia = () => s.seats.russia!.token!;
  const ukraine = () => s.seats.ukraine!.token!;

  it('every attack fails cleanly; the session then finishes normally', async () => {
    s = await threeSeats();
    // Both seats join by polling once (the session starts when every seat has joined).
    const first = await server.call('POST', '/api/live/poll', ukraine(), { after: 0, waitMs: 0 });
    await server.call('POST', '/api/live/poll', russia(), { after: 0, waitMs: 0 });
    const welcome = (first.json.messages as Record<string, unknown>[])[0]!;
    expect((welcome.profile as { id: string }).id).toBe('ukraine');

    // Read another seat's profile or the host view with a seat token: nothing to read.
    expect((await server.call('GET', `/api/live/sessions/${s.id}`, ukraine())).status).toBe(401);
    expect((await server.call('GET', `/api/live/sessions/${s.id}/trace`, ukraine())).status).toBe(401);
    expect((await server.call('GET', `/api/live/sessions/${s.id}`, undefined)).status).toBe(401);
    expect((await server.call('POST', '/api/live/poll', 'x'.repeat(43), {})).status).toBe(401);

    // Act for another seat / out of turn: russia moves first, so ukraine may not.
    const outOfTurn = await server.call('POST', '/api/live/move', ukraine(), { type: 'end' });
    expect(outOfTurn.status).toBe(409);
    expect(outOfTurn.json.code).toBe('not-your-turn');
    const forOther = await server.call('POST', '/api/live/move', ukraine(), { type: 'end', party: 'russia' });
    expect(forOther.status).toBe(400);
    expect(forOther.json.code).toBe('invalid-message');
    const hostMoves = await server.call('POST', '/api/live/move', s.host.token, { type: 'end' });
    expect(hostMoves.status).toBe(409);

    // Oversized, malformed and schema-violating messages over HTTP.
    expect((await server.call('POST', '/api/live/move', russia(), { type: 'offer', outcome: new Array(20_000).fill(0) })).status).toBe(413);
    expect((await server.call('POST', '/api/live/move', russia(), '{"type": "offer", ')).status).toBe(400);
    const schema = await server.call('POST', '/api/live/move', russia(), { type: 'offer', outcome: 'high' });
    expect(schema.status).toBe(400);
    expect((schema.json.problems as unknown[]).length).toBeGreaterThan(0);
    const notOutcome = await server.call('POST', '/api/live/move', russia(), { type: 'offer', outcome: [99, 99, 99, 99, 99, 99, 99, 99] });
    expect(notOutcome.status).toBe(400);
    expect(notOutcome.json.code).toBe('invalid-move');
    const stale = await server.call('POST', '/api/live/move', russia(), { type: 'end', turn: 57 });
    expect(stale.json.code).toBe('stale');

    // The same over WebSocket: refused with error messages, the connection stays.
    const sock = await rawSocket();
    sock.ws.send(JSON.stringify({ type: 'offer', outcome: [0] }));
    expect((await sock.next((m) => m.type === 'error')).code).toBe('unauthorized');
    sock.ws.send(JSON.stringify({ type: 'hello', v: 99, token: russia() }));
    expect((await sock.next((m) => m.code === 'version')).type).toBe('error');
    sock.ws.send(JSON.stringify({ type: 'hello', v: 1, token: russia() }));
    await sock.next((m) => m.type === 'welcome', 0);
    sock.ws.send('not json');
    expect((await sock.next((m) => m.code === 'invalid-message')).message).toBe('not JSON');
    sock.ws.send(JSON.stringify({ type: 'offer', outcome: 'x'.repeat(20_000) }));
    expect((await sock.next((m) => m.code === 'too-large')).type).toBe('error');
    sock.ws.send(JSON.stringify({ type: 'dance' }));
    await sock.next((m) => m.code === 'invalid-message' && Array.isArray(m.problems));
    // A frame past the hard limit closes the connection (1009); the seat can come back.
    sock.ws.send('x'.repeat(100_000));
    expect(await sock.closed).toBe(1009);

    // Foreign Origin and DNS-rebinding Host: refused before any route.
    expect((await server.call('POST', '/api/live/move', russia(), { type: 'end' }, { origin: 'http://evil.example' })).status).toBe(403);
    await expect(rawSocket({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    expect(await rawHost('evil.example', '/api/live/schema')).toBe(421);
    expect(await rawHost(`127.0.0.1:${new URL(server.url).port}`, '/api/live/schema')).toBe(200);

    // The session goes on: both seats play it out.
    const [r, u] = await Promise.all([connectSeat(server.url, russia(), 'conceder'), connectSeat(server.url, ukraine(), 'conceder')]);
    expect(r.endReason).toBe(u.endReason);
    expect(['agreement', 'deadline', 'walk-away']).toContain(r.endReason);

    // Reusing a token after the end: moves refused; the seat's own history is still readable.
    const late = await server.call('POST', '/api/live/move', russia(), { type: 'end' });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('finished');
    // Once the finished session leaves memory, its tokens open nothing.
    server.hub.evict(Date.now() + 3_600_000);
    expect((await server.call('POST', '/api/live/move', russia(), { type: 'end' })).status).toBe(401);
    expect((await server.call('POST', '/api/live/poll', ukraine(), { after: 0, waitMs: 0 })).status).toBe(401);
    // The host can still read it from the store.
    expect((await server.call('GET', `/api/live/sessions/${s.id}`, s.host.token)).json.status).toBe('finished');

    // Every refusal was logged, and no log line holds a token or anyone's preferences.
    const refused = server.logs.filter((l) => l.event === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(12);
    const logText = JSON.stringify(server.logs);
    for (const t of [russia(), ukraine(), s.host.token]) expect(logText).not.toContain(t);
    expect(logText).not.toMatch(/preferences|weights|reservation|utilit/);
  });
});

describe('faults', () => {
  it('a seat that disconnects mid-turn and reconnects within the grace period keeps its seat', async () => {
    const s = await server.create({ scenarioId: 'ceasefire', rounds: 4, seats: { russia: 'remote', ukraine: 'conceder' }, graceMs: 5000 });
    const a = await rawSocket();
    a.ws.send(JSON.stringify({ type: 'hello', v: 1, token: s.seats.russia!.token }));
    const turn = await a.next((m) => m.type === 'turn', 0);
    const lastSeq = a.got.at(-1)!.seq as number;
    a.ws.close();
    await a.closed;
    const b = await rawSocket();
    b.ws.send(JSON.stringify({ type: 'hello', v: 1, token: s.seats.russia!.token, after: lastSeq }));
    // Its turn is sent again (the answer could have been lost with the old connection).
    const again = await b.next((m) => m.type === 'turn', 0);
    expect(again.turn).toBe(turn.turn);
    b.ws.send(JSON.stringify({ type: 'end', turn: turn.turn }));
    const result = await b.next((m) => m.type === 'result', 0);
    expect(result.endReason).toBe('walk-away');
    // Nothing was resent: the new connection starts after what the first one saw.
    expect((b.got[0]!.seq as number) > lastSeq).toBe(true);
    b.ws.close();
  });

  it('a seat that never comes back leaves after the grace period; the session ends', async () => {
    const s = await threeSeats({ graceMs: 100 });
    const gone = await rawSocket();
    gone.ws.send(JSON.stringify({ type: 'hello', v: 1, token: s.seats.russia!.token }));
    await gone.next((m) => m.type === 'welcome', 0);
    const stays = connectSeat(server.url, s.seats.ukraine!.token!, 'conceder');
    await gone.next((m) => m.type === 'turn', 0);
    gone.ws.close();
    const r = await stays;
    expect(r.endReason).toBe('walk-away');
    const trace = await server.call('GET', `/api/live/sessions/${s.id}/trace`, s.host.token);
    expect(trace.text).toContain('"type":"end","round":0,"turn":0,"party":"russia"');
  });

  it('a seat that never answers misses its turns (skip) or leaves (leave); no deadlock', async () => {
    for (const [policy, expectKind] of [
      ['skip', 'skip'],
      ['leave', 'fault'],
    ] as const) {
      const s = await server.create({ scenarioId: 'ceasefire', rounds: 3, seats: { russia: 'remote', ukraine: 'boulware' }, turnTimeLimitMs: 50, missedTurn: policy });
      const silent = await rawSocket();
      silent.ws.send(JSON.stringify({ type: 'hello', v: 1, token: s.seats.russia!.token }));
      const result = await silent.next((m) => m.type === 'result', 0);
      expect(result.agreement === null || Array.isArray(result.agreement)).toBe(true);
      const events = silent.got.filter((m) => m.type === 'event').map((m) => m.event as { type: string; party?: string });
      expect(events.some((e) => e.type === expectKind && e.party === 'russia')).toBe(true);
      silent.ws.close();
    }
  });

  it('a flooding client is throttled; the other seat and the server carry on', async () => {
    const s = await threeSeats();
    const flood = await rawSocket();
    flood.ws.send(JSON.stringify({ type: 'hello', v: 1, token: s.seats.ukraine!.token }));
    await flood.next((m) => m.type === 'welcome', 0);
    for (let i = 0; i < 2000; i++) flood.ws.send(JSON.stringify({ type: 'end' }));
    await flood.next((m) => m.code === 'rate-limited', 0);
    expect((await server.call('GET', '/api/health', undefined)).status).toBe(200);
    const rateErrors = flood.got.filter((m) => m.code === 'rate-limited').length;
    expect(rateErrors).toBeLessThanOrEqual(3);
    flood.ws.close();
    // Ukraine comes back properly; russia plays; the session ends.
    const [r, u] = await Promise.all([connectSeat(server.url, s.seats.russia!.token!, 'conceder'), connectSeat(server.url, s.seats.ukraine!.token!, 'conceder')]);
    expect(r.endReason).toBe(u.endReason);
  });

  it('the host pauses (the clock stops, moves wait) and resumes; only the host token may', async () => {
    const s = await server.create({ scenarioId: 'ceasefire', rounds: 3, seats: { russia: 'remote', ukraine: 'boulware' }, turnTimeLimitMs: 150 });
    const seat = await rawSocket();
    seat.ws.send(JSON.stringify({ type: 'hello', v: 1, token: s.seats.russia!.token }));
    const turn = await seat.next((m) => m.type === 'turn', 0);
    expect((await server.call('POST', `/api/live/sessions/${s.id}/pause`, s.seats.russia!.token)).status).toBe(401);
    expect((await server.call('POST', `/api/live/sessions/${s.id}/pause`, s.host.token)).json.status).toBe('paused');
    const refused = await server.call('POST', '/api/live/move', s.seats.russia!.token, { type: 'end' });
    expect(refused.json.code).toBe('paused');
    // Twice the turn limit passes while paused: the turn is not skipped.
    await new Promise((r) => setTimeout(r, 400));
    expect(seat.got.some((m) => m.type === 'event' && (m.event as { type: string }).type === 'skip')).toBe(false);
    expect((await server.call('POST', `/api/live/sessions/${s.id}/resume`, s.host.token)).json.status).toBe('running');
    seat.ws.send(JSON.stringify({ type: 'end', turn: turn.turn }));
    const result = await seat.next((m) => m.type === 'result', 0);
    expect(result.endReason).toBe('walk-away');
    seat.ws.close();
  });
});
