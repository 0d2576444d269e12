/**
 * GENIUS's own Pareto frontier as shipped beside some domains (ANAC 2014 and
 * the S-1* domains): a file named `pareto.xml` that is in fact plain text, one
 * "uA, uB" pair per line — the two profiles' normalised utilities (the
 * hyperrectangle sum divided by the profile's `maxutility`, i.e. the same
 * number as parley's utility; printed with float precision, ~7 digits).
 * Profile order: A = the first profile (profile-1.xml), B = the second.
 */
import { ScenarioError, type Diagnostic } from '../model/diagnostics.ts';
import type { SourceFile } from '../formats/source-file.ts';

/** A reference frontier: points as [uA, uB]. */
export interface ParetoReference {
  readonly file: string;
  readonly points: readonly (readonly [number, number])[];
}

/** Reads a GENIUS `pareto.xml` (CSV of "uA, uB" lines). Blank lines are skipped; anything else that is not two numbers is an error. */
export function parseParetoReference(file: SourceFile): ParetoReference {
  const problems: Diagnostic[] = [];
  const points: [number, number][] = [];
  file.text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') return;
    const parts = line.split(',');
    if (parts.length !== 2) {
      problems.push({ file: file.path, line: i + 1, column: 1, message: `expected "uA, uB" (two numbers separated by a comma), got ${JSON.stringify(line.trim().slice(0, 60))}` });
      return;
    }
    const nums: number[] = [];
    let column = 1;
    for (const part of parts) {
      const text = part.trim();
      const x = text === '' ? NaN : Number(text);
      if (!Number.isFinite(x)) {
        const lead = part.length - part.trimStart().length;
        problems.push({ file: file.path, line: i + 1, column: column + lead, message: `expected a number, got ${JSON.stringify(text.slice(0, 30))}` });
      }
      nums.push(x);
      column += part.length + 1;
    }
    if (nums.every(Number.isFinite)) points.push([nums[0]!, nums[1]!]);
  });
  if (problems.length) throw new ScenarioError(problems);
  if (points.length === 0) throw new ScenarioError([{ file: file.path, message: 'no frontier points in the file' }]);
  return { file: file.path, points };
}

/**
 * How a frontier compares with a reference frontier (both maximised, two parties).
 *
 * For a reference point r, its shortfall is how far the best of our points
 * falls short of weakly dominating it: min over ours p of max(0, rA − pA, rB − pB)
 * (0 when some point of ours is at least as good for both). `maxShortfall`
 * is the additive ε-indicator of ours with respect to the reference.
 *
 * For a point of ours p, its deficit is how far a reference point strictly
 * dominates it: max over r of min(rA − pA, rB − pB), floored at 0.
 */
export interface ReferenceComparison {
  readonly referencePoints: number;
  readonly ourPoints: number;
  /** Share of reference points with shortfall ≤ tolerance (matched or dominated by ours). */
  readonly covered: number;
  readonly maxShortfall: number;
  readonly meanShortfall: number;
  /** Largest deficit of any point of ours. */
  readonly maxDeficit: number;
  /** Reference points that one of ours strictly dominates by more than the tolerance in some coordinate. */
  readonly improved: number;
  readonly tolerance: number;
}

/** Compares points of ours with a reference frontier (see ReferenceComparison). Tolerance default 1e-6 (the reference is printed in float precision). */
export function compareWithReference(
  ours: readonly (readonly number[])[],
  reference: readonly (readonly number[])[],
  tolerance = 1e-6,
): ReferenceComparison {
  let covered = 0;
  let sum = 0;
  let maxShortfall = 0;
  let improved = 0;
  for (const r of reference) {
    let best = Infinity;
    let better = false;
    for (const p of ours) {
      const da = r[0]! - p[0]!;
      const db = r[1]! - p[1]!;
      best = Math.min(best, Math.max(0, da, db));
      if (da <= tolerance && db <= tolerance && (da < -tolerance || db < -tolerance)) better = true;
    }
    if (best <= tolerance) covered++;
    if (better) improved++;
    sum += best;
    maxShortfall = Math.max(maxShortfall, best);
  }
  let maxDeficit = 0;
  for (const p of ours) {
    for (const r of reference) maxDeficit = Math.max(maxDeficit, Math.min(r[0]! - p[0]!, r[1]! - p[1]!));
  }
  const n = reference.length;
  return {
    referencePoints: n,
    ourPoints: ours.length,
    covered: n ? covered / n : 1,
    maxShortfall: n ? maxShortfall : 0,
    meanShortfall: n ? sum / n : 0,
    maxDeficit,
    improved,
    tolerance,
  };
}
