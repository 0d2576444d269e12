// Opponent models against known agents: the estimated issue-weight ranking and the estimated utilities agree with the
// truth, measured by opponentModelAccuracy on recorded runs (the truth is joined in after the run).
import { describe, expect, it } from 'vitest';
import { opponentModelAccuracy } from '../negotiation/model-accuracy.ts';
import { anacScenario } from '../../testing/agents.ts';
import { negotiateSync } from './negotiate.ts';

const DOMAINS = ['y2011/Energy', 'y2012/CameraB', 'y2011/Laptop', 'y2010/Travel', 'y2012/AmsterdamB', 'y2012/SupermarketB', 'y2012/FitnessB', 'y2012/HouseKeepingB'];

function measure(agent: string) {
  return DOMAINS.map((d) => {
    const s = anacScenario(d);
    const r = negotiateSync(s, { agents: [agent, 'boulware'], rounds: 1000, seed: 1, recordModels: true });
    const rep = opponentModelAccuracy(s, r);
    const acc = rep.accuracy.find((a) => a.by === s.parties[0]!.id && a.about === s.parties[1]!.id)!;
    return { acc, points: rep.points };
  });
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('opponent models against a Boulware agent (1000 rounds, seed 1, eight ANAC domains)', () => {
  it('frequency model (HardHeaded): weight ranking Spearman ≥ 0.5 and utility Pearson ≥ 0.5 on average', () => {
    const m = measure('boulware:model=frequency');
    for (const { acc } of m) expect(acc.exact).toBe(true);
    // Measured: weight-rank Spearman 0.12–0.97 (mean 0.68), Pearson 0.52–0.90 (mean 0.74).
    expect(mean(m.map(({ acc }) => acc.weightRanking!))).toBeGreaterThanOrEqual(0.5);
    expect(mean(m.map(({ acc }) => acc.pearson))).toBeGreaterThanOrEqual(0.5);
    expect(mean(m.map(({ acc }) => acc.kendall))).toBeGreaterThanOrEqual(0.35);
  });

  it('Bayesian model (Hindriks & Tykhonov, in IAMhaggler): utility Pearson ≥ 0.3 and weight ranking Spearman ≥ 0.2 on average', () => {
    const m = measure('IAMhaggler');
    // Measured: Pearson 0.15–0.69 (mean 0.36), weight-rank Spearman −0.9–0.93 (mean 0.35): nominal values ordered
    // as the domain lists them fit the paper's downhill/uphill/triangular shapes only partly.
    expect(mean(m.map(({ acc }) => acc.pearson))).toBeGreaterThanOrEqual(0.3);
    expect(mean(m.map(({ acc }) => acc.weightRanking!))).toBeGreaterThanOrEqual(0.2);
  });

  it('records one estimate per opponent offer, outside the event log, and estimates in [0, 1]', () => {
    const s = anacScenario('y2012/CameraB');
    const r = negotiateSync(s, { agents: ['boulware:model=frequency', 'boulware'], rounds: 300, seed: 2, recordModels: true });
    const opponentOffers = r.events.filter((e) => e.type === 'offer' && e.party === s.parties[1]!.id).length;
    expect(r.models!.estimates).toHaveLength(opponentOffers);
    for (const e of r.models!.estimates) {
      expect(e.utility).toBeGreaterThanOrEqual(0);
      expect(e.utility).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(r.events.every((e) => ['start', 'offer', 'accept', 'end', 'finish'].includes(e.type))).toBe(true);
    // Without the option nothing is recorded, and the events are the same.
    const plain = negotiateSync(s, { agents: ['boulware:model=frequency', 'boulware'], rounds: 300, seed: 2 });
    expect(plain.models).toBeUndefined();
    expect(plain.events).toEqual(r.events);
  });
});
