// An outcome as a compact table: issue → option, in words, with the rows that differ from a
// reference deal (e.g. the Nash deal) highlighted and the reference's option beside them.
import { humanise, outcomeRows, titleLabel, type OutcomeRow } from 'parley';
import type { Issue } from 'parley';

export interface OutcomeTableProps {
  /** The rows (see `outcomeRows` in the engine, or `rowsFromValues` for the Play view). */
  readonly rows: readonly OutcomeRow[];
  /** Name of the reference deal, e.g. "Nash". */
  readonly referenceName?: string;
  readonly caption?: string;
  readonly testId?: string;
  /** Show only the rows that differ from the reference (the rest are as in the reference deal). */
  readonly onlyDifferences?: boolean;
}

export function OutcomeTable({ rows, referenceName, caption, testId, onlyDifferences }: OutcomeTableProps) {
  const changed = rows.filter((r) => r.differs).length;
  const compact = onlyDifferences && referenceName !== undefined && rows.some((r) => r.reference !== undefined);
  const shown = compact ? rows.filter((r) => r.differs) : rows;
  return (
    <table className="outcome" data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <tbody>
        {shown.map((r) => (
          <tr key={r.issue} className={r.differs ? 'differs' : undefined}>
            <th scope="row">{r.issue}</th>
            <td>
              {r.value}
              {r.differs && referenceName && (
                <span className="ref">
                  {' '}
                  (≠ {referenceName}: {r.reference})
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
      {referenceName && rows.some((r) => r.reference !== undefined) && (
        <tfoot>
          <tr>
            <td colSpan={2} className="hint">
              {changed === 0 ? `Same as the ${referenceName} deal.` : compact ? `Other ${rows.length - changed} issues as in the ${referenceName} deal.` : `${changed} of ${rows.length} issues differ from the ${referenceName} deal.`}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** The table of an outcome of a scenario. */
export function Outcome({
  issues,
  outcome,
  reference,
  referenceName,
  caption,
  testId,
  onlyDifferences,
}: {
  issues: readonly Issue[];
  outcome: ArrayLike<number>;
  reference?: ArrayLike<number> | null;
  referenceName?: string;
  caption?: string;
  testId?: string;
  onlyDifferences?: boolean;
}) {
  return <OutcomeTable rows={outcomeRows(issues, outcome, reference)} referenceName={reference ? referenceName : undefined} caption={caption} testId={testId} onlyDifferences={onlyDifferences} />;
}

/** Rows from issue names and their values as text (the Play view, which holds no Scenario). */
export function rowsFromValues(issues: readonly { readonly name: string; readonly values: readonly { readonly value: string }[] }[], outcome: ArrayLike<number>, reference?: ArrayLike<number> | null): OutcomeRow[] {
  return issues.map((is, i) => {
    const label = (k: number) => humanise(is.values[k]?.value ?? String(k));
    const value = label(outcome[i]!);
    if (!reference) return { issue: titleLabel(is.name), value, differs: false };
    return { issue: titleLabel(is.name), value, reference: label(reference[i]!), differs: reference[i] !== outcome[i] };
  });
}

/** Rows from an outcome given as {issue name: option} (what-if comparisons), against a reference given the same way. */
export function rowsFromRecord(outcome: Readonly<Record<string, string | number>>, reference?: Readonly<Record<string, string | number>> | null): OutcomeRow[] {
  const label = (v: string | number | undefined) => (v === undefined ? '—' : typeof v === 'number' ? String(v) : humanise(v));
  return Object.entries(outcome).map(([issue, v]) => {
    if (!reference) return { issue: titleLabel(issue), value: label(v), differs: false };
    return { issue: titleLabel(issue), value: label(v), reference: label(reference[issue]), differs: reference[issue] !== v };
  });
}
