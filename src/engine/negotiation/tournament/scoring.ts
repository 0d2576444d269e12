// Scores of a tournament from its result rows, read once in id order (memory grows with the pairings, not the negotiations).
import type { NegotiationRow } from './job.ts';
import type { TournamentPlan } from './pairings.ts';
import { planOf, type TournamentSpec } from './spec.ts';
import { bootstrapInterval, holm, signFlipTest } from './statistics.ts';
import { maxOf } from '../../util/arrays.ts';

/** Means over a set of negotiations (an agent's, or a cell's). */
export interface ScoreStats {
  /** Negotiations counted (an agent in two seats of a self-play negotiation counts twice). */
  readonly negotiations: number;
  /** Share that ended in agreement. */
  readonly agreementRate: number;
  /** Mean utility of the agent (discounted when discounting is on; reservation value without agreement). */
  readonly meanUtility: number;
  /** Mean advantage: utility − reservation value (0 when none). */
  readonly meanAdvantage: number;
  /** Mean social welfare: the sum of all negotiators' utilities. */
  readonly meanWelfare: number;
  /** Mean distance to the Pareto frontier (undiscounted utilities); null without a frontier. */
  readonly meanParetoDistance: number | null;
  /** Mean distance to the Nash point; null without one. */
  readonly meanNashDistance: number | null;
  /** Negotiations in which this agent faulted (for a cell: in which anyone faulted). */
  readonly faults: number;
}

/** An agent's place in the ranking. */
export interface RankedAgent extends ScoreStats {
  readonly agent: string;
  readonly rank: number;
  /** The ANAC-style score: the agent's mean utility over all its negotiations. */
  readonly score: number | null;
  /** Bootstrap confidence interval of the score. */
  readonly low: number | null;
  readonly high: number | null;
}

/** Agent against opponent on one scenario (`scenario` null: over all scenarios). */
export interface CellScore extends ScoreStats {
  readonly agent: string;
  readonly opponent: string;
  readonly scenario: string | null;
}

/** Whether two agents' scores differ significantly. */
export interface PairwiseComparison {
  readonly a: string;
  readonly b: string;
  /** Mean of the paired differences (a − b) over the matched pairings. */
  readonly difference: number;
  /** Matched pairings compared. */
  readonly pairs: number;
  readonly pValue: number;
  /** Holm-adjusted over all pairs of agents. */
  readonly adjustedPValue: number;
  /** adjustedPValue < alpha. */
  readonly significant: boolean;
  readonly method: 'exact' | 'monte-carlo' | 'normal';
}

export interface ScoringOptions {
  /** Bootstrap resamples (default 1000). */
  readonly resamples?: number;
  /** Confidence of the intervals (default 0.95). */
  readonly confidence?: number;
  /** Significance level of the pairwise tests (default 0.05). */
  readonly alpha?: number;
}

export interface TournamentScores {
  /** Negotiations recorded. */
  readonly negotiations: number;
  readonly agreements: number;
  /** Negotiations with at least one fault. */
  readonly faults: number;
  /** Best first: by score, then by label. */
  readonly ranking: readonly RankedAgent[];
  /** Every agent × opponent × scenario cell that was played. */
  readonly cells: readonly CellScore[];
  /** Agent × opponent over all scenarios (the heat map). */
  readonly matrix: readonly CellScore[];
  readonly pairwise: readonly PairwiseComparison[];
  readonly statistics: {
    readonly score: 'mean utility';
    readonly bootstrap: { readonly resamples: number; readonly confidence: number; readonly unit: 'pairing' };
    readonly test: { readonly name: 'paired sign-flip permutation test'; readonly alpha: number; readonly correction: 'Holm' };
  };
}

interface Unit {
  readonly scenario: number;
  readonly assignment: number;
  readonly seats: readonly number[];
  readonly seat: number;
  readonly sum: number;
  readonly count: number;
}

class Acc {
  n = 0;
  agreements = 0;
  utility = 0;
  advantage = 0;
  welfare = 0;
  pareto = 0;
  paretoN = 0;
  nash = 0;
  nashN = 0;
  faults = 0;

  add(row: NegotiationRow, u: number, adv: number, welfare: number, fault: boolean): void {
    this.n++;
    if (row.agreement) this.agreements++;
    this.utility += u;
    this.advantage += adv;
    this.welfare += welfare;
    if (row.pareto !== null) {
      this.pareto += row.pareto;
      this.paretoN++;
    }
    if (row.nash !== null) {
      this.nash += row.nash;
      this.nashN++;
    }
    if (fault) this.faults++;
  }

  merge(o: Acc): void {
    this.n += o.n;
    this.agreements += o.agreements;
    this.utility += o.utility;
    this.advantage += o.advantage;
    this.welfare += o.welfare;
    this.pareto += o.pareto;
    this.paretoN += o.paretoN;
    this.nash += o.nash;
    this.nashN += o.nashN;
    this.faults += o.faults;
  }

  stats(): ScoreStats {
    const n = this.n;
    return {
      negotiations: n,
      agreementRate: n ? this.agreements / n : 0,
      meanUtility: n ? this.utility / n : NaN,
      meanAdvantage: n ? this.advantage / n : NaN,
      meanWelfare: n ? this.welfare / n : NaN,
      meanParetoDistance: this.paretoN ? this.pareto / this.paretoN : null,
      meanNashDistance: this.nashN ? this.nash / this.nashN : null,
      faults: this.faults,
    };
  }
}

/** Seed of an agent's bootstrap stream, from the tournament's seed. */
function streamSeed(seed: number, k: number): number {
  return (Math.imul((seed | 0) ^ 0x5bd1e995, 0x01000193) + Math.imul(k + 1, 0x9e3779b1)) | 0;
}

/**
 * Accumulates rows and computes the scores. Feed rows in id order for
 * results that do not depend on the order they arrived in (floating-point
 * sums); `TournamentRunner` reads them back from the store in id order.
 */
export class TournamentScorer {
  readonly plan: TournamentPlan;
  private readonly agents: Acc[];
  private readonly cells = new Map<number, Acc>();
  private readonly maxSeats: number;
  /** Per pairing unit (scenario × seat assignment) and seat: the sum and count of that seat's utility. */
  private readonly unitSum: Float64Array;
  private readonly unitCount: Uint32Array;
  private negotiations = 0;
  private agreements = 0;
  private faulted = 0;

  constructor(readonly spec: TournamentSpec) {
    this.plan = planOf(spec);
    this.agents = spec.agents.map(() => new Acc());
    this.maxSeats = Math.max(1, maxOf(spec.scenarios.map((s) => s.seats.length)));
    this.unitSum = new Float64Array(this.plan.perRepetition * this.maxSeats);
    this.unitCount = new Uint32Array(this.plan.perRepetition * this.maxSeats);
  }

  private cellKey(agent: number, opponent: number, scenario: number): number {
    const n = this.spec.agents.length;
    return (scenario * n + agent) * n + opponent;
  }

  add(row: NegotiationRow): void {
    const sc = this.spec.scenarios[row.scenario]!;
    this.negotiations++;
    if (row.agreement) this.agreements++;
    const anyFault = row.faults.length > 0;
    if (anyFault) this.faulted++;
    const { agents, utilities, faults } = row;
    let welfare = 0;
    for (const u of utilities) welfare += u;
    const unit = this.plan.unitOf(row.scenario, this.plan.assignmentOf(row.scenario, agents));
    // Plain loops (no closures or sets per row): this runs on the thread that collects a tournament's results.
    for (let seat = 0; seat < agents.length; seat++) {
      const a = agents[seat]!;
      const u = utilities[seat]!;
      const adv = u - sc.reservations[seat]!;
      let ownFault = false;
      for (const f of faults) if (f.seat === seat) ownFault = true;
      this.agents[a]!.add(row, u, adv, welfare, ownFault);
      // Each distinct opponent once, in seat order.
      for (let j = 0; j < agents.length; j++) {
        if (j === seat) continue;
        const o = agents[j]!;
        let seen = false;
        for (let i = 0; i < j; i++) if (i !== seat && agents[i] === o) seen = true;
        if (seen) continue;
        const key = this.cellKey(a, o, row.scenario);
        let acc = this.cells.get(key);
        if (!acc) this.cells.set(key, (acc = new Acc()));
        acc.add(row, u, adv, welfare, anyFault);
      }
      if (unit >= 0) {
        const k = unit * this.maxSeats + seat;
        this.unitSum[k]! += u;
        this.unitCount[k]!++;
      }
    }
  }

  /** Quick standings without intervals (for a live leaderboard): by mean utility, then label. */
  standings(): { agent: string; negotiations: number; meanUtility: number | null; agreementRate: number; faults: number }[] {
    return this.spec.agents
      .map((a, i) => {
        const s = this.agents[i]!.stats();
        return { agent: a.label, negotiations: s.negotiations, meanUtility: s.negotiations ? s.meanUtility : null, agreementRate: s.agreementRate, faults: s.faults };
      })
      .sort((x, y) => (y.meanUtility ?? -Infinity) - (x.meanUtility ?? -Infinity) || (x.agent < y.agent ? -1 : x.agent > y.agent ? 1 : 0));
  }

  /** For each agent, the units (pairing × seat) in which it sat and that have results: one pass over the pairings. */
  private unitsByAgent(): Unit[][] {
    const out: Unit[][] = this.spec.agents.map(() => []);
    this.spec.scenarios.forEach((_, s) => {
      const n = this.plan.assignments(s);
      for (let a = 0; a < n; a++) {
        const base = this.plan.unitOf(s, a) * this.maxSeats;
        const seats = this.plan.seatsOf(s, a);
        seats.forEach((agent, seat) => {
          const count = this.unitCount[base + seat]!;
          if (count > 0) out[agent]!.push({ scenario: s, assignment: a, seats, seat, sum: this.unitSum[base + seat]!, count });
        });
      }
    });
    return out;
  }

  /** The scores so far. */
  scores(options: ScoringOptions = {}): TournamentScores {
    const resamples = options.resamples ?? 1000;
    const confidence = options.confidence ?? 0.95;
    const alpha = options.alpha ?? 0.05;
    const labels = this.spec.agents.map((a) => a.label);
    const unitsByAgent = this.unitsByAgent();
    const scored = labels.map((label, i) => {
      const stats = this.agents[i]!.stats();
      const units = unitsByAgent[i]!;
      const iv = units.length ? bootstrapInterval(units, { resamples, confidence, seed: streamSeed(this.spec.seed, i) }) : { low: NaN, high: NaN };
      const score = stats.negotiations ? stats.meanUtility : NaN;
      return { agent: label, ...stats, score, low: iv.low, high: iv.high };
    });
    const order = scored
      .map((s, i) => i)
      .sort((x, y) => {
        const a = scored[x]!.score;
        const b = scored[y]!.score;
        if (Number.isNaN(a) !== Number.isNaN(b)) return Number.isNaN(a) ? 1 : -1;
        return b - a || (labels[x]! < labels[y]! ? -1 : labels[x]! > labels[y]! ? 1 : 0);
      });
    const nullIfNaN = (x: number) => (Number.isNaN(x) ? null : x);
    const ranking: RankedAgent[] = order.map((i, r) => {
      const s = scored[i]!;
      const { agent, score, low, high, ...stats } = s;
      return { agent, rank: r + 1, score: nullIfNaN(score), low: nullIfNaN(low), high: nullIfNaN(high), ...stats };
    });

    const n = labels.length;
    const cells: CellScore[] = [];
    const matrix = new Map<number, Acc>();
    for (const [key, acc] of [...this.cells].sort((a, b) => a[0] - b[0])) {
      const o = key % n;
      const a = Math.floor(key / n) % n;
      const s = Math.floor(key / (n * n));
      cells.push({ agent: labels[a]!, opponent: labels[o]!, scenario: this.spec.scenarios[s]!.id, ...acc.stats() });
      const mk = a * n + o;
      let m = matrix.get(mk);
      if (!m) matrix.set(mk, (m = new Acc()));
      m.merge(acc);
    }
    const matrixCells = [...matrix]
      .sort((a, b) => a[0] - b[0])
      .map(([key, acc]) => ({ agent: labels[Math.floor(key / n)]!, opponent: labels[key % n]!, scenario: null, ...acc.stats() }));

    return {
      negotiations: this.negotiations,
      agreements: this.agreements,
      faults: this.faulted,
      ranking,
      cells,
      matrix: matrixCells,
      pairwise: this.pairwise(alpha, unitsByAgent),
      statistics: {
        score: 'mean utility',
        bootstrap: { resamples, confidence, unit: 'pairing' },
        test: { name: 'paired sign-flip permutation test', alpha, correction: 'Holm' },
      },
    };
  }

  /**
   * Pairwise comparisons. Agent a's result in a pairing (scenario, seating,
   * seat) is matched with b's in the same scenario and seat of the seating
   * with a and b swapped: b in a's place, facing the same opponents (or a,
   * head to head). The differences of the two mean utilities go to the
   * sign-flip test; p-values are Holm-adjusted over all pairs of agents.
   */
  private pairwise(alpha: number, unitsByAgent: readonly Unit[][]): PairwiseComparison[] {
    const labels = this.spec.agents.map((a) => a.label);
    const raw: { a: number; b: number; diffs: number[] }[] = [];
    for (let a = 0; a < labels.length; a++) {
      const units = unitsByAgent[a]!;
      for (let b = a + 1; b < labels.length; b++) {
        const diffs: number[] = [];
        for (const u of units) {
          const seats = u.seats.map((x) => (x === a ? b : x === b ? a : x));
          const other = this.plan.assignmentOf(u.scenario, seats);
          if (other < 0) continue;
          const k = this.plan.unitOf(u.scenario, other) * this.maxSeats + u.seat;
          const c = this.unitCount[k]!;
          if (c === 0) continue;
          diffs.push(u.sum / u.count - this.unitSum[k]! / c);
        }
        raw.push({ a, b, diffs });
      }
    }
    const tests = raw.map((r, i) => signFlipTest(r.diffs, streamSeed(this.spec.seed, 0x10000 + i)));
    const adjusted = holm(tests.map((t) => t.pValue));
    return raw.map((r, i) => ({
      a: labels[r.a]!,
      b: labels[r.b]!,
      difference: r.diffs.length ? r.diffs.reduce((s, x) => s + x, 0) / r.diffs.length : 0,
      pairs: r.diffs.length,
      pValue: tests[i]!.pValue,
      adjustedPValue: adjusted[i]!,
      significant: adjusted[i]! < alpha,
      method: tests[i]!.method,
    }));
  }
}
