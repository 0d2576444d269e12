// Test support: a workbench server with live sessions on a free loopback port (Node only).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../../testing/shared.ts';
import { Store } from '../../storage/store.ts';
import { buildApp } from '../app.ts';
import { loadBuiltins } from '../builtins.ts';
import type { LiveLogEntry } from './room.ts';
import { LiveHub, type HubOptions } from './hub.ts';
import { LiveStore } from '../../storage/live-store.ts';

export interface LiveTestServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly logs: LiveLogEntry[];
  readonly store: Store;
  readonly hub: LiveHub;
  readonly liveStore: LiveStore;
  /** POST /api/live/sessions; the reply's JSON. */
  create(body: Record<string, unknown>): Promise<CreatedReply>;
  /** A JSON request with a bearer token. */
  call(method: 'GET' | 'POST', path: string, token: string | undefined, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown>; text: string }>;
  close(): Promise<void>;
}

export interface CreatedReply {
  id: string;
  url: string;
  host: { token: string; view: string };
  seats: Record<string, { kind: string; token?: string; join?: string }>;
}

export async function startLiveServer(dbPath = ':memory:', hubOptions: Omit<HubOptions, 'store' | 'log'> = {}): Promise<LiveTestServer> {
  const store = Store.open(dbPath);
  const logs: LiveLogEntry[] = [];
  const { scenarios } = loadBuiltins(join(REPO_ROOT, 'scenarios'));
  const liveStore = LiveStore.open(dbPath);
  liveStore.interruptUnfinished();
  const hub = new LiveHub({ store: liveStore, log: (e) => logs.push(e), ...hubOptions });
  const app = await buildApp({ store, builtins: scenarios, live: hub, liveStore });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const url = `http://127.0.0.1:${port}/`;
  const call: LiveTestServer['call'] = async (method, path, token, body, headers = {}) => {
    const res = await fetch(new URL(path, url), {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, text };
  };
  return {
    app,
    url,
    logs,
    store,
    hub,
    liveStore,
    call,
    async create(body) {
      const r = await call('POST', '/api/live/sessions', undefined, body);
      if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.text}`);
      return r.json as unknown as CreatedReply;
    },
    async close() {
      await app.close();
      liveStore.close();
      store.close();
    },
  };
}
