// The live-session routes: create, host controls, HTTP long-polling, moves, and the WebSocket
// (docs/live-protocol.md). Tokens travel in `Authorization: Bearer` (HTTP) or in `hello` (WebSocket),
// never in a URL. Node only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { WebSocket } from 'ws';
import type { z } from 'zod';
import type { Scenario } from '../../engine/model/scenario.ts';
import { traceToJsonLines } from '../../engine/negotiation/trace.ts';
import type { TraceEvent } from '../../engine/negotiation/events.ts';
import type { LiveStore } from '../../storage/live-store.ts';
import { zodProblems } from '../api-schemas.ts';
import { HubError, type LiveHub } from './hub.ts';
import {
  clientMessage,
  createSessionBody,
  LIVE_PROTOCOL_VERSION,
  liveProtocolJsonSchema,
  MAX_CLIENT_MESSAGE_BYTES,
  moveMessage,
  pollBody,
  type ServerMessage,
} from './protocol.ts';
import { RoomError, type ErrorCode, type LiveRoom, type Recipient } from './room.ts';
import { bearerToken, tokenHash } from './tokens.ts';

export interface LiveRouteOptions {
  readonly hub: LiveHub;
  readonly store?: LiveStore;
  /** The scenario with this id, with the variant applied. */
  readonly load: (id: string, variant: string | undefined) => Promise<Scenario> | Scenario;
  readonly parse: <T extends z.ZodType>(schema: T, value: unknown, what: string) => z.infer<T>;
  /** Per-token HTTP requests per minute (default 1200). */
  readonly httpPerMinute?: number;
}

/** Most bytes a WebSocket frame may have: larger ones close the connection (1009); up to it, too-large is an error message. */
export const MAX_WS_FRAME_BYTES = 64 * 1024;

const STATUS: Record<ErrorCode, number> = {
  'invalid-message': 400,
  'too-large': 413,
  'rate-limited': 429,
  'not-your-turn': 409,
  stale: 409,
  'invalid-move': 400,
  'no-offer': 409,
  finished: 409,
  unauthorized: 401,
  version: 400,
  'not-started': 409,
  paused: 409,
};

/** The base URL clients reach this server at (the Host header has passed the host guard). */
function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? '127.0.0.1'}/`;
}

/** Registers the live routes; the app must have @fastify/websocket registered (app.ts does, before the host guard). */
export async function registerLiveRoutes(app: FastifyInstance, options: LiveRouteOptions): Promise<void> {
  const { hub, store, load, parse } = options;
  app.addHook('onClose', async () => hub.close());

  await app.register(async (live) => {
    await live.register(rateLimit, {
      max: options.httpPerMinute ?? 1200,
      timeWindow: 60_000,
      keyGenerator: (req) => {
        const t = bearerToken(req.headers.authorization);
        return t ? `t:${tokenHash(t)}` : `ip:${req.ip}`;
      },
    });
    live.addHook('onError', async (req, _reply, error: Error & { statusCode?: number; code?: string }) => {
      if ((error.statusCode ?? 500) < 500) hub.log({ event: 'refused', session: sessionOf(req), code: error.code ?? String(error.statusCode), detail: `${req.method} ${req.routeOptions.url ?? ''}` });
    });

    const sessionOf = (req: FastifyRequest): string => {
      const a = hub.authenticate(bearerToken(req.headers.authorization));
      return a ? a.room.id : '-';
    };

    /** The seat or host the request's token opens; 401 otherwise. */
    const who = (req: FastifyRequest): { room: LiveRoom; recipient: Recipient } => {
      const a = hub.authenticate(bearerToken(req.headers.authorization));
      if (!a) throw Object.assign(new Error('unknown or expired token (send it as Authorization: Bearer TOKEN)'), { statusCode: 401, code: 'unauthorized' });
      return a;
    };

    const refuse = (reply: FastifyReply, room: LiveRoom, r: Recipient, code: ErrorCode, message: string, extra: object = {}) => {
      hub.log({ event: 'refused', session: room.id, who: r.name, code });
      if (code !== 'rate-limited') room.send(r, { type: 'error', code, message, ...extra });
      return reply.status(STATUS[code]).send({ error: message, code, ...extra });
    };

    /** The host of session `id` (by its token), in memory or, after a restart, in the store. */
    const hostOf = (req: FastifyRequest, id: string): LiveRoom | 'stored' => {
      const token = bearerToken(req.headers.authorization);
      const a = hub.authenticate(token);
      if (a && a.room.id === id && a.recipient.kind === 'host') return a.room;
      if (!a && hub.isStoredHost(id, token)) return 'stored';
      throw Object.assign(new Error('this needs the host token of the session (Authorization: Bearer TOKEN)'), { statusCode: 401, code: 'unauthorized' });
    };

    live.get('/api/live/schema', async () => liveProtocolJsonSchema());

    live.post('/api/live/sessions', { bodyLimit: 64 * 1024 }, async (req, reply) => {
      const body = parse(createSessionBody, req.body, 'live session');
      const scenario = await load(body.scenarioId, body.variant);
      let created;
      try {
        created = hub.create(body, scenario);
      } catch (e) {
        if (e instanceof HubError) throw Object.assign(new Error(e.message), { statusCode: e.status });
        throw e;
      }
      const base = baseUrl(req);
      return reply.status(201).send({
        id: created.id,
        url: base,
        host: { token: created.hostToken, view: `${base}?live=host&session=${created.id}#token=${created.hostToken}` },
        seats: Object.fromEntries(
          Object.entries(created.seats).map(([p, s]) => [p, s.token ? { kind: s.kind, token: s.token, join: `${base}?live=join#token=${s.token}` } : { kind: s.kind }]),
        ),
      });
    });

    live.get('/api/live/sessions', async () => ({
      sessions: store
        ? store.list()
        : [...hub.rooms.values()].map((r) => ({ id: r.id, status: r.status, scenarioId: r.config.scenarioId, scenarioName: r.scenario.name })),
    }));

    live.get('/api/live/sessions/:id', async (req) => {
      const { id } = req.params as { id: string };
      const h = hostOf(req, String(id));
      if (h !== 'stored') return h.hostSnapshot();
      const rec = store!.get(String(id))!;
      return { id: rec.id, status: rec.status, config: rec.config, scenarioName: rec.scenarioName, events: store!.events(rec.id), result: rec.result };
    });

    live.get('/api/live/sessions/:id/trace', async (req, reply) => {
      const { id } = req.params as { id: string };
      const h = hostOf(req, String(id));
      const events = (h === 'stored' ? store!.events(String(id)) : h.events()) as TraceEvent[];
      return reply.header('content-type', 'application/x-ndjson; charset=utf-8').send(traceToJsonLines(events));
    });

    live.post('/api/live/sessions/:id/start', async (req) => {
      const { id } = req.params as { id: string };
      const h = hostOf(req, String(id));
      if (h === 'stored') throw Object.assign(new Error('the session is over'), { statusCode: 409 });
      h.start();
      return { status: h.status };
    });

    for (const action of ['pause', 'resume'] as const) {
      live.post(`/api/live/sessions/:id/${action}`, async (req) => {
        const { id } = req.params as { id: string };
        const h = hostOf(req, String(id));
        if (h === 'stored') throw Object.assign(new Error('the session is over'), { statusCode: 409 });
        h[action]();
        return { status: h.status };
      });
    }

    live.post('/api/live/sessions/:id/end', async (req) => {
      const { id } = req.params as { id: string };
      const h = hostOf(req, String(id));
      if (h === 'stored') throw Object.assign(new Error('the session is over'), { statusCode: 409 });
      h.end();
      return { status: h.status };
    });

    live.post('/api/live/poll', { bodyLimit: MAX_CLIENT_MESSAGE_BYTES }, async (req, reply) => {
      const { room, recipient } = who(req);
      if (!recipient.bucket.take()) return refuse(reply, room, recipient, 'rate-limited', 'too many requests for this token; slow down');
      const r = pollBody.safeParse(req.body ?? {});
      if (!r.success) return refuse(reply, room, recipient, 'invalid-message', 'invalid poll request', { problems: zodProblems(r.error) });
      const { after, waitMs } = r.data;
      let wake = () => {};
      const detach = room.attach(recipient, () => wake());
      try {
        const over = () => room.status === 'finished' || room.status === 'interrupted';
        if (room.since(recipient, after).length === 0 && waitMs > 0 && !over()) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(() => wake(), waitMs);
            wake = () => {
              clearTimeout(t);
              wake = () => {};
              resolve();
            };
            reply.raw.once('close', () => wake());
          });
        }
        return { messages: room.since(recipient, after) };
      } finally {
        detach();
      }
    });

    live.post('/api/live/move', { bodyLimit: MAX_CLIENT_MESSAGE_BYTES }, async (req, reply) => {
      const { room, recipient } = who(req);
      if (!recipient.bucket.take()) return refuse(reply, room, recipient, 'rate-limited', 'too many requests for this token; slow down');
      if (recipient.kind === 'host') return refuse(reply, room, recipient, 'not-your-turn', 'the host token has no seat; use a seat token to move');
      const r = moveMessage.safeParse(req.body);
      if (!r.success) return refuse(reply, room, recipient, 'invalid-message', 'invalid move', { problems: zodProblems(r.error) });
      try {
        room.move(recipient.name, r.data);
      } catch (e) {
        if (e instanceof RoomError) return refuse(reply, room, recipient, e.code, e.message);
        throw e;
      }
      return { ok: true, seq: recipient.seq };
    });

    live.get('/api/live/ws', { websocket: true }, (socket: WebSocket) => {
      let opened: { room: LiveRoom; recipient: Recipient } | undefined;
      let detach: (() => void) | undefined;
      let sentUpTo = 0;
      let failures = 0;
      let lastRateError = -Infinity;
      const direct = (m: object) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
      };
      const pump = () => {
        if (!opened) return;
        const msgs: ServerMessage[] = opened.room.since(opened.recipient, sentUpTo);
        for (const m of msgs) {
          direct(m);
          sentUpTo = m.seq ?? sentUpTo;
        }
      };
      const helloTimer = setTimeout(() => {
        if (!opened) socket.close(1008, 'no hello');
      }, 10_000);
      helloTimer.unref?.();
      const fail = (code: ErrorCode, message: string, extra: object = {}) => {
        hub.log({ event: 'refused', session: opened?.room.id ?? '-', ...(opened ? { who: opened.recipient.name } : {}), code });
        if (opened && code !== 'rate-limited') {
          opened.room.send(opened.recipient, { type: 'error', code, message, ...extra });
        } else {
          direct({ type: 'error', code, message, ...extra });
          if (!opened && ++failures >= 5) socket.close(1008, 'too many refused messages');
        }
      };
      socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        if (opened && !opened.recipient.bucket.take()) {
          const now = Date.now();
          if (now - lastRateError > 1000) {
            lastRateError = now;
            fail('rate-limited', 'too many messages for this token; slow down');
          }
          return;
        }
        if (buf.length > MAX_CLIENT_MESSAGE_BYTES) return fail('too-large', `messages are limited to ${MAX_CLIENT_MESSAGE_BYTES} bytes`);
        if (isBinary) return fail('invalid-message', 'send JSON text frames');
        let json: unknown;
        try {
          json = JSON.parse(buf.toString('utf8'));
        } catch {
          return fail('invalid-message', 'not JSON');
        }
        const parsed = clientMessage.safeParse(json);
        if (!parsed.success) {
          const v = (json as { v?: unknown } | null)?.v;
          if ((json as { type?: unknown } | null)?.type === 'hello' && v !== LIVE_PROTOCOL_VERSION)
            return fail('version', `this server speaks protocol version ${LIVE_PROTOCOL_VERSION}`);
          return fail('invalid-message', 'the message does not match the protocol', { problems: zodProblems(parsed.error) });
        }
        const m = parsed.data;
        if (m.type === 'hello') {
          if (opened) return fail('invalid-message', 'already said hello on this connection');
          const a = hub.authenticate(m.token);
          if (!a) return fail('unauthorized', 'unknown or expired token');
          clearTimeout(helloTimer);
          opened = a;
          sentUpTo = m.after ?? 0;
          detach = a.room.attach(a.recipient, pump);
          pump();
          if ((m.after ?? 0) > 0) a.room.resumeTurn(a.recipient);
          return;
        }
        if (!opened) return fail('unauthorized', 'say hello with your token first');
        if (opened.recipient.kind === 'host') return fail('not-your-turn', 'the host token has no seat; use a seat token to move');
        try {
          opened.room.move(opened.recipient.name, m);
        } catch (e) {
          if (e instanceof RoomError) return fail(e.code, e.message);
          throw e;
        }
      });
      socket.on('close', () => {
        clearTimeout(helloTimer);
        if (opened) hub.log({ event: 'disconnected', session: opened.room.id, who: opened.recipient.name });
        detach?.();
      });
      socket.on('error', () => detach?.());
    });
  });
}
