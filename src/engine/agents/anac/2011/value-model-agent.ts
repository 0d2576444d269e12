import type { AgentView, Bid, LinearEstimate, OfferTurn, OpponentModelProbe } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bestBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';
import { maxOf } from '../../../util/arrays.ts';

/**
 * The value model of ValueModelAgent: an estimate of how much utility the
 * opponent gives up with each issue value, relative to its first offer
 * (taken as its best). When an offer differs from the first one on k issues
 * and has brought me a gain Δ (my utility over the first offer's), the
 * opponent is assumed to have given up about Δ (near zero-sum), shared evenly
 * over the k changed values; each value's loss is the running mean of its
 * shares. The estimated utility is 1 − Σ loss of the bid's values, in [0, 1].
 */
export class ValueLossModel implements OpponentModelProbe {
  readonly name = 'value-loss';
  private reference: Bid | undefined;
  private refUtility = 0;
  private readonly loss: Float64Array[];
  private readonly seen: Float64Array[];
  private party: string | undefined;

  constructor(radices: ArrayLike<number>) {
    this.loss = Array.from(radices, (r) => new Float64Array(r));
    this.seen = Array.from(radices, (r) => new Float64Array(r));
  }

  /** Records the opponent's offer and my utility of it (unit scale). */
  update(party: string, bid: Bid, myUtility: number): void {
    this.party ??= party;
    if (party !== this.party) return;
    if (!this.reference) {
      this.reference = [...bid];
      this.refUtility = myUtility;
      return;
    }
    const changed: number[] = [];
    for (let i = 0; i < bid.length; i++) if (bid[i] !== this.reference[i]) changed.push(i);
    if (changed.length === 0) return;
    const share = Math.max(0, myUtility - this.refUtility) / changed.length;
    for (const i of changed) {
      const v = bid[i]!;
      const n = ++this.seen[i]![v]!;
      this.loss[i]![v]! += (share - this.loss[i]![v]!) / n;
    }
  }

  utility(_party: string, bid: Bid): number {
    let l = 0;
    for (let i = 0; i < bid.length; i++) l += this.loss[i]![bid[i]!]!;
    return Math.min(1, Math.max(0, 1 - l));
  }

  /** Estimated loss of one value. */
  lossOf(issue: number, value: number): number {
    return this.loss[issue]![value]!;
  }

  linear(party: string): LinearEstimate | undefined {
    if (party !== this.party || !this.reference) return undefined;
    const maxLoss = this.loss.map((l) => Math.max(1e-9, maxOf(l)));
    const total = maxLoss.reduce((s, x) => s + x, 0);
    return { weights: maxLoss.map((m) => m / total), values: this.loss.map((l, i) => Array.from(l, (x) => 1 - x / maxLoss[i]!)) };
  }
}

/**
 * ValueModelAgent (ANAC 2011, 8th; Frieder & Miller). It profiles the
 * opponent with the value model above and, among its outcomes within 0.05
 * above its target, offers the one with the lowest estimated loss for the
 * opponent. Its target falls slowly, 1 − (1 − floor)·t³, floor =
 * max(reservation, best offer received, 0.7); after t = 0.98 it offers the
 * best offer received. It accepts an offer at or above its target or at
 * least as good as its last bid. (The target curve and the constants are our
 * choices; the paper describes the value model and its use in bidding.)
 */
export class ValueModelAgent extends Negotiator {
  readonly name = 'ValueModelAgent';
  readonly model: ValueLossModel;

  constructor(view: AgentView) {
    super(view);
    this.model = new ValueLossModel(view.space.radices);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid, this.scale.toUnit(o.utility));
  }

  targetAt(t: number): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    const floor = Math.min(1, Math.max(this.unitReservation, best, 0.7));
    return 1 - (1 - floor) * t * t * t;
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = this.targetAt(t);
    if (offer && (this.scale.toUnit(offer.utility) >= target || offer.utility >= this.myLastUtility)) return 'accept';
    if (t >= 0.98 && this.bestReceived) return this.bestReceived.bid;
    if (!this.bestReceived) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(target);
    const opp = this.bestReceived.party;
    return bestBidIn(this.sorted, lo, lo + 0.05 * (this.maxUtility - this.scale.min), (b) => this.model.utility(opp, b));
  }
}

export const valueModelAgent = anacKind({
  name: 'ValueModelAgent',
  year: 2011,
  rank: 8,
  strategy: 'profiles how much the opponent loses per issue value; offers the bid cheapest for the opponent near its target',
  description:
    'ValueModelAgent: estimates the opponent’s utility loss of each issue value from its concessions and offers, near a slowly falling target, the bid that costs the opponent least',
  citation:
    'Frieder & Miller, "Value Model Agent: a novel preference profiler for negotiation with agents", Complex Automated Negotiations, SCI 435, Springer 2013',
  create: (view) => new ValueModelAgent(view),
});
