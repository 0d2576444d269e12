// Words for people: issue, option and party names as labels, outcomes as (issue, option) rows.
// Generic rules only (no scenario's own words): a slug such as `frozen-at-contact-line` reads
// "frozen at contact line"; a name that already has spaces or capitals is left as written.
import type { Issue } from '../model/issue.ts';
import { issueValueAt } from '../model/issue.ts';

/** A slug (`a-b_c`) as words (`a b c`); names with spaces or capitals stay as written. */
export function humanise(name: string): string {
  if (/\s/.test(name) || /[A-Z]/.test(name)) return name;
  return name.replace(/[-_]+/g, ' ').trim() || name;
}

/** A heading label: humanised, first letter capital. */
export function titleLabel(name: string): string {
  const h = humanise(name);
  return h.charAt(0).toUpperCase() + h.slice(1);
}

/** The label of the value at `index` of an issue (numbers as written, options as words). */
export function valueLabel(issue: Issue, index: number): string {
  const v = issueValueAt(issue, index);
  return typeof v === 'number' ? String(v) : humanise(v);
}

/** One row of an outcome: the issue and the chosen value, both as labels. */
export interface OutcomeRow {
  readonly issue: string;
  readonly value: string;
  /** The reference deal's value, when a reference is given. */
  readonly reference?: string;
  /** True when the value differs from the reference. */
  readonly differs: boolean;
}

/** An outcome as labelled rows, with the reference deal's value beside each (when given). */
export function outcomeRows(issues: readonly Issue[], outcome: ArrayLike<number>, reference?: ArrayLike<number> | null): OutcomeRow[] {
  return issues.map((issue, i) => {
    const value = valueLabel(issue, outcome[i]!);
    if (!reference) return { issue: titleLabel(issue.name), value, differs: false };
    const ref = valueLabel(issue, reference[i]!);
    return { issue: titleLabel(issue.name), value, reference: ref, differs: reference[i] !== outcome[i] };
  });
}

/** An outcome in one line: "Issue: option · Issue: option". */
export function outcomeText(issues: readonly Issue[], outcome: ArrayLike<number>): string {
  return issues.map((issue, i) => `${titleLabel(issue.name)}: ${valueLabel(issue, outcome[i]!)}`).join(' · ');
}

/** A sensitivity parameter in words: "Seller: weight of price", "Buyer: reservation value". */
export function parameterLabel(p: { readonly party: string; readonly kind: string; readonly issue?: string }, nameOf: (id: string) => string = (id) => id): string {
  const who = nameOf(p.party);
  if (p.kind === 'weight' && p.issue !== undefined) return `${who}: weight of ${humanise(p.issue)}`;
  if (p.kind === 'reservation') return `${who}: reservation value`;
  return `${who}: ${humanise(p.kind)}${p.issue !== undefined ? ` of ${humanise(p.issue)}` : ''}`;
}
