import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../util/rng.ts';
import { ruleAccepts } from '../model/agreement-rule.ts';
import type { Agent, AgentView } from './agent.ts';
import { buyerSeller, linearScenario, optionsIssue, randomScenario } from './fixtures.ts';
import { NegotiationSetupError, prepareScenario } from './negotiate.ts';
import { negotiateSync } from '../agents/negotiate.ts';
import { sameEvents } from './events.ts';
import { AgentSpecError } from '../agents/registry.ts';

const sc = buyerSeller(4, 6);

describe('alternating offers: behaviour the literature predicts', () => {
  it('Conceder vs Conceder agrees earlier than Boulware vs Boulware', () => {
    const c = negotiateSync(sc, { agents: ['conceder'], rounds: 200 });
    const b = negotiateSync(sc, { agents: ['boulware'], rounds: 200 });
    expect(c.endReason).toBe('agreement');
    expect(b.endReason).toBe('agreement');
    expect(c.rounds).toBeLessThan(b.rounds);
    // Linear lies between them.
    const l = negotiateSync(sc, { agents: ['linear'], rounds: 200 });
    expect(l.rounds).toBeGreaterThan(c.rounds);
    expect(l.rounds).toBeLessThan(b.rounds);
  });

  it('a Boulware agent facing a Conceder gets more than the Conceder', () => {
    const r = negotiateSync(sc, { agents: ['boulware', 'conceder'], rounds: 200 });
    expect(r.endReason).toBe('agreement');
    expect(r.utilities.buyer!).toBeGreaterThan(r.utilities.seller!);
  });

  it('two hardliners never agree, and both get their reservation value', () => {
    const s2 = buyerSeller(3, 4, [0.2, 0.1]);
    const r = negotiateSync(s2, { agents: ['hardliner'], rounds: 300 });
    expect(r.agreement).toBeNull();
    expect(r.endReason).toBe('deadline');
    expect(r.rounds).toBe(300);
    expect(r.events.filter((e) => e.type === 'accept')).toHaveLength(0);
    expect(r.utilities).toEqual({ buyer: 0.2, seller: 0.1 });
    expect(r.advantages).toEqual({ buyer: 0, seller: 0 });
  });

  it('every built-in agent pair runs to a consistent end without faults', () => {
    const names = ['boulware', 'linear', 'conceder', 'hardliner', 'random', 'naive-tft', 'nice-tft', 'micro', 'boulware:model=frequency:ac=combi'];
    for (const a of names)
      for (const b of names) {
        const r = negotiateSync(sc, { agents: [a, b], rounds: 60, seed: 3 });
        expect(r.faults, `${a} vs ${b}`).toEqual([]);
        if (r.agreement) {
          expect(r.acceptedBy).toEqual(['buyer', 'seller']);
          const last = r.events.at(-2)!;
          expect(last.type).toBe('accept');
        }
      }
  });

  it('MiCRO against itself agrees, and on an outcome both value at least as much as the agreement of two Boulwares', () => {
    const m = negotiateSync(sc, { agents: ['micro'], rounds: 1000 });
    expect(m.endReason).toBe('agreement');
    expect(m.utilities.buyer! + m.utilities.seller!).toBeGreaterThan(0.9);
  });

  it('no agreement gives a party less than its reservation value unless that party accepted it (or, under a quorum, was outvoted)', () => {
    const agentNames = ['boulware', 'conceder', 'linear', 'random', 'micro', 'hardliner', 'naive-tft', 'nice-tft'];
    let agreements = 0;
    let belowReservation = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.constantFrom(...agentNames), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (seed, n, agents, unanimity) => {
          const rule = unanimity ? { type: 'unanimity' as const } : { type: 'quorum' as const, k: Math.max(1, n - 1), required: ['p1'] };
          const s = randomScenario(createRng(seed), n, 3, 4, rule);
          const r = negotiateSync(s, { agents: agents.slice(0, n), rounds: 40, seed, protocol: 'saop' });
          if (!r.agreement) return;
          agreements++;
          expect(ruleAccepts(rule, s.parties, (id) => r.acceptedBy.includes(id))).toBe(true);
          const prep = prepareScenario(s);
          for (const [id, p] of prep.parties) {
            const u = p.evaluator.ufun!.utility(r.agreement);
            if (u >= (p.evaluator.reservationValue ?? -Infinity)) continue;
            belowReservation++;
            // Built-in agents never accept below their reservation value: such a party was outvoted,
            // which only a quorum rule allows, and never for a required party.
            expect(r.acceptedBy).not.toContain(id);
            expect(rule.type).toBe('quorum');
            expect(id).not.toBe('p1');
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(agreements).toBeGreaterThan(20);
    expect(belowReservation).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  it('the same seed gives the same trace, event for event', () => {
    for (const agents of [['random'], ['micro', 'random'], ['boulware', 'nice-tft']]) {
      const a = negotiateSync(sc, { agents, seed: 42, rounds: 100 });
      const b = negotiateSync(sc, { agents, seed: 42, rounds: 100 });
      expect(a.events).toEqual(b.events);
      expect(sameEvents(a.events, b.events)).toBe(true);
    }
  });

  it('different seeds give different traces for random agents', () => {
    const a = negotiateSync(sc, { agents: ['random'], seed: 1, rounds: 100 });
    const b = negotiateSync(sc, { agents: ['random'], seed: 2, rounds: 100 });
    expect(sameEvents(a.events, b.events)).toBe(false);
  });

  it('wall-clock stamps are recorded on request and ignored when comparing traces', () => {
    const a = negotiateSync(sc, { agents: ['random'], seed: 5, rounds: 50, recordWallTime: true });
    const b = negotiateSync(sc, { agents: ['random'], seed: 5, rounds: 50 });
    expect(a.events.every((e) => typeof e.wall === 'number')).toBe(true);
    expect(sameEvents(a.events, b.events)).toBe(true);
  });
});

describe('privacy', () => {
  it("an agent's view reaches its own preferences only, never the scenario or another party's", () => {
    const s = buyerSeller(3, 4);
    const prep = prepareScenario(s);
    const seller = s.parties[1]!;
    const sellerUfun = prep.parties.get('seller')!.evaluator.ufun!;
    const forbidden = new Set<unknown>([s, s.parties, seller, seller.preferences, ...(sellerUfun.tables ?? []), sellerUfun, prep, prep.parties.get('seller')]);
    let view: AgentView | undefined;
    const spy = (v: AgentView): Agent => {
      if (v.partyId === 'buyer') view = v;
      return { name: 'spy', respond: () => ({ type: 'end' }) };
    };
    negotiateSync(s, { agents: [spy], rounds: 3 });
    expect(view).toBeDefined();
    view!.sorted();
    // Walk everything reachable from the view through properties and prototypes.
    const seen = new Set<unknown>();
    const stack: unknown[] = [view];
    while (stack.length) {
      const v = stack.pop();
      if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) continue;
      seen.add(v);
      expect(forbidden.has(v)).toBe(false);
      if (ArrayBuffer.isView(v)) continue;
      for (const key of Reflect.ownKeys(v as object)) {
        const d = Object.getOwnPropertyDescriptor(v, key);
        if (d && 'value' in d) stack.push(d.value);
      }
      stack.push(Object.getPrototypeOf(v));
    }
    // What it can compute is its own utility.
    const buyerUfun = prep.parties.get('buyer')!.evaluator.ufun!;
    expect(view!.utility([0, 0, 0])).toBe(buyerUfun.utility([0, 0, 0]));
    expect(view!.sorted().maxUtility).toBeCloseTo(1, 12);
    expect(Object.isFrozen(view)).toBe(true);
  });
});

describe('setup errors', () => {
  it('rejects unknown agents, listing the available ones', () => {
    expect(() => negotiateSync(sc, { agents: ['boulwar'] })).toThrow(AgentSpecError);
    expect(() => negotiateSync(sc, { agents: ['boulwar'] })).toThrow(/available: boulware, linear/);
    expect(() => negotiateSync(sc, { agents: ['boulware:x=1'] })).toThrow(/no parameter "x"/);
  });
  it('rejects aop with three parties and a wrong number of agents', () => {
    const s3 = randomScenario(createRng(1), 3, 2, 3);
    expect(() => negotiateSync(s3, { agents: ['boulware'], protocol: 'aop' })).toThrow(NegotiationSetupError);
    expect(() => negotiateSync(s3, { agents: ['boulware', 'conceder'] })).toThrow(/2 agents for 3 participants/);
  });
  it('takes the exponent of a time-dependent agent as a parameter', () => {
    const slow = negotiateSync(sc, { agents: ['time-dependent:e=0.1'], rounds: 200 });
    const fast = negotiateSync(sc, { agents: ['time-dependent:e=5'], rounds: 200 });
    expect(fast.rounds).toBeLessThan(slow.rounds);
  });
});

describe('discounting', () => {
  it('applies each party’s discount at the time of agreement (per time and per round)', () => {
    const issues = [optionsIssue('x', 3)];
    const s = linearScenario('d', issues, [
      { id: 'a', weights: [1], values: [[1, 0.5, 0]], discount: { factor: 0.5, per: 'time' } },
      { id: 'b', weights: [1], values: [[0, 0.5, 1]], discount: { factor: 0.9, per: 'round' } },
    ]);
    const r = negotiateSync(s, { agents: ['conceder'], rounds: 10 });
    expect(r.agreement).not.toBeNull();
    const ua = [1, 0.5, 0][r.agreement![0]!]!;
    const ub = [0, 0.5, 1][r.agreement![0]!]!;
    expect(r.utilities.a).toBeCloseTo(ua * Math.pow(0.5, r.time), 12);
    expect(r.utilities.b).toBeCloseTo(ub * Math.pow(0.9, r.rounds - 1), 12);
    expect(r.time).toBeGreaterThan(0);
  });
});
