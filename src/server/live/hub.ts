// The live sessions a server holds: creating them, finding a token's seat, keeping finished ones
// for a while, and marking unfinished ones interrupted on close (docs/live-protocol.md). Node only.
import { randomUUID } from 'node:crypto';
import { agentFactory } from '../../engine/agents/registry.ts';
import type { Scenario } from '../../engine/model/scenario.ts';
import { negotiationParticipants } from '../../engine/negotiation/negotiate.ts';
import type { LiveStore } from '../../storage/live-store.ts';
import type { CreateSessionBody } from './protocol.ts';
import { LiveRoom, roomRule, seatKindOf, type LiveLogEntry, type RateLimit, type Recipient, type RoomConfig, type RoomDeps } from './room.ts';
import { newToken, tokenHash, tokenMatches } from './tokens.ts';

/** Most sessions held in memory at once (running or recently finished). */
export const MAX_LIVE_SESSIONS = 1000;
/** How long a finished session stays in memory (its tokens then stop working; the store keeps it). */
export const FINISHED_KEEP_MS = 10 * 60 * 1000;

export class HubError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CreatedSession {
  readonly id: string;
  readonly hostToken: string;
  readonly seats: Readonly<Record<string, { kind: string; token?: string }>>;
}

export interface HubOptions {
  readonly store?: LiveStore;
  readonly log?: (e: LiveLogEntry) => void;
  readonly rate?: RateLimit;
  readonly maxSessions?: number;
  readonly finishedKeepMs?: number;
}

export class LiveHub {
  readonly rooms = new Map<string, LiveRoom>();
  /** Token hash → the seat or host it opens. */
  private readonly tokens = new Map<string, { room: LiveRoom; recipient: Recipient }>();
  readonly log: (e: LiveLogEntry) => void;
  /** Finished sessions waiting to be written: one per event-loop turn, so many sessions ending together do not stall delivery. */
  private readonly writes: (() => void)[] = [];
  private writing = false;

  constructor(private readonly options: HubOptions = {}) {
    this.log = options.log ?? (() => {});
  }

  create(body: CreateSessionBody, scenario: Scenario): CreatedSession {
    this.evict();
    if (this.rooms.size >= (this.options.maxSessions ?? MAX_LIVE_SESSIONS)) throw new HubError(503, 'too many live sessions at once; try again later');
    if (body.participants) {
      for (const id of body.participants) {
        const p = scenario.parties.find((x) => x.id === id);
        if (!p) throw new HubError(400, `participants: no party "${id}" in this scenario`);
        if (!p.preferences) throw new HubError(400, `participants: party "${id}" has no preferences, so it cannot take part`);
      }
      if (new Set(body.participants).size !== body.participants.length) throw new HubError(400, 'participants: a party is named twice');
    }
    const participants = negotiationParticipants(scenario, roomRule(scenario, body));
    for (const id of Object.keys(body.seats))
      if (!participants.includes(id)) throw new HubError(400, `"${id}" is not a participant of this scenario (participants: ${participants.join(', ')})`);
    const seats: Record<string, string> = {};
    for (const id of participants) {
      const spec = body.seats[id] ?? 'boulware';
      if (seatKindOf(spec) === 'agent') {
        try {
          agentFactory(spec);
        } catch (e) {
          throw new HubError(400, `seat "${id}": ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      seats[id] = spec;
    }
    const protocol = body.protocol;
    if (protocol === 'aop' && participants.length !== 2) throw new HubError(400, `the bilateral protocol (aop) needs 2 participants, the scenario has ${participants.length}; use saop or single-text`);
    const config: Omit<RoomConfig, 'id'> = {
      scenarioId: body.scenarioId,
      ...(body.variant ? { variant: body.variant } : {}),
      ...(protocol ? { protocol } : {}),
      rounds: body.rounds,
      ...(body.timeLimitMs !== undefined ? { timeLimitMs: body.timeLimitMs } : {}),
      turnTimeLimitMs: body.turnTimeLimitMs,
      missedTurn: body.missedTurn,
      graceMs: body.graceMs,
      joinTimeoutMs: body.joinTimeoutMs,
      seed: body.seed,
      ...(body.participants ? { participants: body.participants } : {}),
      seats,
    };
    const { room: _room, ...created } = this.open(config, scenario);
    return created;
  }

  /**
   * Opens a session from a checked configuration (the tournament runner's
   * path; `create` checks an HTTP body first): makes its tokens, keeps only
   * their hashes, and starts it at once when no seat is remote or human.
   */
  open(settings: Omit<RoomConfig, 'id'>, scenario: Scenario, extra: Pick<RoomDeps, 'resolveAgent' | 'onFinished'> = {}): CreatedSession & { readonly room: LiveRoom } {
    this.evict();
    if (this.rooms.size >= (this.options.maxSessions ?? MAX_LIVE_SESSIONS)) throw new HubError(503, 'too many live sessions at once; try again later');
    const id = randomUUID();
    const config: RoomConfig = { id, ...settings };
    const seats = config.seats;
    const hostToken = newToken();
    const seatTokens: Record<string, string> = {};
    for (const [p, spec] of Object.entries(seats)) if (seatKindOf(spec) !== 'agent') seatTokens[p] = newToken();
    const hashes = { host: tokenHash(hostToken), seats: Object.fromEntries(Object.entries(seatTokens).map(([p, t]) => [p, tokenHash(t)])) };
    this.options.store?.create({ id, scenarioId: config.scenarioId, scenarioName: scenario.name, config, hostHash: hashes.host });
    const room = new LiveRoom(config, scenario, hashes, {
      ...(this.options.store ? { store: this.options.store } : {}),
      log: this.log,
      persist: (w) => this.persist(w),
      ...(this.options.rate ? { rate: this.options.rate } : {}),
      ...extra,
    });
    this.rooms.set(id, room);
    this.tokens.set(hashes.host, { room, recipient: room.host });
    for (const [p, h] of Object.entries(hashes.seats)) this.tokens.set(h, { room, recipient: room.seats.get(p)! });
    if (room.externalSeats().length === 0) room.start();
    return {
      id,
      hostToken,
      room,
      seats: Object.fromEntries(Object.entries(seats).map(([p, spec]) => [p, seatTokens[p] ? { kind: spec, token: seatTokens[p] } : { kind: 'agent', agent: spec }])),
    };
  }

  /** The seat or host a token opens (constant-time comparison after the lookup), or undefined. */
  authenticate(token: string | undefined): { room: LiveRoom; recipient: Recipient } | undefined {
    if (!token || token.length > 200) return undefined;
    const h = tokenHash(token);
    const found = this.tokens.get(h);
    if (!found || !tokenMatches(token, found.recipient.tokenHash)) return undefined;
    return found;
  }

  /** Whether `token` is the host token of the stored session `id` (works after a restart). */
  isStoredHost(id: string, token: string | undefined): boolean {
    const rec = this.options.store?.get(id);
    return !!rec && !!token && tokenMatches(token, rec.hostHash);
  }

  /** Drops finished sessions kept past their time. */
  evict(now = Date.now()): void {
    const keep = this.options.finishedKeepMs ?? FINISHED_KEEP_MS;
    for (const [id, room] of this.rooms) {
      if (room.finishedAt !== undefined && now - room.finishedAt > keep) {
        this.rooms.delete(id);
        for (const [h, t] of this.tokens) if (t.room === room) this.tokens.delete(h);
      }
    }
  }

  private persist(write: () => void): void {
    this.writes.push(write);
    if (this.writing) return;
    this.writing = true;
    const next = () => {
      const w = this.writes.shift();
      if (!w) {
        this.writing = false;
        return;
      }
      try {
        w();
      } catch (e) {
        this.log({ event: 'refused', session: '-', code: 'store', detail: e instanceof Error ? e.message : String(e) });
      }
      setImmediate(next);
    };
    setImmediate(next);
  }

  /** Writes every queued finished session now. */
  flushWrites(): void {
    for (let w = this.writes.shift(); w; w = this.writes.shift()) w();
  }

  close(): void {
    this.flushWrites();
    for (const room of this.rooms.values()) room.interrupt();
  }
}
