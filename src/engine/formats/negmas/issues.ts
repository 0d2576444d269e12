import { LIMITS } from '../../model/limits.ts';
import type { Issue } from '../../model/issue.ts';
import type { FieldPath, FieldReader } from '../yaml-positions.ts';

/** Most values parley takes for one NegMAS integer issue. */
export const MAX_INTEGER_VALUES = LIMITS.issueValues;

/** The simple class name of a NegMAS `type` (which may be dotted, e.g. negmas.outcomes.CategoricalIssue). */
export function simpleType(t: unknown): string | undefined {
  return typeof t === 'string' ? t.slice(t.lastIndexOf('.') + 1) : undefined;
}

/** An issue and, per value position, the text a TableFun mapping uses as its key. */
export interface NegmasIssue {
  readonly issue: Issue;
  readonly keys: readonly string[];
}

/**
 * A NegMAS outcome space: `type: DiscreteCartesianOutcomeSpace` (or
 * CartesianOutcomeSpace) with `issues: [{name, type, values}]`.
 *
 * - CategoricalIssue (and OrdinalIssue / DiscreteOrdinalIssue): `values` is
 *   the list of options; each value's name is the text the file wrote, so
 *   `1.0` stays "1.0".
 * - ContiguousIssue (NegMAS's integer range): `values: [min, max]` or a
 *   count n meaning 0..n−1 (as NegMAS's make_issue), or `min_value` /
 *   `max_value`.
 * - Continuous issues have no finite set of values: refused.
 */
export function readIssues(r: FieldReader, at: FieldPath): NegmasIssue[] {
  const list = r.array([...at, 'issues'], 'a list of issues');
  if (!list) return [];
  if (list.length === 0) r.error([...at, 'issues'], 'an outcome space needs at least one issue');
  const out: NegmasIssue[] = [];
  const names = new Set<string>();
  list.forEach((_, i) => {
    const p = [...at, 'issues', i];
    if (!r.object(p, 'an issue ({name, type, values})')) return;
    const name = r.text([...p, 'name'], 'an issue name');
    if (name === undefined) return;
    if (name.trim() === '') r.error([...p, 'name'], 'an issue needs a non-empty name');
    if (names.has(name)) r.error([...p, 'name'], `duplicate issue name "${name}"`);
    names.add(name);
    const type = r.has([...p, 'type']) ? simpleType(r.get([...p, 'type'])) : 'CategoricalIssue';
    if (type === 'CategoricalIssue' || type === 'OrdinalIssue' || type === 'DiscreteOrdinalIssue' || type === 'DiscreteCategoricalIssue') {
      const values = r.array([...p, 'values'], 'a list of values');
      if (!values) return;
      if (values.length === 0) r.error([...p, 'values'], `issue "${name}" has no values`);
      const seen = new Set<string>();
      const keys: string[] = [];
      values.forEach((_, k) => {
        const v = r.text([...p, 'values', k], 'a value');
        if (v === undefined) return;
        if (seen.has(v)) r.error([...p, 'values', k], `duplicate value "${v}" in issue "${name}"`);
        seen.add(v);
        keys.push(v);
      });
      out.push({ issue: { type: 'categorical', name, options: keys.map((k) => ({ name: k })) }, keys });
    } else if (type === 'ContiguousIssue' || type === 'IntegerIssue' || type === 'IntRangeIssue') {
      let min: number | undefined;
      let max: number | undefined;
      const v = r.get([...p, 'values']);
      if (Array.isArray(v)) {
        if (v.length !== 2) r.error([...p, 'values'], `expected [min, max], got a list of ${v.length}`);
        else {
          min = r.number([...p, 'values', 0], { what: 'an integer' });
          max = r.number([...p, 'values', 1], { what: 'an integer' });
        }
      } else if (v !== undefined) {
        const n = r.number([...p, 'values'], { what: 'a count of values' });
        if (n !== undefined) {
          min = 0;
          max = n - 1;
        }
      } else {
        min = r.number([...p, r.has([...p, 'min_value']) ? 'min_value' : 'min'], { what: 'an integer' });
        max = r.number([...p, r.has([...p, 'max_value']) ? 'max_value' : 'max'], { what: 'an integer' });
      }
      if (min === undefined || max === undefined) return;
      if (!Number.isInteger(min) || !Number.isInteger(max)) {
        r.error(p, `issue "${name}" needs integer bounds, got ${min}..${max}`);
        return;
      }
      if (max < min) {
        r.error(p, `issue "${name}" has no values: max ${max} is below min ${min}`);
        return;
      }
      if (max - min + 1 > MAX_INTEGER_VALUES) {
        r.error(p, `issue "${name}" has ${max - min + 1} values; parley reads at most ${MAX_INTEGER_VALUES} per issue`);
        return;
      }
      const keys = Array.from({ length: max - min + 1 }, (_, k) => String(min! + k));
      out.push({ issue: { type: 'integer', name, min, max }, keys });
    } else if (type === 'ContinuousIssue' || type === 'RealIssue') {
      r.error([...p, 'type'], `issue "${name}" is continuous; parley reads NegMAS scenarios with discrete issues only`);
    } else {
      r.error([...p, 'type'], `unknown issue type ${String(r.get([...p, 'type']))} (expected CategoricalIssue or ContiguousIssue)`);
    }
  });
  return out;
}
