// Behaviour the ANAC 2013–2019 descriptions give, each in a test that a plain time-based agent would fail.
import { describe, expect, it } from 'vitest';
import type { Action, Bid } from '../../negotiation/agent.ts';
import { AgentDriver, anacScenario, viewFor } from '../../../testing/agents.ts';
import { negotiateSync } from '../negotiate.ts';
import { InoxAgent } from './2013/inox-agent.ts';
import { TheFawkes } from './2013/the-fawkes.ts';
import { AgentM } from './2014/agent-m.ts';
import { DoNA } from './2014/dona.ts';
import { Atlas3 } from './2015/atlas3.ts';
import { ParsAgent } from './2015/pars-agent.ts';
import { Caduceus } from './2016/caduceus.ts';
import { PonPokoAgent } from './2017/ponpoko-agent.ts';
import { AgreeableAgent2018 } from './2018/agreeable-agent2018.ts';
import { AgentGG } from './2019/agent-gg.ts';
import { bidsIn } from '../bid-search.ts';

const travel = anacScenario('y2010/Travel');
const own = viewFor(travel, 0).sorted();
const theirs = viewFor(travel, 1).sorted();
const at = (u: number): Bid => own.outcomeAt(Math.min(own.ceil(u), own.count - 1));
const theirKth = (k: number): Bid => theirs.outcomeAt(theirs.count - 1 - k);
const offered = (a: Action) => (a.type === 'offer' ? a.outcome : undefined);
const shared = (a: Bid, b: Bid) => a.filter((v, i) => v === b[i]).length;
function drive<T extends { view: ReturnType<typeof viewFor> }>(agent: T): AgentDriver {
  return new AgentDriver(agent.view, () => agent as never);
}

describe('TheFawkes', () => {
  it('aims at the predicted concession of the opponent', () => {
    const vsConceder = new TheFawkes(viewFor(travel, 0));
    const vsStubborn = new TheFawkes(viewFor(travel, 0));
    const dc = drive(vsConceder);
    const ds = drive(vsStubborn);
    for (let k = 0; k < 400; k++) {
      dc.offer(at(0.3 + 0.5 * (k / 400)), k / 1000);
      ds.offer(at(0.3), k / 1000);
    }
    expect(vsConceder.prediction(0.41)).toBeGreaterThan(vsStubborn.prediction(0.41) + 0.1);
    expect(vsConceder.targetAt(0.41)).toBeGreaterThanOrEqual(vsStubborn.targetAt(0.41));
  });
});

describe('InoxAgent', () => {
  it('concedes towards a floor taken from the median and the best of the opponent’s offers', () => {
    const a = new InoxAgent(viewFor(travel, 0));
    const b = new InoxAgent(viewFor(travel, 0));
    const da = drive(a);
    const db = drive(b);
    for (let k = 0; k < 30; k++) {
      da.offer(at(0.3), k / 100);
      db.offer(at(k % 3 ? 0.6 : 0.3), k / 100);
    }
    expect(b.floorUnit()).toBeGreaterThan(a.floorUnit() + 0.1);
    expect(b.targetAt(0.95)).toBeGreaterThan(a.targetAt(0.95));
  });
});

describe('AgentM', () => {
  it('finds its bid by annealing towards what the opponent likes, beating the plain bid at its target', () => {
    const a = new AgentM(viewFor(travel, 0));
    const d = drive(a);
    for (let k = 0; k < 30; k++) d.offer(theirKth(k % 4), k / 100);
    const bid = offered(d.offer(theirKth(0), 0.9))!;
    const opp = a.opponents[0]!;
    const score = (b: Bid) => a.unit(b) + 0.3 * a.opponentModel!.utility(opp, b);
    const lo = a.scale.fromUnit(a.targetAt(0.9));
    const plain = at(lo);
    expect(a.view.utility(bid)).toBeGreaterThanOrEqual(lo);
    expect(score(bid)).toBeGreaterThan(score(plain));
  });
});

describe('DoNA', () => {
  it('walks away at once when its reservation value beats the discounted expected deal', () => {
    const s = anacScenario('y2012/ItexvsCypressA'); // δ = 0.5, reservation 0.5
    expect(new DoNA(viewFor(s, 0)).walksAwayAtOnce()).toBe(true);
    const r = negotiateSync(s, { agents: ['DoNA', 'conceder'], rounds: 1000 });
    expect(r.endReason).toBe('walk-away');
    expect(r.rounds).toBe(1);
  });
  it('otherwise holds out in its top 5 % until the last moment', () => {
    const a = new DoNA(viewFor(anacScenario('y2012/CameraC'), 0)); // δ = 1
    expect(a.walksAwayAtOnce()).toBe(false);
    const d = drive(a);
    for (let k = 0; k < 95; k++) expect(a.view.utility(offered(d.offer(a.sorted.outcomeAt(0), k / 100))!)).toBeGreaterThanOrEqual(0.95);
  });
});

describe('Atlas3', () => {
  it('builds bids by neighbourhood search from the opponent’s offer and ends on the others’ own offers', () => {
    const a = new Atlas3(viewFor(travel, 0));
    const d = drive(a);
    for (let k = 0; k < 20; k++) d.offer(theirKth(k), k / 100);
    const last = theirKth(20);
    const bid = offered(d.offer(last, 0.5))!;
    const plain = at(a.scale.fromUnit(a.threshold(0.5)));
    expect(shared(bid, last)).toBeGreaterThan(shared(plain, last));
    const end = offered(d.offer(theirKth(21), 0.99))!;
    expect(a.received.map((r) => r.bid)).toContainEqual(end);
  });
});

describe('ParsAgent', () => {
  it('builds its bid from the values both other parties agree on (three-party)', () => {
    const grid = anacScenario('y2016/Caduceus');
    const v = viewFor(grid, 0);
    const p = new ParsAgent(v);
    const d = new AgentDriver(v, () => p as never);
    const [b, c] = [viewFor(grid, 1).sorted(), viewFor(grid, 2).sorted()];
    const bBest = b.outcomeAt(b.count - 1);
    const cBest = c.outcomeAt(c.count - 1);
    for (let k = 0; k < 10; k++) {
      d.offer(bBest, k / 100, grid.parties[1]!.id);
      d.offer(cBest, k / 100 + 0.001, grid.parties[2]!.id);
    }
    const common = p.commonBid()!;
    bBest.forEach((x, i) => {
      if (x === cBest[i]) expect(common[i]).toBe(x);
    });
  });
});

describe('Caduceus', () => {
  it('offers its best outcome early, then the per-issue weighted vote of its experts', () => {
    const a = new Caduceus(viewFor(travel, 0));
    const d = drive(a);
    expect(offered(d.offer(theirKth(0), 0.1))).toEqual(own.outcomeAt(own.count - 1));
    let bid: Bid | undefined;
    for (let k = 0; k < 10 && !bid; k++) bid = offered(d.offer(theirKth(k), 0.9 + k / 1000));
    const { bid: vote } = a.combine(a.lastMoves, theirKth(0));
    const expertBids = a.lastMoves.flatMap((m) => (m.type === 'offer' ? [m.outcome] : []));
    expect(expertBids.length).toBeGreaterThan(1);
    expect([vote, ...expertBids]).toContainEqual(bid);
  });
});

describe('PonPokoAgent', () => {
  it('picks a threshold pattern from its seed and bids between the pattern’s lines, which need not fall monotonically', () => {
    const patterns = new Set(Array.from({ length: 40 }, (_, s) => new PonPokoAgent(viewFor(travel, 0, { seed: s })).pattern));
    expect(patterns.size).toBeGreaterThanOrEqual(4);
    let agent = new PonPokoAgent(viewFor(travel, 0, { seed: 0 }));
    for (let s = 1; agent.pattern !== 0; s++) agent = new PonPokoAgent(viewFor(travel, 0, { seed: s }));
    const lows = Array.from({ length: 101 }, (_, k) => agent.band(k / 100)[1]);
    expect(lows.some((l, k) => k > 0 && l > lows[k - 1]! + 1e-9)).toBe(true);
    const d = drive(agent);
    for (let k = 0; k < 100; k++) {
      const t = k / 100;
      const u = agent.view.utility(offered(d.offer(at(0.1), t))!);
      expect(u).toBeGreaterThanOrEqual(agent.band(t)[1] - 1e-9);
    }
  });
});

describe('AgreeableAgent2018', () => {
  it('draws bids in proportion to how much the others are estimated to like them', () => {
    const a = new AgreeableAgent2018(viewFor(travel, 0));
    const d = drive(a);
    for (let k = 0; k < 20; k++) d.offer(theirKth(k % 3), k / 200);
    const opp = a.opponents[0]!;
    const lo = a.scale.fromUnit(a.targetAt(0.5));
    const candidates = bidsIn(a.sorted, lo, lo + 0.1, 50);
    const meanAll = candidates.reduce((s, b) => s + a.opponentModel!.utility(opp, b), 0) / candidates.length;
    let sum = 0;
    for (let k = 0; k < 200; k++) sum += a.opponentModel!.utility(opp, a.roulette(candidates));
    expect(sum / 200).toBeGreaterThan(meanAll);
  });
});

describe('AgentGG', () => {
  it('concedes towards the mid-point between its best and the opponent’s first offer', () => {
    const near = new AgentGG(viewFor(travel, 0));
    const far = new AgentGG(viewFor(travel, 0));
    drive(near).offer(at(0.7), 0);
    drive(far).offer(at(0.2), 0);
    expect(near.midpoint()).toBeCloseTo((1 + near.unit(at(0.7))) / 2, 12);
    expect(near.threshold(0.99)).toBeCloseTo(near.midpoint(), 6);
    expect(near.threshold(0.7) - far.threshold(0.7)).toBeGreaterThan(0.1);
  });
});
