import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bidAtOrAbove } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * AgentM (ANAC 2014 winner; Niimi & Ito), for the non-linear ANAC 2014
 * domains, where the outcome space is too large to list and a utility is a
 * sum of hyper-rectangle constraints. It searches for bids by simulated
 * annealing from the opponent's latest offer (or its own last bid): random
 * one-issue changes, a move kept when it raises own utility plus 0.3 × the
 * frequency model's estimate for the opponent, or with the annealing
 * probability otherwise; the best visited bid at or above the target is
 * offered (its sorted outcomes' bid when the search finds none). The search
 * can find bids better than parley's seeded sample on spaces it has to
 * sample. Target: 1 − (1 − floor)·t^(1/0.2), floor = max(reservation, best
 * offer received, 0.6); it accepts an offer at or above its target. (Steps,
 * temperature schedule, the 0.3 weight and the target curve are our choices.)
 */
export class AgentM extends Negotiator {
  readonly name = 'AgentM';
  private readonly model: FrequencyModel;
  readonly steps = 200;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  targetAt(t: number): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    const floor = Math.min(1, Math.max(this.unitReservation, best, 0.6));
    return 1 - (1 - floor) * Math.pow(t, 5);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  /** Simulated annealing from `start`: the best visited bid with own utility ≥ lo, or undefined. */
  anneal(start: Bid, lo: number): Bid | undefined {
    const rng = this.view.rng;
    const radices = this.view.space.radices;
    const score = (b: Bid) => this.unit(b) + 0.3 * this.model.meanUtility(b);
    let cur = [...start];
    let curScore = score(cur);
    let best: Bid | undefined = this.u(cur) >= lo ? [...cur] : undefined;
    let bestScore = best ? curScore : -Infinity;
    for (let k = 0; k < this.steps; k++) {
      const temp = 0.1 * (1 - k / this.steps) + 1e-6;
      const i = rng.int(0, cur.length - 1);
      if (radices[i]! < 2) continue;
      const next = [...cur];
      let v = rng.int(0, radices[i]! - 2);
      if (v >= cur[i]!) v++;
      next[i] = v;
      const s = score(next);
      if (s >= curScore || rng.float() < Math.exp((s - curScore) / temp)) {
        cur = next;
        curScore = s;
        if (s > bestScore && this.u(cur) >= lo) {
          best = [...cur];
          bestScore = s;
        }
      }
    }
    return best;
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const target = this.targetAt(turn.time);
    if (offer && this.scale.toUnit(offer.utility) >= target) return 'accept';
    if (this.myTurns === 0) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(target);
    const start = this.received[this.received.length - 1]?.bid ?? this.myLastBid ?? bestBid(this.sorted);
    const found = this.anneal(start, lo);
    const fromList = bidAtOrAbove(this.sorted, lo);
    if (!found) return fromList;
    // Keep whichever scores better: the annealed bid or the listed one (the list is a sample on huge spaces).
    const s = (b: Bid) => this.unit(b) + 0.3 * this.model.meanUtility(b);
    return s(found) >= s(fromList) ? found : fromList;
  }
}

export const agentM = anacKind({
  name: 'AgentM',
  year: 2014,
  rank: 1,
  strategy: 'simulated-annealing bid search from the opponent’s offer (non-linear domains); frequency model; Boulware target',
  description:
    'AgentM: for huge non-linear spaces, searches bids by simulated annealing from the opponent’s latest offer, valuing own utility and the opponent’s estimated utility; concedes on a Boulware curve',
  citation: 'Niimi & Ito, "AgentM", Recent Advances in Agent-based Complex Automated Negotiation, SCI 638, Springer 2016',
  create: (view) => new AgentM(view),
});
