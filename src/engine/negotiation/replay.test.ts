import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.ts';
import type { TraceEvent } from './events.ts';
import { buyerSeller, randomScenario } from './fixtures.ts';
import { type NegotiationResult } from './negotiate.ts';
import { negotiateSync } from '../agents/negotiate.ts';
import { replay } from './replay.ts';
import { traceFromJsonLines, traceToJsonLines } from './trace.ts';

const sc = buyerSeller(3, 5);

function expectReproduced(scenario: Parameters<typeof replay>[0], r: NegotiationResult) {
  const rep = replay(scenario, traceFromJsonLines(traceToJsonLines(r.events)));
  expect(rep.problems).toEqual([]);
  expect(rep.ok).toBe(true);
  const { events: _a, ...want } = r;
  const { events: _b, ...got } = rep.result!;
  expect(got).toEqual(want);
}

describe('traces', () => {
  it('round-trip through JSON Lines', () => {
    const r = negotiateSync(sc, { agents: ['random', 'micro'], seed: 9, rounds: 80 });
    const text = traceToJsonLines(r.events);
    expect(text.split('\n').filter(Boolean)).toHaveLength(r.events.length);
    expect(traceFromJsonLines(text)).toEqual(r.events);
    expect(() => traceFromJsonLines('{"type":"offer"}\nnot json')).toThrow(/line 2/);
    expect(() => traceFromJsonLines('{"kind":"x"}')).toThrow(/line 1/);
  });

  it('replay reproduces the result of bilateral, multilateral and single-text runs', () => {
    expectReproduced(sc, negotiateSync(sc, { agents: ['boulware', 'conceder'], rounds: 100 }));
    expectReproduced(sc, negotiateSync(sc, { agents: ['hardliner'], rounds: 20 }));
    const s4 = randomScenario(createRng(4), 4, 3, 4, { type: 'quorum', k: 3, required: ['p1'] });
    expectReproduced(s4, negotiateSync(s4, { agents: ['conceder', 'random', 'micro', 'linear'], rounds: 100, seed: 2 }));
    expectReproduced(s4, negotiateSync(s4, { agents: ['conceder'], protocol: 'single-text', rounds: 100, seed: 2 }));
    expectReproduced(s4, negotiateSync(s4, { agents: ['boulware'], protocol: 'single-text', mediator: 'annealing', rounds: 100, seed: 2 }));
  });

  it('replay finds tampering', () => {
    const r = negotiateSync(sc, { agents: ['boulware', 'conceder'], rounds: 100 });
    const ev = r.events.map((e) => ({ ...e })) as TraceEvent[];
    // Change the agreed outcome in the finish event.
    const fin = ev.at(-1) as Extract<TraceEvent, { type: 'finish' }>;
    const other = fin.agreement!.map((x) => (x + 1) % 5);
    ev[ev.length - 1] = { ...fin, agreement: other };
    expect(replay(sc, ev).ok).toBe(false);
    // An offer outside the space.
    const ev2 = r.events.map((e) => (e.type === 'offer' && e.turn === 2 ? { ...e, outcome: [7, 7, 7] } : e));
    expect(replay(sc, ev2).problems.join('\n')).toMatch(/not an outcome of the space/);
    // Dropping the final accept: the finish no longer follows from the rule.
    const ev3 = r.events.filter((e, i) => i !== r.events.length - 2);
    expect(replay(sc, ev3).problems.join('\n')).toMatch(/not the offer that met the rule/);
    // An event after the finish.
    expect(replay(sc, [...r.events, r.events[1]!]).ok).toBe(false);
    expect(replay(sc, r.events.slice(1)).ok).toBe(false);
  });
});
