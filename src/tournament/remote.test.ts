// Remote entrants (`remote:NAME`) in a tournament: a TypeScript lobby client plays its seats as live
// sessions on the tournament's live host (docs/tournaments.md, "Remote entrants").
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { executeTournament, inProcessPool, MemoryTournamentStore } from '../engine/negotiation/tournament/run.ts';
import type { NegotiationRow } from '../engine/negotiation/tournament/job.ts';
import { planOf } from '../engine/negotiation/tournament/spec.ts';
import { prepareScenario } from '../engine/negotiation/negotiate.ts';
import { connectLobby, liveSocketUrl, lobbySocketUrl } from '../node/live-client.ts';
import { startTournamentHost, type TournamentHost } from '../server/live/tournament-host.ts';
import { LOBBY_POLL_RATE } from '../server/live/lobby-routes.ts';
import { distinctive, numbersIn, privateNumbers } from '../testing/privacy.ts';
import { SCENARIOS_DIR } from '../testing/shared.ts';
import { loadTournament, type TournamentFlags } from './load-config.ts';
import { withRemoteEntrants } from './remote-pool.ts';

const CAMERA = join(SCENARIOS_DIR, 'genius/anac/y2011/Camera');

let host: TournamentHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function run(flags: TournamentFlags, h?: TournamentHost, graceMs = 5000) {
  const loaded = await loadTournament(undefined, flags);
  const store = new MemoryTournamentStore();
  const id = store.create(loaded.spec, planOf(loaded.spec).total);
  const local = inProcessPool(loaded.resolveAgent);
  const pool = h ? withRemoteEntrants(local, { hub: h.hub, lobby: h.lobby, resolveAgent: loaded.resolveAgent, graceMs }) : local;
  const summary = await executeTournament(id, { store, pool });
  return { summary, rows: [...store.rows(id)], spec: loaded.spec };
}

/** What a row says about the negotiation (not who ran it). */
const essence = (r: NegotiationRow) => ({ id: r.id, agents: r.agents, utilities: r.utilities, agreement: r.agreement, rounds: r.rounds, endReason: r.endReason, faults: r.faults });

/** The first message a WebSocket gets after sending `first`. */
function firstReply(url: string, first: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send(JSON.stringify(first)));
    ws.on('message', (d: WebSocket.RawData) => {
      resolve(JSON.parse(String(d)) as Record<string, unknown>);
      ws.close();
    });
    ws.on('error', reject);
  });
}

describe('remote entrants', () => {
  it('a lobby client plays remote:alpha; every negotiation is recorded once, and equals running boulware locally; no other party’s preferences reach it', async () => {
    host = await startTournamentHost({ names: ['alpha'] });
    const lobby = connectLobby(host.url, host.lobby.tokenFor('alpha'), 'alpha', 'boulware');
    const flags = { scenarios: CAMERA, rounds: '60', repetitions: '2', seed: '5' };
    const remote = await run({ ...flags, agents: 'remote:alpha,conceder,linear' }, host);
    expect(remote.summary.complete).toBe(true);
    expect(remote.rows.map((r) => r.id)).toEqual([...Array(12).keys()]);
    expect(remote.summary.faults).toBe(0);
    expect(remote.summary.ranking.map((r) => r.agent).sort()).toEqual(['conceder', 'linear', 'remote:alpha']);

    // Each seat handed out once, to alpha's lobby only; each played to its result.
    const seatMessages = host.lobby.outboxOf('alpha').filter((m) => m.type === 'seat');
    expect(seatMessages.length).toBe(8); // alpha is in 2 × 2 ordered pairs, 2 repetitions
    expect(new Set(seatMessages.map((m) => m.type === 'seat' && m.negotiation)).size).toBe(8);

    // The same tournament with boulware played locally gives the same rows (boulware is deterministic and the deadline counts rounds).
    const local = await run({ ...flags, agents: 'boulware,conceder,linear' });
    expect(remote.rows.map(essence)).toEqual(local.rows.map(essence));

    // Privacy: the seats alpha played received only its own profile; the lobby holds no preferences at all.
    const scenario = remote.spec.scenarios[0]!.scenario;
    const prep = prepareScenario(scenario);
    for (const m of seatMessages) {
      if (m.type !== 'seat') continue;
      const room = host.hub.rooms.get(m.session)!;
      const seat = room.seats.get(m.party)!;
      expect(seat.kind).toBe('remote');
      const other = room.participants.find((p) => p !== m.party)!;
      const outcomes = room.events().flatMap((e) => ('outcome' in e ? [e.outcome] : []));
      const utilities = (id: string) => outcomes.map((o) => distinctive(prep.parties.get(id)!.evaluator.ufun!.utility(o))).filter((x): x is string => !!x);
      // A number that is also one of its own (a utility both happen to share) proves nothing.
      const own = new Set([...privateNumbers(scenario, m.party), ...utilities(m.party)]);
      const theirs = [...privateNumbers(scenario, other), ...utilities(other)];
      const seen = numbersIn(seat.outbox);
      for (const x of theirs) if (!own.has(x)) expect(seen.has(x), `${other}'s ${x} reached ${m.party}`).toBe(false);
      const welcome = seat.outbox[0]!;
      expect(welcome.type === 'welcome' && welcome.profile!.id).toBe(m.party);
    }
    expect(JSON.stringify(host.lobby.outboxOf('alpha'))).not.toMatch(/"(preferences|utilities|utility|reservation|weights|profile)"/);

    await host.close('done');
    const s = await lobby.finished;
    expect(s.reason).toBe('done');
    expect(s.seats.length).toBe(8);
    expect(s.seats.every((x) => x.result && !x.error)).toBe(true);
  }, 60_000);

  it('a long negotiation (1000-round deadline) is not throttled: the remote plays as fast as it can, and still equals the local run', async () => {
    host = await startTournamentHost({ names: ['alpha'] });
    const lobby = connectLobby(host.url, host.lobby.tokenFor('alpha'), 'alpha', 'boulware');
    const flags = { scenarios: CAMERA, rounds: '1000', seed: '2' };
    const remote = await run({ ...flags, agents: 'remote:alpha,conceder' }, host);
    const local = await run({ ...flags, agents: 'boulware,conceder' });
    expect(remote.summary.faults).toBe(0);
    expect(remote.rows.map(essence)).toEqual(local.rows.map(essence));
    expect(Math.max(...remote.rows.map((r) => r.rounds))).toBeGreaterThan(250); // beyond the workbench's burst of 200 messages
    await host.close('done');
    expect((await lobby.finished).seats.length).toBe(2);
  }, 60_000);

  it('a lobby client that disconnects mid-tournament gives faults, not a hang', async () => {
    host = await startTournamentHost({ names: ['alpha'] });
    let seen = 0;
    const lobby = connectLobby(host.url, host.lobby.tokenFor('alpha'), 'alpha', 'boulware', {
      onMessage: (m) => {
        // Gone while its third seat is being joined.
        if (m.type === 'seat' && ++seen === 3) lobby.close();
      },
    });
    const t0 = Date.now();
    const { summary, rows } = await run({ scenarios: CAMERA, rounds: '60', repetitions: '2', agents: 'remote:alpha,conceder,linear', turnLimit: '2000' }, host, 300);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(summary.complete).toBe(true);
    expect(rows.length).toBe(12);
    const alphaRows = rows.filter((r) => r.agents.includes(0));
    const faulted = alphaRows.filter((r) => r.faults.some((f) => r.agents[f.seat] === 0));
    expect(faulted.length).toBeGreaterThanOrEqual(6);
    for (const r of faulted) {
      expect(r.agreement).toBeNull();
      expect(['no-answer', 'absent']).toContain(r.faults.find((f) => r.agents[f.seat] === 0)!.kind);
    }
    expect(faulted.some((r) => r.faults.some((f) => f.kind === 'absent'))).toBe(true);
    // Negotiations without alpha are untouched.
    expect(rows.filter((r) => !r.agents.includes(0)).every((r) => r.faults.length === 0)).toBe(true);
    expect((await lobby.finished).reason).toBe('closed');
  }, 60_000);

  it('a lobby token opens only its own lobby: not another entrant’s, not a seat, not the session API', async () => {
    host = await startTournamentHost({ names: ['alpha', 'beta'] });
    const alpha = host.lobby.tokenFor('alpha');
    expect(host.lobby.tokenFor('beta')).not.toBe(alpha);
    const asBeta = await firstReply(lobbySocketUrl(host.url), { type: 'lobby', v: 1, name: 'beta', token: alpha });
    expect(asBeta).toMatchObject({ type: 'error', code: 'unauthorized' });
    const unknown = await firstReply(lobbySocketUrl(host.url), { type: 'lobby', v: 1, name: 'gamma', token: alpha });
    expect(unknown).toMatchObject({ type: 'error', code: 'unauthorized' });
    const asSeat = await firstReply(liveSocketUrl(host.url), { type: 'hello', v: 1, token: alpha });
    expect(asSeat).toMatchObject({ type: 'error', code: 'unauthorized' });
    const poll = await fetch(new URL('/api/live/poll', host.url), { method: 'POST', headers: { authorization: `Bearer ${alpha}`, 'content-type': 'application/json' }, body: '{}' });
    expect(poll.status).toBe(401);
    const create = await fetch(new URL('/api/live/sessions', host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'x', seats: {} }) });
    expect(create.status).toBe(404);
    const ok = await firstReply(lobbySocketUrl(host.url), { type: 'lobby', v: 1, name: 'alpha', token: alpha });
    expect(ok).toMatchObject({ type: 'lobby-welcome', seq: 1, name: 'alpha', entrant: 'remote:alpha' });
  });

  it('a flood of lobby polls is refused with 429 (per entrant, and per address for wrong tokens); the entrant can poll again later', async () => {
    host = await startTournamentHost({ names: ['alpha'] });
    const token = host.lobby.tokenFor('alpha');
    const poll = (t: string) =>
      fetch(new URL('/api/live/lobby/poll', host!.url), { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'alpha', after: 99, waitMs: 0 }) }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < LOBBY_POLL_RATE.burst + 20; i++) statuses.push(await poll(token));
    expect(statuses.slice(0, LOBBY_POLL_RATE.burst).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const wrong: number[] = [];
    for (let i = 0; i < LOBBY_POLL_RATE.burst + 20; i++) wrong.push(await poll('x'.repeat(43)));
    expect(wrong.slice(0, LOBBY_POLL_RATE.burst).every((s) => s === 401)).toBe(true);
    expect(wrong.filter((s) => s === 429).length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(await poll(token)).toBe(200);
  });

  it('the lobby resends what a reconnecting entrant missed (after), and a newer connection replaces an older one', async () => {
    host = await startTournamentHost({ names: ['alpha'] });
    const token = host.lobby.tokenFor('alpha');
    const open = (after: number) =>
      new Promise<{ ws: WebSocket; got: Record<string, unknown>[]; closed: Promise<number> }>((resolve) => {
        const ws = new WebSocket(lobbySocketUrl(host!.url));
        const got: Record<string, unknown>[] = [];
        const closed = new Promise<number>((r) => ws.on('close', (code: number) => r(code)));
        ws.on('open', () => ws.send(JSON.stringify({ type: 'lobby', v: 1, name: 'alpha', token, after })));
        ws.on('message', (d: WebSocket.RawData) => got.push(JSON.parse(String(d)) as Record<string, unknown>));
        setTimeout(() => resolve({ ws, got, closed }), 200);
      });
    const first = await open(0);
    expect(first.got.map((m) => m.type)).toEqual(['lobby-welcome']);
    expect(host.lobby.isConnected('alpha')).toBe(true);
    const second = await open(1);
    expect(await first.closed).toBe(4000);
    host.lobby.offerSeat('alpha', { session: 's', token: 'x'.repeat(43), party: 'p', negotiation: 7, scenario: 'c' });
    await new Promise((r) => setTimeout(r, 100));
    expect(second.got.map((m) => [m.type, m.seq])).toEqual([['seat', 2]]);
    second.ws.close();
    await second.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(host.lobby.isConnected('alpha')).toBe(false);
    const third = await open(2);
    expect(third.got).toEqual([]);
    host.lobby.end('done');
    await new Promise((r) => setTimeout(r, 100));
    expect(third.got).toEqual([{ type: 'lobby-end', seq: 3, reason: 'done', seats: 1 }]);
    third.ws.close();
  });

  it('remote:NAME is checked like any entrant', async () => {
    await expect(loadTournament(undefined, { agents: 'remote:bad name!,conceder', scenarios: CAMERA })).rejects.toThrow(/--agents \(item 1\): "remote:bad name!": a remote entrant name is/);
  });
});
