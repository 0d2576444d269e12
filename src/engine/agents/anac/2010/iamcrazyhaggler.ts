import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * IAMcrazyHaggler (ANAC 2010, 6th; Williams, Robu, Gerding & Jennings):
 * offers random outcomes above a high threshold and never concedes; it
 * accepts an offer at or above the threshold. Threshold 0.9 without
 * discounting, 0.85 with (the ANAC 2010 overview gives the idea; the values
 * are our choices). With a reservation value above the threshold it uses the
 * reservation value.
 */
export class IAMcrazyHaggler extends Negotiator {
  readonly name = 'IAMcrazyHaggler';
  readonly threshold: number;

  constructor(view: AgentView) {
    super(view);
    this.threshold = Math.max(this.unitReservation, this.discountFactor < 1 ? 0.85 : 0.9);
  }

  protected override aspiration(): number {
    return this.scale.fromUnit(this.threshold);
  }

  protected decide(_turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    if (offer && this.scale.toUnit(offer.utility) >= this.threshold) return 'accept';
    return randomBidIn(this.sorted, this.view.rng, this.scale.fromUnit(this.threshold), this.maxUtility);
  }
}

export const iamcrazyhaggler = anacKind({
  name: 'IAMcrazyHaggler',
  year: 2010,
  rank: 6,
  strategy: 'random offers above 0.9, never concedes',
  description: 'IAMcrazyHaggler: offers random outcomes above 0.9 (0.85 with discounting) and never concedes; accepts offers above that threshold',
  citation:
    'Baarslag, Hindriks, Jonker, Kraus & Lin, "The first automated negotiating agents competition (ANAC 2010)", New Trends in Agent-Based Complex Automated Negotiations, SCI 383, Springer 2012, pp. 113–135',
  create: (view) => new IAMcrazyHaggler(view),
});
