// Test support: what a scenario means, as plain data, for comparing two ways of building it.
import { compileParty } from '../engine/model/party-evaluator.ts';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import { issueSize, issueValueAt } from '../engine/model/issue.ts';
import type { Scenario } from '../engine/model/scenario.ts';

/** Outcome spaces larger than this are fingerprinted without per-outcome utilities. */
const MAX_OUTCOMES = 50_000;

/**
 * A scenario's meaning: its issues (names and values), the agreement rule, and
 * per party its role, reservation value, and — over every outcome of a small
 * space — its utility and whether the outcome crosses a red line. Two
 * scenarios with equal fingerprints analyse and negotiate the same.
 */
export function scenarioFingerprint(s: Scenario): unknown {
  const space = new OutcomeSpace(s.issues);
  const n = space.sizeNumber !== undefined && space.sizeNumber <= MAX_OUTCOMES ? space.sizeNumber : 0;
  const outcomes = Array.from({ length: n }, (_, k) => space.outcomeAt(k));
  const { provenance: _p, ...agreement } = s.agreement;
  return {
    issues: s.issues.map((i) => ({ name: i.name, type: i.type, values: Array.from({ length: issueSize(i) }, (_, k) => issueValueAt(i, k)) })),
    agreement,
    parties: s.parties.map((p) => {
      const e = compileParty(space, p);
      return {
        id: p.id,
        role: p.role,
        reservation: e.reservationValue ?? null,
        discount: p.discount ?? null,
        redLines: (p.redLines ?? []).map((l) => ({ id: l.id ?? null, conditions: l.conditions })),
        utilities: e.ufun ? outcomes.map((o) => e.ufun!.utility(o)) : null,
        crosses: outcomes.map((o) => e.crossesRedLine(o)),
      };
    }),
  };
}
