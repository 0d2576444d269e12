// Numbered schema migrations of the workbench database. Append only: never edit a released one.
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'scenarios, variants and runs',
    sql: `
      CREATE TABLE scenarios (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE variants (
        scenario_id TEXT NOT NULL,
        id TEXT NOT NULL,
        description TEXT,
        patch TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (scenario_id, id)
      );
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scenario_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        config TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX runs_by_scenario ON runs (scenario_id, id);
    `,
  },
  {
    version: 2,
    description: 'tournaments and their negotiation results',
    sql: `
      CREATE TABLE tournaments (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        spec TEXT NOT NULL,
        agents TEXT NOT NULL,
        scenarios TEXT NOT NULL,
        total INTEGER NOT NULL,
        summary TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE tournament_results (
        tournament TEXT NOT NULL,
        id INTEGER NOT NULL,
        scenario INTEGER NOT NULL,
        repetition INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        agents TEXT NOT NULL,
        utilities TEXT NOT NULL,
        agreement TEXT,
        rounds INTEGER NOT NULL,
        end_reason TEXT NOT NULL,
        faults TEXT NOT NULL,
        pareto REAL,
        nash REAL,
        PRIMARY KEY (tournament, id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'live sessions: their events, every message sent, and the result',
    sql: `
      CREATE TABLE live_sessions (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        scenario_name TEXT NOT NULL,
        config TEXT NOT NULL,
        host_hash TEXT NOT NULL,
        result TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE live_events (
        session TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (session, seq)
      ) WITHOUT ROWID;
      CREATE TABLE live_messages (
        session TEXT NOT NULL,
        recipient TEXT NOT NULL,
        seq INTEGER NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (session, recipient, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    description: 'workbench drafts: unsaved edits of a scenario, kept until saved or discarded',
    sql: `
      CREATE TABLE drafts (
        scenario_id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    description: 'Play sessions: how each game started and the player\'s moves, so a game survives a server restart',
    sql: `
      CREATE TABLE play_sessions (
        id TEXT PRIMARY KEY,
        start TEXT NOT NULL,
        moves TEXT NOT NULL DEFAULT '[]',
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    description: 'source documents\' texts attached to a stored scenario in the editor (to pick quotes from)',
    sql: `
      CREATE TABLE scenario_documents (
        scenario_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        file_name TEXT,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scenario_id, document_id)
      ) WITHOUT ROWID;
    `,
  },
];

/** The schema version a database is at (0 when new). */
export function schemaVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Brings the database up to the newest migration, each migration in its own
 * transaction together with its schema_version row, so a crash leaves the
 * database at one version or the next, never between. Refuses a database
 * written by a newer parley.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let current = schemaVersion(db);
  const newest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > newest) throw new Error(`the database is at schema version ${current}, newer than this parley knows (${newest}); use a newer parley or another --db`);
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
    })();
    current = m.version;
  }
  return current;
}
