// Small scenarios built in code, for tests and examples (no files needed).
import type { AgreementRule } from '../model/agreement-rule.ts';
import type { Issue } from '../model/issue.ts';
import type { Party } from '../model/party.ts';
import type { Discount } from '../model/reservation.ts';
import type { Scenario } from '../model/scenario.ts';
import type { Rng } from '../util/rng.ts';

/** An issue with options v0..v{k-1}. */
export function optionsIssue(name: string, k: number): Issue {
  return { type: 'categorical', name, options: Array.from({ length: k }, (_, i) => ({ name: `v${i}` })) };
}

export interface FixtureParty {
  id: string;
  weights: number[];
  /** Per issue, the evaluation of each value position. */
  values: number[][];
  reservation?: number;
  discount?: Discount;
  role?: Party['role'];
}

export function linearScenario(name: string, issues: Issue[], parties: FixtureParty[], agreement: AgreementRule = { type: 'unanimity' }): Scenario {
  return {
    name,
    issues,
    agreement,
    parties: parties.map((p) => ({
      id: p.id,
      name: p.id,
      role: p.role ?? 'negotiator',
      preferences: { type: 'linear-additive', weights: p.weights, values: p.values.map((v) => ({ type: 'table', values: v })) },
      ...(p.reservation !== undefined ? { reservation: { value: p.reservation } } : {}),
      ...(p.discount ? { discount: p.discount } : {}),
    })),
  };
}

/**
 * A buyer–seller scenario: `issues` issues of `k` values each; the buyer
 * prefers low value positions, the seller high ones, with different weights
 * (so there is room for trade-offs).
 */
export function buyerSeller(issues = 3, k = 5, reservations: [number, number] = [0, 0]): Scenario {
  const is = Array.from({ length: issues }, (_, i) => optionsIssue(`issue${i}`, k));
  const up = Array.from({ length: k }, (_, j) => (k === 1 ? 1 : j / (k - 1)));
  const down = [...up].reverse();
  const wb = is.map((_, i) => i + 1);
  const ws = is.map((_, i) => issues - i);
  const norm = (w: number[]) => {
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / s);
  };
  return linearScenario('buyer-seller', is, [
    { id: 'buyer', weights: norm(wb), values: is.map(() => down), reservation: reservations[0] },
    { id: 'seller', weights: norm(ws), values: is.map(() => up), reservation: reservations[1] },
  ]);
}

/** A random linear scenario with `n` parties (seeded). */
export function randomScenario(rng: Rng, n: number, issues: number, k: number, agreement?: AgreementRule): Scenario {
  const is = Array.from({ length: issues }, (_, i) => optionsIssue(`i${i}`, k));
  const parties: FixtureParty[] = Array.from({ length: n }, (_, p) => {
    const w = is.map(() => rng.float() + 0.01);
    const s = w.reduce((a, b) => a + b, 0);
    return {
      id: `p${p + 1}`,
      weights: w.map((x) => x / s),
      values: is.map(() => Array.from({ length: k }, () => Math.round(rng.float() * 100) / 100)),
      reservation: Math.round(rng.float() * 50) / 100,
    };
  });
  return linearScenario(`random-${n}`, is, parties, agreement);
}
