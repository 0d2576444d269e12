// Play games that survive a server restart: each game's start and the player's accepted moves go to
// the store (migration 5); a game that is not in memory is replayed from them (play.ts). The journal
// holds no preferences: only the scenario's id, the variant, the seat, the opponents' strategy, the
// rounds, the seed and the moves the player made.
import { createHash } from 'node:crypto';
import type { Store } from '../storage/store.ts';
import type { PlayMove } from './api-types.ts';

/** Games untouched this long are dropped from the journal when the server starts. */
export const PLAY_JOURNAL_DAYS = 7;

/** How a game started: enough, with the moves, to replay it (the game is deterministic for a seed). */
export interface PlayStart {
  readonly scenarioId: string;
  readonly variant?: string;
  readonly seat: string;
  readonly opponents: string;
  readonly rounds: number;
  readonly seed: number;
  /** A fingerprint of the scenario's text and variant when the game started. */
  readonly version: string;
}

export interface PlayJournal {
  put(id: string, start: PlayStart): void;
  move(id: string, move: PlayMove): void;
  get(id: string): { readonly start: PlayStart; readonly moves: readonly PlayMove[] } | undefined;
  /** The fingerprint of a scenario (and variant) as it is now: a game whose scenario changed is not replayed. */
  version(scenarioId: string, variant: string | undefined): string;
}

export function playStartOf(body: Omit<PlayStart, 'version'>, version: string): PlayStart {
  return {
    scenarioId: body.scenarioId,
    ...(body.variant !== undefined ? { variant: body.variant } : {}),
    seat: body.seat,
    opponents: body.opponents,
    rounds: body.rounds,
    seed: body.seed,
    version,
  };
}

/** SHA-256 of the parts, separated so that no two lists of parts give the same text. */
export function fingerprint(...parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest('hex');
}

/** The journal in the workbench's store; drops games untouched for PLAY_JOURNAL_DAYS. */
export function storePlayJournal(store: Store, version: PlayJournal['version'], now: () => number = Date.now): PlayJournal {
  store.prunePlaySessions(new Date(now() - PLAY_JOURNAL_DAYS * 86_400_000).toISOString());
  return {
    put: (id, start) => store.putPlaySession(id, start),
    move: (id, move) => store.addPlayMove(id, move),
    get: (id) => {
      const r = store.getPlaySession(id);
      return r ? { start: r.start as PlayStart, moves: r.moves as PlayMove[] } : undefined;
    },
    version,
  };
}
