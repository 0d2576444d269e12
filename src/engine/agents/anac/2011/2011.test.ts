// Behaviour the ANAC 2011 papers describe, each in a test that a plain time-based agent would fail.
import { describe, expect, it } from 'vitest';
import type { Action, Bid } from '../../../negotiation/agent.ts';
import { AgentDriver, anacScenario, viewFor } from '../../../../testing/agents.ts';
import { AgentK } from '../2010/agent-k.ts';
import { BRAMAgent } from './bram-agent.ts';
import { Gahboninho } from './gahboninho.ts';
import { HardHeaded } from './hardheaded.ts';
import { IAMhaggler2011 } from './iamhaggler2011.ts';
import { NiceTitForTat } from './nice-tit-for-tat.ts';
import { TheNegotiator } from './the-negotiator.ts';
import { ValueModelAgent } from './value-model-agent.ts';

const s = anacScenario('y2010/Travel');
const view = (seed = 1) => viewFor(s, 0, { seed });
const own = view().sorted();
const theirs = viewFor(s, 1).sorted();
const at = (u: number): Bid => own.outcomeAt(Math.min(own.ceil(u), own.count - 1));
/** The opponent's k-th best outcome (k = 0: its best). */
const theirKth = (k: number): Bid => theirs.outcomeAt(theirs.count - 1 - k);
const offered = (a: Action) => (a.type === 'offer' ? a.outcome : undefined);

describe('HardHeaded', () => {
  it('holds its threshold until the very end and never goes below 0.585', () => {
    const h = new HardHeaded(view());
    const d = new AgentDriver(h.view, () => h);
    for (let k = 0; k <= 1000; k++) {
      const t = k / 1000;
      const b = offered(d.offer(at(0.2), t))!;
      const u = h.view.utility(b);
      if (t <= 0.9) expect(u).toBeGreaterThanOrEqual(0.94); // a Boulware e = 0.2 agent is at 0.75 by then
      expect(u).toBeGreaterThanOrEqual(0.585);
    }
  });
});

describe('Gahboninho', () => {
  it('stays tougher against an opponent that complies than against one that does not', () => {
    const vsNice = new Gahboninho(view());
    const vsTough = new Gahboninho(view());
    const dn = new AgentDriver(vsNice.view, () => vsNice);
    const dt = new AgentDriver(vsTough.view, () => vsTough);
    for (let k = 0; k < 50; k++) {
      dn.offer(at(0.2 + k * 0.008), k / 100);
      dt.offer(at(0.2), k / 100);
    }
    expect(vsNice.compliance()).toBeGreaterThan(0.9);
    expect(vsTough.compliance()).toBe(0);
    expect(vsNice.targetAt(0.8)).toBeGreaterThan(vsTough.targetAt(0.8) + 0.05);
  });
});

describe('IAMhaggler2011', () => {
  it('sets its target from the predicted concession of the opponent', () => {
    const vsConceder = new IAMhaggler2011(view());
    const vsStubborn = new IAMhaggler2011(view());
    const dc = new AgentDriver(vsConceder.view, () => vsConceder);
    const ds = new AgentDriver(vsStubborn.view, () => vsStubborn);
    for (let k = 0; k < 500; k++) {
      dc.offer(at(0.1 + 0.5 * (k / 500)), k / 1000);
      ds.offer(at(0.1), k / 1000);
    }
    // Same time: the opponent who concedes is predicted to concede further, so it aims higher.
    expect(vsConceder.target).toBeGreaterThan(vsStubborn.target + 0.05);
  });
});

describe('BRAMAgent', () => {
  it('builds its bid from the opponent’s most frequent recent values', () => {
    const b = new BRAMAgent(view());
    const d = new AgentDriver(b.view, () => b);
    for (let k = 0; k < 10; k++) d.offer(theirKth(k % 3), 0.5 + k / 100);
    const fav = b.favourite()!;
    const bid = offered(d.offer(theirKth(0), 0.61))!;
    const shared = (x: Bid) => x.filter((v, i) => v === fav[i]).length;
    const plain = at(b.scale.fromUnit(b.threshold(0.61)));
    expect(b.view.utility(bid)).toBeGreaterThanOrEqual(b.scale.fromUnit(b.threshold(0.61)));
    expect(shared(bid)).toBeGreaterThan(shared(plain));
  });
});

describe('AgentK2', () => {
  it('concedes earlier than AgentK under a discount, from the same offers', () => {
    const laptop = anacScenario('y2011/Laptop'); // discount 0.42
    const k1 = new AgentK(viewFor(laptop, 0));
    const k2 = new AgentK(viewFor(laptop, 0), true);
    const mid = viewFor(laptop, 0).sorted();
    const bid = mid.outcomeAt(Math.floor(mid.count / 3));
    for (const a of [k1, k2]) {
      const d = new AgentDriver(a.view, () => a);
      for (let k = 0; k < 20; k++) d.offer(bid, k / 100);
    }
    expect(k2.targetAt(0.5)).toBeLessThan(k1.targetAt(0.5) - 0.02);
  });
});

describe('TheNegotiator', () => {
  it('offers the opponent’s own offers in its last phase', () => {
    const n = new TheNegotiator(view());
    const d = new AgentDriver(n.view, () => n);
    const best = at(0.75);
    d.offer(best, 0.3);
    for (let k = 0; k < 20; k++) d.offer(at(0.3), 0.4 + k / 100);
    expect(offered(d.offer(at(0.3), 0.97))).toEqual(best);
  });
});

describe('NiceTitForTat', () => {
  it('mirrors a conceding opponent and holds against a stubborn one', () => {
    const vsConceder = new NiceTitForTat(view());
    const vsStubborn = new NiceTitForTat(view());
    const dc = new AgentDriver(vsConceder.view, () => vsConceder);
    const ds = new AgentDriver(vsStubborn.view, () => vsStubborn);
    for (let k = 0; k < 60; k++) {
      dc.offer(theirKth(k * 20), k / 200);
      ds.offer(theirKth(0), k / 200);
    }
    const uc = vsConceder.view.utility(offered(dc.offer(theirKth(1200), 0.3))!);
    const us = vsStubborn.view.utility(offered(ds.offer(theirKth(0), 0.3))!);
    expect(vsStubborn.concession()).toBe(0);
    expect(us).toBeGreaterThan(0.95);
    expect(vsConceder.concession()).toBeGreaterThan(0.2);
    expect(uc).toBeLessThan(us - 0.03);
  });
});

describe('ValueModelAgent', () => {
  it('learns which values the opponent gives up and offers the bid that costs it least', () => {
    const a = new ValueModelAgent(view());
    const d = new AgentDriver(a.view, () => a);
    const first = theirKth(0);
    d.offer(first, 0);
    for (let k = 1; k < 30; k++) d.offer(theirKth(k * 10), k / 100);
    const opp = a.opponents[0]!;
    // Values of its first (best) offer cost it nothing.
    first.forEach((v, i) => expect(a.model.lossOf(i, v)).toBe(0));
    const bid = offered(d.offer(theirKth(300), 0.4))!;
    const plain = at(a.scale.fromUnit(a.targetAt(0.4)));
    expect(a.model.utility(opp, bid)).toBeGreaterThan(a.model.utility(opp, plain));
  });
});
