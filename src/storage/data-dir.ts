// Where the workbench keeps its database by default (Node only).
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The database file: `--db PATH` when given, else `$PARLEY_DB`, else
 * `$XDG_DATA_HOME/parley/parley.db`, else `~/.local/share/parley/parley.db`.
 */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.PARLEY_DB) return env.PARLEY_DB;
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0 ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(base, 'parley', 'parley.db');
}
