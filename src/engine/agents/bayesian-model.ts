import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { Bid, LinearEstimate } from '../negotiation/agent.ts';
import type { OpponentModel } from './opponent-model.ts';

/**
 * The scalable Bayesian opponent model of Hindriks & Tykhonov ("Opponent
 * modelling in automated multi-issue negotiation using Bayesian learning",
 * AAMAS 2008), as used by IAMhaggler, FSEGA and Nice Tit for Tat.
 *
 * Hypotheses, per issue and independent across issues: a weight level
 * (1/K … K/K, K = `weightLevels`) and an evaluation shape over the issue's
 * value order — downhill, uphill, or triangular with its peak at an inner
 * value — all equally likely at first. Each offer of the party updates every
 * issue's hypotheses by Bayes' rule, with the likelihood of the offer under a
 * hypothesis exp(−(u − û)² / 2σ²): u is the offer's utility under that
 * hypothesis (the other issues at their current expectation) and û the
 * utility the party is assumed to get from its offer at that point, a linear
 * concession from 1 (paper: the opponent concedes; the rate is our choice:
 * û = 1 − `concession` · k / (k + 10) for its k-th offer, σ = `sigma`).
 *
 * The estimate is the expected utility Σᵢ E[wᵢ eᵢ(oᵢ)] / Σᵢ E[wᵢ].
 */
export class BayesianModel implements OpponentModel {
  readonly name = 'bayesian';
  private readonly models = new Map<string, PartyBeliefs>();
  private readonly partyList: string[] = [];
  private readonly shapes: Float64Array[][];

  constructor(
    private readonly space: OutcomeSpace,
    private readonly options: { weightLevels?: number; sigma?: number; concession?: number } = {},
  ) {
    this.shapes = Array.from(space.radices, (r) => evaluationShapes(r));
  }

  get parties(): readonly string[] {
    return this.partyList;
  }

  private beliefs(party: string): PartyBeliefs {
    let b = this.models.get(party);
    if (!b) {
      const K = this.options.weightLevels ?? 5;
      b = new PartyBeliefs(this.shapes, K);
      this.models.set(party, b);
      this.partyList.push(party);
    }
    return b;
  }

  update(party: string, bid: Bid): void {
    const b = this.beliefs(party);
    const k = b.offers++;
    const c = this.options.concession ?? 0.4;
    const expected = 1 - (c * k) / (k + 10);
    b.update(bid, expected, this.options.sigma ?? 0.2);
  }

  utility(party: string, bid: Bid): number {
    const b = this.models.get(party);
    return b ? b.utility(bid) : 0.5;
  }

  meanUtility(bid: Bid): number {
    if (this.partyList.length === 0) return 0.5;
    let s = 0;
    for (const p of this.partyList) s += this.utility(p, bid);
    return s / this.partyList.length;
  }

  linear(party: string): LinearEstimate | undefined {
    return this.models.get(party)?.linear();
  }

  /** Expected (normalised) issue weights of a party. */
  weights(party: string): readonly number[] {
    return this.beliefs(party).linear().weights;
  }
}

/** Downhill, uphill and triangular evaluation functions over r ordered values, each in [0, 1]. */
export function evaluationShapes(r: number): Float64Array[] {
  if (r <= 1) return [Float64Array.of(1)];
  const last = r - 1;
  const shapes: Float64Array[] = [Float64Array.from({ length: r }, (_, k) => (last - k) / last), Float64Array.from({ length: r }, (_, k) => k / last)];
  for (let p = 1; p < last; p++) shapes.push(Float64Array.from({ length: r }, (_, k) => (k <= p ? k / p : (last - k) / (last - p))));
  return shapes;
}

class PartyBeliefs {
  offers = 0;
  /** Per issue, probability of each (weight level, shape) pair, index level·shapes + shape. */
  private readonly p: Float64Array[];
  /** Per issue: E[w], and E[w · e(v)] per value. */
  private readonly ew: Float64Array;
  private readonly ewe: Float64Array[];

  constructor(
    private readonly shapes: readonly Float64Array[][],
    private readonly K: number,
  ) {
    this.p = shapes.map((s) => new Float64Array(K * s.length).fill(1 / (K * s.length)));
    this.ew = new Float64Array(shapes.length);
    this.ewe = shapes.map((s) => new Float64Array(s[0]!.length));
    for (let i = 0; i < shapes.length; i++) this.expect(i);
  }

  private level(a: number): number {
    return (a + 1) / this.K;
  }

  private expect(i: number): void {
    const shapes = this.shapes[i]!;
    const p = this.p[i]!;
    const S = shapes.length;
    const ewe = this.ewe[i]!.fill(0);
    let ew = 0;
    for (let a = 0; a < this.K; a++) {
      const w = this.level(a);
      for (let h = 0; h < S; h++) {
        const q = p[a * S + h]!;
        ew += q * w;
        const e = shapes[h]!;
        for (let v = 0; v < e.length; v++) ewe[v]! += q * w * e[v]!;
      }
    }
    this.ew[i] = ew;
  }

  update(bid: Bid, expected: number, sigma: number): void {
    const n = this.shapes.length;
    let sumW = 0;
    let sumWE = 0;
    for (let i = 0; i < n; i++) {
      sumW += this.ew[i]!;
      sumWE += this.ewe[i]![bid[i]!]!;
    }
    const inv = 1 / (2 * sigma * sigma);
    for (let i = 0; i < n; i++) {
      const shapes = this.shapes[i]!;
      const S = shapes.length;
      const p = this.p[i]!;
      const restW = sumW - this.ew[i]!;
      const restWE = sumWE - this.ewe[i]![bid[i]!]!;
      let total = 0;
      for (let a = 0; a < this.K; a++) {
        const w = this.level(a);
        for (let h = 0; h < S; h++) {
          const u = (restWE + w * shapes[h]![bid[i]!]!) / (restW + w);
          const d = u - expected;
          const q = p[a * S + h]! * Math.exp(-d * d * inv);
          p[a * S + h] = q;
          total += q;
        }
      }
      if (total > 0 && Number.isFinite(total)) for (let j = 0; j < p.length; j++) p[j]! /= total;
      else p.fill(1 / p.length);
    }
    for (let i = 0; i < n; i++) this.expect(i);
  }

  utility(bid: Bid): number {
    let w = 0;
    let u = 0;
    for (let i = 0; i < this.shapes.length; i++) {
      w += this.ew[i]!;
      u += this.ewe[i]![bid[i]!]!;
    }
    return w > 0 ? u / w : 0.5;
  }

  linear(): LinearEstimate {
    let sum = 0;
    for (let i = 0; i < this.ew.length; i++) sum += this.ew[i]!;
    return {
      weights: Array.from(this.ew, (w) => (sum > 0 ? w / sum : 0)),
      values: this.ewe.map((e, i) => Array.from(e, (x) => (this.ew[i]! > 0 ? x / this.ew[i]! : 0))),
    };
  }
}
