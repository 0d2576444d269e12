// The lobby's WebSocket (GET /api/live/lobby): a remote tournament entrant's standing connection
// (docs/live-protocol.md, "Tournaments: the lobby"). Node only.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { zodProblems } from '../api-schemas.ts';
import type { LiveLobby } from './lobby.ts';
import { LIVE_PROTOCOL_VERSION, lobbyHelloMessage, MAX_CLIENT_MESSAGE_BYTES } from './protocol.ts';
import type { LiveLogEntry } from './room.ts';

/** Registers the lobby route; the app must have @fastify/websocket registered. */
export async function registerLobbyRoute(app: FastifyInstance, lobby: LiveLobby, log: (e: LiveLogEntry) => void = () => {}): Promise<void> {
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
