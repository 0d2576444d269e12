import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { Bid, LinearEstimate, OpponentModelProbe } from '../negotiation/agent.ts';

/**
 * An estimate of the other parties' preferences, learnt from what they offer.
 * It is also the agent's `opponentModel` probe (see `OpponentModelProbe`), so
 * a trace can set its estimates against the truth after the run.
 */
export interface OpponentModel extends OpponentModelProbe {
  readonly name: string;
  /** Records that `party` offered `bid`. */
  update(party: string, bid: Bid): void;
  /** Estimated utility of `bid` for `party`, in [0, 1] (0.5 when nothing is known yet). */
  utility(party: string, bid: Bid): number;
  /** Mean estimated utility over every modelled party. */
  meanUtility(bid: Bid): number;
  /** The parties modelled so far. */
  readonly parties: readonly string[];
}

/**
 * The frequency model (HardHeaded, ANAC 2011, as in GENIUS's BOA
 * HardHeadedFrequencyModel): a value's estimated evaluation is how often the
 * party offered it, relative to its most offered value of that issue; an
 * issue's weight grows by `learningRate` each time the party keeps its value
 * between consecutive offers (it cares about it), then weights are renormalised.
 */
export class FrequencyModel implements OpponentModel {
  readonly name = 'frequency';
  private readonly models = new Map<string, { counts: Float64Array[]; maxCount: Float64Array; weights: Float64Array; last: number[] | undefined; offers: number }>();
  private readonly partyList: string[] = [];

  constructor(
    private readonly space: OutcomeSpace,
    private readonly learningRate = 0.2,
  ) {}

  get parties(): readonly string[] {
    return this.partyList;
  }

  private model(party: string) {
    let m = this.models.get(party);
    if (!m) {
      const n = this.space.issueCount;
      m = {
        counts: Array.from(this.space.radices, (r) => new Float64Array(r)),
        maxCount: new Float64Array(n),
        weights: new Float64Array(n).fill(n ? 1 / n : 0),
        last: undefined,
        offers: 0,
      };
      this.models.set(party, m);
      this.partyList.push(party);
    }
    return m;
  }

  update(party: string, bid: Bid): void {
    const m = this.model(party);
    const n = bid.length;
    for (let i = 0; i < n; i++) {
      const c = ++m.counts[i]![bid[i]!]!;
      if (c > m.maxCount[i]!) m.maxCount[i] = c;
    }
    if (m.last) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        if (m.last[i] === bid[i]) m.weights[i]! += this.learningRate / n;
        sum += m.weights[i]!;
      }
      if (sum > 0) for (let i = 0; i < n; i++) m.weights[i]! /= sum;
    }
    m.last = [...bid];
    m.offers++;
  }

  utility(party: string, bid: Bid): number {
    const m = this.models.get(party);
    if (!m || m.offers === 0) return 0.5;
    let u = 0;
    for (let i = 0; i < bid.length; i++) {
      const max = m.maxCount[i]!;
      if (max > 0) u += m.weights[i]! * (m.counts[i]![bid[i]!]! / max);
    }
    return u;
  }

  meanUtility(bid: Bid): number {
    if (this.partyList.length === 0) return 0.5;
    let s = 0;
    for (const p of this.partyList) s += this.utility(p, bid);
    return s / this.partyList.length;
  }

  linear(party: string): LinearEstimate | undefined {
    const m = this.models.get(party);
    if (!m || m.offers === 0) return undefined;
    return {
      weights: Array.from(m.weights),
      values: m.counts.map((c, i) => Array.from(c, (x) => (m.maxCount[i]! > 0 ? x / m.maxCount[i]! : 0))),
    };
  }

  /** Estimated issue weights of a party (uniform before its first offer). */
  weights(party: string): readonly number[] {
    const m = this.models.get(party);
    const n = this.space.issueCount;
    return m ? Array.from(m.weights) : new Array<number>(n).fill(n ? 1 / n : 0);
  }

  /** How often a party offered value `v` of issue `i`, relative to its most offered value of that issue (0 before any offer). */
  valueScore(party: string, i: number, v: number): number {
    const m = this.models.get(party);
    if (!m) return 0;
    const max = m.maxCount[i]!;
    return max > 0 ? m.counts[i]![v]! / max : 0;
  }

  /** Offers seen from a party. */
  offers(party: string): number {
    return this.models.get(party)?.offers ?? 0;
  }
}
