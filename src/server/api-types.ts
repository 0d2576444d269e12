// The JSON API's request and reply types (docs/api.md): the one module the server and the web app share.
// Types only: no runtime code, so the browser bundle takes nothing from the server.

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

export interface PlayOffer {
  readonly round: number;
  readonly party: string;
  readonly kind: 'offer' | 'accept' | 'end';
  readonly outcome: readonly number[] | null;
  readonly text: string;
  /** The utility of this outcome to the player (never anyone else's). */
  readonly myUtility: number | null;
}

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

export type PlayMove = { readonly type: 'accept' } | { readonly type: 'offer'; readonly outcome: readonly number[] } | { readonly type: 'end' };

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
