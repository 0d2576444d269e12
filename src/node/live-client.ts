// A TypeScript client of the live-session protocol (docs/live-protocol.md): plays one seat of a
// session on a parley server with any parley agent, over WebSocket, reconnecting when the connection
// drops. Node only (uses the `ws` package); exported as `parley/client`.
import WebSocket from 'ws';
import { agentFactory } from '../engine/agents/registry.ts';
import type { Issue } from '../engine/model/issue.ts';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import type { Party } from '../engine/model/party.ts';
import { compileParty } from '../engine/model/party-evaluator.ts';
import type { Agent, AgentFactory, ProtocolName } from '../engine/negotiation/agent.ts';
import { createAgentView, prepareParty } from '../engine/negotiation/agent-view.ts';
import type { TraceEvent } from '../engine/negotiation/events.ts';
import type { SeatProfile } from '../engine/negotiation/live.ts';
import { createRng } from '../engine/util/rng.ts';

/** The end of a session as the seat sees it. */
export interface SeatResult {
  readonly agreement: readonly number[] | null;
  readonly agreementText: string | null;
  /** Own utility of the result (own reservation without agreement). */
  readonly utility: number | null;
  readonly endReason: string;
  /** Every message received, in order (the protocol's record). */
  readonly messages: readonly Record<string, unknown>[];
}

export interface ConnectSeatOptions {
  /** Seed of the agent's own random stream (default 0). */
  readonly seed?: number;
  /** Reconnect attempts after a dropped connection (default 20), with `reconnectDelayMs` between them. */
  readonly reconnects?: number;
  readonly reconnectDelayMs?: number;
  /** Called with every message received. */
  readonly onMessage?: (m: Record<string, unknown>) => void;
  /** Extra headers of the WebSocket upgrade (e.g. Origin). */
  readonly headers?: Record<string, string>;
  /** Aborting closes the connection for good (no reconnect); the promise rejects. */
  readonly signal?: AbortSignal;
}

/** The WebSocket URL of a server's live endpoint, from its base URL (http://host:port/). */
export function liveSocketUrl(url: string): string {
  const u = new URL(url);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = '/api/live/ws';
  u.search = '';
  u.hash = '';
  return u.toString();
}

interface Welcome {
  seat: string | null;
  protocol: ProtocolName;
  participants: string[];
  scenarioIssues: Issue[];
  deadline: { rounds: number; timeMs: number | null };
  profile: (SeatProfile & { reservationSpec?: Party['reservation'] }) | null;
}

/**
 * Plays the seat that `token` opens with `agent` (a built-in agent name such
 * as `boulware`, or a factory): builds the agent's view from the seat's own
 * profile, answers each turn, shows it every public event, and resolves with
 * the result when the session ends.
 */
export function connectSeat(url: string, token: string, agent: string | AgentFactory, options: ConnectSeatOptions = {}): Promise<SeatResult> {
  const factory = typeof agent === 'string' ? agentFactory(agent) : agent;
  const messages: Record<string, unknown>[] = [];
  let me: { agent: Agent; seat: string } | undefined;
  /** Resends the last move until the server answers (see sendMove). */
  let retry: ReturnType<typeof setInterval> | undefined;
  const stopRetrying = () => {
    if (retry) clearInterval(retry);
    retry = undefined;
  };
  return new Promise<SeatResult>((resolve, reject) => {
    let done = false;
    let socket: NumberedSocket | undefined;
    const onAbort = () => {
      finish(new Error('closed by the client'));
      socket?.current?.terminate();
    };
    if (options.signal?.aborted) return reject(new Error('closed by the client'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const open = () => {
      socket = openNumberedSocket({
        url: liveSocketUrl(url),
        options,
        hello: (after) => ({ type: 'hello', v: 1, token, after }),
        over: () => done,
        // the server took in a message of ours (or moved on): no more resending
        onNumbered: stopRetrying,
        onMessage: (ws, m) => {
          messages.push(m);
          options.onMessage?.(m);
          try {
            handle(ws, m);
          } catch (e) {
            finish(e instanceof Error ? e : new Error(String(e)));
            ws.close();
          }
        },
        onLost: () => finish(new Error('the connection to the server was lost')),
      });
    };
    const finish = (r: SeatResult | Error) => {
      if (done) return;
      done = true;
      stopRetrying();
      options.signal?.removeEventListener('abort', onAbort);
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    /**
     * Sends a move, and resends it every 500 ms until the server answers with a
     * numbered message: a throttled move is dropped, and the server reports that
     * at most once a second (a resent move it already took is refused as stale).
     */
    const sendMove = (ws: WebSocket, move: object) => {
      const text = JSON.stringify(move);
      ws.send(text);
      stopRetrying();
      retry = setInterval(() => {
        if (done || ws.readyState !== ws.OPEN) return stopRetrying();
        ws.send(text);
      }, 500);
    };
    const handle = (ws: WebSocket, m: Record<string, unknown>) => {
      switch (m.type) {
        case 'welcome': {
          const w = m as unknown as Welcome;
          if (!w.profile || !w.seat) throw new Error('this token is the host token; connectSeat needs a seat token');
          if (me) return;
          const space = new OutcomeSpace(w.scenarioIssues);
          const p = w.profile;
          const party: Party = {
            id: p.id,
            name: p.name,
            role: 'negotiator',
            ...(p.preferences ? { preferences: p.preferences } : {}),
            ...(p.reservationSpec ? { reservation: p.reservationSpec } : p.reservation !== null && p.reservation !== undefined ? { reservation: { value: p.reservation } } : {}),
            ...(p.discount ? { discount: p.discount } : {}),
            ...(p.redLines ? { redLines: p.redLines } : {}),
          };
          const prepared = prepareParty(space, compileParty(space, party), () => createRng(0x5eed));
          const deadline = w.deadline.timeMs !== null ? { rounds: w.deadline.rounds, timeMs: w.deadline.timeMs } : { rounds: w.deadline.rounds };
          const view = createAgentView(prepared, { space, participants: w.participants, protocol: w.protocol, deadline, rng: createRng(options.seed ?? 0) });
          me = { agent: factory(view), seat: w.seat };
          return;
        }
        case 'event': {
          const e = m.event as TraceEvent;
          if (me && !('party' in e && e.party === me.seat && e.type !== 'propose')) me.agent.observe?.(e);
          return;
        }
        case 'turn': {
          if (!me) return;
          const t = m as Record<string, unknown> & { round: number; turn: number; time: number };
          if (m.method === 'vote') {
            const vote = me.agent.vote?.({ round: t.round, turn: t.turn, time: t.time, proposal: t.proposal as number[], current: (t.current as number[] | null) ?? undefined, final: !!t.final });
            void Promise.resolve(vote).then((accept) => sendMove(ws, { type: 'vote', accept: accept === true, turn: t.turn }));
          } else {
            const a = me.agent.respond({ round: t.round, turn: t.turn, time: t.time, offer: (t.offer as number[] | null) ?? undefined, proposer: (t.proposer as string | null) ?? undefined });
            void Promise.resolve(a).then((action) =>
              sendMove(ws, action.type === 'offer' ? { type: 'offer', outcome: [...action.outcome], turn: t.turn } : { type: action.type, turn: t.turn }),
            );
          }
          return;
        }
        case 'result':
          finish({
            agreement: (m.agreement as number[] | null) ?? null,
            agreementText: (m.agreementText as string | null) ?? null,
            utility: (m.utility as number | null) ?? null,
            endReason: String(m.endReason),
            messages,
          });
          ws.close();
          return;
        case 'status':
          if (m.status === 'interrupted') {
            finish(new Error('the session was interrupted'));
            ws.close();
          }
          return;
        case 'error':
          if (m.code === 'unauthorized' && !me) {
            finish(new Error(`the server refused the token: ${String(m.message)}`));
            ws.close();
          }
          return;
      }
    };
    open();
  });
}

/** One seat a lobby played, as the entrant saw it. */
export interface LobbySeatResult {
  readonly negotiation: number;
  readonly scenario: string;
  readonly party: string;
  readonly session: string;
  /** The seat's result, or why it failed (the connection lost, the session interrupted…). */
  readonly result?: Omit<SeatResult, 'messages'>;
  readonly error?: string;
}

/** The end of a lobby connection. */
export interface LobbySummary {
  /** Why it ended: the tournament's `lobby-end` reason, or `closed` (by `close()`). */
  readonly reason: string;
  readonly seats: readonly LobbySeatResult[];
  /** Every lobby message received, in order. */
  readonly messages: readonly Record<string, unknown>[];
}

/** A standing lobby connection of a remote tournament entrant. */
export interface LobbyConnection {
  /** Resolves when the tournament ends (after every seat handed out has finished), or after `close()`. */
  readonly finished: Promise<LobbySummary>;
  /** Closes the lobby and every seat at once, for good (the tournament records faults for them). */
  close(): void;
}

export interface ConnectLobbyOptions extends Omit<ConnectSeatOptions, 'signal' | 'onMessage'> {
  /** Called with every lobby message received. */
  readonly onMessage?: (m: Record<string, unknown>) => void;
  /** Called as each seat ends. */
  readonly onSeat?: (r: LobbySeatResult) => void;
}

/** The lobby WebSocket URL of a server, from its base URL. */
export function lobbySocketUrl(url: string): string {
  const u = new URL(liveSocketUrl(url));
  u.pathname = '/api/live/lobby';
  return u.toString();
}

/**
 * Takes part in a tournament as the remote entrant `remote:NAME`: keeps one
 * standing connection to the tournament's lobby with the entrant's lobby
 * token, and plays every seat the tournament hands it (a seat token per
 * negotiation) with `agent` through `connectSeat` — each seat with a fresh
 * agent built from that seat's own profile. Reconnects when the lobby
 * connection drops (nothing is lost: lobby messages are numbered).
 */
export function connectLobby(url: string, token: string, name: string, agent: string | AgentFactory, options: ConnectLobbyOptions = {}): LobbyConnection {
  const factory = typeof agent === 'string' ? agentFactory(agent) : agent;
  const abort = new AbortController();
  const messages: Record<string, unknown>[] = [];
  const seats: LobbySeatResult[] = [];
  const playing: Promise<void>[] = [];
  let welcomed = false;
  let settle!: (r: LobbySummary | Error) => void;
  const finished = new Promise<LobbySummary>((resolve, reject) => {
    let done = false;
    settle = (r) => {
      if (done) return;
      done = true;
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
  });
  let over = false;
  const end = (reason: string) => {
    if (over) return;
    over = true;
    socket.current?.close();
    void Promise.allSettled(playing).then(() => settle({ reason, seats, messages }));
  };
  const play = (m: Record<string, unknown>) => {
    const seat = { negotiation: Number(m.negotiation), scenario: String(m.scenario), party: String(m.party), session: String(m.session) };
    const { reconnects, reconnectDelayMs, headers, seed } = options;
    const p = connectSeat(url, String(m.token), factory, {
      signal: abort.signal,
      ...(reconnects !== undefined ? { reconnects } : {}),
      ...(reconnectDelayMs !== undefined ? { reconnectDelayMs } : {}),
      ...(headers ? { headers } : {}),
      ...(seed !== undefined ? { seed } : {}),
    }).then(
      ({ messages: _m, ...result }) => ({ ...seat, result }),
      (e: unknown) => ({ ...seat, error: e instanceof Error ? e.message : String(e) }),
    );
    playing.push(
      p.then((r) => {
        seats.push(r);
        options.onSeat?.(r);
      }),
    );
  };
  const socket: NumberedSocket = openNumberedSocket({
    url: lobbySocketUrl(url),
    options,
    hello: (after) => ({ type: 'lobby', v: 1, name, token, after }),
    over: () => over,
    onMessage: (ws, m) => {
      messages.push(m);
      options.onMessage?.(m);
      if (m.type === 'lobby-welcome') welcomed = true;
      else if (m.type === 'seat') play(m);
      else if (m.type === 'lobby-end') end(String(m.reason));
      else if (m.type === 'error' && !welcomed && (m.code === 'unauthorized' || m.code === 'version' || m.code === 'invalid-message')) {
        over = true;
        abort.abort();
        ws.close();
        settle(new Error(`the lobby refused remote:${name}: ${String(m.message)}`));
      }
    },
    onLost: () => {
      over = true;
      abort.abort();
      void Promise.allSettled(playing).then(() => settle(new Error('the connection to the lobby was lost')));
    },
  });
  return {
    finished,
    close() {
      if (over) return;
      abort.abort();
      socket.current?.terminate();
      end('closed');
    },
  };
}

/** One logical connection over successive WebSockets (see `openNumberedSocket`). */
interface NumberedSocket {
  /** The WebSocket of the current attempt. */
  readonly current: WebSocket | undefined;
}

/**
 * Opens `url` and keeps it open: on every (re)connection sends `hello(after)`
 * with the last numbered message seen, delivers each message once (a numbered
 * message at or below the last one seen was resent after a reconnect and is
 * skipped; `onNumbered` runs for each new one), and reconnects after
 * `reconnectDelayMs` when the connection drops, until `over()` or
 * `reconnects` attempts in a row fail (`onLost`). Shared by the seat and the
 * lobby clients.
 */
function openNumberedSocket(o: {
  readonly url: string;
  readonly options: Pick<ConnectSeatOptions, 'headers' | 'reconnects' | 'reconnectDelayMs'>;
  readonly hello: (after: number) => Record<string, unknown>;
  readonly over: () => boolean;
  readonly onNumbered?: () => void;
  readonly onMessage: (ws: WebSocket, m: Record<string, unknown>) => void;
  readonly onLost: () => void;
}): NumberedSocket {
  let lastSeq = 0;
  let attempts = 0;
  const socket: { current: WebSocket | undefined } = { current: undefined };
  const open = () => {
    if (o.over()) return;
    const ws = new WebSocket(o.url, { headers: o.options.headers ?? {} });
    socket.current = ws;
    ws.on('open', () => ws.send(JSON.stringify(o.hello(lastSeq))));
    ws.on('message', (data: WebSocket.RawData) => {
      let m: Record<string, unknown>;
      try {
        m = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        return;
      }
      if (typeof m.seq === 'number') {
        if (m.seq <= lastSeq) return; // already seen (resent after a reconnect)
        lastSeq = m.seq;
        o.onNumbered?.();
      }
      attempts = 0;
      o.onMessage(ws, m);
    });
    ws.on('close', () => {
      if (o.over()) return;
      if (attempts++ >= (o.options.reconnects ?? 20)) return o.onLost();
      setTimeout(open, o.options.reconnectDelayMs ?? 250);
    });
    ws.on('error', () => {
      /* 'close' follows */
    });
  };
  open();
  return socket;
}
