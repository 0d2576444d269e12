// Which negotiations a tournament runs, each with a stable id, computed from the id alone (never all in memory).

/** One negotiation of a tournament: plain data, so it can go to another thread or machine. */
export interface TournamentJob {
  /** Stable id within the run, 0 … total − 1 (results are idempotent by it). */
  readonly id: number;
  /** Index of the scenario in the tournament. */
  readonly scenario: number;
  /** Repetition, from 0. */
  readonly repetition: number;
  /** Index of the seat assignment within the scenario (see `TournamentPlan.seatsOf`). */
  readonly assignment: number;
  /** The agent (index) in each negotiator seat, in the scenario's participant order. */
  readonly seats: readonly number[];
  /** The negotiation's seed. */
  readonly seed: number;
}

/** Ordered choices of k distinct items from n: n·(n−1)·…·(n−k+1). */
export function permutations(n: number, k: number): number {
  if (k > n) return 0;
  let p = 1;
  for (let i = 0; i < k; i++) p *= n - i;
  return p;
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The seed of the negotiations of one scenario and repetition, derived from
 * the tournament's seed. Every pairing and role order of that scenario and
 * repetition shares it (common random numbers: agents are compared under the
 * same draws).
 */
export function negotiationSeed(seed: number, scenario: number, repetition: number): number {
  const lo = seed | 0;
  const hi = Math.floor(seed / 0x100000000) | 0;
  let h = mix32(lo ^ mix32(hi + 0x9e3779b9));
  h = mix32(h ^ Math.imul(scenario + 1, 0x27d4eb2d));
  h = mix32(h ^ Math.imul(repetition + 1, 0x165667b1));
  return h;
}

/**
 * The negotiations of a tournament. For each repetition, each scenario in
 * order, each seat assignment: every ordered choice of distinct agents for
 * the scenario's k negotiator seats (for two seats: every ordered pair, so
 * both role orders), in lexicographic order of agent indices; then, with
 * self-play, each agent in every seat. Ids count in that order, repetition
 * outermost, so a partial run covers every pairing evenly.
 */
export class TournamentPlan {
  /** Negotiations in all. */
  readonly total: number;
  /** Negotiations per repetition. */
  readonly perRepetition: number;
  /** Where each scenario's assignments start within a repetition. */
  readonly offsets: readonly number[];
  private readonly counts: readonly number[];

  constructor(
    readonly agents: number,
    /** Negotiator seats per scenario. */
    readonly seats: readonly number[],
    readonly repetitions: number,
    readonly selfPlay: boolean,
    readonly seed: number,
  ) {
    const counts = seats.map((k) => permutations(agents, k) + (selfPlay && k > 1 ? agents : 0));
    const offsets: number[] = [];
    let sum = 0;
    for (const c of counts) {
      offsets.push(sum);
      sum += c;
    }
    this.counts = counts;
    this.offsets = offsets;
    this.perRepetition = sum;
    this.total = sum * repetitions;
    if (!Number.isSafeInteger(this.total)) throw new RangeError(`the tournament would have ${this.total} negotiations: too many`);
  }

  /** Seat assignments of a scenario (per repetition). */
  assignments(scenario: number): number {
    return this.counts[scenario]!;
  }

  /** The agents in each seat of assignment `a` of a scenario. */
  seatsOf(scenario: number, a: number): number[] {
    const k = this.seats[scenario]!;
    const n = this.agents;
    const distinct = permutations(n, k);
    if (a >= distinct) return new Array<number>(k).fill(a - distinct);
    const unused = Array.from({ length: n }, (_, i) => i);
    const out: number[] = [];
    let rest = a;
    for (let j = 0; j < k; j++) {
      const block = permutations(n - j - 1, k - j - 1);
      const c = Math.floor(rest / block);
      rest -= c * block;
      out.push(unused.splice(c, 1)[0]!);
    }
    return out;
  }

  /** The assignment index of a seating (inverse of `seatsOf`); -1 when the tournament has no such seating. */
  assignmentOf(scenario: number, seats: readonly number[]): number {
    const k = this.seats[scenario]!;
    const n = this.agents;
    if (seats.length !== k) return -1;
    if (k > 1 && seats.every((x) => x === seats[0])) return this.selfPlay ? permutations(n, k) + seats[0]! : -1;
    const unused = Array.from({ length: n }, (_, i) => i);
    let a = 0;
    for (let j = 0; j < k; j++) {
      const c = unused.indexOf(seats[j]!);
      if (c < 0) return -1;
      a += c * permutations(n - j - 1, k - j - 1);
      unused.splice(c, 1);
    }
    return a;
  }

  /** Where a scenario's assignment sits within a repetition (the unit index used by scoring). */
  unitOf(scenario: number, assignment: number): number {
    return this.offsets[scenario]! + assignment;
  }

  /** The negotiation with this id. */
  jobAt(id: number): TournamentJob {
    if (!(Number.isInteger(id) && id >= 0 && id < this.total)) throw new RangeError(`no negotiation ${id} in a tournament of ${this.total}`);
    const repetition = Math.floor(id / this.perRepetition);
    const rest = id - repetition * this.perRepetition;
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= rest) lo = mid;
      else hi = mid - 1;
    }
    // The last scenario starting at or before `rest` (one without assignments shares its offset with the next, so it is passed over).
    const scenario = lo;
    const assignment = rest - this.offsets[scenario]!;
    return { id, scenario, repetition, assignment, seats: this.seatsOf(scenario, assignment), seed: negotiationSeed(this.seed, scenario, repetition) };
  }
}
