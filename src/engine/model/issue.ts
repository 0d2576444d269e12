import type { Provenance } from './provenance.ts';

/** A named option of a categorical issue. */
export interface Option {
  readonly name: string;
  readonly description?: string;
  readonly provenance?: Provenance;
}

interface IssueBase {
  readonly name: string;
  readonly description?: string;
  readonly provenance?: Provenance;
}

/** An issue whose values are named options. */
export interface CategoricalIssue extends IssueBase {
  readonly type: 'categorical';
  readonly options: readonly Option[];
}

/** An issue whose values are the integers min..max inclusive. */
export interface IntegerIssue extends IssueBase {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
}

/**
 * An issue whose values are real numbers in [min, max]. For enumeration it is
 * discretised into `steps` evenly spaced points, both bounds included.
 */
export interface RealIssue extends IssueBase {
  readonly type: 'real';
  readonly min: number;
  readonly max: number;
  readonly steps: number;
}

/** An issue under negotiation: categorical (named options), integer or real-valued. */
export type Issue = CategoricalIssue | IntegerIssue | RealIssue;

/** Default number of grid points for a real issue (as GENIUS discretises real issues into 10 intervals). */
export const DEFAULT_REAL_STEPS = 11;

/** The value an issue takes: an option name, or a number. */
export type IssueValue = string | number;

/** Number of values of an issue (its radix in the outcome space). */
export function issueSize(issue: Issue): number {
  switch (issue.type) {
    case 'categorical':
      return issue.options.length;
    case 'integer':
      return issue.max - issue.min + 1;
    case 'real':
      return issue.steps;
  }
}

/** Option name → first position, per options list (lists are never changed in place). */
const optionIndex = new WeakMap<readonly Option[], Map<string, number>>();

/** The value at position `index` of an issue. */
export function issueValueAt(issue: Issue, index: number): IssueValue {
  switch (issue.type) {
    case 'categorical': {
      const o = issue.options[index];
      if (!o) throw new RangeError(`option index ${index} out of range for issue "${issue.name}"`);
      return o.name;
    }
    case 'integer':
      return issue.min + index;
    case 'real':
      return issue.steps === 1 ? issue.min : issue.min + ((issue.max - issue.min) * index) / (issue.steps - 1);
  }
}

/** Numeric value at an index (categorical issues give the index itself). */
export function issueNumberAt(issue: Issue, index: number): number {
  const v = issueValueAt(issue, index);
  return typeof v === 'number' ? v : index;
}

/**
 * Position of a value in an issue, or -1 when the value is not one of the
 * issue's values. Real values snap to the nearest grid point when within half
 * a step; numbers given as strings are accepted for numeric issues.
 */
export function issueIndexOf(issue: Issue, value: IssueValue): number {
  if (issue.type === 'categorical') {
    const name = String(value);
    // A hash lookup, built once per issue: an issue may have a million options.
    let index = optionIndex.get(issue.options);
    if (!index) {
      index = new Map();
      for (let k = issue.options.length - 1; k >= 0; k--) index.set(issue.options[k]!.name, k);
      optionIndex.set(issue.options, index);
    }
    return index.get(name) ?? -1;
  }
  const x = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(x)) return -1;
  if (issue.type === 'integer') {
    return Number.isInteger(x) && x >= issue.min && x <= issue.max ? x - issue.min : -1;
  }
  if (x < issue.min || x > issue.max) return -1;
  if (issue.steps === 1) return 0;
  const step = (issue.max - issue.min) / (issue.steps - 1);
  const i = Math.round((x - issue.min) / step);
  return Math.abs(issue.min + i * step - x) <= step / 2 ? i : -1;
}

/** A short human description of the issue's domain. */
export function describeIssueDomain(issue: Issue): string {
  switch (issue.type) {
    case 'categorical':
      return issue.options.map((o) => o.name).join(' | ');
    case 'integer':
      return `integer ${issue.min}..${issue.max}`;
    case 'real':
      return `real ${issue.min}..${issue.max} (${issue.steps} points)`;
  }
}
