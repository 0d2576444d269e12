import { describe, expect, it } from 'vitest';
import type { Agent, AgentFactory, AgentView } from './agent.ts';
import { ManualClock } from './clock.ts';
import { buyerSeller, randomScenario } from './fixtures.ts';
import { negotiate, negotiateSync } from '../agents/negotiate.ts';
import { replay } from './replay.ts';
import { createRng } from '../util/rng.ts';
import { agentFactory } from '../agents/registry.ts';

const sc = buyerSeller(3, 4);
const boulware = agentFactory('boulware');

/** An agent that behaves like Boulware until round `from`, then misbehaves as told. */
function faulty(from: number, misbehave: (view: AgentView) => unknown): AgentFactory {
  return (view) => {
    const inner = boulware(view);
    return {
      name: 'faulty',
      respond: (turn) => (turn.round >= from ? (misbehave(view) as ReturnType<Agent['respond']>) : inner.respond(turn)),
    };
  };
}

function expectFault(r: Awaited<ReturnType<typeof negotiate>>, kind: string, party = 'buyer') {
  expect(r.faults).toHaveLength(1);
  expect(r.faults[0]).toMatchObject({ party, kind, round: 3 });
  expect(r.agreement).toBeNull();
  expect(r.endReason).toBe('fault');
  expect(r.events.some((e) => e.type === 'fault' && e.party === party && e.kind === kind)).toBe(true);
  expect(r.events.at(-1)!.type).toBe('finish');
  // The trace with the fault replays consistently.
  const rep = replay(sc, r.events);
  expect(rep.problems).toEqual([]);
  expect(rep.result!.faults).toEqual(r.faults);
}

describe('faults end a party’s participation, and the run completes', () => {
  it('a strategy that throws', () => {
    const r = negotiateSync(sc, {
      agents: [
        faulty(3, () => {
          throw new Error('boom');
        }),
        'boulware',
      ],
      rounds: 50,
    });
    expectFault(r, 'threw');
    expect(r.faults[0]!.message).toMatch(/boom/);
  });

  it('an invalid action', () => {
    expectFault(negotiateSync(sc, { agents: [faulty(3, () => ({ type: 'haggle' })), 'boulware'], rounds: 50 }), 'invalid-action');
    expectFault(negotiateSync(sc, { agents: [faulty(3, () => null), 'boulware'], rounds: 50 }), 'invalid-action');
  });

  it('an offer outside the outcome space', () => {
    expectFault(negotiateSync(sc, { agents: [faulty(3, () => ({ type: 'offer', outcome: [0, 9, 0] })), 'boulware'], rounds: 50 }), 'invalid-outcome');
    expectFault(negotiateSync(sc, { agents: [faulty(3, () => ({ type: 'offer', outcome: [0, 1] })), 'boulware'], rounds: 50 }), 'invalid-outcome');
    expectFault(negotiateSync(sc, { agents: [faulty(3, () => ({ type: 'offer', outcome: [0.5, 1, 1] })), 'boulware'], rounds: 50 }), 'invalid-outcome');
    expectFault(negotiateSync(sc, { agents: [faulty(3, () => ({ type: 'offer', outcome: 'cheap' })), 'boulware'], rounds: 50 }), 'invalid-outcome');
  });

  it('a synchronous turn that overruns its time limit (injected clock)', () => {
    const clock = new ManualClock();
    const slow = faulty(3, (view) => {
      clock.advance(1500);
      return { type: 'offer', outcome: view.sorted().outcomeAt(view.sorted().count - 1) };
    });
    const r = negotiateSync(sc, { agents: [slow, 'boulware'], rounds: 50, clock, turnTimeLimitMs: 1000 });
    expectFault(r, 'timeout');
  });

  it('an asynchronous agent that never answers is cut off by the per-turn limit', async () => {
    const r = await negotiate(sc, { agents: [faulty(3, () => new Promise(() => undefined)), 'boulware'], rounds: 50, turnTimeLimitMs: 250 });
    expectFault(r, 'no-answer');
  });

  it('an asynchronous agent whose promise rejects', async () => {
    const r = await negotiate(sc, { agents: [faulty(3, () => Promise.reject(new Error('nope'))), 'boulware'], rounds: 50 });
    expectFault(r, 'threw');
  });

  it('asynchronous agents that answer in time negotiate normally', async () => {
    const lazy: AgentFactory = (view) => {
      const inner = boulware(view);
      return { name: 'lazy', respond: async (turn) => inner.respond(turn) };
    };
    const a = await negotiate(sc, { agents: [lazy, 'conceder'], rounds: 50 });
    const b = negotiateSync(sc, { agents: ['boulware', 'conceder'], rounds: 50 });
    expect(a.faults).toEqual([]);
    expect(a.agreement).toEqual(b.agreement);
    expect(a.rounds).toBe(b.rounds);
  });

  it('a promise handed to the synchronous runner is a fault, not a hang', () => {
    const r = negotiateSync(sc, { agents: [faulty(3, () => new Promise(() => undefined)), 'boulware'], rounds: 50 });
    expectFault(r, 'async-in-sync-run');
  });

  it('an observer that throws', () => {
    const bad: AgentFactory = (view) => {
      const inner = boulware(view);
      return {
        name: 'bad-observer',
        respond: (t) => inner.respond(t),
        observe: (e) => {
          if (e.type === 'offer' && e.round === 3) throw new Error('cannot look');
        },
      };
    };
    const r = negotiateSync(sc, { agents: [bad, 'boulware'], rounds: 50 });
    expect(r.faults).toHaveLength(1);
    expect(r.faults[0]).toMatchObject({ party: 'buyer', kind: 'threw', round: 3 });
    expect(r.agreement).toBeNull();
    expect(r.endReason).toBe('fault');
    expect(r.rounds).toBe(4);
    expect(replay(sc, r.events).problems).toEqual([]);
  });

  it('in a 3-party quorum negotiation the others go on without the faulty party', () => {
    const s3 = randomScenario(createRng(3), 3, 3, 4, { type: 'quorum', k: 2, required: [] });
    const r = negotiateSync(s3, {
      agents: [
        faulty(0, () => {
          throw new Error('x');
        }),
        'conceder',
        'conceder',
      ],
      rounds: 100,
    });
    expect(r.faults.map((f) => f.party)).toEqual(['p1']);
    expect(r.endReason).toBe('agreement');
    expect(r.acceptedBy).toEqual(['p2', 'p3']);
  });
});
