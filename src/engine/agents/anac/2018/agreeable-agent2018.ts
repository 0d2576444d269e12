import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bidsIn } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * AgreeableAgent2018 (ANAC 2018 winner, multilateral). Aiming for
 * agreements the others like: it offers its best outcome during an initial
 * exploration (t < 0.1) while frequency models learn every other party; then
 * its target follows a Boulware curve 1 − (1 − m)·((t − 0.1)/0.9)^(1/e),
 * e = 0.1, m = max(reservation, 0.6); among up to 50 outcomes within 0.1
 * above the target it draws one by roulette wheel, with probability
 * proportional to the others' mean estimated utility (seeded). It accepts an
 * offer at least as good as its next bid or at or above its target. (The
 * phase length, e, the floor and the wheel's band are our choices: we found
 * no published description beyond the competition's agent summary.)
 */
export class AgreeableAgent2018 extends Negotiator {
  readonly name = 'AgreeableAgent2018';
  private readonly model: FrequencyModel;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  targetAt(t: number): number {
    if (t < 0.1) return 1;
    const m = Math.max(this.unitReservation, 0.6);
    return 1 - (1 - m) * Math.pow((t - 0.1) / 0.9, 10);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  /** Roulette-wheel choice among bids, weighted by the others' estimated utility. */
  roulette(bids: readonly Bid[]): Bid {
    const w = bids.map((b) => Math.max(1e-6, this.model.meanUtility(b)));
    let x = this.view.rng.float() * w.reduce((s, v) => s + v, 0);
    for (let k = 0; k < bids.length; k++) {
      x -= w[k]!;
      if (x <= 0) return bids[k]!;
    }
    return bids[bids.length - 1]!;
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = this.targetAt(t);
    let bid: Bid;
    if (t < 0.1) bid = bestBid(this.sorted);
    else {
      const lo = this.scale.fromUnit(target);
      const candidates = bidsIn(this.sorted, lo, lo + 0.1 * (this.maxUtility - this.scale.min), 50);
      bid = candidates.length ? this.roulette(candidates) : bestBid(this.sorted);
    }
    if (offer && (offer.utility >= this.u(bid) || this.scale.toUnit(offer.utility) >= target)) return 'accept';
    return bid;
  }
}

export const agreeableAgent2018 = anacKind({
  name: 'AgreeableAgent2018',
  year: 2018,
  rank: 1,
  multilateral: true,
  strategy: 'Boulware target after an exploration phase; roulette-wheel bids weighted by the others’ estimated utility',
  description:
    'AgreeableAgent2018: explores with its best offer, then concedes on a Boulware curve, drawing bids near its target by roulette wheel in proportion to how much the others (frequency models) like them',
  citation: 'ANAC 2018 Repeated Multilateral Negotiation League (GENIUS), winner’s agent summary in the competition materials; no fuller published description found',
  create: (view) => new AgreeableAgent2018(view),
});
