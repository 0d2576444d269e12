import { issueValueAt } from '../model/issue.ts';
import type { OutcomeSpace } from '../model/outcome-space.ts';
import { compileAnalysisParties } from '../analysis/analysis-parties.ts';
import { enumerateOutcomes } from '../analysis/enumerate.ts';
import { fastPathApplies } from '../analysis/fast-linear2.ts';
import { fastPathNApplies } from '../analysis/fast-linear-n.ts';
import { roundUtility } from '../analysis/frontier-types.ts';
import { nashRow, rationalMask, rowUtilities, scenarioWithParameters, type OutcomeTable, type TableParameters, type TableState } from './outcome-table.ts';

/** An option written `issue=value`. */
export type OptionKey = string;

/** The answers sensitivity analysis watches. */
export interface HeadlineAnswers {
  /** Whether some deal is rational (every negotiator accepts): a zone of agreement exists. */
  readonly agreement: boolean;
  /** Outcome index of the Nash deal (max Π(uᵢ − rᵢ) over rational deals; ties: lowest index); null when none. */
  readonly nash: number | null;
  /** The Nash deal as `issue=value` pairs (null when none). */
  readonly nashDeal: string | null;
  /** Rounded utilities at the Nash deal, by party id (empty when none). */
  readonly nashUtilities: Readonly<Record<string, number>>;
  /** Options every rational deal contains, sorted; null when there is no rational deal. */
  readonly common: readonly OptionKey[] | null;
  /** Whether the watched option is in every rational deal; null when there is no rational deal or no option is watched. */
  readonly option: boolean | null;
}

export type AnswerKey = 'agreement' | 'nash' | 'common' | 'option';
export const ANSWER_KEYS: readonly AnswerKey[] = ['agreement', 'nash', 'common', 'option'];

/** A watched option, as issue and value positions. */
export interface WatchedOption {
  readonly key: OptionKey;
  readonly issue: number;
  readonly value: number;
}

/** Reads `issue=value` against the table's issues; throws a RangeError naming what is wrong. */
export function watchOption(table: OutcomeTable, key: string): WatchedOption {
  const eq = key.indexOf('=');
  if (eq <= 0) throw new RangeError(`an option is written issue=value, got "${key}"`);
  const name = key.slice(0, eq).trim();
  const value = key.slice(eq + 1).trim();
  const i = table.space.issueIndex(name);
  if (i < 0) throw new RangeError(`unknown issue "${name}"; the issues are ${table.space.issues.map((x) => x.name).join(', ')}`);
  const issue = table.space.issues[i]!;
  for (let k = 0; k < table.space.radices[i]!; k++) if (String(issueValueAt(issue, k)) === value) return { key: `${name}=${value}`, issue: i, value: k };
  throw new RangeError(`issue "${name}" has no value "${value}"`);
}

export function optionKey(table: OutcomeTable, issue: number, value: number): OptionKey {
  return `${table.space.issues[issue]!.name}=${String(issueValueAt(table.space.issues[issue]!, value))}`;
}

/** An outcome as `issue=value` pairs. */
export function describeOutcome(space: OutcomeSpace, outcome: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < space.issueCount; i++) parts.push(`${space.issues[i]!.name}=${String(issueValueAt(space.issues[i]!, outcome[i]!))}`);
  return parts.join(', ');
}

export function describeRow(table: OutcomeTable, j: number): string {
  const n = table.space.issueCount;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(optionKey(table, i, table.digits[j * n + i]!));
  return parts.join(', ');
}

/** The headline answers under one scoring of the table. */
export function headlineAnswers(state: TableState, watched?: WatchedOption): HeadlineAnswers {
  const { table } = state;
  const mask = rationalMask(state);
  const n = table.space.issueCount;
  let any = false;
  const first = new Int32Array(n).fill(-1);
  const same = new Uint8Array(n).fill(1);
  let left = n;
  const digits = table.digits;
  for (let j = 0; j < table.rows && (left > 0 || !any); j++) {
    if (mask[j] !== 1) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) {
      if (same[i] === 0) continue;
      const d = digits[o + i]!;
      if (!any) first[i] = d;
      else if (first[i] !== d) {
        same[i] = 0;
        left--;
      }
    }
    any = true;
  }
  const nash = nashRow(state, mask);
  const common = any ? Array.from({ length: n }, (_, i) => i).filter((i) => same[i] === 1).map((i) => optionKey(table, i, first[i]!)).sort() : null;
  let option: boolean | null = null;
  if (watched && any) option = same[watched.issue] === 1 && first[watched.issue] === watched.value;
  return {
    agreement: any,
    nash: nash.row >= 0 ? table.outcomeIndex[nash.row]! : null,
    nashDeal: nash.row >= 0 ? describeRow(table, nash.row) : null,
    nashUtilities: nash.row >= 0 ? rowUtilities(state, nash.row) : {},
    common,
    option,
  };
}

/**
 * The headline answers under the parameters, exactly, without the table's
 * rows: the scenario with the parameters applied goes through the analysis's
 * streaming pass (`enumerateOutcomes`, the same rational set and Nash rule as
 * `analyze`). For spaces too large to tabulate but small enough to enumerate.
 */
export function streamedHeadlineAnswers(table: OutcomeTable, params: TableParameters, watched?: WatchedOption): HeadlineAnswers {
  const scenario = scenarioWithParameters(table, params);
  const ap = compileAnalysisParties(scenario, table.space);
  const stats = enumerateOutcomes(ap, { common: true });
  const any = stats.rationalCount > 0;
  const nash = any && stats.nash.index >= 0 ? table.space.outcomeAt(stats.nash.index) : null;
  const nashUtilities: Record<string, number> = {};
  if (nash) for (const e of ap.evaluators) if (e.ufun) nashUtilities[e.party.id] = roundUtility(e.ufun.utility(nash));
  const c = stats.common;
  const common = any && c ? Array.from(c, (v, i) => (v >= 0 ? optionKey(table, i, v) : null)).filter((k): k is string => k !== null).sort() : null;
  return {
    agreement: any,
    nash: nash ? stats.nash.index : null,
    nashDeal: nash ? describeOutcome(table.space, nash) : null,
    nashUtilities,
    common,
    option: watched && any && c ? c[watched.issue] === watched.value : null,
  };
}

/**
 * The headline answers through the analysis's pruned fast paths (branch and
 * bound over the issues, `fast-linear2.ts` / `fast-linear-n.ts`), which
 * count the rational set and find the Nash deal without visiting every
 * outcome. They do not report which options every rational deal shares, so
 * this answers only when that follows from the count: every outcome
 * rational (the common options are the issues with one value) or none.
 * Undefined otherwise, or when no fast path applies (the caller then scores
 * the table). Exact: the fast paths are tested equal to the full pass.
 */
export function prunedHeadlineAnswers(table: OutcomeTable, params: TableParameters, watched?: WatchedOption): HeadlineAnswers | undefined {
  const scenario = scenarioWithParameters(table, params);
  const ap = compileAnalysisParties(scenario, table.space);
  if (!fastPathApplies(ap) && !fastPathNApplies(ap)) return undefined;
  const stats = enumerateOutcomes(ap);
  const total = Number(table.space.size);
  if (stats.rationalCount !== 0 && stats.rationalCount !== total) return undefined;
  const any = stats.rationalCount > 0;
  const nash = any && stats.nash.index >= 0 ? table.space.outcomeAt(stats.nash.index) : null;
  const nashUtilities: Record<string, number> = {};
  if (nash) for (const e of ap.evaluators) if (e.ufun) nashUtilities[e.party.id] = roundUtility(e.ufun.utility(nash));
  const single = Array.from(table.space.radices).flatMap((r, i) => (r === 1 ? [i] : []));
  return {
    agreement: any,
    nash: nash ? stats.nash.index : null,
    nashDeal: nash ? describeOutcome(table.space, nash) : null,
    nashUtilities,
    common: any ? single.map((i) => optionKey(table, i, 0)).sort() : null,
    option: watched && any ? table.space.radices[watched.issue] === 1 : null,
  };
}

/** Whether an answer differs between two sets of answers. */
export function answerDiffers(a: HeadlineAnswers, b: HeadlineAnswers, key: AnswerKey): boolean {
  switch (key) {
    case 'agreement':
      return a.agreement !== b.agreement;
    case 'nash':
      return a.nash !== b.nash;
    case 'option':
      return a.option !== b.option;
    case 'common':
      return (a.common === null) !== (b.common === null) || (a.common ?? []).join(';') !== (b.common ?? []).join(';');
  }
}
