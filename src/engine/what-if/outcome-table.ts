import { ruleMetBy, rulePositions, type AgreementRule, type RulePositions } from '../model/agreement-rule.ts';
import { issueNumberAt } from '../model/issue.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { compileParty, meetsReservation } from '../model/party-evaluator.ts';
import type { Party } from '../model/party.ts';
import type { Scenario } from '../model/scenario.ts';
import type { LinearAdditivePreferences } from '../model/preferences.ts';
import { compileUtility } from '../model/utility-function.ts';
import { evaluateValueFunction } from '../model/value-function.ts';
import { createRng } from '../util/rng.ts';
import { roundUtility } from '../analysis/frontier-types.ts';
import { nashFactor } from '../analysis/nash-product.ts';
import { createSkyline } from '../analysis/skyline.ts';
import { streamUtilities } from '../analysis/utility-stream.ts';

/**
 * Spaces of at most this many outcomes are tabulated outcome by outcome (all
 * rows in memory, re-scored incrementally); see `TABLE_CELL_LIMIT` too.
 * Larger spaces are sampled (`exact: false`), and the what-if functions that
 * can stream answer exactly through the analysis instead (docs/what-if.md).
 */
export const DEFAULT_TABLE_LIMIT = 4_000_000;
/** At most this many digits (rows × issues) are held in memory (100 MB). */
export const TABLE_CELL_LIMIT = 25_000_000;

/** One party, tabulated over the outcome rows. */
export interface TableParty {
  readonly party: Party;
  readonly id: string;
  /** Index in scenario order. */
  readonly index: number;
  /** Linear-additive weights as written (undefined: no preferences or constraint preferences). */
  readonly weights: Float64Array | undefined;
  /** Linear-additive: per issue, the unweighted value of each row (column-major). Computed on first use. */
  readonly columns: readonly Float64Array[] | undefined;
  /** Linear-additive: per issue, the unweighted value of each value position. */
  readonly values: readonly Float64Array[] | undefined;
  /** Utility of each row under the scenario's own preferences (undefined: no preferences). */
  readonly baseUtility: Float64Array | undefined;
  /** The reservation value as a number (undefined: none; a reservation outcome's utility at the base weights). */
  readonly reservation: number | undefined;
  /** A reservation given as an outcome: its row digits (its utility moves with the weights). */
  readonly reservationOutcome: readonly number[] | undefined;
  /** 1 where the row crosses one of the party's red lines (undefined: no red lines). */
  readonly redLine: Uint8Array | undefined;
}

/** A scenario's outcomes laid out as rows, with every party's value columns: re-scoring under new weights needs no recompilation. */
export interface OutcomeTable {
  readonly scenario: Scenario;
  readonly space: OutcomeSpace;
  /** Number of rows (when not exact: the sample size). */
  readonly rows: number;
  /** Row digits, row-major (row j, issue i at j·n + i). */
  readonly digits: Int32Array;
  /** Outcome index of each row, ascending (ties break on the lowest). */
  readonly outcomeIndex: Float64Array;
  /** True when every outcome is a row (row j is outcome j); false when the rows are a seeded sample of `rows` outcomes. */
  readonly exact: boolean;
  readonly parties: readonly TableParty[];
  /** Negotiators with preferences (indices into `parties`): they define rationality's utilities, the frontier and the Nash deal. */
  readonly defining: readonly number[];
  /** Every negotiator (indices into `parties`): the rational set needs all of them to accept. */
  readonly negotiators: readonly number[];
}

/** Parameters that what-if analysis varies: per party (scenario order) its weights and reservation. */
export interface TableParameters {
  readonly weights: readonly (Float64Array | undefined)[];
  readonly reservations: readonly (number | undefined)[];
}

/** The rows scored under one set of parameters. */
export interface TableState {
  readonly table: OutcomeTable;
  readonly params: TableParameters;
  /** Per party, raw utility of each row (undefined: no preferences). */
  readonly utilities: readonly (Float64Array | undefined)[];
  /** Per party, its reservation value under these parameters (undefined: none). */
  readonly reservations: readonly (number | undefined)[];
}

export interface TableOptions {
  /** Tabulate every outcome when the space has at most this many (default 4·10^6, and at most 2.5·10^7 digits); else a seeded sample of this many. */
  readonly limit?: number;
  readonly seed?: number;
  /** Outcomes that must be rows when sampling (e.g. the frontier found by `analyze`). */
  readonly include?: readonly (readonly number[])[];
}

/** Whether `buildOutcomeTable` tabulates every outcome of the scenario under this limit. */
export function tableIsExact(space: OutcomeSpace, limit: number = DEFAULT_TABLE_LIMIT): boolean {
  return space.isEnumerable(limit) && Number(space.size) * Math.max(1, space.issueCount) <= TABLE_CELL_LIMIT;
}

/**
 * The scenario with the parameters applied: linear-additive weights replaced
 * and numeric reservations set. Reservations given as outcomes stay outcomes
 * (their utility follows the weights). Used to answer exactly through the
 * analysis when the table is a sample.
 */
export function scenarioWithParameters(table: OutcomeTable, params: TableParameters): Scenario {
  const parties = table.scenario.parties.map((party, k): Party => {
    const p = table.parties[k]!;
    const w = params.weights[k];
    let out: Party = party;
    if (w && p.weights && party.preferences?.type === 'linear-additive' && !sameWeights(w, p.weights)) {
      const prefs: LinearAdditivePreferences = { ...party.preferences, weights: Array.from(w) };
      out = { ...out, preferences: prefs };
    }
    const r = params.reservations[k];
    if (!p.reservationOutcome && r !== p.reservation) out = { ...out, reservation: r === undefined ? undefined : { value: r } };
    return out;
  });
  return { ...table.scenario, parties };
}

/** Lays out a scenario's outcomes as rows with each party's value columns. Pure. */
export function buildOutcomeTable(scenario: Scenario, options: TableOptions = {}): OutcomeTable {
  const space = new OutcomeSpace(scenario.issues);
  const n = space.issueCount;
  const limit = options.limit ?? DEFAULT_TABLE_LIMIT;
  let rows: number;
  let digits: Int32Array;
  let outcomeIndex: Float64Array;
  let exact: boolean;
  if (tableIsExact(space, limit)) {
    rows = Number(space.size);
    digits = new Int32Array(rows * n);
    outcomeIndex = new Float64Array(rows);
    space.forEachBlock((block, count, start) => {
      digits.set(block.subarray(0, count * n), start * n);
      for (let j = 0; j < count; j++) outcomeIndex[start + j] = start + j;
    });
    exact = true;
  } else {
    const rng = createRng(options.seed ?? 1);
    const seen = new Map<bigint, readonly number[]>();
    for (const o of options.include ?? []) if (space.contains(o)) seen.set(space.bigIndexOf(o), o);
    const target = Math.max(1, Math.floor(limit));
    for (let tries = 0; seen.size < target && tries < target * 4; tries++) {
      const o = space.sample(rng);
      seen.set(space.bigIndexOf(o), o);
    }
    const keys = [...seen.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    rows = keys.length;
    digits = new Int32Array(rows * n);
    outcomeIndex = new Float64Array(rows);
    keys.forEach((k, j) => {
      digits.set(seen.get(k)!, j * n);
      outcomeIndex[j] = Number(k);
    });
    exact = false;
  }
  const parties = scenario.parties.map((party, index) => tabulateParty(space, party, index, digits, rows));
  const defining = parties.flatMap((p, i) => (p.party.role === 'negotiator' && p.baseUtility ? [i] : []));
  const negotiators = parties.flatMap((p, i) => (p.party.role === 'negotiator' ? [i] : []));
  return { scenario, space, rows, digits, outcomeIndex, exact, parties, defining, negotiators };
}

function tabulateParty(space: OutcomeSpace, party: Party, index: number, digits: Int32Array, rows: number): TableParty {
  const n = space.issueCount;
  const ev = compileParty(space, party);
  const prefs = party.preferences;
  let weights: Float64Array | undefined;
  let values: Float64Array[] | undefined;
  let baseUtility: Float64Array | undefined;
  if (prefs?.type === 'linear-additive') {
    weights = Float64Array.from(space.issues, (_, i) => prefs.weights[i] ?? 0);
    values = space.issues.map((issue, i) => {
      const f = prefs.values[i];
      return Float64Array.from({ length: space.radices[i]! }, (_, k) => (f ? evaluateValueFunction(f, k, issueNumberAt(issue, k)) : 0));
    });
  }
  if (ev.ufun) {
    baseUtility = new Float64Array(rows);
    ev.ufun.evaluateBlock(digits, rows, baseUtility);
  }
  let redLine: Uint8Array | undefined;
  const lines = party.redLines ?? [];
  if (lines.length > 0) {
    redLine = new Uint8Array(rows);
    const row = new Int32Array(n);
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < n; i++) row[i] = digits[j * n + i]!;
      redLine[j] = ev.crossesRedLine(row) ? 1 : 0;
    }
  }
  const res = party.reservation;
  let columns: Float64Array[] | undefined;
  return {
    party,
    id: party.id,
    index,
    weights,
    values,
    get columns() {
      if (!values) return undefined;
      columns ??= values.map((vals, i) => {
        const col = new Float64Array(rows);
        for (let j = 0; j < rows; j++) col[j] = vals[digits[j * n + i]!]!;
        return col;
      });
      return columns;
    },
    baseUtility,
    reservation: ev.reservationValue,
    reservationOutcome: res && 'outcome' in res ? res.outcome : undefined,
    redLine,
  };
}

/** The scenario's own parameters. */
export function baseParameters(table: OutcomeTable): TableParameters {
  return {
    weights: table.parties.map((p) => (p.weights ? Float64Array.from(p.weights) : undefined)),
    reservations: table.parties.map((p) => (p.reservationOutcome ? undefined : p.reservation)),
  };
}

function sameWeights(a: Float64Array | undefined, b: Float64Array | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Scores every row under the parameters. Parties whose weights are unchanged
 * reuse the base utilities; a party with new weights is recompiled and, when
 * every outcome is a row, re-scored with the analysis's streaming odometer
 * (one addition per outcome, bit-identical to `UtilityFunction.utility`).
 * `reuse`: a state of the same table the caller no longer needs; its
 * re-scored utility arrays are overwritten instead of allocating new ones.
 */
export function scoreTable(table: OutcomeTable, params: TableParameters, reuse?: TableState): TableState {
  const utilities = table.parties.map((p, k) => {
    const w = params.weights[k];
    if (!p.baseUtility) return undefined;
    if (!p.weights || !w || sameWeights(w, p.weights)) return p.baseUtility;
    // A previous state's own array (never a base one) may be overwritten: the caller is done with it.
    const old = reuse?.table === table ? reuse.utilities[k] : undefined;
    return linearUtilities(table, p, w, old && old !== p.baseUtility ? old : undefined);
  });
  const reservations = table.parties.map((p, k) => {
    if (p.reservationOutcome && p.weights) {
      const w = params.weights[k] ?? p.weights;
      return sameWeights(w, p.weights) ? p.reservation : compileWeights(table, p, w).utility(p.reservationOutcome);
    }
    return p.reservationOutcome ? p.reservation : params.reservations[k];
  });
  return { table, params, utilities, reservations };
}

function compileWeights(table: OutcomeTable, p: TableParty, w: Float64Array) {
  const prefs = p.party.preferences as LinearAdditivePreferences;
  return compileUtility(table.space, { ...prefs, weights: Array.from(w) });
}

function linearUtilities(table: OutcomeTable, p: TableParty, w: Float64Array, into?: Float64Array): Float64Array {
  const out = into ?? new Float64Array(table.rows);
  const f = compileWeights(table, p, w);
  if (table.exact) streamUtilities(table.space, [f], false, (b) => out.set(b.utilities[0]!.subarray(0, b.count), b.start));
  else f.evaluateBlock(table.digits, table.rows, out);
  return out;
}

/** Whether party k accepts row j: no red line crossed and utility ≥ reservation (parties without preferences: red lines only). */
export function accepts(state: TableState, k: number, j: number): boolean {
  const p = state.table.parties[k]!;
  if (p.redLine && p.redLine[j] === 1) return false;
  const u = state.utilities[k];
  if (!u) return true;
  return meetsReservation(u[j]!, state.reservations[k]);
}

/** 1 where every negotiator accepts (the rational set): `accepts` for each negotiator, a column at a time. */
export function rationalMask(state: TableState): Uint8Array {
  const { table } = state;
  const rows = table.rows;
  const out = new Uint8Array(rows).fill(1);
  for (const k of table.negotiators) {
    const red = table.parties[k]!.redLine;
    if (red) for (let j = 0; j < rows; j++) if (red[j] === 1) out[j] = 0;
    const u = state.utilities[k];
    const r = state.reservations[k];
    if (!u || r === undefined) continue;
    for (let j = 0; j < rows; j++) if (!meetsReservation(u[j]!, r)) out[j] = 0;
  }
  return out;
}

/** A rule compiled to party indices (the one implementation: model/agreement-rule.ts). */
export type RuleIndices = RulePositions;

export function compileRule(table: OutcomeTable, rule: AgreementRule = table.scenario.agreement): RuleIndices {
  return rulePositions(rule, table.scenario.parties, table.parties.map((p) => p.id));
}

/** 1 where the agreement rule accepts the row (the passing set; the rule as `analyze` applies it). */
export function passingMask(state: TableState, rule: RuleIndices = compileRule(state.table)): Uint8Array {
  const out = new Uint8Array(state.table.rows);
  let j = 0;
  const acceptsAtRow = (k: number) => accepts(state, k, j);
  for (; j < out.length; j++) out[j] = ruleMetBy(rule, acceptsAtRow) ? 1 : 0;
  return out;
}

/** rᵢ in a Nash product: the reservation, or 0 when absent or not finite (as `analyze`). */
export function disagreementOf(state: TableState, k: number): number {
  const r = state.reservations[k];
  return r === undefined || !Number.isFinite(r) ? 0 : r;
}

/**
 * The row maximising the Nash product over `parties` (indices with
 * preferences) among rows where `mask` is 1: Π max(0, uᵢ − rᵢ) with utilities
 * rounded to 10 decimals, the rule of `analysis/nash-product.ts`; ties: the
 * lowest outcome index. −1 when the mask is empty.
 */
export function nashRow(state: TableState, mask: Uint8Array, parties: readonly number[] = state.table.defining): { row: number; value: number } {
  const ks = parties.filter((k) => state.utilities[k]);
  const us = ks.map((k) => state.utilities[k]!);
  const ds = Float64Array.from(ks, (k) => disagreementOf(state, k));
  const m = us.length;
  let best = -1;
  let value = -Infinity;
  for (let j = 0; j < mask.length; j++) {
    if (mask[j] !== 1) continue;
    let prod = 1;
    for (let q = 0; q < m; q++) prod *= nashFactor(roundUtility(us[q]![j]!), ds[q]!);
    if (prod > value) {
      value = prod;
      best = j;
    }
  }
  return { row: best, value };
}

/** The row's outcome (value positions). */
export function rowOutcome(table: OutcomeTable, j: number): number[] {
  const n = table.space.issueCount;
  return Array.from(table.digits.subarray(j * n, j * n + n));
}

/** Every party's rounded utility of a row, by id. */
export function rowUtilities(state: TableState, j: number): Record<string, number> {
  const out: Record<string, number> = {};
  state.table.parties.forEach((p, k) => {
    const u = state.utilities[k];
    if (u) out[p.id] = roundUtility(u[j]!);
  });
  return out;
}

/**
 * Rows of `mask` on its Pareto frontier over `parties` (rounded utilities;
 * a row is dropped when another row of the mask is at least as good for all
 * and better for one), found with the analysis's skyline. Ties (equal
 * utility vectors) are all kept.
 */
export function paretoRows(state: TableState, mask: Uint8Array, parties: readonly number[] = state.table.defining): number[] {
  const us = parties.map((k) => state.utilities[k]).filter((u): u is Float64Array => !!u);
  const sky = createSkyline(us.length);
  const v = new Float64Array(us.length);
  const vec = (j: number) => {
    for (let c = 0; c < us.length; c++) v[c] = roundUtility(us[c]![j]!);
    return v;
  };
  for (let j = 0; j < mask.length; j++) if (mask[j] === 1) sky.add(vec(j), j, true);
  const points = sky.points();
  const onFrontier = new Set(points.map((p) => p.utilities.join(',')));
  const kept: number[] = [];
  if (points.length === 0) return kept;
  // A second pass keeps every row tied with a frontier point.
  const ties = points.reduce((s, p) => s + p.ties, 0);
  if (ties === points.length) return points.map((p) => p.rep).sort((a, b) => a - b);
  for (let j = 0; j < mask.length; j++) if (mask[j] === 1 && onFrontier.has(Array.from(vec(j)).join(','))) kept.push(j);
  return kept;
}

/** The distinct utility vectors (rounded) on the Pareto frontier of `mask` over `parties`: `paretoRows` without listing tied rows. */
export function paretoPoints(state: TableState, mask: Uint8Array, parties: readonly number[] = state.table.defining): number[][] {
  const us = parties.map((k) => state.utilities[k]).filter((u): u is Float64Array => !!u);
  const sky = createSkyline(us.length);
  const v = new Float64Array(us.length);
  for (let j = 0; j < mask.length; j++) {
    if (mask[j] !== 1) continue;
    for (let c = 0; c < us.length; c++) v[c] = roundUtility(us[c]![j]!);
    sky.add(v, j, true);
  }
  return sky.points().map((p) => p.utilities);
}

export function countMask(mask: Uint8Array): number {
  let c = 0;
  for (let j = 0; j < mask.length; j++) c += mask[j]!;
  return c;
}
