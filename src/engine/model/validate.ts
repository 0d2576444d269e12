import { ROLES } from './party.ts';
import { issueSize } from './issue.ts';
import { ruleVoters } from './agreement-rule.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { Scenario } from './scenario.ts';
import type { Preferences } from './preferences.ts';

const finite = (x: number) => typeof x === 'number' && Number.isFinite(x);

/**
 * Checks a scenario's internal consistency and returns every problem found,
 * with model paths such as `parties[0].preferences.weights[2]`. Importers run
 * it on what they build; an empty list means the scenario is usable.
 */
export function validateScenario(s: Scenario): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (path: string, message: string) => out.push({ path, message });
  if (s.issues.length === 0) err('issues', 'a scenario needs at least one issue');
  const names = new Set<string>();
  s.issues.forEach((issue, i) => {
    const p = `issues[${i}]`;
    if (!issue.name) err(`${p}.name`, 'an issue needs a name');
    if (names.has(issue.name)) err(`${p}.name`, `duplicate issue name "${issue.name}"`);
    names.add(issue.name);
    if (issue.type === 'categorical') {
      if (issue.options.length === 0) err(`${p}.options`, `issue "${issue.name}" has no options`);
      const seen = new Set<string>();
      issue.options.forEach((o, k) => {
        if (seen.has(o.name)) err(`${p}.options[${k}]`, `duplicate option "${o.name}" in issue "${issue.name}"`);
        seen.add(o.name);
      });
    } else {
      if (!finite(issue.min) || !finite(issue.max)) err(p, `issue "${issue.name}" needs finite bounds`);
      else if (issue.max < issue.min) err(p, `issue "${issue.name}": max ${issue.max} is below min ${issue.min}`);
      if (issue.type === 'integer' && (!Number.isInteger(issue.min) || !Number.isInteger(issue.max)))
        err(p, `integer issue "${issue.name}" needs integer bounds`);
      if (issue.type === 'real' && (!Number.isInteger(issue.steps) || issue.steps < 1))
        err(`${p}.steps`, `real issue "${issue.name}" needs a whole number of steps ≥ 1`);
    }
  });
  if (s.parties.length === 0) err('parties', 'a scenario needs at least one party');
  const ids = new Set<string>();
  s.parties.forEach((party, pi) => {
    const p = `parties[${pi}]`;
    if (!party.id) err(`${p}.id`, 'a party needs an id');
    if (ids.has(party.id)) err(`${p}.id`, `duplicate party id "${party.id}"`);
    ids.add(party.id);
    if (!ROLES.includes(party.role)) err(`${p}.role`, `role must be one of ${ROLES.join(', ')}`);
    if (party.preferences) validatePreferences(s, party.preferences, `${p}.preferences`, err);
    const r = party.reservation;
    if (r && 'value' in r && !(finite(r.value) || r.value === -Infinity)) err(`${p}.reservation`, 'the reservation value must be a number');
    if (r && 'outcome' in r && !validOutcome(s, r.outcome)) err(`${p}.reservation.outcome`, 'the reservation outcome is not an outcome of this space');
    if (party.discount && !(finite(party.discount.factor) && party.discount.factor >= 0))
      err(`${p}.discount`, 'the discount factor must be a number ≥ 0');
    party.redLines?.forEach((line, li) => {
      line.conditions.forEach((c, ci) => {
        const issue = s.issues[c.issue];
        if (!issue) err(`${p}.redLines[${li}].conditions[${ci}]`, `no issue at position ${c.issue}`);
      });
    });
  });
  const rule = s.agreement;
  for (const id of [...(rule.voters ?? []), ...(rule.type === 'quorum' ? rule.required : [])]) {
    if (!ids.has(id)) err('agreement', `the agreement rule names "${id}", which is not a party`);
  }
  const voters = ruleVoters(rule, s.parties);
  if (voters.length === 0) err('agreement', 'the agreement rule has no voters (no negotiators, and none named)');
  if (rule.type === 'quorum' && (!Number.isInteger(rule.k) || rule.k < 1 || rule.k > voters.length))
    err('agreement.k', `the quorum must be a whole number from 1 to ${voters.length} (the number of voters), got ${rule.k}`);
  return out;
}

function validOutcome(s: Scenario, o: readonly number[]): boolean {
  return o.length === s.issues.length && o.every((d, i) => Number.isInteger(d) && d >= 0 && d < issueSize(s.issues[i]!));
}

function validatePreferences(s: Scenario, prefs: Preferences, p: string, err: (path: string, m: string) => void): void {
  if (prefs.type === 'linear-additive') {
    if (prefs.weights.length !== s.issues.length) err(`${p}.weights`, `expected ${s.issues.length} weights, got ${prefs.weights.length}`);
    prefs.weights.forEach((w, i) => {
      if (!finite(w)) err(`${p}.weights[${i}]`, `weight must be a finite number, got ${w}`);
      else if (w < 0) err(`${p}.weights[${i}]`, `weight must not be negative, got ${w}`);
    });
    prefs.values.forEach((f, i) => {
      const issue = s.issues[i];
      if (!issue) return;
      if (f.type === 'table') {
        if (f.values.length !== issueSize(issue)) err(`${p}.values[${i}]`, `expected ${issueSize(issue)} values for issue "${issue.name}", got ${f.values.length}`);
        f.values.forEach((v, k) => {
          if (!finite(v)) err(`${p}.values[${i}][${k}]`, `value must be a finite number, got ${v}`);
        });
      } else if (issue.type === 'categorical' && f.type !== 'constant') {
        err(`${p}.values[${i}]`, `issue "${issue.name}" is categorical: it needs a table, not a ${f.type} function`);
      }
      const nums = Object.values(f).filter((x): x is number => typeof x === 'number');
      if (nums.some((x) => !finite(x))) err(`${p}.values[${i}]`, 'value function parameters must be finite numbers');
    });
  } else {
    if (!(prefs.normalizer > 0)) err(`${p}.normalizer`, 'the normaliser must be a positive number');
    prefs.constraints.forEach((c, ci) => {
      if (!finite(c.utility) || !finite(c.weight)) err(`${p}.constraints[${ci}]`, 'utility and weight must be finite numbers');
      c.bounds.forEach((b, bi) => {
        const issue = s.issues[b.issue];
        if (!issue) err(`${p}.constraints[${ci}].bounds[${bi}]`, `no issue at position ${b.issue}`);
      });
    });
  }
}
