import type { Frontier } from './frontier-types.ts';
import type { Outcome } from '../model/outcome-space.ts';
import type { Role } from '../model/party.ts';
import type { Refusal } from './analysis-parties.ts';

export type { Refusal };

/** Spaces at most this large are analysed exactly, outcome by outcome (by default). */
export const DEFAULT_ANALYSIS_ENUMERATION_LIMIT = 200_000_000;

/** How many frontier points `AnalysisResult.top` lists by default. */
export const DEFAULT_TOP = 10;

/** Options of an analysis: enumeration limit, seed, how many frontier points to list, a tentative agreement, progress. */
export interface AnalysisOptions {
  /** Enumerate every outcome when the space has at most this many (default 2·10^8). */
  readonly enumerationLimit?: number;
  /** Called now and then with the number of outcomes done and the total (numbers; total may be an estimate for huge spaces). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Seed for everything random (sampling, local search, rank correlation); default 1. */
  readonly seed?: number;
  /** How many frontier points to list in `top` (default 10). */
  readonly top?: number;
  /** A tentative agreement: list its Pareto improvements. */
  readonly from?: Outcome;
  /** How many improvements to list (default `top`). */
  readonly improvementsTop?: number;
  /** Outcomes sampled for the rank correlation (default 500); every outcome, exactly, when the space has at most this many or at most 4,096. */
  readonly correlationSample?: number;
}

/** A party that the analysis reports on. */
export interface AnalysedParty {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** True for negotiators with preferences: the parties that define the frontier, the rational set and the solutions. */
  readonly defines: boolean;
  /** The reservation value as a utility (undefined when none is given). */
  readonly reservation: number | undefined;
  /** The rᵢ used in the solutions' objectives: the reservation, or 0 when absent or −∞. */
  readonly disagreement: number;
  /** Highest utility over the outcomes examined (all outcomes when exact), rounded to 10 decimals. */
  readonly best: number;
  /** Lowest utility over the outcomes examined, rounded to 10 decimals. */
  readonly worst: number;
}

/** An outcome with every analysed party's utility (rounded to 10 decimals), keyed by party id. */
export interface ScoredOutcome {
  readonly outcome: Outcome;
  readonly utilities: Readonly<Record<string, number>>;
}

/** A bargaining solution: the chosen outcome, all parties' utilities and the objective value. */
export interface Solution extends ScoredOutcome {
  readonly value: number;
  /** Every negotiator accepts it: utility ≥ reservation and none of its red lines crossed (see docs/analysis.md). */
  readonly rational: boolean;
  /** The agreement rule accepts it. */
  readonly passes: boolean;
  /** The parties that would refuse it, and why (empty when every party accepts). */
  readonly refusedBy: readonly Refusal[];
}

export interface Solutions {
  /** max Π(uᵢ − rᵢ) over rational outcomes. */
  readonly nash: Solution | null;
  /** max minᵢ (uᵢ − rᵢ)/(bestᵢ − rᵢ) over the Pareto frontier of the rational set. */
  readonly kalaiSmorodinsky: Solution | null;
  /** max Σuᵢ over all outcomes. */
  readonly utilitarian: Solution | null;
  /** max minᵢ (uᵢ − rᵢ) over rational outcomes. */
  readonly egalitarian: Solution | null;
}

/** A count of outcomes with a property; `count` is null when it was not counted (huge spaces). */
export interface OutcomeCount {
  readonly count: number | null;
  /** Whether at least one outcome has it; null when unknown. */
  readonly exists: boolean | null;
  readonly exact: boolean;
}

/** A point of the Pareto frontier: an outcome, its utilities, how many outcomes share them, and whether it is rational. */
export interface FrontierEntry extends ScoredOutcome {
  /** Outcomes sharing this utility vector. */
  readonly ties: number;
  /** Whether the listed outcome is rational. */
  readonly rational: boolean;
  /** Π(uᵢ − rᵢ) over the defining parties. */
  readonly nashProduct: number;
}

export interface Opposition {
  /** The ideal point: each defining party's best utility over all outcomes. */
  readonly ideal: readonly number[];
  /** Euclidean distance from the ideal point to the nearest frontier point (NegMAS's opposition level with max_utils = the ideal point). */
  readonly level: number;
  /** `level / √n`: 0 when one outcome is best for everyone, 1 at most when utilities lie in [0, 1]. */
  readonly normalized: number;
  /** Kendall's τ-b between each pair of defining parties' utilities over the sampled outcomes. */
  readonly rankCorrelation: readonly { readonly a: string; readonly b: string; readonly tau: number }[];
  /** How many outcomes the rank correlation used. */
  readonly sampled: number;
  /** Every number here is exact: the rank correlation used every outcome and `level` an exact frontier (else `false`: a sample or an approximate frontier). */
  readonly exact: boolean;
}

export interface Improvements {
  /** The tentative agreement and its utilities. */
  readonly from: ScoredOutcome;
  /** How many outcomes are Pareto improvements over it (null when not counted). */
  readonly count: number | null;
  /** The best improvements, by Nash product then lowest outcome index. */
  readonly best: readonly (ScoredOutcome & { readonly nashProduct: number })[];
}

/** An analysis as computed (`analyzeSpace`): outcomes as indices into the outcome space, counts as bigints; `analyze` gives its JSON form. */
export interface AnalysisResult {
  readonly scenario: string;
  /** Number of outcomes, exact. */
  readonly outcomes: bigint;
  /** True when every number below is exact. */
  readonly exact: boolean;
  /** How the outcomes were examined: "enumeration", or how the frontier of a huge space was found. */
  readonly method: string;
  /** Defining parties first, in scenario order, then other parties with preferences. */
  readonly parties: readonly AnalysedParty[];
  readonly rational: OutcomeCount;
  readonly passing: OutcomeCount;
  /** The Pareto frontier over the defining parties (utilities in the order of `frontier.parties`). */
  readonly frontier: Frontier;
  /** The top frontier points (rational first, then by Nash product). */
  readonly top: readonly FrontierEntry[];
  readonly solutions: Solutions;
  /** Null when fewer than two parties define the frontier. */
  readonly opposition: Opposition | null;
  readonly improvements?: Improvements;
  /** Notes on approximations and degenerate cases. */
  readonly notes: readonly string[];
}
