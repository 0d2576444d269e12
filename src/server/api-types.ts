// The JSON API's request and reply types (docs/api.md): the one module the server and the web app share.
// Types only: no runtime code, so the browser bundle takes nothing from the server.
import type { TournamentStatus, TournamentSummary } from '../engine/negotiation/tournament/run.ts';
import type { PlayGameMove, PlayMoveView } from '../engine/negotiation/play-game.ts';

/** A scenario in the library listing. */
export interface ScenarioListing {
  readonly id: string;
  readonly name: string;
  readonly format: string;
  readonly builtin: boolean;
}

/** One scenario with its source text and saved variants. */
export interface ScenarioDetail extends ScenarioListing {
  readonly source: string;
  readonly variants: readonly { readonly id: string; readonly description?: string; readonly patch: Record<string, unknown> }[];
}

/** Unsaved edits of a scenario, kept by the server until saved or discarded. */
export interface DraftDetail {
  readonly scenarioId: string;
  readonly source: string;
  readonly updatedAt: string;
}

/** The player's own preferences, as they see them. */
export interface PlayerProfile {
  readonly id: string;
  readonly name: string;
  readonly reservation: number | undefined;
  /** Per issue: the weight and each value's evaluation (linear-additive preferences); null for other kinds. */
  readonly issues: readonly { readonly name: string; readonly weight: number | null; readonly values: readonly { readonly value: string; readonly evaluation: number | null }[] }[];
}

/** One public move as the player sees it, with the player's own utility (the engine's type). */
export type PlayOffer = PlayMoveView;

/** The player's view: their own profile, the public moves, and whose turn it is. */
export interface PlayState {
  readonly me: PlayerProfile;
  readonly participants: readonly string[];
  readonly rounds: number;
  readonly moves: readonly PlayOffer[];
  /** Set when it is the player's turn. */
  readonly turn: { readonly round: number; readonly offer: readonly number[] | null; readonly proposer: string | null; readonly myUtility: number | null } | null;
  readonly finished: { readonly agreement: readonly number[] | null; readonly text: string; readonly myUtility: number; readonly endReason: string; readonly rounds: number } | null;
}

/** A move of the player (the engine's type). */
export type PlayMove = PlayGameMove;

/** What every play route answers: the seat's own view only. */
export interface PlayReply {
  readonly sessionId: string;
  readonly seat: string;
  readonly view: PlayState;
  readonly finished: boolean;
  /** The agreement (value positions per issue), null without one or while playing. */
  readonly agreement: readonly number[] | null;
  /** The player's utility of the result, null while playing. */
  readonly utility: number | null;
}

/** POST /api/tournaments: built-in agents (registry specs) × workbench scenarios (ids). */
export interface TournamentStartRequest {
  readonly agents: readonly string[];
  readonly scenarios: readonly string[];
  readonly repetitions?: number;
  readonly rounds?: number;
  readonly seed?: number;
  readonly selfPlay?: boolean;
}

export type TournamentRunStatus = TournamentStatus;

/** A tournament in the list of past and running ones (GET /api/tournaments). */
export interface TournamentListingReply {
  readonly id: string;
  readonly status: TournamentRunStatus;
  readonly total: number;
  readonly done: number;
  readonly agents: readonly string[];
  readonly scenarios: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A row of the live leaderboard: mean utility so far, no intervals. */
export interface TournamentLeaderboardEntry {
  readonly agent: string;
  readonly negotiations: number;
  readonly meanUtility: number | null;
  readonly agreementRate: number;
  readonly faults: number;
}

/** GET /api/tournaments/:id: progress while it runs; the summary (as `parley tournament --json`) once done. */
export interface TournamentStatusReply {
  readonly id: string;
  readonly status: TournamentRunStatus;
  readonly total: number;
  readonly done: number;
  readonly agents: readonly string[];
  readonly scenarios: readonly { readonly id: string; readonly name: string }[];
  readonly progress: {
    readonly done: number;
    readonly total: number;
    readonly rate: number;
    readonly eta: number | null;
    readonly agreements: number;
    readonly faults: number;
    readonly leaderboard: readonly TournamentLeaderboardEntry[];
  } | null;
  readonly summary: TournamentSummary | null;
  readonly error: string | null;
}

/** GET /api/tournaments/:id/scatter?scenario=N: every agreement on a scenario over its frontier (undiscounted utilities). */
export interface TournamentScatterReply {
  readonly scenario: { readonly id: string; readonly name: string; readonly index: number };
  /** The parties of the axes (the frontier's), by name. */
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  readonly frontier: readonly (readonly number[])[];
  readonly nash: readonly number[] | null;
  readonly agreements: readonly (readonly number[])[];
  /** Agreements in all on this scenario (more than shown when capped). */
  readonly totalAgreements: number;
}

/** After a Play game (GET /api/play/:id/debrief, refused while playing): every participant revealed. */
export interface PlayDebrief {
  readonly agreement: readonly number[] | null;
  readonly parties: readonly (PlayerProfile & {
    /** Their red lines, in words. */
    readonly redLines: readonly string[];
    /** Their utility of the agreement (null without one). */
    readonly dealUtility: number | null;
  })[];
}

/** Where the text of a scenario's document comes from. */
export type DocumentOrigin =
  /** A built-in scenario's own file, found from its `documents[].path` in the server's scenarios folder. */
  | 'scenario-folder'
  /** A text the user attached to a saved scenario in the editor (kept in the store). */
  | 'attached';

/** A document whose text the server holds (GET /api/scenarios/:id/documents). */
export interface DocumentListingReply {
  readonly documentId: string;
  readonly origin: DocumentOrigin;
  /** The text's size in UTF-8 bytes (null for a built-in's file not read yet). */
  readonly bytes: number | null;
  /** The name of the attached file. */
  readonly fileName?: string;
}

/** GET /api/scenarios/:id/documents: the texts there are, and the largest text the server takes. */
export interface DocumentsReply {
  readonly documents: readonly DocumentListingReply[];
  /** Attachments and served files are at most this many UTF-8 bytes. */
  readonly maxBytes: number;
  /** Whether texts can be attached (saved scenarios; built-ins are read-only). */
  readonly canAttach: boolean;
}

/** GET /api/scenarios/:id/documents/:doc: one document's text. */
export interface DocumentTextReply extends DocumentListingReply {
  readonly scenarioId: string;
  readonly text: string;
}

/** PUT /api/scenarios/:id/documents/:doc: attach a text (a saved scenario only). */
export interface DocumentAttachRequest {
  readonly text: string;
  readonly fileName?: string;
}
