import type { Action, Agent, AgentView, Bid, OfferTurn, OpponentModelProbe, VoteTurn } from '../negotiation/agent.ts';
import type { TraceEvent } from '../negotiation/events.ts';
import type { SortedOutcomes } from '../negotiation/sorted-outcomes.ts';
import { isDiscounting } from '../model/reservation.ts';
import { ACCEPT, END, defaultVote } from './boa.ts';
import { sameBid } from './bid-search.ts';

/** An offer another party made, with its utility for me and the relative time I learnt of it. */
export interface ReceivedOffer {
  readonly party: string;
  readonly bid: Bid;
  /** My (undiscounted) utility of it. */
  readonly utility: number;
  readonly time: number;
}

/** What a strategy decides at its turn: accept the offer on the table, walk away, or offer a bid. */
export type Decision = 'accept' | 'end' | Bid;

/**
 * Maps own utilities to the unit scale the published strategies are written
 * in. GENIUS utilities already lie in [0, 1], and then the scale is the
 * identity (so a paper's absolute thresholds such as 0.9 keep their meaning);
 * otherwise [worst, best] maps linearly onto [0, 1].
 */
export class UtilityScale {
  readonly identity: boolean;
  constructor(
    readonly min: number,
    readonly max: number,
  ) {
    this.identity = min >= -1e-12 && max <= 1 + 1e-9;
  }
  /** Own utility → unit scale. */
  toUnit(u: number): number {
    if (this.identity) return u;
    const w = this.max - this.min;
    return w > 0 ? (u - this.min) / w : 1;
  }
  /** Unit scale → own utility. */
  fromUnit(x: number): number {
    return this.identity ? x : this.min + x * (this.max - this.min);
  }
}

/**
 * The common frame of the ANAC agents: it keeps the offers received (from
 * `observe`, so multilateral offers are seen too, stamped with the time of the
 * next own turn), hands them to `onOffer`, asks the strategy's `decide`, and
 * guards the answer so that no strategy can break the rules every agent keeps:
 *
 * - it accepts only another party's offer, at or above its reservation value
 *   and not across a red line (otherwise it offers its previous bid instead);
 * - it offers only outcomes of the space, at or above its reservation value
 *   and not across a red line (otherwise its best outcome); when even the
 *   best outcome is below the reservation value it walks away (an offer
 *   commits the proposer).
 *
 * With time discounting both the agreement and the reservation value are
 * discounted by the same factor, so comparing undiscounted utilities with the
 * undiscounted reservation value is the right test at every time.
 */
export abstract class Negotiator implements Agent {
  abstract readonly name: string;
  opponentModel?: OpponentModelProbe;
  readonly sorted: SortedOutcomes;
  readonly scale: UtilityScale;
  /** Own reservation value (−∞ when none). */
  readonly reservation: number;
  /** The lowest own utility worth offering: max(reservation, worst outcome). */
  readonly floor: number;
  readonly maxUtility: number;
  /** My party id. */
  readonly me: string;
  /** The other participants, in turn order. */
  readonly opponents: readonly string[];
  /** Every offer received so far, in order. */
  readonly received: ReceivedOffer[] = [];
  /** The best offer received so far (by my utility). */
  bestReceived: ReceivedOffer | undefined;
  /** My last offer and its utility. */
  myLastBid: Bid | undefined;
  myLastUtility = Infinity;
  /** Relative time of my previous turn and my turns taken. */
  lastTime = 0;
  myTurns = 0;
  private readonly pending: { party: string; bid: Bid }[] = [];
  private readonly byParty = new Map<string, ReceivedOffer[]>();

  constructor(readonly view: AgentView) {
    this.sorted = view.sorted();
    this.maxUtility = this.sorted.maxUtility;
    this.scale = new UtilityScale(this.sorted.minUtility, this.sorted.maxUtility);
    this.reservation = view.reservationValue ?? -Infinity;
    this.floor = Math.min(this.maxUtility, Math.max(this.sorted.minUtility, this.reservation));
    this.me = view.partyId;
    this.opponents = view.participants.filter((p) => p !== view.partyId);
  }

  /** The strategy's move at its turn; `offer` is the offer on the table when another party made it. */
  protected abstract decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision;

  /** Called for each offer received, in order, before `decide` (update models and statistics here). */
  protected onOffer(_offer: ReceivedOffer): void {}

  /** The own utility the agent currently aims at (single-text votes use it); by default its last bid's. */
  protected aspiration(_t: number): number {
    return Number.isFinite(this.myLastUtility) ? this.myLastUtility : this.maxUtility;
  }

  /** Own utility. */
  u(b: Bid): number {
    return this.view.utility(b);
  }

  /** Own utility on the unit scale. */
  unit(b: Bid): number {
    return this.scale.toUnit(this.view.utility(b));
  }

  /** The reservation value on the unit scale (0 when none). */
  get unitReservation(): number {
    return Number.isFinite(this.reservation) ? Math.max(0, this.scale.toUnit(this.reservation)) : 0;
  }

  /** The discount factor per unit of relative time (1: no discounting). Round-based discounts are mapped to relative time. */
  get discountFactor(): number {
    const d = this.view.discount;
    if (!isDiscounting(d)) return 1;
    return d.per === 'time' ? d.factor : Math.pow(d.factor, this.view.deadline.rounds);
  }

  /** Discounted value of own utility u at relative time t. */
  discounted(u: number, t: number): number {
    const df = this.discountFactor;
    return df < 1 ? u * Math.pow(df, t) : u;
  }

  /** Mean relative time between my turns so far (for estimating the rounds left). */
  get meanTurnTime(): number {
    return this.myTurns > 1 ? this.lastTime / (this.myTurns - 1) : 1 / Math.max(1, this.view.deadline.rounds);
  }

  /** Estimated number of my turns left before the deadline. */
  turnsLeft(t: number): number {
    return Math.max(0, (1 - t) / Math.max(1e-9, this.meanTurnTime));
  }

  observe(e: TraceEvent): void {
    if (e.type === 'offer' && e.party !== this.me) this.pending.push({ party: e.party, bid: e.outcome });
  }

  respond(turn: OfferTurn): Action {
    for (const p of this.pending) {
      const r: ReceivedOffer = { party: p.party, bid: p.bid, utility: this.view.utility(p.bid), time: turn.time };
      this.received.push(r);
      let list = this.byParty.get(r.party);
      if (!list) this.byParty.set(r.party, (list = []));
      list.push(r);
      if (!this.bestReceived || r.utility > this.bestReceived.utility) this.bestReceived = r;
      this.onOffer(r);
    }
    this.pending.length = 0;
    let table: ReceivedOffer | undefined;
    if (turn.offer && turn.proposer !== undefined && turn.proposer !== this.me) {
      const last = this.lastFrom(turn.proposer);
      table = last && sameBid(last.bid, turn.offer) ? last : { party: turn.proposer, bid: turn.offer, utility: this.view.utility(turn.offer), time: turn.time };
    }
    const d = this.decide(turn, table);
    this.myTurns++;
    this.lastTime = turn.time;
    if (d === 'accept') {
      if (table && table.utility >= this.reservation && !this.view.crossesRedLine(table.bid)) return ACCEPT;
      return this.offer(this.myLastBid ?? this.sorted.outcomeAt(this.sorted.count - 1));
    }
    if (d === 'end') return END;
    return this.offer(d);
  }

  private offer(bid: Bid): Action {
    let b = bid;
    if (!this.view.space.contains(b) || this.view.crossesRedLine(b) || this.view.utility(b) < this.reservation) {
      if (this.sorted.count === 0 || this.maxUtility < this.reservation) return END;
      b = this.sorted.outcomeAt(this.sorted.count - 1);
    }
    this.myLastBid = b;
    this.myLastUtility = this.view.utility(b);
    return { type: 'offer', outcome: b };
  }

  /** The last offer received from a party. */
  lastFrom(party: string): ReceivedOffer | undefined {
    const list = this.byParty.get(party);
    return list?.[list.length - 1];
  }

  /** Offers received from one party, in order. */
  from(party: string): readonly ReceivedOffer[] {
    return this.byParty.get(party) ?? [];
  }

  vote(turn: VoteTurn): boolean {
    return defaultVote(this.view, turn, (t) => this.aspiration(t));
  }
}
