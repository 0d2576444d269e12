// Host and Origin checks against DNS rebinding and cross-site requests (docs/api.md, "Who may
// call the server"). A fastify plugin: register it on the root instance and it guards every route,
// WebSocket upgrades included. Node only.
import { networkInterfaces } from 'node:os';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

export interface HostGuardOptions {
  /** The address the server listens on (`--host`); a name or address other than a wildcard is allowed as a Host. */
  readonly host?: string;
  /** Further host names the server answers to (`--allowed-host`, repeatable). */
  readonly allowedHosts?: readonly string[];
}

/** Host names every server accepts: its loopback names. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** The host name of a Host header or URL authority, lower case, without port or IPv6 brackets; undefined when malformed. */
export function hostName(authority: string): string | undefined {
  const a = authority.trim().toLowerCase();
  if (a.length === 0 || a.length > 255) return undefined;
  if (a.startsWith('[')) {
    const end = a.indexOf(']');
    if (end < 0) return undefined;
    const rest = a.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined;
    return a.slice(1, end);
  }
  const m = /^([a-z0-9._-]+)(?::\d{1,5})?$/.exec(a);
  if (!m) return undefined;
  // A trailing dot names the same host (`localhost.`).
  return m[1]!.replace(/\.$/, '');
}

/** The names a server started with these options answers to. */
export function allowedHostNames(options: HostGuardOptions = {}): Set<string> {
  const names = new Set(LOOPBACK_HOSTS);
  for (const h of options.allowedHosts ?? []) {
    const n = hostName(h) ?? h.trim().toLowerCase();
    if (n) names.add(n);
  }
  const host = options.host?.trim().toLowerCase();
  if (host !== undefined && !WILDCARDS.has(host)) {
    names.add(hostName(host) ?? host.replace(/^\[|\]$/g, ''));
  } else if (host !== undefined) {
    // Listening on every interface: the machine's own addresses are its names too
    // (an address cannot be rebound; a DNS name must be given with --allowed-host).
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(i.address.toLowerCase());
  }
  return names;
}

/** Methods that change nothing. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a request is refused, or undefined when it may go on. */
export function hostGuardVerdict(
  headers: { host?: string | undefined; origin?: string | undefined; 'sec-fetch-site'?: string | undefined },
  method: string,
  allowed: ReadonlySet<string>,
): { status: number; error: string } | undefined {
  const host = headers.host;
  const name = host === undefined ? undefined : hostName(host);
  if (name === undefined || !allowed.has(name)) {
    return {
      status: 421,
      error: `this server answers only to ${[...allowed].slice(0, 6).join(', ')}${allowed.size > 6 ? ', …' : ''} (Host ${host === undefined ? 'missing' : JSON.stringify(host.slice(0, 100))}); start it with --allowed-host NAME to add a name`,
    };
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      const u = new URL(origin);
      originHost = u.protocol === 'http:' || u.protocol === 'https:' ? hostName(u.host) : undefined;
    } catch {
      originHost = undefined;
    }
    if (originHost === undefined || !allowed.has(originHost)) {
      return { status: 403, error: `cross-origin requests are refused (Origin ${JSON.stringify(origin.slice(0, 100))}); use the workbench served by this server` };
    }
  } else if (!SAFE_METHODS.has(method.toUpperCase()) && headers['sec-fetch-site'] === 'cross-site') {
    return { status: 403, error: 'cross-site writes are refused' };
  }
  return undefined;
}

/**
 * Refuses requests whose Host is not one of the server's own names (DNS
 * rebinding: a page whose name was rebound to 127.0.0.1 sends its own name as
 * Host) with 421, and requests from another origin (an `Origin` header naming
 * a host the server does not answer to, or `Sec-Fetch-Site: cross-site` on a
 * write) with 403, on reads and writes alike. Requests without `Origin` (curl,
 * scripts, same-origin GETs) pass when the Host is right.
 */
export const hostGuard: FastifyPluginAsync<HostGuardOptions> = async (app: FastifyInstance, options: HostGuardOptions) => {
  const allowed = allowedHostNames(options);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const h = req.headers;
    const verdict = hostGuardVerdict(
      {
        host: typeof h.host === 'string' ? h.host : undefined,
        origin: typeof h.origin === 'string' ? h.origin : undefined,
        'sec-fetch-site': typeof h['sec-fetch-site'] === 'string' ? h['sec-fetch-site'] : undefined,
      },
      req.method,
      allowed,
    );
    if (verdict) return reply.status(verdict.status).send({ error: verdict.error });
  });
};
// Like fastify-plugin: the hook applies to the instance that registers the plugin, not only inside it.
(hostGuard as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
