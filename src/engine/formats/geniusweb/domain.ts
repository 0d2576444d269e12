import { LIMITS } from '../../model/limits.ts';
import type { Issue } from '../../model/issue.ts';
import type { FieldPath, FieldReader } from '../yaml-positions.ts';

/** Most values parley takes for one GeniusWeb number value set. */
export const MAX_NUMBER_VALUES = LIMITS.issueValues;

/**
 * A GeniusWeb domain: `{name, issuesValues: {issue: valueset}}` where a value
 * set is a DiscreteValueSet `{values: [...]}` or a NumberValueSet
 * `{range: {low, high, step}}`.
 *
 * Number value sets: GeniusWeb's Range holds low, low+step, … up to high
 * (inclusive). When low, high and step are integers and step is 1, the issue
 * is an integer issue low..high. Otherwise it becomes a real issue whose grid
 * is exactly the listed numbers: min = low, max = low + (n−1)·step,
 * steps = n. Both keep the numbers, their order and their count, so utilities
 * and reservation bids map one to one.
 */
export interface GeniusWebDomain {
  readonly name: string;
  readonly issues: readonly Issue[];
  /** Per issue: the numbers of a number value set (index = value position), or undefined for discrete sets. */
  readonly numbers: readonly (readonly number[] | undefined)[];
}

export function readDomain(r: FieldReader, at: FieldPath, fallbackName: string): GeniusWebDomain | undefined {
  const name = r.has([...at, 'name']) ? r.text([...at, 'name']) : fallbackName;
  const iv = r.object([...at, 'issuesValues'], 'a mapping of issue names to value sets');
  if (!iv) return undefined;
  const issues: Issue[] = [];
  const numbers: (number[] | undefined)[] = [];
  const names = Object.keys(iv);
  if (names.length === 0) r.error([...at, 'issuesValues'], 'a domain needs at least one issue');
  for (const issueName of names) {
    const p = [...at, 'issuesValues', issueName];
    if (issueName.trim() === '') r.error(p, 'an issue needs a non-empty name', { key: true });
    const vs = r.object(p, 'a value set ({values: [...]} or {range: {low, high, step}})');
    if (!vs) continue;
    if ('values' in vs) {
      const list = r.array([...p, 'values']);
      if (!list) continue;
      if (list.length === 0) r.error([...p, 'values'], `issue "${issueName}" has no values`);
      const seen = new Set<string>();
      const options = [];
      for (let k = 0; k < list.length; k++) {
        const v = r.text([...p, 'values', k], 'a value name');
        if (v === undefined) continue;
        if (seen.has(v)) r.error([...p, 'values', k], `duplicate value "${v}" in issue "${issueName}"`);
        seen.add(v);
        options.push({ name: v });
      }
      issues.push({ type: 'categorical', name: issueName, options });
      numbers.push(undefined);
    } else if ('range' in vs) {
      const low = r.number([...p, 'range', 'low']);
      const high = r.number([...p, 'range', 'high']);
      const step = r.number([...p, 'range', 'step']);
      if (low === undefined || high === undefined || step === undefined) continue;
      if (!(step > 0)) {
        r.error([...p, 'range', 'step'], `the step must be positive, got ${step}`);
        continue;
      }
      if (high < low) {
        r.error([...p, 'range', 'high'], `high ${high} is below low ${low}`);
        continue;
      }
      // Count with a little slack for decimal steps such as 0.1 (GeniusWeb uses BigDecimal).
      const n = Math.floor((high - low) / step + 1e-9) + 1;
      if (n > MAX_NUMBER_VALUES) {
        r.error([...p, 'range'], `this range has ${n} values; parley reads at most ${MAX_NUMBER_VALUES} per issue`);
        continue;
      }
      const vals = Array.from({ length: n }, (_, i) => roundDecimal(low + i * step));
      if (Number.isInteger(low) && Number.isInteger(high) && step === 1) {
        issues.push({ type: 'integer', name: issueName, min: low, max: high });
      } else {
        issues.push({ type: 'real', name: issueName, min: low, max: vals[n - 1]!, steps: n });
      }
      numbers.push(vals);
    } else {
      r.error(p, 'expected a value set: {values: [...]} or {range: {low, high, step}}');
    }
  }
  return { name: name ?? fallbackName, issues, numbers };
}

/** Rounds away binary noise such as 0.30000000000000004 (12 significant decimals). */
function roundDecimal(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** Position of a bid value in an issue, or -1. */
export function valueIndex(domain: GeniusWebDomain, issue: number, value: unknown): number {
  const nums = domain.numbers[issue];
  if (nums) {
    const x = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(x)) return -1;
    return nums.findIndex((v) => Math.abs(v - x) <= 1e-9 * Math.max(1, Math.abs(x)));
  }
  const iss = domain.issues[issue];
  if (!iss || iss.type !== 'categorical') return -1;
  return iss.options.findIndex((o) => o.name === String(value));
}

/** Whether two domains have the same issues with the same values (order of issues free). Linear time (hash sets). */
export function sameDomain(a: GeniusWebDomain, b: GeniusWebDomain): string | undefined {
  if (a.issues.length !== b.issues.length) return `${b.issues.length} issues instead of ${a.issues.length}`;
  const inB = new Map<string, number>();
  b.issues.forEach((x, j) => inB.set(x.name, j));
  for (let i = 0; i < a.issues.length; i++) {
    const ia = a.issues[i]!;
    const j = inB.get(ia.name);
    if (j === undefined) return `issue "${ia.name}" is missing`;
    const va = valuesOf(a, i);
    const vb = new Set(valuesOf(b, j));
    if (va.length !== vb.size || va.some((v) => !vb.has(v))) return `issue "${ia.name}" has other values`;
  }
  return undefined;
}

function valuesOf(d: GeniusWebDomain, i: number): string[] {
  const nums = d.numbers[i];
  if (nums) return nums.map(String);
  const issue = d.issues[i]!;
  return issue.type === 'categorical' ? issue.options.map((o) => o.name) : [];
}
