import { issueSizeProblem, LIMITS } from '../../model/limits.ts';
import type { Diagnostic } from '../../model/diagnostics.ts';
import type { SourceFile } from '../source-file.ts';

/** Most issues a game can have: they are named A to Z. */
export const MAX_ISSUES = 26;

/**
 * A party's scores file: one line per issue (A, B, …) with the score of each
 * option (A1, A2, …), comma-separated, then a last line with the party's
 * threshold (the minimum total score it accepts).
 */
export interface ScoresFile {
  readonly scores: readonly (readonly number[])[];
  readonly threshold: number;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function readScores(file: SourceFile, problems: Diagnostic[]): ScoresFile | undefined {
  const before = problems.length;
  const lines = file.text.split(/\r?\n/).map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text.trim() !== '');
  if (lines.length < 2) {
    problems.push({ file: file.path, message: 'expected one line of scores per issue and a last line with the threshold' });
    return undefined;
  }
  const last = lines[lines.length - 1]!;
  let threshold = NaN;
  if (last.text.includes(',') || !NUMBER.test(last.text.trim()))
    problems.push({ file: file.path, line: last.line, column: 1, path: 'threshold', message: `the last line must be the threshold, a single number; got "${last.text.trim()}"` });
  else {
    threshold = Number(last.text.trim());
    // A number too large for a double reads as ±Infinity: refused, not taken as "no threshold".
    if (!Number.isFinite(threshold))
      problems.push({ file: file.path, line: last.line, column: 1, path: 'threshold', message: `the threshold ${last.text.trim()} is beyond the largest number (it would read as ${threshold})` });
  }
  const issueLines = lines.slice(0, -1);
  if (issueLines.length > MAX_ISSUES)
    problems.push({ file: file.path, line: issueLines[MAX_ISSUES]!.line, column: 1, message: `at most ${MAX_ISSUES} issues (A to Z), got ${issueLines.length}` });
  const scores = issueLines.slice(0, MAX_ISSUES).map(({ text, line }, i) => {
    const issue = String.fromCharCode(65 + i);
    let column = 1;
    const cells = text.split(',');
    if (cells.length > LIMITS.issueValues) {
      problems.push({ file: file.path, line, column: 1, path: issue, message: issueSizeProblem(issue, cells.length)! });
      return [];
    }
    return cells.map((cell, k) => {
      const c = column;
      column += cell.length + 1;
      const t = cell.trim();
      const x = NUMBER.test(t) ? Number(t) : NaN;
      if (!Number.isFinite(x) && problems.length - before < LIMITS.diagnostics) problems.push({ file: file.path, line, column: c + (cell.length - cell.trimStart().length), path: `${issue}${k + 1}`, message: `expected a score (a number), got "${t}"` });
      return x;
    });
  });
  return problems.length > before ? undefined : { scores, threshold };
}
