// Behaviour the ANAC 2010 papers describe, each in a test that a plain time-based agent would fail.
import { describe, expect, it } from 'vitest';
import type { Action, Bid } from '../../../negotiation/agent.ts';
import { AgentDriver, anacScenario, viewFor } from '../../../../testing/agents.ts';
import { AgentK } from './agent-k.ts';
import { AgentSmith } from './agent-smith.ts';
import { FSEGA } from './fsega.ts';
import { IAMcrazyHaggler } from './iamcrazyhaggler.ts';
import { IAMhaggler } from './iamhaggler.ts';
import { Nozomi } from './nozomi.ts';
import { Yushu } from './yushu.ts';

const s = anacScenario('y2010/ItexvsCypress');
const view = (seed = 1) => viewFor(s, 0, { seed });
const sorted = view().sorted();
/** An outcome whose utility for party 0 is close to u. */
const at = (u: number): Bid => sorted.outcomeAt(Math.min(sorted.ceil(u), sorted.count - 1));
const offered = (a: Action) => (a.type === 'offer' ? a.outcome : undefined);

describe('AgentK', () => {
  it('sets its target from the mean and the spread of the opponent’s offers, not from time alone', () => {
    const agents = [0, 1, 2].map(() => new AgentK(view()));
    const [steady, spread, generous] = agents.map((a) => new AgentDriver(a.view, () => a));
    for (let k = 0; k < 40; k++) {
      const t = k / 100;
      steady!.offer(at(0.3), t);
      spread!.offer(at(k % 2 ? 0.1 : 0.5), t);
      generous!.offer(at(0.6), t);
    }
    const [a, b, c] = agents.map((x) => x.targetAt(0.8));
    // Same time, same mean, wider spread: a higher estimated maximum, hence a higher target.
    expect(b! - a!).toBeGreaterThan(0.02);
    // A better mean: a higher target.
    expect(c! - a!).toBeGreaterThan(0.05);
    expect(agents[1]!.emax).toBeGreaterThan(agents[0]!.emax);
  });
});

describe('Yushu', () => {
  it('offers the best offer it received in its last estimated rounds', () => {
    const y = new Yushu(view());
    const d = new AgentDriver(y.view, () => y);
    const best = at(0.55);
    for (let k = 0; k < 999; k++) d.offer(k === 500 ? best : at(0.2), k / 999);
    expect(offered(d.offer(at(0.2), 0.9995))).toEqual(best);
  });
});

describe('Nozomi', () => {
  it('concedes in answer to the opponent’s concessions', () => {
    const conceding = new Nozomi(view());
    const stubborn = new Nozomi(view());
    const dc = new AgentDriver(conceding.view, () => conceding);
    const ds = new AgentDriver(stubborn.view, () => stubborn);
    for (let k = 0; k < 30; k++) {
      dc.offer(at(0.1 + k * 0.015), k / 100);
      ds.offer(at(0.1), k / 100);
    }
    expect(stubborn.targetAt(0.3)).toBeCloseTo(1, 6);
    expect(conceding.targetAt(0.3)).toBeLessThan(0.9);
  });
});

describe('IAMhaggler', () => {
  it('concedes towards the best offer it received (a Boulware curve with an opponent-dependent limit)', () => {
    const low = new IAMhaggler(view());
    const high = new IAMhaggler(view());
    new AgentDriver(low.view, () => low).offer(at(0.3), 0.1);
    new AgentDriver(high.view, () => high).offer(at(0.85), 0.1);
    expect(high.targetAt(0.99) - low.targetAt(0.99)).toBeGreaterThan(0.1);
  });
});

describe('AgentFSEGA', () => {
  it('offers the best offer received in its final phase, when it is above its limit', () => {
    const f = new FSEGA(view());
    const d = new AgentDriver(f.view, () => f);
    const best = at(0.8);
    d.offer(best, 0.5);
    expect(offered(d.offer(at(0.2), 0.96))).toEqual(best);
  });
});

describe('IAMcrazyHaggler', () => {
  it('never offers below 0.9, even at the deadline', () => {
    const a = new IAMcrazyHaggler(view());
    const d = new AgentDriver(a.view, () => a);
    for (let k = 0; k <= 100; k++) {
      const b = offered(d.offer(at(0.1), k / 100));
      expect(a.view.utility(b!)).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('AgentSmith', () => {
  it('offers the outcome best for both by its frequency model, not the lowest one at its target', () => {
    const travel = anacScenario('y2010/Travel');
    const v = viewFor(travel, 0);
    const own = v.sorted();
    const a = new AgentSmith(v);
    const d = new AgentDriver(v, () => a);
    const opp = viewFor(travel, 1).sorted();
    for (let k = 0; k < 20; k++) d.offer(opp.outcomeAt(opp.count - 1 - (k % 5)), k / 100);
    const bid = offered(d.offer(opp.outcomeAt(opp.count - 1), 0.5))!;
    const model = a.opponentModel!;
    const score = (b: Bid) => a.unit(b) + model.utility(a.opponents[0]!, b);
    // The plain time-based choice at the same target: the lowest own-utility outcome at or above it.
    const plain = own.outcomeAt(own.ceil(a.scale.fromUnit(a.targetAt(0.5))));
    expect(score(bid)).toBeGreaterThan(score(plain));
    expect(model.utility(a.opponents[0]!, bid)).toBeGreaterThan(model.utility(a.opponents[0]!, plain));
  });
});
