import { describe, expect, it } from 'vitest';
import { readNative } from '../formats/index.ts';
import { MemoryTournamentStore, TournamentConfigError, TournamentInterrupted, type NegotiationRow, type TournamentPoolFactory } from '../negotiation/tournament/index.ts';
import { createJobContext, runJobSync } from '../negotiation/tournament/job.ts';
import { agentFactory } from './registry.ts';
import { resumeTournament, runTournament } from './tournament.ts';

/*
 * The worked example (small enough for paper).
 *
 * One issue, four options. Buyer: a=1, b=0.7, c=0.4, d=0; seller: a=0, b=0.4,
 * c=0.8, d=1; both have reservation value 0.3 and no discount. Every option is
 * Pareto-optimal. The Nash point maximises (u_b − 0.3)(u_s − 0.3) over the
 * rational options b (0.4·0.1 = 0.04) and c (0.1·0.5 = 0.05): it is c = (0.4, 0.8).
 *
 * Agents: hardliner (offers its best, accepts only that) and conceder
 * (target u(t) = 1 − 0.7·√t, never below its reservation 0.3; bids the lowest
 * option at or above the target; accepts an offer at least as good as its next bid).
 * 10 rounds, AOP: the buyer has turns at slots 0, 2, …, 18 and the seller at
 * 1, 3, …, 19, with t = slot / 19. Self-play on, 2 repetitions: 4 pairings × 2 = 8 negotiations.
 *
 * - hardliner vs anything: the hardliner's best gives the other side 0 < 0.3
 *   (never accepted), and a conceder never offers below 0.3, so never the
 *   hardliner's best: no agreement, both get 0.3.
 * - conceder vs conceder: the seller offers c from slot 3 (target 0.72 ≤ 0.8),
 *   the buyer b from slot 4 (target 0.68 ≤ 0.7). Neither accepts (0.4 < its
 *   next bid) until the buyer's target reaches 0.4, at t ≥ 0.7347, i.e. slot 14
 *   (t = 14/19, target 0.399): its next bid is c (0.4), and the seller's c on
 *   the table gives it 0.4, so it accepts. Agreement c: buyer 0.4, seller 0.8.
 *
 * Distances: the disagreement point (0.3, 0.3) is √(0.4² + 0.1²) = 0.41231 from
 * the frontier (nearest: b) and √(0.1² + 0.5²) = 0.50990 from the Nash point;
 * the agreement c is on both (0, 0).
 *
 * Scores per repetition — hardliner: 4 seats at 0.3 → score 0.3, agreement 0,
 * advantage 0, welfare 0.6. Conceder: seats 0.3 (vs H as seller), 0.3 (vs H as
 * buyer), 0.4 and 0.8 (self-play) → score 1.8/4 = 0.45, agreement rate 2/4,
 * advantage (0 + 0 + 0.1 + 0.5)/4 = 0.15, welfare (0.6 + 0.6 + 1.2 + 1.2)/4 = 0.9,
 * Pareto distance 2·0.41231/4 = 0.20616, Nash distance 2·0.50990/4 = 0.25495.
 *
 * Pairwise (hardliner − conceder), matching each of the hardliner's pairings with
 * the one where the conceder takes its place: (H,C)↔(C,H) seat 0: 0.3 − 0.3 = 0;
 * (C,H)↔(H,C) seat 1: 0; (H,H)↔(C,C) seat 0: 0.3 − 0.4 = −0.1; seat 1:
 * 0.3 − 0.8 = −0.5. Mean −0.15. Sign flips of the non-zero ones give |Σ| ∈
 * {0.6, 0.4, 0.4, 0.6}: 2 of 4 reach the observed 0.6, so p = 0.5 (exact; Holm
 * with one pair leaves it): not significant.
 */
const SPLIT = `parley: 1
name: Split
issues:
  - {name: deal, options: [a, b, c, d]}
parties:
  - id: buyer
    role: negotiator
    reservation: 0.3
    preferences:
      weights: {deal: 1}
      values: {deal: {a: 1, b: 0.7, c: 0.4, d: 0}}
  - id: seller
    role: negotiator
    reservation: 0.3
    preferences:
      weights: {deal: 1}
      values: {deal: {a: 0, b: 0.4, c: 0.8, d: 1}}
agreement: {rule: unanimity}
`;
const split = readNative('split.yaml', SPLIT);
const worked = { agents: ['hardliner', 'conceder'], scenarios: [{ id: 'split', scenario: split }], repetitions: 2, selfPlay: true, rounds: 10, seed: 7 };

const D0 = Math.sqrt(0.4 ** 2 + 0.1 ** 2);
const N0 = Math.sqrt(0.1 ** 2 + 0.5 ** 2);

describe('runTournament: the worked example', () => {
  it('gives the negotiations and scores computed by hand', async () => {
    const store = new MemoryTournamentStore();
    const s = await runTournament(worked, { store });
    expect(s.total).toBe(8);
    expect(s.negotiations).toBe(8);
    expect(s.complete).toBe(true);
    expect(s.agreements).toBe(2);
    expect(s.faults).toBe(0);

    const rows = [...store.rows(s.id)];
    for (const r of rows) {
      const labels = r.agents.map((a) => s.agents[a]);
      if (labels[0] === 'conceder' && labels[1] === 'conceder') {
        expect(r.agreement).toEqual([2]); // option c
        expect(r.utilities).toEqual([0.4, 0.8]);
        expect(r.rounds).toBe(8); // slot 14 is in round 7 (0-based): 8 rounds begun
        expect(r.pareto).toBeCloseTo(0, 12);
        expect(r.nash).toBeCloseTo(0, 12);
      } else {
        expect(r.agreement).toBeNull();
        expect(r.endReason).toBe('deadline');
        expect(r.utilities).toEqual([0.3, 0.3]);
        expect(r.pareto).toBeCloseTo(D0, 12);
        expect(r.nash).toBeCloseTo(N0, 12);
      }
    }

    expect(s.ranking.map((r) => r.agent)).toEqual(['conceder', 'hardliner']);
    const [c, h] = s.ranking;
    expect(c!.rank).toBe(1);
    expect(c!.score).toBeCloseTo(0.45, 12);
    expect(c!.meanUtility).toBeCloseTo(0.45, 12);
    expect(c!.agreementRate).toBe(0.5);
    expect(c!.meanAdvantage).toBeCloseTo(0.15, 12);
    expect(c!.meanWelfare).toBeCloseTo(0.9, 12);
    expect(c!.meanParetoDistance).toBeCloseTo(D0 / 2, 12);
    expect(c!.meanNashDistance).toBeCloseTo(N0 / 2, 12);
    expect(c!.negotiations).toBe(8);
    // The interval lies within the conceder's pairing means (0.3 … 0.8) and around its score.
    expect(c!.low!).toBeGreaterThanOrEqual(0.3);
    expect(c!.low!).toBeLessThan(0.45);
    expect(c!.high!).toBeGreaterThan(0.45);
    expect(c!.high!).toBeLessThanOrEqual(0.8);

    expect(h!.score).toBeCloseTo(0.3, 12);
    expect([h!.low, h!.high]).toEqual([0.3, 0.3]); // every pairing gives 0.3
    expect(h!.agreementRate).toBe(0);
    expect(h!.meanAdvantage).toBeCloseTo(0, 12);
    expect(h!.meanWelfare).toBeCloseTo(0.6, 12);

    const cc = s.cells.find((x) => x.agent === 'conceder' && x.opponent === 'conceder')!;
    expect(cc.meanUtility).toBeCloseTo(0.6, 12);
    expect(cc.negotiations).toBe(4); // 2 repetitions × 2 seats
    expect(s.cells.find((x) => x.agent === 'conceder' && x.opponent === 'hardliner')!.meanUtility).toBeCloseTo(0.3, 12);
    expect(s.matrix).toHaveLength(4);

    expect(s.pairwise).toHaveLength(1);
    const p = s.pairwise[0]!;
    expect([p.a, p.b]).toEqual(['hardliner', 'conceder']);
    expect(p.difference).toBeCloseTo(-0.15, 12);
    expect(p.pairs).toBe(4);
    expect(p.pValue).toBe(0.5);
    expect(p.adjustedPValue).toBe(0.5);
    expect(p.significant).toBe(false);
    expect(p.method).toBe('exact');
  });

  it('the same config and seed give the same results, whatever the batch size or the order rows arrive in', async () => {
    const a = new MemoryTournamentStore();
    const b = new MemoryTournamentStore();
    const sa = await runTournament({ ...worked, agents: ['hardliner', 'conceder', 'boulware', 'micro'] }, { store: a, batchSize: 1 });
    // A pool that answers each batch reversed, three batches at a time, finishing out of order.
    const ctxOf = (spec: Parameters<TournamentPoolFactory>[0]) => createJobContext(spec, agentFactory);
    const shuffled: TournamentPoolFactory = (spec) => {
      const ctx = ctxOf(spec);
      let k = 0;
      return {
        concurrency: 3,
        run: (jobs) => new Promise<NegotiationRow[]>((res) => setTimeout(() => res(jobs.map((j) => runJobSync(ctx, j)).reverse()), (k++ % 3) * 5)),
        close: async () => {},
      };
    };
    const sb = await runTournament({ ...worked, agents: ['hardliner', 'conceder', 'boulware', 'micro'] }, { store: b, batchSize: 5, pool: shuffled });
    expect([...b.rows(sb.id)]).toEqual([...a.rows(sa.id)]);
    const strip = (x: typeof sa) => ({ ...x, id: '', seconds: 0 });
    expect(strip(sb)).toEqual(strip(sa));
  });

  it('an interrupted run resumes to the same result set and scores as an uninterrupted one', async () => {
    const config = { ...worked, agents: ['hardliner', 'conceder', 'linear'], repetitions: 3 };
    const whole = new MemoryTournamentStore();
    const ref = await runTournament(config, { store: whole });

    const store = new MemoryTournamentStore();
    const ac = new AbortController();
    let batches = 0;
    const stopping: TournamentPoolFactory = (spec) => {
      const ctx = createJobContext(spec, agentFactory);
      return {
        concurrency: 1,
        run: async (jobs) => {
          if (++batches === 3) ac.abort();
          return jobs.map((j) => runJobSync(ctx, j));
        },
        close: async () => {},
      };
    };
    const err = await runTournament(config, { store, pool: stopping, batchSize: 4, signal: ac.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TournamentInterrupted);
    const id = (err as TournamentInterrupted).runId;
    const partial = [...store.rows(id)].length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ref.total);
    expect(store.load(id)!.status).toBe('interrupted');

    const resumed = await resumeTournament(id, { store });
    expect(resumed.ranThisSession).toBe(ref.total - partial);
    expect([...store.rows(id)]).toEqual([...whole.rows(ref.id)]);
    expect({ ...resumed, id: '', seconds: 0, ranThisSession: 0 }).toEqual({ ...ref, id: '', seconds: 0, ranThisSession: 0 });
  });
});

describe('runTournament: bad configurations', () => {
  const problems = async (config: Parameters<typeof runTournament>[0]) => {
    const e = await runTournament(config).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TournamentConfigError);
    return (e as TournamentConfigError).problems.map((p) => `${p.path.join('.')}: ${p.message}`);
  };

  it('lists every problem with its field path', async () => {
    const got = await problems({ ...worked, agents: ['hardliner', 'nobody', 'boulware:e=x', 'hardliner'], repetitions: 0 });
    expect(got).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agents\.1: unknown agent "nobody"; available: .*boulware/),
        expect.stringMatching(/^agents\.2: .*e must be a number/),
        expect.stringMatching(/^agents\.3: "hardliner" is listed twice/),
        expect.stringMatching(/^repetitions: expected a whole number of repetitions ≥ 1, got 0/),
      ]),
    );
  });

  it('needs as many agents as seats (or self-play), and aop needs two negotiators', async () => {
    expect(await problems({ ...worked, agents: ['hardliner'], selfPlay: false })).toEqual([expect.stringMatching(/split" has 2 negotiator seats but the tournament has 1 agent/)]);
    expect(await problems({ ...worked, agents: [], scenarios: [] })).toEqual(['agents: list at least one agent', 'scenarios: list at least one scenario']);
  });

  it('takes agents with parameters as {name, params}, labelled by their spec', async () => {
    const s = await runTournament({ ...worked, agents: [{ name: 'time-dependent', params: { e: 0.5 } }, { name: 'time-dependent', params: { e: 3 }, label: 'fast' }], repetitions: 1 });
    expect(s.agents).toEqual(['time-dependent:e=0.5', 'fast']);
  });
});
