// The lobby of a tournament's live host (docs/live-protocol.md, "Tournaments: the lobby"): each
// remote entrant keeps one standing connection under its name, and the tournament hands it one seat
// token per negotiation it takes part in. Node only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LIVE_PROTOCOL_VERSION, type LobbyServerMessage, type Unsequenced } from './protocol.ts';

type Subscriber = (m: LobbyServerMessage) => void;

/** One remote entrant's lobby: its numbered messages (resent on reconnect) and its connection. */
interface Entrant {
  readonly name: string;
  readonly outbox: LobbyServerMessage[];
  sub: Subscriber | undefined;
  /** Closes the current connection (a newer one with the same token replaced it). */
  kick: (() => void) | undefined;
  readonly waiters: Set<() => void>;
  seats: number;
}

/** Seat handed to an entrant: the session, its seat token and where it sits. */
export interface LobbySeat {
  readonly session: string;
  readonly token: string;
  readonly party: string;
  readonly negotiation: number;
  readonly scenario: string;
}

export class LiveLobby {
  /** Lobby tokens are HMAC-SHA256(secret, name): one per entrant, none kept. */
  private readonly secret = randomBytes(32);
  private readonly entrants = new Map<string, Entrant>();
  /** The tournament run id, once known (sent in lobby-welcome). */
  tournament: string | null = null;
  private ended: LobbyServerMessage['type'] | undefined;

  /** Declares the entrants the lobby admits (the tournament's `remote:NAME` agents). */
  constructor(names: readonly string[]) {
    for (const name of names) this.entrants.set(name, { name, outbox: [], sub: undefined, kick: undefined, waiters: new Set(), seats: 0 });
  }

  get names(): string[] {
    return [...this.entrants.keys()];
  }

  /** The lobby token of entrant `name`: it opens that entrant's lobby and nothing else. */
  tokenFor(name: string): string {
    return createHmac('sha256', this.secret).update(`parley-lobby:${name}`, 'utf8').digest('base64url');
  }

  /** Whether `token` is entrant `name`'s lobby token (constant-time). */
  authenticate(name: string, token: string): boolean {
    if (!this.entrants.has(name)) return false;
    const a = Buffer.from(this.tokenFor(name), 'utf8');
    const b = Buffer.from(token, 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private send(e: Entrant, m: Unsequenced<LobbyServerMessage>): void {
    const msg = { ...m, seq: e.outbox.length + 1 } as LobbyServerMessage;
    e.outbox.push(msg);
    e.sub?.(msg);
  }

  /**
   * Attaches a connection to entrant `name` (after `authenticate`): sends it
   * every message after `after`, then each new one. A newer connection
   * replaces an older one (`kick` closes the older). Returns the detach function.
   */
  connect(name: string, after: number, sub: Subscriber, kick: () => void): () => void {
    const e = this.entrants.get(name)!;
    if (e.outbox.length === 0) this.send(e, { type: 'lobby-welcome', v: LIVE_PROTOCOL_VERSION, name, entrant: `remote:${name}`, tournament: this.tournament });
    const old = e.kick;
    e.sub = sub;
    e.kick = kick;
    old?.();
    for (const m of e.outbox.slice(Math.max(0, after))) sub(m);
    for (const w of [...e.waiters]) w();
    return () => {
      if (e.sub !== sub) return;
      e.sub = undefined;
      e.kick = undefined;
    };
  }

  isConnected(name: string): boolean {
    return this.entrants.get(name)?.sub !== undefined;
  }

  /** Resolves true once entrant `name` is connected, false after `ms`. */
  waitFor(name: string, ms: number, signal?: AbortSignal): Promise<boolean> {
    const e = this.entrants.get(name);
    if (!e) return Promise.resolve(false);
    if (e.sub) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(t);
        e.waiters.delete(w);
        signal?.removeEventListener('abort', onAbort);
        resolve(v);
      };
      const w = () => done(true);
      const onAbort = () => done(false);
      const t = setTimeout(() => done(false), ms);
      e.waiters.add(w);
      signal?.addEventListener('abort', onAbort);
    });
  }

  /** Hands entrant `name` one seat. */
  offerSeat(name: string, seat: LobbySeat): void {
    const e = this.entrants.get(name);
    if (!e) throw new Error(`no remote entrant "${name}" in this lobby`);
    e.seats++;
    this.send(e, { type: 'seat', ...seat });
  }

  /** Seats handed to entrant `name` so far. */
  seatsOf(name: string): number {
    return this.entrants.get(name)?.seats ?? 0;
  }

  /** Every message entrant `name` was sent (tests, privacy checks). */
  outboxOf(name: string): readonly LobbyServerMessage[] {
    return this.entrants.get(name)?.outbox ?? [];
  }

  /** The tournament is over: every entrant is told, and no more seats come. */
  end(reason: 'done' | 'interrupted' | 'failed' | 'closed'): void {
    if (this.ended) return;
    this.ended = 'lobby-end';
    for (const e of this.entrants.values()) this.send(e, { type: 'lobby-end', reason, seats: e.seats });
  }
}
