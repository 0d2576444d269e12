// Messages between the tournament pool and its worker threads (Node only).
import type { TournamentJob } from '../engine/negotiation/tournament/pairings.ts';
import type { TournamentSpec } from '../engine/negotiation/tournament/spec.ts';

/** What each pool thread starts with. */
export interface PoolWorkerData {
  readonly spec: TournamentSpec;
}

/**
 * Shared with the pool while a batch runs, so that the pool can tell which
 * negotiation (and which seat) a stuck thread is in: Int32 [0] = index of the
 * negotiation within the batch (−1: none), [1] = seat whose agent is being
 * called (−1: none, or a trusted built-in); Float64 at byte 8 = when that
 * negotiation started (Date.now()).
 */
export const STATE_BYTES = 16;

export type PoolTask =
  | { readonly type: 'warm'; readonly barrier: SharedArrayBuffer; readonly threads: number }
  | { readonly type: 'run'; readonly jobs: readonly TournamentJob[]; readonly state: SharedArrayBuffer };
