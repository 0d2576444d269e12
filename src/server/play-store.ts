// The Play sessions held in memory by the server: capped, dropped when idle (docs/api.md, "Play").
import { randomUUID } from 'node:crypto';
import type { PlayGame } from '../engine/negotiation/play-game.ts';

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
}

/** The sessions in memory, capped and dropped when idle. */
export class PlaySessions {
  private readonly sessions = new Map<string, PlaySession>();

  constructor(
    private readonly max = MAX_PLAY_SESSIONS,
    private readonly idleMs = PLAY_IDLE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  private drop(id: string): void {
    this.sessions.get(id)?.game.abandon();
    this.sessions.delete(id);
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (t - s.lastUsed > this.idleMs) this.drop(id);
  }

  add(game: PlayGame, seat: string): string {
    this.sweep();
    while (this.sessions.size >= this.max) {
      // Map order is insertion order, and get() re-inserts: the first is the least recently used.
      this.drop(this.sessions.keys().next().value!);
    }
    const id = randomUUID();
    this.sessions.set(id, { game, seat, lastUsed: this.now() });
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
