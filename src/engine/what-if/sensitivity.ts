import type { Scenario } from '../model/scenario.ts';
import { DEFAULT_ANALYSIS_ENUMERATION_LIMIT } from '../analysis/analysis-types.ts';
import { createRng } from '../util/rng.ts';
import { ANSWER_KEYS, answerDiffers, headlineAnswers, prunedHeadlineAnswers, streamedHeadlineAnswers, watchOption, type AnswerKey, type HeadlineAnswers, type WatchedOption } from './headline.ts';
import { exactFirstFlips } from './flip-points.ts';
import { baseParameters, buildOutcomeTable, scoreTable, type OutcomeTable, type TableParameters } from './outcome-table.ts';
import { maxOf, minOf } from '../util/arrays.ts';

/** Default relative range: each assumption moves by up to ±20 %. */
export const DEFAULT_SENSITIVITY_RANGE = 0.2;
export const DEFAULT_SENSITIVITY_SAMPLES = 500;
/** Tables with at least this many rows try the analysis's pruned pass before scoring every row. */
const PRUNE_FROM = 100_000;
/** Grid points per side in the one-at-a-time scan (before bisection). */
const GRID = 40;
/** Bisection steps that refine a flip threshold (range/GRID/2^40: far below any printed digit). */
const BISECTION = 40;

/** One assumption that sensitivity analysis moves. */
export interface SensitivityParameter {
  /** e.g. `buyer.weight.price`, `seller.reservation`. */
  readonly id: string;
  readonly party: string;
  readonly kind: 'weight' | 'reservation';
  /** The issue, for weights. */
  readonly issue?: string;
  /** The value as written. */
  readonly base: number;
  /** The assumption text attached to the number, if any. */
  readonly assumption?: string;
}

/** Options of a sensitivity analysis: the relative range each parameter moves in, Monte Carlo samples, seed. */
export interface SensitivityOptions {
  /** Relative range: each parameter p moves to p·(1 + δ), δ ∈ [−range, +range] (default 0.2). */
  readonly range?: number;
  /** Monte Carlo samples (default 500; 0 skips it). */
  readonly samples?: number;
  readonly seed?: number;
  /** Watch whether this option (`issue=value`) is in every rational deal. */
  readonly option?: string;
  /** Tabulate spaces up to this many outcomes (default 4·10^6); larger ones are answered by streaming (exact) up to `enumerationLimit`, else over a seeded sample. */
  readonly limit?: number;
  /** Stream spaces up to this many outcomes through the analysis (default `analyze`'s, 2·10^8). */
  readonly enumerationLimit?: number;
  /** Called now and then with the steps done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** A table built before (same scenario), to reuse. */
  readonly table?: OutcomeTable;
}

/** The first change of an answer when one parameter moves one way: δ and the parameter's value there. */
export interface FlipPoint {
  readonly delta: number;
  readonly value: number;
  /** The answer just past the threshold (for `nash`: the new Nash deal; for booleans: the new value). */
  readonly becomes: string;
  /** `exact`: computed from the piecewise-linear structure (see `exactFirstFlips`); otherwise a grid scan refined by bisection. */
  readonly method: FlipMethod;
}

export type FlipMethod = 'exact' | 'approximate (grid + bisection)';
export const APPROXIMATE_FLIP: FlipMethod = 'approximate (grid + bisection)';

export interface TornadoEnd {
  readonly delta: number;
  readonly value: number;
  readonly answers: HeadlineAnswers;
}

export interface TornadoRow {
  readonly parameter: SensitivityParameter;
  readonly low: TornadoEnd;
  readonly high: TornadoEnd;
  /** Per answer: the smallest decrease (down) and increase (up) within the range that change it; null when none does. */
  readonly flips: Readonly<Record<AnswerKey, { readonly down: FlipPoint | null; readonly up: FlipPoint | null }>>;
  /** Largest change of any negotiator's utility at the Nash deal between the two ends (the tornado bar's length). */
  readonly swing: number;
}

export interface MonteCarloSummary {
  readonly samples: number;
  readonly seed: number;
  /** Per answer: the fraction of samples in which it differs from the base answer. */
  readonly changed: Readonly<Record<AnswerKey, number>>;
  /** Fraction of samples with a rational deal. */
  readonly agreementRate: number;
  /** The Nash deals met, most frequent first (share of samples; "none" when no rational deal). */
  readonly nashDeals: readonly { readonly deal: string; readonly share: number }[];
  /** Fraction of samples in which the watched option is in every rational deal (null: no option watched). */
  readonly optionRate: number | null;
  /** Per negotiator: mean, 5th and 95th percentile of its utility at the Nash deal (samples with a deal). */
  readonly nashUtility: Readonly<Record<string, { mean: number; p05: number; p95: number }>>;
}

/** How the answers move when weights and reservations move: the tornado table with flip points, and Monte Carlo frequencies. */
export interface SensitivityResult {
  readonly scenario: string;
  readonly range: number;
  /** True when every answer is computed over every outcome. */
  readonly exact: boolean;
  /** How the answers were computed: every outcome tabulated, every outcome streamed through the analysis, or a seeded sample. */
  readonly method: 'table' | 'streamed' | 'sample';
  /** Outcomes in the sample when `method` is `sample` (null otherwise). */
  readonly sampleSize: number | null;
  readonly option: string | null;
  readonly base: HeadlineAnswers;
  readonly parameters: readonly SensitivityParameter[];
  /** One row per parameter, most influential first (answers flipped, then swing). */
  readonly tornado: readonly TornadoRow[];
  /** Per answer, the parameters that flip it alone within the range, nearest threshold first. */
  readonly flippedBy: Readonly<Record<AnswerKey, readonly { parameter: string; delta: number; value: number; becomes: string; method: FlipMethod }[]>>;
  readonly monteCarlo: MonteCarloSummary | null;
  readonly notes: readonly string[];
}

/** The parameters: every non-zero linear-additive weight and every numeric reservation, party by party. */
export function sensitivityParameters(table: OutcomeTable): SensitivityParameter[] {
  const out: SensitivityParameter[] = [];
  for (const p of table.parties) {
    const prefs = p.party.preferences;
    if (p.weights && prefs?.type === 'linear-additive') {
      table.space.issues.forEach((issue, i) => {
        const w = p.weights![i]!;
        if (w === 0) return;
        const a = prefs.weightProvenance?.[i]?.assumption;
        out.push({ id: `${p.id}.weight.${issue.name}`, party: p.id, kind: 'weight', issue: issue.name, base: w, ...(a ? { assumption: a } : {}) });
      });
    }
    if (p.reservation !== undefined && Number.isFinite(p.reservation) && !p.reservationOutcome && p.reservation !== 0) {
      const a = p.party.reservation?.provenance?.assumption;
      out.push({ id: `${p.id}.reservation`, party: p.id, kind: 'reservation', base: p.reservation, ...(a ? { assumption: a } : {}) });
    }
  }
  return out;
}

/** The parameters with one of them scaled by (1 + δ). */
export function perturb(table: OutcomeTable, base: TableParameters, parameter: SensitivityParameter, delta: number): TableParameters {
  const k = table.parties.findIndex((p) => p.id === parameter.party);
  if (parameter.kind === 'reservation') {
    const reservations = [...base.reservations];
    reservations[k] = parameter.base * (1 + delta);
    return { weights: base.weights, reservations };
  }
  const i = table.space.issueIndex(parameter.issue!);
  const weights = [...base.weights];
  const w = Float64Array.from(base.weights[k]!);
  w[i] = parameter.base * (1 + delta);
  weights[k] = w;
  return { weights, reservations: base.reservations };
}

function answerText(a: HeadlineAnswers, key: AnswerKey): string {
  switch (key) {
    case 'agreement':
      return a.agreement ? 'a rational deal exists' : 'no rational deal';
    case 'nash':
      return a.nashDeal ?? 'no Nash deal (no rational deal)';
    case 'common':
      return a.common === null ? 'no rational deal' : a.common.length ? a.common.join(', ') : 'no option common to every rational deal';
    case 'option':
      return a.option === null ? 'no rational deal' : a.option ? 'in every rational deal' : 'not in every rational deal';
  }
}

/**
 * Sensitivity of the headline answers to the assumptions: each weight and
 * reservation moves alone within ±range (tornado, with the first threshold
 * at which each answer flips: exact from the answers' piecewise-linear
 * structure when every outcome is a row — see `exactFirstFlips` for the
 * argument — else a grid scan refined by bisection, labelled approximate),
 * then all at once (Monte Carlo, seeded). Pure.
 */
export function sensitivity(scenario: Scenario, options: SensitivityOptions = {}): SensitivityResult {
  const range = options.range ?? DEFAULT_SENSITIVITY_RANGE;
  if (!(range > 0) || !Number.isFinite(range)) throw new RangeError(`the range must be a positive number, got ${range}`);
  const samples = options.samples ?? DEFAULT_SENSITIVITY_SAMPLES;
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`samples must be a whole number ≥ 0, got ${samples}`);
  const seed = options.seed ?? 1;
  const table = options.table ?? buildOutcomeTable(scenario, { limit: options.limit, seed });
  const watched: WatchedOption | undefined = options.option ? watchOption(table, options.option) : undefined;
  const base = baseParameters(table);
  const streamed = !table.exact && table.space.isEnumerable(options.enumerationLimit ?? DEFAULT_ANALYSIS_ENUMERATION_LIMIT);
  const method = table.exact ? 'table' : streamed ? 'streamed' : 'sample';
  const answersAt = streamed
    ? (params: TableParameters) => streamedHeadlineAnswers(table, params, watched)
    : (() => {
        // Each state is used once: the next scoring overwrites its arrays. Answers are cached by parameters' identity.
        let last: ReturnType<typeof scoreTable> | undefined;
        // Large tables: the analysis's pruned pass first (exact, see prunedHeadlineAnswers), else the table.
        let pruned = table.rows >= PRUNE_FROM;
        return (params: TableParameters) => {
          if (pruned) {
            const a = prunedHeadlineAnswers(table, params, watched);
            if (a) return a;
            pruned = false;
          }
          last = scoreTable(table, params, last);
          return headlineAnswers(last, watched);
        };
      })();
  const baseAnswers = answersAt(base);
  const parameters = sensitivityParameters(table);
  const keys = ANSWER_KEYS.filter((k) => k !== 'option' || watched);
  const notes: string[] = [];
  if (method === 'streamed') notes.push(`the space is too large to tabulate: every answer is computed exactly by streaming all ${table.space.size} outcomes through the analysis`);
  if (method === 'sample') notes.push(`approximate: the space is too large to enumerate, so the answers are computed over a seeded sample of ${table.rows} outcomes`);
  if (range >= 1) notes.push('a range of 100 % or more lets a parameter reach 0 or change sign');

  const total = parameters.length + samples;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);

  const baseState = method === 'table' ? scoreTable(table, base) : undefined;
  let approximateFlips = 0;
  const tornado: TornadoRow[] = parameters.map((parameter) => {
    const cache = new Map<number, HeadlineAnswers>();
    const at = (delta: number) => {
      let a = cache.get(delta);
      if (!a) {
        a = answersAt(perturb(table, base, parameter, delta));
        cache.set(delta, a);
      }
      return a;
    };
    const flips = {} as Record<AnswerKey, { down: FlipPoint | null; up: FlipPoint | null }>;
    for (const key of ANSWER_KEYS) flips[key] = { down: null, up: null };
    const moved = {
      party: table.parties.findIndex((p) => p.id === parameter.party),
      kind: parameter.kind,
      issue: parameter.issue === undefined ? -1 : table.space.issueIndex(parameter.issue),
      base: parameter.base,
    };
    for (const dir of [-1, 1] as const) {
      const pending = new Set(keys);
      const exactFlips = baseState ? exactFirstFlips(baseState, baseAnswers, moved, dir, range, keys, watched) : undefined;
      for (const key of keys) {
        const tau = exactFlips?.[key];
        if (tau === undefined) continue;
        if (tau === null) {
          pending.delete(key);
          continue;
        }
        // The answer just past the threshold.
        for (const eps of [0, 1e-9, 1e-7, 1e-5]) {
          const delta = dir * Math.min(range, tau + eps * Math.max(1, range));
          const a = at(delta);
          if (!answerDiffers(a, baseAnswers, key)) continue;
          const point: FlipPoint = { delta: dir * tau, value: parameter.base * (1 + dir * tau), becomes: answerText(a, key), method: 'exact' };
          if (dir < 0) flips[key].down = point;
          else flips[key].up = point;
          pending.delete(key);
          break;
        }
      }
      approximateFlips += pending.size;
      let prev = 0;
      for (let g = 1; g <= GRID && pending.size > 0; g++) {
        const delta = (dir * range * g) / GRID;
        const a = at(delta);
        for (const key of [...pending]) {
          if (!answerDiffers(a, baseAnswers, key)) continue;
          pending.delete(key);
          // Bisect between the last unchanged δ and this one.
          let lo = prev;
          let hi = delta;
          let hiAnswers = a;
          for (let b = 0; b < BISECTION; b++) {
            const mid = (lo + hi) / 2;
            const m = at(mid);
            if (answerDiffers(m, baseAnswers, key)) {
              hi = mid;
              hiAnswers = m;
            } else lo = mid;
          }
          const point: FlipPoint = { delta: hi, value: parameter.base * (1 + hi), becomes: answerText(hiAnswers, key), method: APPROXIMATE_FLIP };
          if (dir < 0) flips[key].down = point;
          else flips[key].up = point;
        }
        prev = delta;
      }
    }
    const low = { delta: -range, value: parameter.base * (1 - range), answers: at(-range) };
    const high = { delta: range, value: parameter.base * (1 + range), answers: at(range) };
    let swing = 0;
    for (const k of table.defining) {
      const id = table.parties[k]!.id;
      const ul = low.answers.nashUtilities[id];
      const uh = high.answers.nashUtilities[id];
      const ub = baseAnswers.nashUtilities[id];
      const vals = [ul, uh, ub].filter((x): x is number => x !== undefined);
      if (vals.length) swing = Math.max(swing, maxOf(vals) - minOf(vals));
    }
    tick();
    return { parameter, low, high, flips, swing };
  });
  if (approximateFlips > 0)
    notes.push(`${approximateFlips} of the ${parameters.length * 2 * keys.length} one-way flip searches are approximate (grid + bisection: a grid of ${GRID} points per side refined by bisection, which can miss an answer that changes and changes back within one grid cell); the others are exact`);
  const flipCount = (r: TornadoRow) => keys.filter((k) => r.flips[k].down || r.flips[k].up).length;
  tornado.sort((a, b) => flipCount(b) - flipCount(a) || b.swing - a.swing || a.parameter.id.localeCompare(b.parameter.id));

  const flippedBy = {} as Record<AnswerKey, { parameter: string; delta: number; value: number; becomes: string; method: FlipMethod }[]>;
  for (const key of ANSWER_KEYS) {
    const list: { parameter: string; delta: number; value: number; becomes: string; method: FlipMethod }[] = [];
    for (const r of tornado) for (const f of [r.flips[key].down, r.flips[key].up]) if (f) list.push({ parameter: r.parameter.id, ...f });
    list.sort((a, b) => Math.abs(a.delta) - Math.abs(b.delta) || a.parameter.localeCompare(b.parameter));
    flippedBy[key] = list;
  }

  let monteCarlo: MonteCarloSummary | null = null;
  if (samples > 0 && parameters.length > 0) {
    const rng = createRng(seed);
    const changed = { agreement: 0, nash: 0, common: 0, option: 0 };
    let agreements = 0;
    let optionIn = 0;
    const deals = new Map<string, number>();
    const utils = new Map<string, number[]>();
    for (let s = 0; s < samples; s++) {
      let params = base;
      for (const p of parameters) params = perturb(table, params, { ...p, base: p.base }, range * (2 * rng.float() - 1));
      const a = answersAt(params);
      for (const key of keys) if (answerDiffers(a, baseAnswers, key)) changed[key]++;
      if (a.agreement) agreements++;
      if (a.option) optionIn++;
      const deal = a.nashDeal ?? 'none';
      deals.set(deal, (deals.get(deal) ?? 0) + 1);
      for (const [id, u] of Object.entries(a.nashUtilities)) {
        if (!table.defining.some((k) => table.parties[k]!.id === id)) continue;
        const l = utils.get(id) ?? [];
        l.push(u);
        utils.set(id, l);
      }
      tick();
    }
    const nashUtility: Record<string, { mean: number; p05: number; p95: number }> = {};
    for (const [id, l] of utils) {
      const sorted = [...l].sort((a, b) => a - b);
      const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(f * (sorted.length - 1))))]!;
      nashUtility[id] = { mean: l.reduce((x, y) => x + y, 0) / l.length, p05: q(0.05), p95: q(0.95) };
    }
    monteCarlo = {
      samples,
      seed,
      changed: {
        agreement: changed.agreement / samples,
        nash: changed.nash / samples,
        common: changed.common / samples,
        option: watched ? changed.option / samples : 0,
      },
      agreementRate: agreements / samples,
      nashDeals: [...deals.entries()]
        .map(([deal, c]) => ({ deal, share: c / samples }))
        .sort((a, b) => b.share - a.share || a.deal.localeCompare(b.deal))
        .slice(0, 10),
      optionRate: watched ? optionIn / samples : null,
      nashUtility,
    };
  }
  return {
    scenario: scenario.name,
    range,
    exact: method !== 'sample',
    method,
    sampleSize: method === 'sample' ? table.rows : null,
    option: watched?.key ?? null,
    base: baseAnswers,
    parameters,
    tornado,
    flippedBy,
    monteCarlo,
    notes,
  };
}
