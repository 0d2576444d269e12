import type { AgentView, Bid, OfferTurn } from '../negotiation/agent.ts';
import type { SortedOutcomes } from '../negotiation/sorted-outcomes.ts';
import type { OpponentModel } from './opponent-model.ts';

/** What a bidding strategy is built from: the agent's own view and, optionally, an opponent model. */
export interface BiddingContext {
  readonly view: AgentView;
  readonly model: OpponentModel | undefined;
}

/** Chooses the agent's next bid. */
export interface BiddingStrategy {
  readonly name: string;
  /** The own utility the strategy aims at, at relative time t (votes in single text use it). */
  target(t: number): number;
  /** The next bid at this turn. */
  nextBid(turn: OfferTurn): Bid;
  /** Told about each offer received from another party, with its own utility. */
  received?(party: string, bid: Bid, utility: number): void;
}

export type BiddingFactory = (ctx: BiddingContext) => BiddingStrategy;

/**
 * The range of own utilities a strategy concedes over: from the best
 * outcome down to the reservation value (or the worst outcome, when that is
 * higher or there is no reservation).
 */
export function concessionRange(view: AgentView, sorted: SortedOutcomes): { max: number; min: number } {
  const max = sorted.maxUtility;
  const res = view.reservationValue;
  const min = Math.min(max, Math.max(sorted.minUtility, res ?? -Infinity));
  return { max, min };
}

/** Picks bids from the sorted outcomes, reusing the last decoded bid when the position repeats. */
export class BidPicker {
  private lastPos = -1;
  private lastBid: Bid = [];
  constructor(
    readonly sorted: SortedOutcomes,
    private readonly model: OpponentModel | undefined,
    /** With a model: how far above the target (in own utility) to look for a bid the others like more. */
    private readonly window = 0,
    /** With a model: at most this many candidates are scored. */
    private readonly maxCandidates = 64,
  ) {}

  /** The lowest own-utility bid at or above `target` (the best bid if none is); with a model, the others' favourite in [target, target + window]. */
  at(target: number): Bid {
    const s = this.sorted;
    let pos = s.ceil(target);
    if (pos >= s.count) pos = s.count - 1;
    const m = this.model;
    if (m && m.parties.length > 0 && this.window > 0) {
      const limitU = s.utilities[pos]! + this.window;
      const end = Math.min(s.count, pos + this.maxCandidates);
      let best = pos;
      let bestU = -Infinity;
      for (let p = pos; p < end && s.utilities[p]! <= limitU; p++) {
        const u = m.meanUtility(s.outcomeAt(p));
        if (u > bestU) {
          bestU = u;
          best = p;
        }
      }
      pos = best;
    }
    return this.atPosition(pos);
  }

  atPosition(pos: number): Bid {
    if (pos !== this.lastPos) {
      this.lastPos = pos;
      this.lastBid = this.sorted.outcomeAt(pos);
    }
    return this.lastBid;
  }
}

/**
 * Time-dependent concession (Faratin, Sierra & Jennings 1998, as in GENIUS's
 * TimeDependentAgent with k = 0): target u(t) = max − (max − min) · t^(1/e).
 * e < 1 is Boulware (concedes late), e = 1 Linear, e > 1 Conceder.
 */
export function timeDependentBidding(e: number, modelWindow = 0.05): BiddingFactory {
  if (!(e > 0)) throw new RangeError(`the concession exponent e must be > 0, got ${e}`);
  return ({ view, model }) => {
    const sorted = view.sorted();
    const { max, min } = concessionRange(view, sorted);
    const picker = new BidPicker(sorted, model, (max - min) * modelWindow);
    const inv = 1 / e;
    const target = (t: number) => max - (max - min) * Math.pow(t, inv);
    return { name: `time-dependent(e=${e})`, target, nextBid: (turn) => picker.at(target(turn.time)) };
  };
}

/** Always bids its best outcome. */
export const hardlinerBidding: BiddingFactory = ({ view }) => {
  const sorted = view.sorted();
  const picker = new BidPicker(sorted, undefined);
  return { name: 'hardliner', target: () => sorted.maxUtility, nextBid: () => picker.atPosition(sorted.count - 1) };
};

/** Bids a uniformly random outcome at or above its reservation value (seeded by the agent's stream). */
export const randomBidding: BiddingFactory = ({ view }) => {
  const sorted = view.sorted();
  const { min } = concessionRange(view, sorted);
  const from = Math.min(sorted.ceil(min), sorted.count - 1);
  const picker = new BidPicker(sorted, undefined);
  return { name: 'random', target: () => min, nextBid: () => picker.atPosition(view.rng.int(from, sorted.count - 1)) };
};

/**
 * Naive tit-for-tat (as NegMAS's NaiveTitForTatNegotiator): when the
 * opponent's new offer is better for me by δ than its previous one, I lower my
 * target by δ; when it is worse, I raise it — all in my own utility, assuming
 * the game is zero-sum.
 */
export const naiveTitForTatBidding: BiddingFactory = ({ view }) => {
  const sorted = view.sorted();
  const { max, min } = concessionRange(view, sorted);
  const picker = new BidPicker(sorted, undefined);
  let tau = max;
  let previous: number | undefined;
  return {
    name: 'naive-tit-for-tat',
    target: () => tau,
    received(_party, _bid, u) {
      if (previous !== undefined) tau = Math.min(max, Math.max(min, tau - (u - previous)));
      previous = u;
    },
    nextBid: () => picker.at(tau),
  };
};

/**
 * Nice tit-for-tat (after Baarslag, Hindriks & Jonker's Nice Tit for Tat,
 * simplified): it measures the opponent's concession in the opponent's own
 * (estimated) utility — how far its latest offer lies below its first one —
 * and concedes the same share of its own range; among its bids at that level
 * it offers the one the opponent model likes best. It never retaliates: its
 * target only moves down, and it concedes at least as a Boulware agent
 * (e = 0.2) would, so that two nice agents still meet before the deadline.
 */
export const niceTitForTatBidding: BiddingFactory = ({ view, model }) => {
  const sorted = view.sorted();
  const { max, min } = concessionRange(view, sorted);
  const picker = new BidPicker(sorted, model, (max - min) * 0.1);
  let tau = max;
  const first = new Map<string, Bid>();
  const floor = (t: number) => max - (max - min) * Math.pow(t, 5);
  return {
    name: 'nice-tit-for-tat',
    target: (t) => Math.min(tau, floor(t)),
    received(party, bid) {
      if (!first.has(party)) first.set(party, [...bid]);
      if (!model) return;
      const u0 = model.utility(party, first.get(party)!);
      const u1 = model.utility(party, bid);
      const share = u0 > 0 ? Math.min(1, Math.max(0, (u0 - u1) / u0)) : 0;
      tau = Math.min(tau, max - (max - min) * share);
    },
    nextBid: (turn) => picker.at(Math.min(tau, floor(turn.time))),
  };
};
