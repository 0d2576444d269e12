import { describe, expect, it } from 'vitest';
import { OutcomeSpace } from '../model/outcome-space.ts';
import type { OfferTurn } from '../negotiation/agent.ts';
import { createAgentView, prepareParty } from '../negotiation/agent-view.ts';
import { buyerSeller } from '../negotiation/fixtures.ts';
import { compileParty } from '../model/party-evaluator.ts';
import { createRng } from '../util/rng.ts';
import { acCombi, acNext, acTime } from './acceptance.ts';
import { timeDependentBidding } from './bidding.ts';
import { microAgent } from './micro.ts';
import { FrequencyModel } from './opponent-model.ts';
import { AGENT_NAMES, parseAgentSpec } from './registry.ts';

const sc = buyerSeller(3, 5, [0.2, 0]);
const space = new OutcomeSpace(sc.issues);
function viewOf(id: string) {
  const party = sc.parties.find((p) => p.id === id)!;
  const prepared = prepareParty(space, compileParty(space, party), () => createRng(1));
  return createAgentView(prepared, { space, participants: ['buyer', 'seller'], protocol: 'aop', deadline: { rounds: 10 }, rng: createRng(1) });
}
const turn = (time: number, offer?: number[], proposer?: string): OfferTurn => ({ round: 0, turn: 0, time, offer, proposer });

describe('time-dependent bidding', () => {
  it('targets u(t) = max − (max − min)·t^(1/e) with min = the reservation value, and bids the lowest outcome at or above it', () => {
    const view = viewOf('buyer');
    for (const e of [0.2, 1, 2]) {
      const b = timeDependentBidding(e)({ view, model: undefined });
      for (const t of [0, 0.25, 0.5, 0.9, 1]) {
        const target = 1 - (1 - 0.2) * Math.pow(t, 1 / e);
        expect(b.target(t)).toBeCloseTo(target, 12);
        const u = view.utility(b.nextBid(turn(t)));
        expect(u).toBeGreaterThanOrEqual(b.target(t) - 1e-12);
        // No outcome lies strictly between the target and the bid's utility.
        const sorted = view.sorted();
        const pos = sorted.ceil(b.target(t));
        expect(u).toBe(sorted.utilities[pos]);
      }
    }
  });
});

describe('acceptance conditions', () => {
  const x = { time: 0.5, offerUtility: 0.6, nextBidUtility: 0.7, bestReceived: 0.6 };
  it('AC_next, AC_time and AC_combi', () => {
    expect(acNext().accepts(x)).toBe(false);
    expect(acNext().accepts({ ...x, nextBidUtility: 0.6 })).toBe(true);
    expect(acNext(1, 0.1).accepts(x)).toBe(true);
    expect(acTime(0.9).accepts(x)).toBe(false);
    expect(acTime(0.5).accepts(x)).toBe(true);
    expect(acCombi(0.9).accepts(x)).toBe(false);
    expect(acCombi(0.4).accepts(x)).toBe(true);
    expect(acCombi(0.4).accepts({ ...x, bestReceived: 0.65 })).toBe(false);
  });
});

describe('frequency opponent model', () => {
  it('learns which values and issues an opponent insists on', () => {
    const m = new FrequencyModel(space);
    expect(m.utility('seller', [0, 0, 0])).toBe(0.5);
    // The seller always keeps issue 0 at 4 and varies the others.
    m.update('seller', [4, 0, 1]);
    m.update('seller', [4, 2, 3]);
    m.update('seller', [4, 1, 0]);
    expect(m.utility('seller', [4, 3, 3])).toBeGreaterThan(m.utility('seller', [0, 0, 1]));
    expect(m.utility('seller', [4, 0, 0])).toBeLessThanOrEqual(1 + 1e-12);
    expect(m.parties).toEqual(['seller']);
  });
});

describe('MiCRO', () => {
  it('concedes one outcome only after receiving as many distinct offers as it made, otherwise repeats itself', () => {
    const view = viewOf('seller');
    const a = microAgent(view);
    const sorted = view.sorted();
    const best = sorted.outcomeAt(sorted.count - 1);
    const r0 = a.respond(turn(0));
    expect(r0).toEqual({ type: 'offer', outcome: best });
    // The opponent repeats the same (bad for the seller) offer: no new distinct offers, no concession.
    const bad = [0, 0, 0];
    const r1 = a.respond(turn(0.1, bad, 'buyer'));
    const r2 = a.respond(turn(0.2, bad, 'buyer'));
    expect(r1).toEqual({ type: 'offer', outcome: sorted.outcomeAt(sorted.count - 2) });
    expect(r2).toEqual({ type: 'offer', outcome: expect.anything() });
    const offered2 = (r2 as unknown as { outcome: number[] }).outcome;
    expect([best, sorted.outcomeAt(sorted.count - 2)]).toContainEqual(offered2);
    // A new distinct offer lets it concede one more step.
    const r3 = a.respond(turn(0.3, [1, 0, 0], 'buyer'));
    expect(r3).toEqual({ type: 'offer', outcome: sorted.outcomeAt(sorted.count - 3) });
    // It accepts an offer at least as good as its next bid.
    expect(a.respond(turn(0.4, best, 'buyer'))).toEqual({ type: 'accept' });
  });
});

describe('registry', () => {
  it('parses names and parameters', () => {
    expect(AGENT_NAMES).toEqual(expect.arrayContaining(['boulware', 'linear', 'conceder', 'hardliner', 'random', 'naive-tft', 'nice-tft', 'micro']));
    expect(parseAgentSpec('time-dependent:e=0.5').params).toEqual({ e: '0.5' });
    expect(parseAgentSpec('Boulware').kind.name).toBe('boulware');
    expect(parseAgentSpec('tit-for-tat').kind.name).toBe('naive-tft');
    expect(() => parseAgentSpec('nobody')).toThrow(/available/);
    expect(() => parseAgentSpec('boulware:e')).toThrow(/key=value/);
  });
});
