import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/** PonPoko's threshold patterns: [high, low] utility bands at relative time t (our reading of the five published patterns). */
export const PONPOKO_PATTERNS: readonly ((t: number) => readonly [number, number])[] = [
  (t) => [1 - 0.1 * t, 1 - 0.1 * t - 0.1 * Math.abs(Math.sin(40 * t))],
  (t) => [1, 1 - 0.22 * t],
  (t) => [1 - 0.1 * t, 1 - 0.1 * t - 0.15 * Math.abs(Math.sin(20 * t))],
  (t) => (t > 0.99 ? [1 - 0.3 * t, 1 - 0.3 * t - 0.05] : [1 - 0.05 * t, 1 - 0.1 * t]),
  (t) => [1 - 0.15 * t * Math.abs(Math.sin(20 * t)), 1 - 0.21 * t * Math.abs(Math.sin(20 * t))],
];

/**
 * PonPokoAgent (ANAC 2017 winner, multilateral; Matsune). Unpredictability as
 * a strategy: at the start it picks one of five threshold patterns at random
 * (from its seeded stream); a pattern gives an upper and a lower utility line
 * over time, some of them oscillating (sin), so the opponents cannot read a
 * concession curve from its offers. It offers a random outcome with utility
 * between the two lines (the lowest above the lower line when there is
 * none) and accepts any offer at or above the lower line. The reservation
 * value bounds both lines from below.
 */
export class PonPokoAgent extends Negotiator {
  readonly name = 'PonPokoAgent';
  readonly pattern: number;

  constructor(view: AgentView) {
    super(view);
    this.pattern = view.rng.int(0, PONPOKO_PATTERNS.length - 1);
  }

  /** [high, low] on the unit scale at time t. */
  band(t: number): [number, number] {
    const [h, l] = PONPOKO_PATTERNS[this.pattern]!(t);
    const r = this.unitReservation;
    return [Math.max(h, r), Math.max(l, r)];
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.band(t)[1]);
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const [high, low] = this.band(turn.time);
    if (offer && this.scale.toUnit(offer.utility) >= low) return 'accept';
    return randomBidIn(this.sorted, this.view.rng, this.scale.fromUnit(low), this.scale.fromUnit(Math.max(high, low)));
  }
}

export const ponPokoAgent = anacKind({
  name: 'PonPokoAgent',
  year: 2017,
  rank: 1,
  multilateral: true,
  strategy: 'one of five random threshold patterns (some oscillating); random bids between its high and low lines',
  description: 'PonPokoAgent: picks one of five threshold patterns at random, offers random bids between the pattern’s high and low lines and accepts anything above the low line',
  citation:
    'Aydoğan, Fujita, Baarslag, Jonker & Ito, "ANAC 2017: repeated multilateral negotiation league", Advances in Automated Negotiations, Studies in Computational Intelligence 905, Springer 2021',
  create: (view) => new PonPokoAgent(view),
});
