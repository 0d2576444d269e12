// Every ANAC agent keeps the rules on real ANAC domains: offers only outcomes of the space, never offers or accepts below
// its reservation value, plays under round and wall-time deadlines with discounting, is reproducible from the seed, and
// plays 1000 rounds on the largest 2011–2012 domain (Energy, 390 625 outcomes) without a fault.
import { describe, expect, it } from 'vitest';
import type { AgentFactory } from '../../negotiation/agent.ts';
import type { Clock } from '../../negotiation/clock.ts';
import { prepareScenario, type NegotiationResult } from '../../negotiation/negotiate.ts';
import { sameEvents } from '../../negotiation/events.ts';
import type { Scenario } from '../../model/scenario.ts';
import { anacScenario } from '../../../testing/agents.ts';
import { negotiateSync } from '../negotiate.ts';
import { AGENT_KINDS } from '../registry.ts';

const ANAC = AGENT_KINDS.filter((k) => k.year !== null);

/** Offers its own best outcome every turn and never accepts: the other side plays every round. */
const stubborn: AgentFactory = (view) => {
  const s = view.sorted();
  const best = s.outcomeAt(s.count - 1);
  return { name: 'stubborn', respond: () => ({ type: 'offer', outcome: best }) };
};

/** Checks that `party` never offered or accepted below its reservation value or across a red line. */
function keptRules(s: Scenario, r: NegotiationResult, party: string): void {
  expect(r.faults, JSON.stringify(r.faults)).toEqual([]);
  const ev = prepareScenario(s).parties.get(party)!.evaluator;
  const rv = ev.reservationValue ?? -Infinity;
  for (const e of r.events) {
    if ((e.type === 'offer' || e.type === 'accept') && e.party === party) {
      expect(ev.ufun!.utility(e.outcome), `${e.type} in round ${e.round}`).toBeGreaterThanOrEqual(rv);
      expect(ev.crossesRedLine(e.outcome)).toBe(false);
    }
  }
}

/** A clock that moves 0.01 ms at every reading: wall-time deadlines become reproducible. */
function steppingClock(): Clock {
  let t = 0;
  return { now: () => (t += 0.01) };
}

describe('ANAC agents', () => {
  it('are registered with year, rank, strategy and citation', () => {
    expect(ANAC.length).toBeGreaterThanOrEqual(7);
    for (const k of ANAC) {
      expect(k.year).toBeGreaterThanOrEqual(2010);
      expect(k.year).toBeLessThanOrEqual(2019);
      expect(k.strategy.length).toBeGreaterThan(10);
      expect(k.citation).toMatch(/\d{4}/);
    }
  });

  describe.each(ANAC.map((k) => [k.name, k] as const))('%s', (name) => {
    it('keeps the rules with reservation values, discounting and round deadlines (both sides, several opponents)', () => {
      for (const domain of ['y2012/ItexvsCypressA', 'y2012/CameraA', 'y2011/Grocery']) {
        const s = anacScenario(domain);
        const [a, b] = s.parties.map((p) => p.id);
        for (const opp of ['boulware', 'hardliner', 'random', name]) {
          keptRules(s, negotiateSync(s, { agents: [name, opp], rounds: 200, seed: 3 }), a!);
          keptRules(s, negotiateSync(s, { agents: [opp, name], rounds: 200, seed: 4 }), b!);
        }
      }
    });

    it('keeps the rules under a wall-time deadline', () => {
      const s = anacScenario('y2012/CameraA');
      const r = negotiateSync(s, { agents: [name, 'conceder'], rounds: 100_000, timeLimitMs: 30, clock: steppingClock(), seed: 5 });
      expect(['agreement', 'deadline']).toContain(r.endReason);
      expect(r.rounds).toBeLessThan(100_000);
      keptRules(s, r, s.parties[0]!.id);
    });

    it('is deterministic under a seed', () => {
      const s = anacScenario('y2012/CameraA');
      const run = (seed: number) => negotiateSync(s, { agents: [name, 'random'], rounds: 300, seed });
      expect(sameEvents(run(11).events, run(11).events)).toBe(true);
    });

    it('plays 1000 rounds on Energy (390 625 outcomes) within the per-turn limit', () => {
      const s = anacScenario('y2011/Energy');
      const r = negotiateSync(s, { agents: [name, stubborn], rounds: 1000, seed: 1 });
      expect(r.faults).toEqual([]);
      expect(['agreement', 'deadline']).toContain(r.endReason);
      if (r.endReason === 'deadline') expect(r.rounds).toBe(1000);
      keptRules(s, r, s.parties[0]!.id);
    });
  });
});
