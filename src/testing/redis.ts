// Test and benchmark support: a private redis-server (Debian's package) on a free loopback port,
// persistence off, stopped by its PID; and the small waits around child processes.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (the OS picks it; released before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

/** Polls `cond` every 50 ms; throws naming `what` after `ms`. */
export async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RedisServer {
  readonly url: string;
  /** The server's process id (for reading its CPU time). */
  readonly pid: number | undefined;
  /** Stops the server by its PID and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port with `--save '' --appendonly no`; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  redis.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (redis.pid && redis.exitCode === null && redis.signalCode === null) {
      const exited = new Promise((r) => redis.once('exit', r));
      process.kill(redis.pid, 'SIGTERM');
      await exited;
    }
  };
  try {
    await waitFor(() => /Ready to accept connections/.test(out), 20_000, 'redis-server');
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `redis://127.0.0.1:${port}`, pid: redis.pid, stop };
}
