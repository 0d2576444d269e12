// Behaviour the ANAC 2012 papers describe, each in a test that a plain time-based agent would fail.
import { describe, expect, it } from 'vitest';
import type { Action, Bid } from '../../../negotiation/agent.ts';
import { AgentDriver, anacScenario, viewFor } from '../../../../testing/agents.ts';
import { negotiateSync } from '../../negotiate.ts';
import { BRAMAgent } from '../2011/bram-agent.ts';
import { IAMhaggler2011 } from '../2011/iamhaggler2011.ts';
import { AgentLG } from './agent-lg.ts';
import { AgentMR } from './agent-mr.ts';
import { CUHKAgent } from './cuhk-agent.ts';
import { MetaAgent } from './meta-agent.ts';
import { OMACagent } from './omac-agent.ts';
import { TheNegotiatorReloaded } from './the-negotiator-reloaded.ts';

const undiscounted = anacScenario('y2012/CameraC'); // δ = 1, reservation 0.25
const discounted = anacScenario('y2012/CameraB'); // δ = 0.5, reservation 0
const sortedOf = (s = undiscounted) => viewFor(s, 0).sorted();
const at = (u: number, s = undiscounted): Bid => {
  const o = sortedOf(s);
  return o.outcomeAt(Math.min(o.ceil(u), o.count - 1));
};
const offered = (a: Action) => (a.type === 'offer' ? a.outcome : undefined);
function feed<T extends { view: ReturnType<typeof viewFor> }>(agent: T, offers: (k: number) => Bid, n: number, dt: number): AgentDriver {
  const d = new AgentDriver(agent.view, () => agent as never);
  for (let k = 0; k < n; k++) d.offer(offers(k), k * dt);
  return d;
}

describe('CUHKAgent', () => {
  it('places its non-exploitation point by the discount and the opponent’s concession', () => {
    const a = new CUHKAgent(viewFor(undiscounted, 0));
    const b = new CUHKAgent(viewFor(discounted, 0));
    feed(a, () => at(0.3), 20, 0.01);
    feed(b, () => at(0.3, discounted), 20, 0.01);
    expect(b.lambda()).toBeLessThan(a.lambda() - 0.2);
    const c = new CUHKAgent(viewFor(undiscounted, 0));
    feed(c, (k) => at(0.3 + k * 0.02), 20, 0.01);
    expect(c.concession()).toBeGreaterThan(0.3);
    expect(c.lambda()).toBeGreaterThan(a.lambda());
  });
  it('walks away when the opponent offers nothing worth its reservation value and time is discounted', () => {
    const s = anacScenario('y2012/CameraA'); // δ = 0.75, reservation 0.5
    const stubborn = (view: ReturnType<typeof viewFor>) => {
      const o = view.sorted();
      const best = o.outcomeAt(o.count - 1);
      return { name: 'stubborn', respond: () => ({ type: 'offer' as const, outcome: best }) };
    };
    const r = negotiateSync(s, { agents: ['CUHKAgent', stubborn], rounds: 1000 });
    expect(r.endReason).toBe('walk-away');
    expect(r.time).toBeLessThan(0.6);
  });
});

describe('AgentLG', () => {
  it('compromises towards half-way between its best and the opponent’s best offer', () => {
    const low = new AgentLG(viewFor(undiscounted, 0));
    const high = new AgentLG(viewFor(undiscounted, 0));
    feed(low, () => at(0.4), 10, 0.01);
    feed(high, () => at(0.7), 10, 0.01);
    expect(low.targetAt(0.99)).toBeCloseTo(low.halfway(), 2);
    expect(high.targetAt(0.99)).toBeCloseTo(high.halfway(), 2);
    expect(high.targetAt(0.99) - low.targetAt(0.99)).toBeGreaterThan(0.1);
  });
});

describe('OMACagent', () => {
  it('aims higher against an opponent whose predicted concession is larger', () => {
    const vsConceder = new OMACagent(viewFor(undiscounted, 0));
    const vsStubborn = new OMACagent(viewFor(undiscounted, 0));
    const dc = feed(vsConceder, (k) => at(0.3 + 0.4 * (k / 500)), 500, 0.001);
    const ds = feed(vsStubborn, () => at(0.3), 500, 0.001);
    dc.offer(at(0.7), 0.6);
    ds.offer(at(0.3), 0.6);
    expect(vsConceder.target).toBeGreaterThan(vsStubborn.target + 0.05);
  });
});

describe('TheNegotiatorReloaded', () => {
  it('stays tougher against a conceding opponent than against a hard-headed one', () => {
    const vsConceder = new TheNegotiatorReloaded(viewFor(undiscounted, 0));
    const vsHard = new TheNegotiatorReloaded(viewFor(undiscounted, 0));
    feed(vsConceder, (k) => at(0.2 + k * 0.01), 40, 0.01);
    feed(vsHard, () => at(0.2), 40, 0.01);
    expect(vsConceder.hardHeaded).toBe(false);
    expect(vsHard.hardHeaded).toBe(true);
    expect(vsConceder.targetAt(0.8)).toBeGreaterThan(vsHard.targetAt(0.8) + 0.05);
  });
});

describe('BRAMAgent2', () => {
  it('lowers its threshold in larger steps under a strong discount', () => {
    const v1 = new BRAMAgent(viewFor(discounted, 0));
    const v2 = new BRAMAgent(viewFor(discounted, 0), true);
    expect(v2.threshold(0.5)).toBeLessThan(v1.threshold(0.5) - 0.1);
  });
});

describe('MetaAgent', () => {
  it('chooses its agent from the domain’s features and then plays exactly as that agent', () => {
    expect(new MetaAgent(viewFor(discounted, 0)).chosen).toBe('IAMhaggler2011');
    expect(new MetaAgent(viewFor(anacScenario('y2011/Energy'), 0)).chosen).toBe('HardHeaded');
    expect(new MetaAgent(viewFor(undiscounted, 0)).chosen).toBe('Gahboninho');
    const meta = negotiateSync(discounted, { agents: ['MetaAgent', 'conceder'], rounds: 300, seed: 9 });
    const direct = negotiateSync(discounted, { agents: ['IAMhaggler2011', 'conceder'], rounds: 300, seed: 9 });
    expect(meta.events.slice(1)).toEqual(direct.events.slice(1));
  });
});

describe('IAMhaggler2012', () => {
  it('walks away when its discounted reservation value beats the deal it expects; IAMhaggler2011 does not', () => {
    const s = anacScenario('y2012/ItexvsCypressA'); // δ = 0.5, reservation 0.5
    const stubborn = (view: ReturnType<typeof viewFor>) => {
      const o = view.sorted();
      const best = o.outcomeAt(o.count - 1);
      return { name: 'stubborn', respond: () => ({ type: 'offer' as const, outcome: best }) };
    };
    const r12 = negotiateSync(s, { agents: ['IAMhaggler2012', stubborn], rounds: 1000 });
    const r11 = negotiateSync(s, { agents: ['IAMhaggler2011', stubborn], rounds: 1000 });
    expect(r12.endReason).toBe('walk-away');
    expect(r11.endReason).not.toBe('walk-away');
    expect(new IAMhaggler2011(viewFor(s, 0), true).name).toBe('IAMhaggler2012');
  });
});

describe('AgentMR', () => {
  it('holds until mid-negotiation, then concedes on a sigmoid to a floor set by the opponent’s best offer', () => {
    const low = new AgentMR(viewFor(undiscounted, 0));
    const high = new AgentMR(viewFor(undiscounted, 0));
    feed(low, () => at(0.3), 5, 0.01);
    feed(high, () => at(0.85), 5, 0.01);
    expect(low.targetAt(0.3)).toBeGreaterThan(0.93);
    expect(low.targetAt(1)).toBeCloseTo(0.7, 6);
    expect(high.targetAt(1)).toBeGreaterThan(0.84);
    expect(offered(new AgentDriver(low.view, () => low).offer(at(0.3), 0.2))).toBeDefined();
  });
});
