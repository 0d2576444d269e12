// Test support: seeded random variant patches (in the terms of the scenario definition, as a file writes them) for a given scenario.
import fc from 'fast-check';
import { issueSize, issueValueAt } from '../engine/model/issue.ts';
import type { Scenario } from '../engine/model/scenario.ts';

type Obj = Record<string, unknown>;
const unit = fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true });

/** A table (value → number) for every value of an issue. */
const tableArb = (values: readonly (string | number)[]) => fc.array(unit, { minLength: values.length, maxLength: values.length }).map((vs) => Object.fromEntries(values.map((v, k) => [String(v), vs[k]!])));

/**
 * One random patch for `s`: changes to the agreement rule, a party's
 * reservation, weights, value tables or red lines, a party removed, an issue
 * added (with weights and values for the linear parties) or removed, an
 * option added — and now and then a patch that is wrong (an unknown field,
 * an unknown party, a missing weight), so errors are compared too.
 */
export function variantPatchArb(s: Scenario): fc.Arbitrary<Obj> {
  const ids = s.parties.map((p) => p.id);
  const names = s.issues.map((i) => i.name);
  const values = (k: number) => Array.from({ length: Math.min(issueSize(s.issues[k]!), 50) }, (_, j) => issueValueAt(s.issues[k]!, j));
  const party = fc.constantFrom(...ids);
  const issue = fc.nat(names.length - 1);
  const linear = s.parties.filter((p) => p.preferences?.type === 'linear-additive').map((p) => p.id);

  const agreement = fc.oneof(
    fc.subarray(ids, { minLength: 1 }).map((voters): Obj => ({ agreement: { rule: 'unanimity', voters } })),
    fc.subarray(ids, { minLength: 1 }).chain((voters) =>
      fc.tuple(fc.integer({ min: 1, max: voters.length }), fc.subarray(voters)).map(([k, required]): Obj => ({ agreement: { rule: 'quorum', k, voters, required } })),
    ),
    fc.constant<Obj>({ agreement: { rule: 'quorum', k: 1, voters: ['nobody'] } }),
  );
  const reservation = fc.tuple(party, fc.option(unit, { nil: null })).map(([id, r]): Obj => ({ parties: { [id]: { reservation: r } } }));
  const weights = fc.tuple(party, issue, unit).map(([id, k, w]): Obj => ({ parties: { [id]: { preferences: { weights: { [names[k]!]: w } } } } }));
  const table = fc.tuple(party, issue).chain(([id, k]) => tableArb(values(k)).map((t): Obj => ({ parties: { [id]: { preferences: { values: { [names[k]!]: t } } } } })));
  const redLines = fc
    .tuple(party, issue, fc.nat(), fc.boolean())
    .map(([id, k, pick, clear]): Obj => {
      const vs = values(k);
      return { parties: { [id]: { redLines: clear ? [] : [{ id: 'random', description: 'a random red line', when: { [names[k]!]: [vs[pick % vs.length]!] } }] } } };
    });
  const removeParty = party.map((id): Obj => ({ parties: { [id]: null }, agreement: { rule: 'unanimity' } }));
  const addIssue = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.tuple(unit, unit, unit), { minLength: linear.length, maxLength: linear.length }), fc.boolean()).map(([n, ws, complete]): Obj => {
    const options = Array.from({ length: n }, (_, j) => `added${j}`);
    const parties: Obj = {};
    linear.forEach((id, j) => {
      if (!complete && j === 0) return;
      const [w, a, b] = ws[j]!;
      parties[id] = { preferences: { weights: { added: w }, values: { added: Object.fromEntries(options.map((o, m) => [o, m % 2 ? a : b])) } } };
    });
    return { issues: { added: { options } }, parties };
  });
  const removeIssue = issue.map((k): Obj => {
    const parties: Obj = {};
    for (const id of linear) parties[id] = { preferences: { weights: { [names[k]!]: null }, values: { [names[k]!]: null } } };
    return { issues: { [names[k]!]: null }, parties };
  });
  const addOption = issue.map((k): Obj => (s.issues[k]!.type === 'categorical' ? { issues: { [names[k]!]: { options: [...values(k), 'extra'] } } } : { issues: { [names[k]!]: { max: (s.issues[k] as { max: number }).max + 1 } } }));
  const wrong = fc.oneof(party.map((id): Obj => ({ parties: { [id]: { reservaton: 0.5 } } })), fc.constant<Obj>({ nmae: 'x' }));

  const one = fc.oneof(agreement, reservation, weights, table, redLines, removeParty, addIssue, removeIssue, addOption, wrong);
  // Two changes at once merge like two patches of one variant would.
  return fc.array(one, { minLength: 1, maxLength: 2 }).map((ps) => ps.reduce((a, b) => deepMerge(a, b), {} as Obj));
}

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = prev && v && typeof prev === 'object' && typeof v === 'object' && !Array.isArray(prev) && !Array.isArray(v) ? deepMerge(prev as Obj, v as Obj) : v;
  }
  return out;
}
