// The steppable live session: the same protocols as runNegotiation, driven one move at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importScenario, readNative } from '../formats/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { foldersWithFiles, REPO_ROOT, SCENARIOS_DIR } from '../../testing/shared.ts';
import { agentFactory } from '../agents/registry.ts';
import { negotiateSync } from '../agents/negotiate.ts';
import type { Scenario } from '../model/scenario.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import type { Agent, ProtocolName } from './agent.ts';
import { ManualClock } from './clock.ts';
import type { TraceEvent } from './events.ts';
import { LiveError, LiveNegotiation, seatProfile, type SeatSpec } from './live.ts';
import { negotiationParticipants } from './negotiate.ts';
import { replay } from './replay.ts';

const ceasefire = readNative('ceasefire.yaml', readFileSync(join(REPO_ROOT, 'scenarios/ceasefire.yaml'), 'utf8'));

/** Whether a seat sees an event (every event except its own moves, as `Session.emit` shows them). */
const seesEvent = (party: string, e: TraceEvent) => !('party' in e) || e.type === 'propose' || e.party !== party;

/**
 * Plays every seat as an external seat with the built-in agent `spec`, made
 * from the seat's own view: the live session must give exactly the events of
 * `negotiateSync` with the same agents and seed.
 */
function driveExternally(scenario: Scenario, spec: string, protocol: ProtocolName, rounds: number, seed: number): LiveNegotiation {
  const ids = negotiationParticipants(scenario);
  const seats: Record<string, SeatSpec> = Object.fromEntries(ids.map((id) => [id, { external: 'remote' as const }]));
  const live = new LiveNegotiation(scenario, { seats, protocol, rounds, seed });
  const agents = new Map<string, Agent>(ids.map((id) => [id, agentFactory(spec)(live.view(id))]));
  let seen = 0;
  const deliver = () => {
    for (; seen < live.events.length; seen++) {
      const e = live.events[seen]!;
      for (const [id, a] of agents) if (live.isActive(id) && seesEvent(id, e)) a.observe?.(e);
    }
  };
  for (let guard = 0; guard < 1_000_000; guard++) {
    deliver();
    const p = live.pending();
    if (!p) break;
    const a = agents.get(p.party)!;
    if (p.method === 'respond') live.act(p.party, a.respond(p.turn) as never);
    else live.act(p.party, { type: 'vote', accept: a.vote!(p.turn) as boolean });
  }
  expect(live.finished).toBe(true);
  return live;
}

describe('LiveNegotiation drives the same protocols as runNegotiation', () => {
  // The three-party ANAC 2016 scenarios, walked; the small ones (≤ 5000 outcomes) keep the test quick.
  const shared = foldersWithFiles(join(SCENARIOS_DIR, 'genius/anac/y2016'), /\.xml$/i)
    .map((f): [string, Scenario] => [f.split(/[\\/]/).pop()!, importScenario(loadSourceFiles([f]))])
    .filter(([, s]) => new OutcomeSpace(s.issues).size <= 5000n);
  it('finds scenarios', () => expect(shared.length).toBeGreaterThan(0));
  const cases: [string, Scenario][] = [['ceasefire', ceasefire], ...shared];
  for (const [name, s] of cases) {
    it(name, () => {
      for (const [spec, protocol] of [
        ['boulware', 'saop'],
        ['conceder', 'single-text'],
      ] as const) {
        const live = driveExternally(s, spec, protocol, 60, 5);
        const batch = negotiateSync(s, { agents: [spec], protocol, rounds: 60, seed: 5 });
        expect(live.events.slice(1)).toEqual(batch.events.slice(1));
        expect(live.result!.agreement).toEqual(batch.agreement);
        expect(live.result!.utilities).toEqual(batch.utilities);
        expect(replay(s, live.events).problems).toEqual([]);
      }
    });
  }

  it('mixes built-in and external seats; built-in seats answer at once', () => {
    const ids = negotiationParticipants(ceasefire);
    const seats: Record<string, SeatSpec> = Object.fromEntries(ids.map((id, i) => [id, i === 0 ? { external: 'human' as const } : 'conceder']));
    const live = new LiveNegotiation(ceasefire, { seats, protocol: 'saop', rounds: 20, resolveAgent: agentFactory });
    const start = live.events[0]!;
    expect(start.type === 'start' && start.parties.map((p) => p.agent)).toEqual(['human', ...ids.slice(1).map(() => 'conceder')]);
    // The first turn is the external seat's.
    expect(live.pending()).toMatchObject({ party: ids[0], method: 'respond' });
    const best = live.view(ids[0]!).sorted();
    expect(best).toBeDefined();
    live.act(ids[0]!, { type: 'end' });
    expect(live.finished).toBe(true);
    expect(live.result!.endReason).toBe('walk-away');
  });
});

describe('LiveNegotiation refuses moves cleanly', () => {
  const ids = negotiationParticipants(ceasefire);
  const allExternal = Object.fromEntries(ids.map((id) => [id, { external: 'remote' as const }]));

  it('out of turn, unknown seat, wrong kind, not an outcome, after the end', () => {
    const live = new LiveNegotiation(ceasefire, { seats: allExternal, protocol: 'saop', rounds: 5 });
    const [a, b] = [ids[0]!, ids[1]!];
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(LiveError);
        return (e as LiveError).code;
      }
      return 'none';
    };
    expect(code(() => live.act(b, { type: 'end' }))).toBe('not-your-turn');
    expect(code(() => live.act('nobody', { type: 'end' }))).toBe('unknown-seat');
    expect(code(() => live.act(a, { type: 'accept' }))).toBe('no-offer');
    expect(code(() => live.act(a, { type: 'vote', accept: true }))).toBe('invalid-move');
    expect(code(() => live.act(a, { type: 'offer', outcome: [999] }))).toBe('invalid-move');
    // Nothing happened: still a's turn, only the start event.
    expect(live.pending()!.party).toBe(a);
    expect(live.events.length).toBe(1);
    for (const id of ids) live.leave(id);
    expect(live.finished).toBe(true);
    expect(code(() => live.act(a, { type: 'end' }))).toBe('finished');
  });

  it('a seat that leaves walks away, or with `fault` leaves as a no-answer fault (at once on its turn, else at its next)', () => {
    const walk = new LiveNegotiation(ceasefire, { seats: allExternal, protocol: 'saop', rounds: 5 });
    walk.leave(ids[0]!);
    expect(walk.events.some((e) => e.type === 'fault')).toBe(false);
    expect(walk.isActive(ids[0]!)).toBe(false);
    const fault = new LiveNegotiation(ceasefire, { seats: allExternal, protocol: 'saop', rounds: 5 });
    fault.leave(ids[1]!, { fault: true });
    expect(fault.events.some((e) => e.type === 'fault')).toBe(false);
    fault.act(ids[0]!, { type: 'offer', outcome: fault.view(ids[0]!).space.outcomeAt(0n) as number[] });
    expect(fault.events.find((e) => e.type === 'fault')).toMatchObject({ type: 'fault', party: ids[1], kind: 'no-answer' });
    expect(fault.isActive(ids[1]!)).toBe(false);
  });

  it('a missed turn passes (skip) or ends the seat (leave); the global deadline ends the session', () => {
    const clock = new ManualClock();
    const skip = new LiveNegotiation(ceasefire, { seats: allExternal, protocol: 'saop', rounds: 5, clock, turnTimeLimitMs: 100 });
    expect(skip.nextDeadline()).toBe(100);
    expect(skip.tick()).toBe(false);
    clock.advance(100);
    expect(skip.tick()).toBe(true);
    expect(skip.events.at(-1)).toMatchObject({ type: 'skip', party: ids[0], reason: 'missed-turn' });
    expect(skip.pending()!.party).toBe(ids[1]);
    expect(skip.isActive(ids[0]!)).toBe(true);

    const leave = new LiveNegotiation(ceasefire, { seats: allExternal, protocol: 'saop', rounds: 5, clock, turnTimeLimitMs: 100, missedTurn: 'leave' });
    clock.advance(100);
    leave.tick();
    expect(leave.events.find((e) => e.type === 'fault')).toMatchObject({ type: 'fault', party: ids[0], kind: 'no-answer' });
    expect(leave.isActive(ids[0]!)).toBe(false);

    const timed = new LiveNegotiation(ceasefire, { seats: allExternal, protocol: 'saop', rounds: 1000, clock, timeLimitMs: 1000 });
    expect(timed.nextDeadline()).toBe(clock.now() + 1000);
    clock.advance(1000);
    timed.tick();
    expect(timed.finished).toBe(true);
    expect(timed.result!.endReason).toBe('deadline');
    expect(replay(ceasefire, timed.events).problems).toEqual([]);
  });

  it('a session where nobody ever answers ends by the per-turn limits alone', () => {
    const clock = new ManualClock();
    for (const protocol of ['saop', 'single-text'] as const) {
      const live = new LiveNegotiation(ceasefire, { seats: allExternal, protocol, rounds: 4, clock, turnTimeLimitMs: 10 });
      let ticks = 0;
      while (!live.finished && ticks < 10_000) {
        clock.advance(10);
        live.tick();
        ticks++;
      }
      expect(live.finished).toBe(true);
      expect(live.result!.agreement).toBeNull();
      expect(replay(ceasefire, live.events).problems).toEqual([]);
    }
  });
});

describe('seatProfile', () => {
  it('holds only its own party', () => {
    for (const id of negotiationParticipants(ceasefire)) {
      const p = seatProfile(ceasefire, id, { full: true });
      expect(p.id).toBe(id);
      const own = ceasefire.parties.find((x) => x.id === id)!;
      expect(p.preferences).toEqual(own.preferences);
      const text = JSON.stringify(p);
      for (const other of ceasefire.parties) {
        if (other.id === id || !other.preferences) continue;
        if (JSON.stringify(other.preferences) !== JSON.stringify(own.preferences)) expect(text).not.toContain(JSON.stringify(other.preferences));
      }
    }
  });
});
