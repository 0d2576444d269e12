import { issueNumberAt, issueValueAt } from '../model/issue.ts';
import { evaluateValueFunction } from '../model/value-function.ts';
import type { Scenario } from '../model/scenario.ts';
import { roundUtility } from '../analysis/frontier-types.ts';
import { describeRow } from './headline.ts';
import {
  baseParameters,
  buildOutcomeTable,
  countMask,
  nashRow,
  paretoRows,
  rationalMask,
  rowUtilities,
  scoreTable,
  type OutcomeTable,
  type TableState,
} from './outcome-table.ts';

export interface ConcessionOptions {
  /** The party whose concessions are studied (a negotiator with linear-additive preferences). */
  readonly party: string;
  /** The issues on which it may concede (default: every categorical issue having the `keep` option). */
  readonly issues?: readonly string[];
  /** The option that is no concession. */
  readonly keep: string;
  /** Reservation sweep: from, to, step (default 0 to 1 in steps of 0.05). */
  readonly sweep?: { readonly from: number; readonly to: number; readonly step: number };
  readonly table?: OutcomeTable;
}

export type Presence = 'all' | 'some' | 'none';

/** How often one option of a conceded issue appears. */
export interface OptionPresence {
  readonly issue: string;
  readonly option: string;
  /** The party's utility lost by choosing this option instead of `keep` (weight × value difference). */
  readonly loss: number;
  readonly rational: number;
  readonly rationalPresence: Presence;
  readonly pareto: number;
  readonly paretoPresence: Presence;
}

export interface ConcessionSweepPoint {
  readonly reservation: number;
  readonly rational: number;
  /** Smallest concession any rational deal requires (utility lost on the conceded issues); null when no rational deal. */
  readonly minimumLoss: number | null;
  /** Per issue, the options that appear in some rational deal. */
  readonly options: Readonly<Record<string, readonly string[]>>;
  readonly nash: { readonly deal: string; readonly utilities: Readonly<Record<string, number>> } | null;
}

export interface ConcessionAnalysis {
  readonly party: string;
  readonly keep: string;
  readonly issues: readonly string[];
  readonly reservation: number | null;
  readonly rational: number;
  /** Rational deals on the Pareto frontier of the rational set (over the negotiators), ties included. */
  readonly pareto: number;
  /** Every conceded option, ordered by the party's loss (smallest first). */
  readonly options: readonly OptionPresence[];
  /** The smallest concession any rational deal requires; null when there is no rational deal. */
  readonly minimum: {
    readonly loss: number;
    /** The conceded options of the first such deal (lowest outcome index). */
    readonly concessions: readonly string[];
    readonly deal: string;
    readonly utilities: Readonly<Record<string, number>>;
    /** How many rational deals need no more than this. */
    readonly deals: number;
  } | null;
  /** The largest concession among rational deals (null when none). */
  readonly maximumLoss: number | null;
  readonly sweep: readonly ConcessionSweepPoint[];
}

/**
 * Concessions: which options of the conceded issues appear in
 * all, some or none of the rational deals and of the Pareto-efficient
 * rational deals; the smallest concession any rational deal requires
 * (utility the party loses on those issues against keeping them); and how
 * this moves as the party's reservation value sweeps its range. Pure.
 */
export function concessionAnalysis(scenario: Scenario, options: ConcessionOptions): ConcessionAnalysis {
  const table = options.table ?? buildOutcomeTable(scenario);
  const keep = options.keep;
  const k = table.parties.findIndex((p) => p.id === options.party);
  if (k < 0) throw new RangeError(`unknown party "${options.party}"`);
  const party = table.parties[k]!;
  if (!party.weights || !party.columns) throw new RangeError(`party "${options.party}" needs linear-additive preferences`);
  const issueIdx = (options.issues ?? table.space.issues.filter((i) => i.type === 'categorical' && i.options.some((o) => o.name === keep)).map((i) => i.name)).map(
    (name) => {
      const i = table.space.issueIndex(name);
      if (i < 0) throw new RangeError(`unknown issue "${name}"`);
      return i;
    },
  );
  const keepPos = issueIdx.map((i) => {
    const issue = table.space.issues[i]!;
    const pos = issue.type === 'categorical' ? issue.options.findIndex((o) => o.name === keep) : -1;
    if (pos < 0) throw new RangeError(`issue "${issue.name}" has no option "${keep}"`);
    return pos;
  });
  const n = table.space.issueCount;
  const prefs = scenario.parties[k]!.preferences!;
  // Per conceded issue and option: the party's loss against keeping it.
  const valueAt = (i: number, pos: number) => {
    if (prefs.type !== 'linear-additive') return 0;
    const f = prefs.values[i];
    return f ? evaluateValueFunction(f, pos, issueNumberAt(table.space.issues[i]!, pos)) : 0;
  };
  const lossTable = issueIdx.map((i, t) => {
    const w = party.weights![i]!;
    return Array.from({ length: table.space.radices[i]! }, (_, pos) => roundUtility(w * (valueAt(i, keepPos[t]!) - valueAt(i, pos))));
  });
  const rowLoss = (j: number) => {
    let l = 0;
    issueIdx.forEach((i, t) => (l += lossTable[t]![table.digits[j * n + i]!]!));
    return roundUtility(l);
  };

  const analyseAt = (state: TableState) => {
    const mask = rationalMask(state);
    let min: number | null = null;
    let max: number | null = null;
    let minRow = -1;
    let minCount = 0;
    for (let j = 0; j < table.rows; j++) {
      if (mask[j] !== 1) continue;
      const l = rowLoss(j);
      if (min === null || l < min) {
        min = l;
        minRow = j;
        minCount = 0;
      }
      if (l === min) minCount++;
      if (max === null || l > max) max = l;
    }
    return { mask, min, minRow, minCount, max };
  };

  const base = baseParameters(table);
  const state = scoreTable(table, base);
  const at = analyseAt(state);
  const pareto = new Uint8Array(table.rows);
  for (const j of paretoRows(state, at.mask)) pareto[j] = 1;
  const ratCount = countMask(at.mask);
  const parCount = countMask(pareto);
  const presence = (c: number, total: number): Presence => (c === 0 ? 'none' : c === total ? 'all' : 'some');
  const optionsOut: OptionPresence[] = [];
  issueIdx.forEach((i, t) => {
    const issue = table.space.issues[i]!;
    for (let pos = 0; pos < table.space.radices[i]!; pos++) {
      let r = 0;
      let p = 0;
      for (let j = 0; j < table.rows; j++) {
        if (table.digits[j * n + i] !== pos) continue;
        r += at.mask[j]!;
        p += pareto[j]!;
      }
      optionsOut.push({
        issue: issue.name,
        option: String(issueValueAt(issue, pos)),
        loss: lossTable[t]![pos]!,
        rational: r,
        rationalPresence: presence(r, ratCount),
        pareto: p,
        paretoPresence: presence(p, parCount),
      });
    }
  });
  optionsOut.sort((a, b) => a.loss - b.loss || a.issue.localeCompare(b.issue) || a.option.localeCompare(b.option));

  const concessionsOf = (j: number) =>
    issueIdx.flatMap((i, t) => {
      const d = table.digits[j * n + i]!;
      return d === keepPos[t] ? [] : [`${table.space.issues[i]!.name}=${String(issueValueAt(table.space.issues[i]!, d))}`];
    });

  const sw = options.sweep ?? { from: 0, to: 1, step: 0.05 };
  if (!(sw.step > 0)) throw new RangeError('the sweep step must be > 0');
  const sweep: ConcessionSweepPoint[] = [];
  const steps = Math.floor((sw.to - sw.from) / sw.step + 1e-9);
  for (let s = 0; s <= steps; s++) {
    const r = roundUtility(sw.from + s * sw.step);
    const reservations = [...base.reservations];
    reservations[k] = r;
    const st = scoreTable(table, { weights: base.weights, reservations });
    const a = analyseAt(st);
    const opts: Record<string, string[]> = {};
    issueIdx.forEach((i) => {
      const seen = new Set<number>();
      for (let j = 0; j < table.rows; j++) if (a.mask[j] === 1) seen.add(table.digits[j * n + i]!);
      const issue = table.space.issues[i]!;
      opts[issue.name] = [...seen].sort((x, y) => x - y).map((pos) => String(issueValueAt(issue, pos)));
    });
    const nash = nashRow(st, a.mask);
    sweep.push({
      reservation: r,
      rational: countMask(a.mask),
      minimumLoss: a.min,
      options: opts,
      nash: nash.row >= 0 ? { deal: describeRow(table, nash.row), utilities: rowUtilities(st, nash.row) } : null,
    });
  }
  return {
    party: options.party,
    keep,
    issues: issueIdx.map((i) => table.space.issues[i]!.name),
    reservation: state.reservations[k] ?? null,
    rational: ratCount,
    pareto: parCount,
    options: optionsOut,
    minimum:
      at.min === null
        ? null
        : { loss: at.min, concessions: concessionsOf(at.minRow), deal: describeRow(table, at.minRow), utilities: rowUtilities(state, at.minRow), deals: at.minCount },
    maximumLoss: at.max,
    sweep,
  };
}
