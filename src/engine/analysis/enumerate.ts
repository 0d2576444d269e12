import { ruleMetBy } from '../model/agreement-rule.ts';
import { betterPassing, nashFactor, type PassingKey } from './nash-product.ts';
import type { AnalysisParties } from './analysis-parties.ts';
import { compileRedLines, type CompiledRedLines } from './analysis-parties.ts';
import { enumerateLinear2, fastPathApplies } from './fast-linear2.ts';
import { enumerateLinearN, fastPathNApplies } from './fast-linear-n.ts';
import { createSkyline, type Skyline } from './skyline.ts';
import { SortedSkyline } from './skyline-sorted.ts';
import { streamUtilities, type UtilityBlock } from './utility-stream.ts';
import { float64Rows } from '../util/typed-rows.ts';

/** The best outcome found for an objective: its value and (lowest) index; index -1 when none. */
export interface Best {
  value: number;
  index: number;
}

/**
 * Spaces of at most this many outcomes are visited outcome by outcome even
 * when a branch and bound (`fast-linear2.ts`, `fast-linear-n.ts`) applies:
 * there, its set-up (issue order, bounds, seeded frontier) costs more than
 * the whole pass. Measured on the ANAC 2016 three-party domains (docs/performance.md).
 */
export const SMALL_SPACE = 2048;

/** What one pass over every outcome gathers. */
export interface EnumerationStats {
  readonly total: number;
  readonly rationalCount: number;
  readonly passingCount: number;
  /** Frontier of all outcomes over the defining parties. */
  readonly frontier: Skyline;
  /** Frontier of the rational set, when it differs from filtering `frontier` (negotiators have red lines). */
  readonly rationalFrontier: Skyline | undefined;
  /** Per scored party, best and worst rounded utility over all outcomes. */
  readonly best: Float64Array;
  readonly worst: Float64Array;
  /** Per defining party, best rounded utility over rational outcomes (−∞ when none). */
  readonly bestRational: Float64Array;
  readonly nash: Best;
  readonly utilitarian: Best;
  readonly egalitarian: Best;
  readonly improvementCount: number;
  /** Best improvements, by value descending then index ascending. */
  readonly improvements: Best[];
  /** With `ruleStats`: passing outcomes some negotiator refuses (0 otherwise). */
  readonly passingNotRational: number;
  /** With `ruleStats`: the best passing outcome by the rule in `nash-product.ts` (index -1 when none passes or not asked). */
  readonly bestPassing: PassingKey;
  /** With `common`: per issue, the value position shared by every rational outcome, or -1 (undefined when not asked or no rational outcome). */
  readonly common: Int32Array | undefined;
  /** Spaces of at most `SMALL_SPACE` outcomes (enumerated): per defining party, the rounded utility of every outcome, in index order. */
  readonly rounded: readonly Float64Array[] | undefined;
}

export interface EnumerationOptions {
  /** Rounded utilities (defining parties) of a tentative agreement whose Pareto improvements to collect. */
  readonly from?: readonly number[];
  readonly improvementsTop?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Also count passing outcomes that are not rational and find the best passing outcome (see `nash-product.ts`). */
  readonly ruleStats?: boolean;
  /** Also find, per issue, whether every rational outcome has the same value. */
  readonly common?: boolean;
}

/**
 * Visits every outcome once, streaming: counts the rational and passing sets,
 * builds the Pareto frontier (and the rational set's frontier when red lines
 * make it differ), and keeps the best outcome for the Nash, utilitarian and
 * egalitarian objectives (ties: lowest index). Objectives use utilities
 * rounded to 10 decimals; acceptance compares raw utilities with the
 * reservation, as `PartyEvaluator.acceptable` does.
 */
export function enumerateOutcomes(ap: AnalysisParties, options: EnumerationOptions = {}): EnumerationStats {
  const total = ap.space.sizeNumber;
  if (total === undefined) throw new RangeError(`the outcome space has ${ap.space.size} outcomes: too many to enumerate`);
  // The branch and bounds pay off only over larger spaces; below SMALL_SPACE their set-up costs more than visiting every outcome.
  const plain = !options.from && !options.ruleStats && !options.common && total > SMALL_SPACE;
  if (plain && fastPathApplies(ap)) return enumerateLinear2(ap, options.onProgress);
  if (plain && fastPathNApplies(ap)) return enumerateLinearN(ap, options.onProgress);
  const c = createCollector(ap, options, total, total <= SMALL_SPACE);
  streamUtilities(
    ap.space,
    ap.scored.map((s) => s.ufun),
    c.needDigits,
    (block) => {
      c.consume(block);
      options.onProgress?.(block.start + block.count, total);
    },
  );
  return c.finish(total);
}

/**
 * Evaluates a list of outcomes (for spaces too large to enumerate) with the
 * same bookkeeping; indices in the result are positions in the list.
 */
export function collectOutcomes(ap: AnalysisParties, outcomes: readonly (readonly number[])[], options: EnumerationOptions = {}): EnumerationStats {
  const c = createCollector(ap, options, outcomes.length, false);
  const n = ap.space.issueCount;
  const BLOCK = 1024;
  const digits = new Int32Array(BLOCK * Math.max(n, 1));
  const utilities = float64Rows(ap.scored.length, BLOCK);
  for (let start = 0; start < outcomes.length; start += BLOCK) {
    const count = Math.min(BLOCK, outcomes.length - start);
    for (let j = 0; j < count; j++) {
      const o = outcomes[start + j]!;
      for (let i = 0; i < n; i++) digits[j * n + i] = o[i]!;
    }
    ap.scored.forEach((s, p) => s.ufun.evaluateBlock(digits, count, utilities[p]!));
    c.consume({ count, start, utilities, digits });
  }
  return c.finish(outcomes.length);
}

interface Collector {
  readonly needDigits: boolean;
  consume(block: UtilityBlock): void;
  finish(total: number): EnumerationStats;
}

/**
 * `count`: the outcomes to be offered. In-memory sets (at most `SMALL_SPACE`)
 * of three or more parties get the sort-filter skyline (`skyline-sorted.ts`);
 * with `keep`, the defining parties' rounded utilities are kept (`rounded`).
 */
function createCollector(ap: AnalysisParties, options: EnumerationOptions, count: number, keep: boolean): Collector {
  const { space, scored, d } = ap;
  const S = scored.length;
  const rv = new Float64Array(S);
  const dis = new Float64Array(S);
  for (let p = 0; p < S; p++) {
    const r = scored[p]!.reservation;
    rv[p] = r === undefined ? -Infinity : r;
    dis[p] = scored[p]!.disagreement;
  }
  // Red lines of the negotiators (rational set), and of every party (rule).
  const negLines: CompiledRedLines[] = [];
  for (const e of ap.negotiators) if (e.party.redLines?.length) negLines.push(compileRedLines(e.party.redLines));
  const ruleStats = options.ruleStats === true;
  const wantCommon = options.common === true;
  const needPassing = !ap.passingIsRational || ruleStats;
  // Only when the rule must be decided row by row (not for unanimity of the negotiators): every party's acceptance.
  const acceptance = needPassing ? new RowAcceptance(ap, rv) : undefined;
  const needDigits = negLines.length > 0 || wantCommon || (acceptance?.needsDigits ?? false);
  let passingNotRational = 0;
  const bestPassing: PassingKey = { accepting: 0, product: 0, index: -1 };
  const candidate: PassingKey = { accepting: 0, product: 0, index: -1 };
  const n0 = space.issueCount;
  const commonFirst = new Int32Array(n0).fill(-1);
  const commonSame = new Uint8Array(n0).fill(1);
  let commonLeft = wantCommon ? n0 : 0;
  const inMemory = d >= 3 && count <= SMALL_SPACE;
  const frontier = inMemory ? new SortedSkyline(d, count) : createSkyline(d, count);
  const rationalFrontier = negLines.length > 0 ? (inMemory ? new SortedSkyline(d, count) : createSkyline(d, count)) : undefined;
  const rounded: Float64Array[] | undefined = keep ? float64Rows(d, count) : undefined;
  const best = new Float64Array(S).fill(-Infinity);
  const worst = new Float64Array(S).fill(Infinity);
  const bestRational = new Float64Array(d).fill(-Infinity);
  const nash: Best = { value: -Infinity, index: -1 };
  const utilitarian: Best = { value: -Infinity, index: -1 };
  const egalitarian: Best = { value: -Infinity, index: -1 };
  const from = options.from;
  const impTop = options.improvementsTop ?? 10;
  const improvements: Best[] = [];
  let improvementCount = 0;
  let rationalCount = 0;
  let passingCount = 0;
  const ru = new Float64Array(S);
  const scoredIndex = ap.scoredIndex;
  const n = space.issueCount;
  return {
    needDigits,
    consume({ count, start, utilities: U, digits }) {
      for (let j = 0; j < count; j++) {
        const index = start + j;
        let rational = true;
        for (let p = 0; p < S; p++) {
          const u = U[p]![j]!;
          const r = Math.round(u * 1e10) / 1e10;
          ru[p] = r;
          if (rounded && p < d) rounded[p]![index] = r;
          if (r > best[p]!) best[p] = r;
          if (r < worst[p]!) worst[p] = r;
          if (p < d && !(u >= rv[p]!)) rational = false;
        }
        if (rational && negLines.length > 0) {
          for (const l of negLines) {
            if (l.crosses(digits!, j * n)) {
              rational = false;
              break;
            }
          }
        }
        if (needPassing) {
          // The rule is decided by its one implementation (model/agreement-rule.ts); no closure per row.
          const acc = acceptance!;
          acc.U = U;
          acc.j = j;
          acc.digits = digits;
          if (ruleMetBy(ap.rule, acc.atRow)) {
            passingCount++;
            if (ruleStats) {
              if (!rational) passingNotRational++;
              // The Nash key of a passing deal: its accepting voters with preferences and their product of gains.
              let counted = 0;
              let product = 1;
              for (const v of ap.rule.voters) {
                const s = scoredIndex[v]!;
                if (s < 0 || !acc.accepts(v)) continue;
                counted++;
                product *= nashFactor(ru[s]!, dis[s]!);
              }
              candidate.accepting = counted;
              candidate.product = product;
              candidate.index = index;
              if (betterPassing(candidate, bestPassing)) Object.assign(bestPassing, candidate);
            }
          }
        }
        if (rational && commonLeft > 0) {
          const o = j * n;
          for (let i = 0; i < n; i++) {
            if (commonSame[i] === 0) continue;
            const v = digits![o + i]!;
            if (commonFirst[i] === -1) commonFirst[i] = v;
            else if (commonFirst[i] !== v) {
              commonSame[i] = 0;
              commonLeft--;
            }
          }
        }
        let sum = 0;
        for (let p = 0; p < d; p++) sum += ru[p]!;
        if (sum > utilitarian.value) {
          utilitarian.value = sum;
          utilitarian.index = index;
        }
        if (rational) {
          rationalCount++;
          let prod = 1;
          let min = Infinity;
          for (let p = 0; p < d; p++) {
            const r = ru[p]!;
            if (r > bestRational[p]!) bestRational[p] = r;
            const g = r - dis[p]!;
            prod *= nashFactor(r, dis[p]!);
            if (g < min) min = g;
          }
          if (prod > nash.value) {
            nash.value = prod;
            nash.index = index;
          }
          if (min > egalitarian.value) {
            egalitarian.value = min;
            egalitarian.index = index;
          }
          rationalFrontier?.add(ru, index, true);
        }
        frontier.add(ru, index, rational);
        if (from) {
          let ge = true;
          let gt = false;
          for (let p = 0; p < d; p++) {
            const a = ru[p]!;
            const b = from[p]!;
            if (a < b) {
              ge = false;
              break;
            }
            if (a > b) gt = true;
          }
          if (ge && gt) {
            improvementCount++;
            let prod = 1;
            for (let p = 0; p < d; p++) prod *= nashFactor(ru[p]!, dis[p]!);
            if (impTop > 0 && (improvements.length < impTop || prod > improvements[improvements.length - 1]!.value)) {
              let k = improvements.length;
              while (k > 0 && improvements[k - 1]!.value < prod) k--;
              improvements.splice(k, 0, { value: prod, index });
              if (improvements.length > impTop) improvements.pop();
            }
          }
        }
      }
    },
    finish(total) {
  if (!needPassing) passingCount = rationalCount;
  return {
    total,
    rationalCount,
    passingCount,
    frontier,
    rationalFrontier,
    best,
    worst,
    bestRational,
    nash,
    utilitarian,
    egalitarian,
    improvementCount,
    improvements,
    passingNotRational,
    bestPassing,
    common: wantCommon && rationalCount > 0 ? commonFirst.map((v, i) => (commonSame[i] === 1 ? v : -1)) : undefined,
    rounded,
  };
    },
  };
}

/**
 * Which parties (scenario order) accept outcome `j` of a block (`U`, `digits`):
 * none of its red lines crossed and utility ≥ reservation, as
 * `PartyEvaluator.acceptable` decides. `atRow` is the callback `ruleMetBy`
 * takes, made once (no closure per row).
 */
class RowAcceptance {
  U: readonly Float64Array[] = [];
  j = 0;
  digits: Int32Array | undefined = undefined;
  readonly needsDigits: boolean;
  readonly atRow: (p: number) => boolean;
  private readonly lines: readonly CompiledRedLines[];
  private readonly scoredIndex: readonly number[];
  private readonly n: number;

  constructor(
    ap: AnalysisParties,
    private readonly rv: Float64Array,
  ) {
    this.lines = ap.evaluators.map((e) => compileRedLines(e.party.redLines ?? []));
    this.needsDigits = this.lines.some((c) => !c.empty);
    this.scoredIndex = ap.scoredIndex;
    this.n = ap.space.issueCount;
    this.atRow = (p) => this.accepts(p);
  }

  accepts(p: number): boolean {
    const lines = this.lines[p]!;
    if (!lines.empty && lines.crosses(this.digits!, this.j * this.n)) return false;
    const s = this.scoredIndex[p]!;
    return s < 0 || this.U[s]![this.j]! >= this.rv[s]!;
  }
}
