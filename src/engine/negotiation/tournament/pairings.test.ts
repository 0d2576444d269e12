import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiationSeed, permutations, TournamentPlan } from './pairings.ts';

/** Brute force: every k-tuple of agents, kept when distinct (or all the same, with self-play). */
function bruteSeatings(n: number, k: number, selfPlay: boolean): string[] {
  const out: string[] = [];
  const rec = (prefix: number[]) => {
    if (prefix.length === k) {
      const distinct = new Set(prefix).size === k;
      const same = k > 1 && prefix.every((x) => x === prefix[0]);
      if (distinct || (selfPlay && same)) out.push(prefix.join(','));
      return;
    }
    for (let a = 0; a < n; a++) rec([...prefix, a]);
  };
  rec([]);
  return out;
}

describe('tournament pairings', () => {
  it('two seats: every ordered pair of distinct agents (both role orders), plus self-play when asked', () => {
    const plan = new TournamentPlan(3, [2], 1, false, 0);
    expect(plan.total).toBe(6);
    const pairs = Array.from({ length: plan.total }, (_, i) => plan.jobAt(i).seats.join(','));
    expect(pairs).toEqual(['0,1', '0,2', '1,0', '1,2', '2,0', '2,1']);
    const withSelf = new TournamentPlan(3, [2], 1, true, 0);
    expect(withSelf.total).toBe(9);
    expect(Array.from({ length: 3 }, (_, i) => withSelf.jobAt(6 + i).seats.join(','))).toEqual(['0,0', '1,1', '2,2']);
  });

  it('counts repetitions × Σ over scenarios of P(n, k) (+ n with self-play)', () => {
    const plan = new TournamentPlan(5, [2, 3, 2], 2, true, 0);
    expect(plan.perRepetition).toBe(20 + 5 + (60 + 5) + 20 + 5);
    expect(plan.total).toBe(2 * plan.perRepetition);
    // The NegMAS comparison: 5 agents, 3 bilateral scenarios, self-play, 4 repetitions = 300 negotiations.
    expect(new TournamentPlan(5, [2, 2, 2], 4, true, 0).total).toBe(300);
    expect(permutations(3, 4)).toBe(0);
  });

  it('for more seats, every ordered assignment of distinct agents (checked against brute force)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (n, k, selfPlay) => {
        const plan = new TournamentPlan(n, [k], 1, selfPlay, 0);
        const got = Array.from({ length: plan.total }, (_, i) => plan.jobAt(i).seats.join(','));
        const want = bruteSeatings(n, k, selfPlay);
        expect(new Set(got).size).toBe(got.length);
        expect([...got].sort()).toEqual([...want].sort());
      }),
    );
  });

  it('assignmentOf inverts seatsOf, and ids map to (repetition, scenario, assignment) one to one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), (n, seats, reps, selfPlay) => {
        const plan = new TournamentPlan(n, seats, reps, selfPlay, 5);
        const seen = new Set<string>();
        for (let id = 0; id < plan.total; id++) {
          const job = plan.jobAt(id);
          expect(job.id).toBe(id);
          expect(plan.assignmentOf(job.scenario, job.seats)).toBe(job.assignment);
          expect(job.seats.length).toBe(seats[job.scenario]);
          seen.add(`${job.repetition}/${job.scenario}/${job.assignment}`);
        }
        expect(seen.size).toBe(plan.total);
      }),
    );
  });

  it('repetitions are outermost, and every pairing of a scenario and repetition shares one seed', () => {
    const plan = new TournamentPlan(3, [2, 2], 2, false, 42);
    const first = plan.jobAt(0);
    const lastOfRep0 = plan.jobAt(plan.perRepetition - 1);
    expect(first.repetition).toBe(0);
    expect(lastOfRep0.repetition).toBe(0);
    expect(plan.jobAt(plan.perRepetition).repetition).toBe(1);
    for (let id = 0; id < plan.total; id++) {
      const j = plan.jobAt(id);
      expect(j.seed).toBe(negotiationSeed(42, j.scenario, j.repetition));
    }
    const seeds = new Set([0, 1].flatMap((s) => [0, 1].map((r) => negotiationSeed(42, s, r))));
    expect(seeds.size).toBe(4);
    expect(negotiationSeed(43, 0, 0)).not.toBe(negotiationSeed(42, 0, 0));
  });

  it('refuses ids out of range', () => {
    const plan = new TournamentPlan(2, [2], 1, false, 0);
    expect(() => plan.jobAt(2)).toThrow(RangeError);
    expect(() => plan.jobAt(-1)).toThrow(RangeError);
  });
});
