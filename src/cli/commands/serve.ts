import type { Command } from 'commander';
import { intOption } from '../program.ts';
import { DEFAULT_PORT, startServer } from '../../server/serve.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the workbench: a local web app to build, analyse, simulate and play negotiations (opens on the ceasefire scenario). Serves the prebuilt web app; in a source checkout with Vite installed, rebuilds it first when it is missing or stale.')
    .option('--port <n>', `port to listen on (0 picks a free one; default ${DEFAULT_PORT})`, intOption('--port', 0))
    .option('--host <host>', 'address to listen on (default 127.0.0.1: this machine only)')
    .option('--allowed-host <name>', 'another host name the server answers to (repeatable; 127.0.0.1, localhost and --host always are; see docs/api.md)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--db <path>', 'SQLite database file (default $PARLEY_DB, else $XDG_DATA_HOME/parley/parley.db or ~/.local/share/parley/parley.db)')
    .option('--no-build', '(source checkout) do not rebuild the web app, even when it is missing or stale')
    .action(async (opts: { port?: number; host?: string; allowedHost?: string[]; db?: string; build: boolean }) => {
      const server = await startServer({
        port: opts.port ?? DEFAULT_PORT,
        host: opts.host ?? '127.0.0.1',
        allowedHosts: opts.allowedHost ?? [],
        db: opts.db,
        build: opts.build,
        log: (line) => process.stderr.write(`parley: ${line}\n`),
      });
      process.stderr.write(`parley: database ${server.store.path}\n`);
      const host = opts.host ?? '127.0.0.1';
      if (!['127.0.0.1', 'localhost', '::1'].includes(host))
        process.stderr.write(`parley: warning: listening on ${host}, not only this machine: anyone who can reach it can use the workbench and create live sessions (seat tokens still guard each seat)\n`);
      process.stdout.write(`parley workbench: ${server.url}\n`);
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
