// The lobby's WebSocket (GET /api/live/lobby): a remote tournament entrant's standing connection
// (docs/live-protocol.md, "Tournaments: the lobby"). Node only.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { zodProblems } from '../api-schemas.ts';
import type { LiveLobby } from './lobby.ts';
import { LIVE_PROTOCOL_VERSION, lobbyHelloMessage, lobbyPollBody, MAX_CLIENT_MESSAGE_BYTES } from './protocol.ts';
import { bearerToken } from './tokens.ts';
import { Bucket, type LiveLogEntry } from './room.ts';
import { systemClock } from '../../engine/negotiation/clock.ts';

/**
 * Lobby polls allowed per caller: `burst` at once, then `perSecond`. A long-polling entrant asks
 * once per message batch (a handful a second at most), so this only stops a flood. Keyed by the
 * entrant once its token checks, else by address (failed tokens count against the address).
 */
export const LOBBY_POLL_RATE = { burst: 60, perSecond: 20 } as const;

/** Registers the lobby route; the app must have @fastify/websocket registered. */
export async function registerLobbyRoute(app: FastifyInstance, lobby: LiveLobby, log: (e: LiveLogEntry) => void = () => {}): Promise<void> {
  const buckets = new Map<string, Bucket>();
  const allow = (key: string): boolean => {
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= 10_000) buckets.clear();
      b = new Bucket(LOBBY_POLL_RATE.burst, LOBBY_POLL_RATE.perSecond, () => systemClock.now());
      buckets.set(key, b);
    }
    return b.take();
  };
  // HTTP long-polling of the lobby (clients without WebSocket, e.g. examples/python/parley_lobby.py).
  app.post('/api/live/lobby/poll', { bodyLimit: MAX_CLIENT_MESSAGE_BYTES }, async (req, reply) => {
    const r = lobbyPollBody.safeParse(req.body ?? {});
    if (!r.success) return reply.status(400).send({ error: 'invalid lobby poll', code: 'invalid-message', problems: zodProblems(r.error) });
    const token = bearerToken(req.headers.authorization);
    const known = !!token && lobby.authenticate(r.data.name, token);
    if (!allow(known ? `n:${r.data.name}` : `ip:${req.ip}`)) {
      log({ event: 'refused', session: 'lobby', ...(known ? { who: `remote:${r.data.name}` } : {}), code: 'rate-limited' });
      return reply.status(429).send({ error: 'too many lobby polls; slow down', code: 'rate-limited' });
    }
    if (!known) {
      log({ event: 'refused', session: 'lobby', code: 'unauthorized' });
      return reply.status(401).send({ error: 'unknown entrant or wrong lobby token (send it as Authorization: Bearer TOKEN)', code: 'unauthorized' });
    }
    const gone = new Promise<void>((resolve) => reply.raw.once('close', () => resolve()));
    return { messages: await lobby.poll(r.data.name, r.data.after, r.data.waitMs, gone) };
  });

  app.get('/api/live/lobby', { websocket: true }, (socket: WebSocket) => {
    let detach: (() => void) | undefined;
    let name: string | undefined;
    let failures = 0;
    const direct = (m: object) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
    };
    const fail = (code: 'invalid-message' | 'too-large' | 'unauthorized' | 'version', message: string, extra: object = {}) => {
      log({ event: 'refused', session: 'lobby', ...(name ? { who: `remote:${name}` } : {}), code });
      direct({ type: 'error', code, message, ...extra });
      if (++failures >= 5) socket.close(1008, 'too many refused messages');
    };
    const helloTimer = setTimeout(() => {
      if (!detach) socket.close(1008, 'no lobby message');
    }, 10_000);
    helloTimer.unref?.();
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (buf.length > MAX_CLIENT_MESSAGE_BYTES) return fail('too-large', `messages are limited to ${MAX_CLIENT_MESSAGE_BYTES} bytes`);
      if (isBinary) return fail('invalid-message', 'send JSON text frames');
      if (detach) return fail('invalid-message', 'the lobby takes no message after `lobby`; play each seat on /api/live/ws with its seat token');
      let json: unknown;
      try {
        json = JSON.parse(buf.toString('utf8'));
      } catch {
        return fail('invalid-message', 'not JSON');
      }
      const parsed = lobbyHelloMessage.safeParse(json);
      if (!parsed.success) {
        const j = json as { type?: unknown; v?: unknown } | null;
        if (j?.type === 'lobby' && j.v !== LIVE_PROTOCOL_VERSION) return fail('version', `this server speaks protocol version ${LIVE_PROTOCOL_VERSION}`);
        return fail('invalid-message', 'send {"type": "lobby", "v": 1, "name": NAME, "token": LOBBY_TOKEN} first', { problems: zodProblems(parsed.error) });
      }
      const m = parsed.data;
      if (!lobby.authenticate(m.name, m.token)) return fail('unauthorized', 'unknown entrant or wrong lobby token');
      clearTimeout(helloTimer);
      name = m.name;
      log({ event: 'joined', session: 'lobby', who: `remote:${name}` });
      detach = lobby.connect(m.name, m.after ?? 0, direct, () => socket.close(4000, 'replaced by a newer connection'));
    });
    socket.on('close', () => {
      clearTimeout(helloTimer);
      if (name) log({ event: 'disconnected', session: 'lobby', who: `remote:${name}` });
      detach?.();
    });
    socket.on('error', () => detach?.());
  });
}
