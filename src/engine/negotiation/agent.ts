import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { Discount } from '../model/reservation.ts';
import type { Rng } from '../util/rng.ts';
import type { SortedOutcomes } from './sorted-outcomes.ts';
import type { TraceEvent } from './events.ts';

/** An outcome as value positions per issue (see OutcomeSpace). */
export type Bid = readonly number[];

/**
 * What an agent may see: its own preferences (compiled), the public outcome
 * space, the protocol's public facts and its own seeded random stream. The
 * view never holds the scenario or another party's preferences.
 */
export interface AgentView {
  readonly partyId: string;
  readonly partyName: string;
  /** The issues and their values (public). */
  readonly space: OutcomeSpace;
  /** Ids of the parties taking turns or voting, in turn order (this party included). */
  readonly participants: readonly string[];
  /** The protocol being run. */
  readonly protocol: ProtocolName;
  /** Deadline in rounds (always set) and, if any, in wall-clock milliseconds. */
  readonly deadline: { readonly rounds: number; readonly timeMs?: number };
  /** Own reservation value (utility of no agreement), undefined when the scenario gives none. */
  readonly reservationValue: number | undefined;
  /** Own discount, as the scenario gives it. */
  readonly discount: Discount | undefined;
  /** Own undiscounted utility of an outcome. */
  utility(outcome: Bid): number;
  /** Whether an outcome crosses one of own red lines. */
  crossesRedLine(outcome: Bid): boolean;
  /** Own outcomes sorted by own utility, red-line outcomes left out (built on first use, then cached). */
  sorted(): SortedOutcomes;
  /** This agent's own random stream (seeded from the run's seed). */
  readonly rng: Rng;
}

/** A negotiation protocol: alternating offers (`aop`), stacked alternating offers (`saop`) or a mediated single text (`single-text`). */
export type ProtocolName = 'aop' | 'saop' | 'single-text';

/** Public information at an agent's turn. */
export interface TurnInfo {
  /** Round number, from 0. */
  readonly round: number;
  /** Global turn counter of the run, from 0 (the logical clock). */
  readonly turn: number;
  /** Relative time in [0, 1]: the larger of turns used / turns available and wall time used / time available. */
  readonly time: number;
}

/** The offer on the table when an agent takes its turn in (S)AOP. */
export interface OfferTurn extends TurnInfo {
  /** The offer on the table, undefined when nobody has offered yet. */
  readonly offer: Bid | undefined;
  /** Who made that offer. */
  readonly proposer: string | undefined;
}

/** An agent's move in (S)AOP. */
export type Action =
  | { readonly type: 'accept' }
  | { readonly type: 'offer'; readonly outcome: Bid }
  /** Walks away from the negotiation. */
  | { readonly type: 'end' };

/** A vote request in the single-text protocol. */
export interface VoteTurn extends TurnInfo {
  /** The proposed text. */
  readonly proposal: Bid;
  /** The current text it would replace; undefined for the final vote and the first text. */
  readonly current: Bid | undefined;
  /** True for the final vote: accept the proposal as the agreement (versus no agreement). */
  readonly final: boolean;
}

/** A value that may be returned directly or as a promise (asynchronous agents). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * An opponent model's estimate as read by the analyst after (or during) a run
 * (see `NegotiationOptions.recordModels`). Only the engine reads it; it is
 * never shown to another agent. Estimates are in [0, 1].
 */
export interface OpponentModelProbe {
  /** The model's kind, e.g. `frequency`, `bayesian`. */
  readonly name: string;
  /** Estimated utility of `outcome` for `party`. */
  utility(party: string, outcome: Bid): number;
  /**
   * The estimate as a linear additive function, when the model has that form:
   * issue weights (summing to 1) and, per issue, the evaluation of each value
   * position in [0, 1]; undefined when the party is not modelled (yet).
   */
  linear?(party: string): LinearEstimate | undefined;
}

/** A linear additive estimate of a party's preferences: U(o) = Σᵢ weights[i] · values[i][oᵢ]. */
export interface LinearEstimate {
  readonly weights: readonly number[];
  readonly values: readonly (readonly number[])[];
}

/**
 * A negotiating agent. It is made from its view by a factory, so its only
 * window on the negotiation is that view plus what the protocol tells it.
 */
export interface Agent {
  readonly name: string;
  /**
   * The agent's opponent model, when it has one: the engine reads its
   * estimates for the trace (with `recordModels`), so that the analysis can
   * set them against the truth after the run. Never given to other agents.
   */
  readonly opponentModel?: OpponentModelProbe;
  /** (S)AOP: accept the offer on the table, make a new offer, or walk away. */
  respond(turn: OfferTurn): MaybePromise<Action>;
  /** Single text: accept or reject a proposed text (or, when `final`, the agreement). */
  vote?(turn: VoteTurn): MaybePromise<boolean>;
  /** Sees each public event of the log as it happens (offers, accepts, votes, faults…) except its own moves. */
  observe?(event: TraceEvent): void;
}

/** Builds one party's agent from its own view (`(view) => Agent`): what a user-written agent module exports. */
export type AgentFactory = (view: AgentView) => Agent;
