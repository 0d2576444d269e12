// The Play sessions held in memory by the server: capped, dropped when idle (docs/api.md, "Play").
import { randomUUID } from 'node:crypto';
import type { PlayGame } from '../engine/negotiation/play-game.ts';
import { PLAY_SESSIONS_BYTES, sessionsToDrop } from './session-budget.ts';

/** Most sessions held at once; a new one past it drops the least recently used. */
export const MAX_PLAY_SESSIONS = 100;
/** A session idle this long is dropped. */
export const PLAY_IDLE_MS = 30 * 60 * 1000;

/** A refused request, with the HTTP status to answer. */
export class PlayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface PlaySession {
  readonly game: PlayGame;
  readonly seat: string;
  lastUsed: number;
  /** Memory the session holds (session-budget.ts). */
  readonly bytes: number;
}

/** The sessions in memory, capped by count and by memory (session-budget.ts), and dropped when idle. */
export class PlaySessions {
  private readonly sessions = new Map<string, PlaySession>();
  private total = 0;

  constructor(
    private readonly max = MAX_PLAY_SESSIONS,
    private readonly idleMs = PLAY_IDLE_MS,
    private readonly now: () => number = Date.now,
    private readonly maxBytes = PLAY_SESSIONS_BYTES,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Memory the sessions hold in all. */
  get bytes(): number {
    return this.total;
  }

  private drop(id: string): void {
    const s = this.sessions.get(id);
    s?.game.abandon();
    if (s) this.total -= s.bytes;
    this.sessions.delete(id);
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (t - s.lastUsed > this.idleMs) this.drop(id);
  }

  /** Whether the session is held in memory now. */
  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** Holds a game; `id` restores one under its earlier id (after a restart, play-journal.ts). */
  add(game: PlayGame, seat: string, bytes = 0, id: string = randomUUID()): string {
    this.sweep();
    // Map order is insertion order, and get() re-inserts: the first is the least recently used.
    for (const id of sessionsToDrop(this.sessions.keys(), (k) => this.sessions.get(k)!.bytes, this.sessions.size, this.total, bytes, this.max, this.maxBytes)) this.drop(id);
    this.sessions.set(id, { game, seat, lastUsed: this.now(), bytes });
    this.total += bytes;
    return id;
  }

  get(id: string): PlaySession {
    this.sweep();
    const s = this.sessions.get(id);
    if (!s) throw new PlayError(404, `no play session "${id}" (it may have expired)`);
    s.lastUsed = this.now();
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return s;
  }

  clear(): void {
    for (const id of [...this.sessions.keys()]) this.drop(id);
  }
}
