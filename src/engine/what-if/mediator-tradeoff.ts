import type { Scenario } from '../model/scenario.ts';
import { roundUtility } from '../analysis/frontier-types.ts';
import { describeRow } from './headline.ts';
import { accepts, baseParameters, buildOutcomeTable, compileRule, passingMask, rowUtilities, scoreTable, type OutcomeTable } from './outcome-table.ts';

export interface TradeoffOptions {
  /** The mediator whose choice is modelled. */
  readonly mediator: string;
  /** The party whose utility the mediator weighs with λ. */
  readonly protected: string;
  /**
   * The other term, weighted 1 − λ: `mediator` (the mediator's own
   * preferences, default when it has any) or `total` (the sum of the
   * negotiators' utilities).
   */
  readonly objective?: 'mediator' | 'total';
  /** λ grid step for the listed table (default 0.05). */
  readonly step?: number;
  readonly table?: OutcomeTable;
}

/** A deal the mediator picks on an interval of λ. */
export interface TradeoffSegment {
  /** λ interval [from, to] on which this deal maximises the objective (at a bound both neighbours do). */
  readonly from: number;
  readonly to: number;
  readonly outcomeIndex: number;
  readonly deal: string;
  readonly utilities: Readonly<Record<string, number>>;
  /** Whether the protected party accepts the deal (no red line, utility ≥ reservation). */
  readonly protectedAccepts: boolean;
  /** Whether the scenario's agreement rule accepts it. */
  readonly passes: boolean;
}

/** The mediator's trade-off over λ: its picks, exact λ intervals and a grid for plotting (see `mediatorTradeoff`). */
export interface TradeoffAnalysis {
  readonly mediator: string;
  readonly protected: string;
  readonly objective: 'mediator' | 'total';
  /** How many deals the mediator chooses among: those every other negotiator accepts. */
  readonly candidates: number;
  /** The exact upper envelope: each deal with the λ interval on which the mediator picks it. */
  readonly segments: readonly TradeoffSegment[];
  /** The pick at λ = 0, step, …, 1 (the segment starting at λ when λ is a breakpoint). */
  readonly grid: readonly ({ readonly lambda: number } & TradeoffSegment)[];
}

/**
 * The mediator's trade-off: among the deals every negotiator other than
 * the protected party accepts, it picks the maximum of
 * λ·U_protected + (1 − λ)·V, with V its own utility (or the negotiators'
 * total). As λ goes from 0 to 1 the pick moves along the frontier; the
 * breakpoints are exact (upper envelope of lines in λ). Ties: the larger
 * slope toward the protected party, then the lowest outcome index. Pure.
 */
export function mediatorTradeoff(scenario: Scenario, options: TradeoffOptions): TradeoffAnalysis {
  const table = options.table ?? buildOutcomeTable(scenario);
  const idx = (id: string) => {
    const k = table.parties.findIndex((p) => p.id === id);
    if (k < 0) throw new RangeError(`unknown party "${id}"`);
    return k;
  };
  const m = idx(options.mediator);
  const p = idx(options.protected);
  const state = scoreTable(table, baseParameters(table));
  const up = state.utilities[p];
  if (!up) throw new RangeError(`party "${options.protected}" has no preferences`);
  const objective = options.objective ?? (state.utilities[m] ? 'mediator' : 'total');
  const um = state.utilities[m];
  if (objective === 'mediator' && !um) throw new RangeError(`the mediator "${options.mediator}" has no preferences; use the total objective`);
  const others = table.negotiators.filter((k) => k !== p);
  const pass = passingMask(state, compileRule(table));
  const rows: number[] = [];
  for (let j = 0; j < table.rows; j++) if (others.every((k) => accepts(state, k, j))) rows.push(j);
  const a = new Float64Array(rows.length);
  const b = new Float64Array(rows.length);
  rows.forEach((j, t) => {
    const u = roundUtility(up[j]!);
    let v: number;
    if (objective === 'mediator') v = roundUtility(um![j]!);
    else {
      v = 0;
      for (const k of table.defining) v += roundUtility(state.utilities[k]![j]!);
    }
    a[t] = v;
    b[t] = u - v;
  });
  const segment = (t: number, from: number, to: number): TradeoffSegment => {
    const j = rows[t]!;
    return {
      from,
      to,
      outcomeIndex: table.outcomeIndex[j]!,
      deal: describeRow(table, j),
      utilities: rowUtilities(state, j),
      protectedAccepts: accepts(state, p, j),
      passes: pass[j] === 1,
    };
  };
  const segments: TradeoffSegment[] = [];
  if (rows.length > 0) {
    const value = (t: number, l: number) => a[t]! + l * b[t]!;
    // The best line at λ0, ties to the larger slope (it stays best just after λ0), then the lowest row.
    const bestAt = (l: number) => {
      let best = 0;
      for (let t = 1; t < rows.length; t++) {
        const d = value(t, l) - value(best, l);
        if (d > 1e-12 || (Math.abs(d) <= 1e-12 && b[t]! > b[best]! + 1e-12)) best = t;
      }
      return best;
    };
    let lambda = 0;
    let cur = bestAt(0);
    for (;;) {
      // The nearest λ > current where a steeper line overtakes the current one.
      let next = Infinity;
      let nextLine = -1;
      for (let t = 0; t < rows.length; t++) {
        if (!(b[t]! > b[cur]! + 1e-12)) continue;
        const x = (a[cur]! - a[t]!) / (b[t]! - b[cur]!);
        if (x < lambda - 1e-12) continue;
        if (x < next - 1e-12 || (Math.abs(x - next) <= 1e-12 && b[t]! > b[nextLine]!)) {
          next = x;
          nextLine = t;
        }
      }
      if (nextLine < 0 || next >= 1) {
        segments.push(segment(cur, lambda, 1));
        break;
      }
      const at = Math.max(next, lambda);
      if (at > lambda) segments.push(segment(cur, lambda, at));
      lambda = at;
      cur = nextLine;
    }
  }
  const step = options.step ?? 0.05;
  const grid: ({ lambda: number } & TradeoffSegment)[] = [];
  if (segments.length)
    for (let s = 0; s <= Math.round(1 / step); s++) {
      const lambda = Math.min(1, roundUtility(s * step));
      const seg = [...segments].reverse().find((x) => x.from <= lambda + 1e-12) ?? segments[0]!;
      grid.push({ lambda, ...seg });
    }
  return { mediator: options.mediator, protected: options.protected, objective, candidates: rows.length, segments, grid };
}
