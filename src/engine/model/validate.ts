import { ROLES } from './party.ts';
import { issueSize } from './issue.ts';
import { ruleVoters } from './agreement-rule.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { Scenario } from './scenario.ts';
import type { Preferences } from './preferences.ts';
import type { ValueFunction } from './value-function.ts';
import type { Issue } from './issue.ts';
import { countProblem, integerRangeSize, issueSizeProblem, LIMITS } from './limits.ts';

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
  const tooMany = (path: string, what: string, n: number, limit: number) => {
    const m = countProblem(what, n, limit);
    if (m) err(path, m);
    return !!m;
  };
  // Counts first: past them nothing else is looked at (the checks below are linear in what they count).
  if (
    tooMany('issues', 'issues', s.issues.length, LIMITS.issues) ||
    tooMany('parties', 'parties', s.parties.length, LIMITS.parties) ||
    tooMany('variants', 'variants', s.variants?.length ?? 0, LIMITS.variants)
  )
    return out;
  const sizesOk = s.issues.every((issue) => sizeProblem(issue) === undefined);
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
      if (issue.type === 'integer' && Number.isInteger(issue.min) && Number.isInteger(issue.max) && !(Number.isSafeInteger(issue.min) && Number.isSafeInteger(issue.max)))
        err(p, `integer issue "${issue.name}" needs bounds between −(2^53 − 1) and 2^53 − 1, where every integer is exact`);
      if (issue.type === 'real' && finite(issue.min) && finite(issue.max) && !finite(issue.max - issue.min))
        err(p, `real issue "${issue.name}": the range ${issue.min}..${issue.max} is wider than the largest number`);
    }
    const tooBig = sizeProblem(issue);
    if (tooBig) err(issue.type === 'real' ? `${p}.steps` : issue.type === 'categorical' ? `${p}.options` : p, tooBig);
  });
  if (sizesOk) {
    const cellsPerParty = s.issues.reduce((sum, issue) => sum + issueSize(issue), 0);
    const withPrefs = s.parties.filter((party) => party.preferences?.type === 'linear-additive').length;
    if (cellsPerParty * withPrefs > LIMITS.valueCells)
      err(
        'issues',
        `${withPrefs} parties × ${cellsPerParty.toLocaleString('en-US')} issue values = ${(cellsPerParty * withPrefs).toLocaleString('en-US')} utility table cells; parley handles at most ${LIMITS.valueCells.toLocaleString('en-US')} (docs/limits.md)`,
      );
  }
  if (s.parties.length === 0) err('parties', 'a scenario needs at least one party');
  const ids = new Set<string>();
  s.parties.forEach((party, pi) => {
    const p = `parties[${pi}]`;
    if (!party.id) err(`${p}.id`, 'a party needs an id');
    if (ids.has(party.id)) err(`${p}.id`, `duplicate party id "${party.id}"`);
    ids.add(party.id);
    if (!ROLES.includes(party.role)) err(`${p}.role`, `role must be one of ${ROLES.join(', ')}`);
    if (party.preferences) {
      if (sizesOk) validatePreferences(s, party.preferences, `${p}.preferences`, err);
    } else if (party.role === 'negotiator') {
      err(`${p}.preferences`, `negotiator "${party.id}" has no preferences: give it preferences, or make it a mediator or observer`);
    }
    if ((party.redLines?.length ?? 0) > LIMITS.redLines) err(`${p}.redLines`, countProblem('red lines', party.redLines!.length, LIMITS.redLines)!);
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

/** Why an issue's number of values is refused (computed exactly, before any table is sized by it), or undefined. */
function sizeProblem(issue: Issue): string | undefined {
  if (issue.type === 'categorical') return issue.options.length === 0 ? undefined : issueSizeProblem(issue.name, issue.options.length);
  if (!finite(issue.min) || !finite(issue.max) || issue.max < issue.min) return undefined;
  if (issue.type === 'integer') return Number.isInteger(issue.min) && Number.isInteger(issue.max) ? issueSizeProblem(issue.name, integerRangeSize(issue.min, issue.max)) : undefined;
  return Number.isInteger(issue.steps) && issue.steps >= 1 ? issueSizeProblem(issue.name, issue.steps) : undefined;
}

/** The largest |value| a value function gives on an issue, or NaN when some value is not a finite number. */
function valueBound(f: ValueFunction, issue: Issue): number {
  switch (f.type) {
    case 'table': {
      let m = 0;
      for (const v of f.values) {
        if (!finite(v)) return NaN;
        m = Math.max(m, Math.abs(v));
      }
      return m;
    }
    case 'constant':
      return Math.abs(f.value);
    case 'linear':
      // clip(slope · (x − origin) + offset): x − origin must be a number at both ends of the range.
      if (issue.type !== 'categorical' && !(finite(issue.min - f.origin) && finite(issue.max - f.origin))) return NaN;
      return 1;
    case 'triangular':
      return finite(f.peak - f.low) && finite(f.high - f.peak) && (issue.type === 'categorical' || (finite(issue.min - f.low) && finite(issue.max - f.low) && finite(issue.max - f.peak))) ? 1 : NaN;
  }
}

function validatePreferences(s: Scenario, prefs: Preferences, p: string, err: (path: string, m: string) => void): void {
  if (prefs.type === 'linear-additive') {
    // Σ weight · max|value| must be a number: finite weights and values can still sum to Infinity.
    let bound = 0;
    prefs.values.forEach((f, i) => {
      const issue = s.issues[i];
      const w = prefs.weights[i];
      if (issue && f && w !== undefined && finite(w)) bound += w * valueBound(f, issue);
    });
    if (Number.isNaN(bound) && prefs.values.every((f) => f.type !== 'table' || f.values.every(finite)) && prefs.weights.every(finite))
      err(`${p}.values`, 'a value function gives a value that is not a finite number on this issue (its parameters are too large for the range)');
    else if (bound === Infinity) err(`${p}.weights`, 'the weights times the values can sum to more than the largest number (Infinity): scale them down');
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
    if (!(prefs.normalizer > 0) || !finite(prefs.normalizer)) err(`${p}.normalizer`, 'the normaliser must be a positive finite number');
    if (prefs.constraints.length > LIMITS.constraints) {
      err(`${p}.constraints`, countProblem('constraints', prefs.constraints.length, LIMITS.constraints)!);
      return;
    }
    const terms = prefs.constraints.reduce((n, c) => n + c.bounds.length, 0);
    if (terms > LIMITS.regionTerms) err(`${p}.constraints`, countProblem('constraint bounds', terms, LIMITS.regionTerms)!);
    // The aggregate (starting from ±2^31 − 1 for min and max, as GENIUS does) over the normaliser must be a number.
    const total = prefs.constraints.reduce((sum, c) => sum + Math.abs(c.utility * c.weight), 0);
    if (prefs.constraints.every((c) => finite(c.utility) && finite(c.weight)) && prefs.normalizer > 0 && !finite(Math.max(total, 2147483647) / prefs.normalizer))
      err(`${p}.constraints`, 'the constraints\' utilities times their weights, over the normaliser, can exceed the largest number (Infinity): scale them');
    prefs.constraints.forEach((c, ci) => {
      if (!finite(c.utility) || !finite(c.weight)) err(`${p}.constraints[${ci}]`, 'utility and weight must be finite numbers');
      c.bounds.forEach((b, bi) => {
        const issue = s.issues[b.issue];
        if (!issue) err(`${p}.constraints[${ci}].bounds[${bi}]`, `no issue at position ${b.issue}`);
      });
    });
  }
}
