// Starts the workbench server: store, built-ins, web app (Node only).
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { defaultDatabasePath } from '../storage/data-dir.ts';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { loadBuiltins } from './builtins.ts';
import { ensureWebBuild, REPO_ROOT, WEB_DIST } from './web-build.ts';

export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  /** More host names to answer to (`--allowed-host`); see host-guard.ts. */
  readonly allowedHosts?: readonly string[];
  /** Database file; default `$PARLEY_DB` or the user's data directory. */
  readonly db?: string;
  readonly builtinsDir?: string;
  /** Build the web app when it is missing or stale (default true). */
  readonly build?: boolean;
  readonly logger?: boolean;
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  readonly store: Store;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 5174;

export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? (() => {});
  if (opts.build ?? true) await ensureWebBuild({ log });
  const store = Store.open(opts.db ?? defaultDatabasePath());
  const { scenarios, errors } = loadBuiltins(opts.builtinsDir ?? join(REPO_ROOT, 'scenarios'));
  for (const e of errors) log(`skipped a built-in scenario: ${e}`);
  const app = await buildApp({
    store,
    builtins: scenarios,
    webDir: WEB_DIST,
    logger: opts.logger ?? false,
    host: opts.host ?? '127.0.0.1',
    allowedHosts: opts.allowedHosts ?? [],
  });
  try {
    await app.listen({ port: opts.port ?? DEFAULT_PORT, host: opts.host ?? '127.0.0.1' });
  } catch (e) {
    store.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? DEFAULT_PORT);
  const host = opts.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  let closed = false;
  return {
    url,
    port,
    app,
    store,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      store.close();
    },
  };
}
