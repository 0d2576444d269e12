import type { z } from 'zod';
import { maxOf, pushAll } from '../util/arrays.ts';

/** A schema problem, flattened: a path and a message. */
export interface FlatIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

type Issue = z.core.$ZodIssue;

function describeExpected(issue: Issue): string | undefined {
  return issue.code === 'invalid_type' ? String(issue.expected) : undefined;
}

/**
 * Turns zod's issues into one message per problem. For a union, the branch
 * that got furthest explains the problem; when every branch fails at the
 * same place on the type, the message lists the accepted types.
 */
export function flattenIssues(issues: readonly Issue[], prefix: (string | number)[] = []): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length > 0) {
      const branches = issue.errors.map((b) => flattenIssues(b, path));
      const depth = (b: FlatIssue[]) => maxOf(b.map((i) => i.path.length));
      const allAtRoot = issue.errors.every((b) => b.length === 1 && b[0]!.path.length === 0 && b[0]!.code === 'invalid_type');
      if (allAtRoot) {
        const expected = [...new Set(issue.errors.map((b) => describeExpected(b[0]!)).filter(Boolean))];
        const received = /received (\w+)/.exec(issue.errors[0]![0]!.message)?.[1];
        out.push({ path, message: `expected ${expected.join(' or ')}${received ? `, got ${received}` : ''}` });
        continue;
      }
      branches.sort((a, b) => depth(b) - depth(a) || a.length - b.length);
      pushAll(out, branches[0]!);
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: `unknown field "${key}"` });
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}
