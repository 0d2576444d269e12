// The live host of a tournament with remote entrants (docs/tournaments.md, "Remote entrants"): a
// small server with the live-session routes and the lobby, on 127.0.0.1 by default. Sessions are
// opened only by the tournament (POST /api/live/sessions is refused). Node only.
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { hostGuard } from '../host-guard.ts';
import { LiveHub } from './hub.ts';
import { LiveLobby } from './lobby.ts';
import { registerLobbyRoute } from './lobby-routes.ts';
import type { LiveLogEntry } from './room.ts';
import { MAX_WS_FRAME_BYTES, registerLiveRoutes } from './routes.ts';

export interface TournamentHostOptions {
  /** The remote entrants' names (`remote:NAME` → NAME). */
  readonly names: readonly string[];
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Further host names the server answers to (a public name when bound to a wildcard). */
  readonly allowedHosts?: readonly string[];
  readonly log?: (e: LiveLogEntry) => void;
}

export interface TournamentHost {
  /** The base URL the lobby and the seats are reached at. */
  readonly url: string;
  readonly hub: LiveHub;
  readonly lobby: LiveLobby;
  /** Tells every entrant the tournament is over (`lobby-end`), lets the message go out, and stops the server. */
  close(reason?: 'done' | 'interrupted' | 'failed' | 'closed'): Promise<void>;
}

/** Starts a tournament's live host and its lobby. */
export async function startTournamentHost(options: TournamentHostOptions): Promise<TournamentHost> {
  const log = options.log ?? (() => {});
  // Finished sessions are dropped after a minute (their rows are in the tournament's store), so a long tournament never fills the hub.
  const hub = new LiveHub({ log, maxSessions: 1_000_000, finishedKeepMs: 60_000 });
  const lobby = new LiveLobby(options.names);
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  await app.register(websocket, { options: { maxPayload: MAX_WS_FRAME_BYTES } });
  await app.register(hostGuard, { ...(options.host !== undefined ? { host: options.host } : {}), allowedHosts: options.allowedHosts ?? [] });
  await registerLiveRoutes(app, {
    hub,
    load: () => {
      throw Object.assign(new Error('this server only hosts the sessions of its tournament'), { statusCode: 404 });
    },
    parse: (schema, value, what) => {
      const r = schema.safeParse(value);
      if (!r.success) throw Object.assign(new Error(`invalid ${what}`), { statusCode: 400 });
      return r.data;
    },
  });
  await registerLobbyRoute(app, lobby, log);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (options.port ?? 0);
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closed = false;
  return {
    url: `http://${shown}:${port}/`,
    hub,
    lobby,
    async close(reason = 'closed') {
      if (closed) return;
      closed = true;
      lobby.end(reason);
      await new Promise((r) => setTimeout(r, 100));
      await app.close();
    },
  };
}
