// Memory of Play sessions (docs/limits.md, "Server"): what one session holds is mostly its parties'
// sorted outcome tables (12 bytes per outcome and party, sampled above 10^7 outcomes) and their
// compiled value tables. A session over PLAY_SESSION_BYTES is refused before anything is sorted;
// the sessions together are capped at PLAY_SESSIONS_BYTES (the least recently used are dropped).
// The tables are sorted in the worker pool (tasks.ts, preparePlay), never on the main thread.
import { issueSize } from '../engine/model/issue.ts';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import { negotiationParticipants } from '../engine/negotiation/negotiate.ts';
import { DEFAULT_EXACT_SORT_LIMIT, DEFAULT_SAMPLE_SIZE } from '../engine/negotiation/sorted-outcomes.ts';

const MiB = 1024 * 1024;
/** Most memory one Play session may hold. */
export const PLAY_SESSION_BYTES = 128 * MiB;
/** Most memory all Play sessions together may hold; past it the least recently used are dropped. */
export const PLAY_SESSIONS_BYTES = 1024 * MiB;
/** What a session holds besides its tables (the game, its moves, the scenario object): a floor per session. */
const SESSION_OVERHEAD_BYTES = 256 * 1024;

/**
 * The memory a Play session on this scenario holds, estimated before any work
 * from the outcome-space size: every participant with preferences gets a
 * sorted table (8-byte utility + 4- or 8-byte index per outcome, or a sample
 * of rows in huge spaces), every party a compiled value table (8 bytes per
 * issue value), plus a fixed overhead.
 */
export function estimatePlayBytes(scenario: Scenario): number {
  const cells = scenario.issues.reduce((n, i) => n + issueSize(i), 0) * scenario.parties.filter((p) => p.preferences).length;
  return SESSION_OVERHEAD_BYTES + estimateTables(scenario) + cells * 8;
}

/** The sorted tables' part of estimatePlayBytes. */
export function estimateTables(scenario: Scenario): number {
  const space = new OutcomeSpace(scenario.issues);
  const size = space.sizeNumber;
  const exact = size !== undefined && size <= DEFAULT_EXACT_SORT_LIMIT;
  const perTable = exact ? size * (8 + (size <= 2 ** 31 - 1 ? 4 : 8)) : DEFAULT_SAMPLE_SIZE * (8 + 4 * scenario.issues.length);
  const participants = new Set(negotiationParticipants(scenario));
  const sorting = scenario.parties.filter((p) => participants.has(p.id) && p.preferences).length;
  return sorting * perTable;
}

/** Why a session of `bytes` is refused, or undefined when it fits. */
export function sessionBudgetProblem(bytes: number): string | undefined {
  if (bytes <= PLAY_SESSION_BYTES) return undefined;
  return `a Play session on this scenario needs about ${Math.ceil(bytes / MiB)} MB (its parties' sorted outcome tables); the server allows ${PLAY_SESSION_BYTES / MiB} MB per session (docs/limits.md)`;
}

const measured = new WeakMap<Scenario, number>();

/** Records what a prepared scenario's tables hold (set when they come back from the pool). */
export function recordSessionBytes(scenario: Scenario, bytes: number): void {
  measured.set(scenario, bytes);
}

/** The memory a session on this scenario holds: as recorded, or estimated. */
export function sessionBytes(scenario: Scenario): number {
  return measured.get(scenario) ?? estimatePlayBytes(scenario);
}

/**
 * Which sessions to drop (least recently used first, as `ids` lists them) so
 * that one more of `bytes` fits both caps: at most `maxSessions` sessions,
 * at most `maxBytes` in all.
 */
export function sessionsToDrop(
  ids: Iterable<string>,
  bytesOf: (id: string) => number,
  count: number,
  total: number,
  bytes: number,
  maxSessions: number,
  maxBytes: number = PLAY_SESSIONS_BYTES,
): string[] {
  const drop: string[] = [];
  let n = count;
  let t = total;
  for (const id of ids) {
    if (n < maxSessions && t + bytes <= maxBytes) break;
    drop.push(id);
    n--;
    t -= bytesOf(id);
  }
  return drop;
}
