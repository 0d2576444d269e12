import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bestBidIn } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * Gahboninho (ANAC 2011, 2nd; Ben Adar, Sofy & Elimelech): balance pressure
 * and compromise. It opens by pressing — offering its best outcome for the
 * first 5 % of the time — while it measures how compliant the opponent is:
 * how far the opponent's offers have improved for Gahboninho (best minus first
 * offer). Against a compliant opponent it stays stubborn; against a tough one
 * it compromises: target(t) = 1 − (1 − floor)·t^(1/e) with e from 0.05
 * (opponent conceded ≥ 0.3) up to 0.5 (opponent did not concede), and floor =
 * max(reservation, best offer received, 0.5). Bids within 0.05 above the
 * target are chosen by a frequency model. In the last 2 % ("panic") it offers
 * the best offer received and accepts anything nearly as good. It accepts an
 * offer at or above its target. (The phase lengths, the compliance measure's
 * scale and the floor are our choices.)
 */
export class Gahboninho extends Negotiator {
  readonly name = 'Gahboninho';
  private readonly model: FrequencyModel;
  private firstUnit: number | undefined;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
    this.firstUnit ??= this.scale.toUnit(o.utility);
  }

  /** How much the opponent has conceded in my utility, in [0, 1] (0.3 counts as fully compliant). */
  compliance(): number {
    if (this.firstUnit === undefined || !this.bestReceived) return 0;
    return Math.min(1, Math.max(0, (this.scale.toUnit(this.bestReceived.utility) - this.firstUnit) / 0.3));
  }

  targetAt(t: number): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    const floor = Math.min(1, Math.max(this.unitReservation, best, 0.5));
    const e = 0.5 - 0.45 * this.compliance();
    return 1 - (1 - floor) * Math.pow(t, 1 / e);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const best = this.bestReceived;
    if (t >= 0.98 && best) {
      if (offer && offer.utility >= 0.99 * best.utility) return 'accept';
      return best.bid;
    }
    const target = this.targetAt(t);
    if (offer && this.scale.toUnit(offer.utility) >= target) return 'accept';
    if (t < 0.05) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(target);
    return bestBidIn(this.sorted, lo, lo + 0.05 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
  }
}

export const gahboninho = anacKind({
  name: 'Gahboninho',
  year: 2011,
  rank: 2,
  strategy: 'presses first, then concedes the less the more the opponent complies; panics to the best offer at the end',
  description:
    'Gahboninho: offers its best outcome at first while measuring the opponent’s compliance, then concedes slowly against compliant opponents and faster against tough ones; offers the best offer received in the last moments',
  citation:
    'Ben Adar, Sofy & Elimelech, "Gahboninho: strategy for balancing pressure and compromise in automated negotiation", Complex Automated Negotiations, SCI 435, Springer 2013, pp. 205–208',
  create: (view) => new Gahboninho(view),
});
