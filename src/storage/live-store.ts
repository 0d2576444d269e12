// Live sessions in SQLite (migration 3): the session, its public events, every message the server
// sent, and the result (Node only). The same file as the workbench's Store, opened beside it (WAL).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type LiveStatus = 'waiting' | 'running' | 'finished' | 'interrupted';

export interface LiveSessionRecord {
  readonly id: string;
  readonly status: LiveStatus;
  readonly scenarioId: string;
  readonly scenarioName: string;
  /** The session's settings (protocol, deadlines, seat kinds); no token. */
  readonly config: unknown;
  /** SHA-256 of the host token (hex): the host may read a finished session after a restart. */
  readonly hostHash: string;
  /** The result (every party's utility: host only), once finished. */
  readonly result: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type LiveSessionListing = Omit<LiveSessionRecord, 'result' | 'hostHash' | 'config'>;

interface Row {
  id: string;
  status: string;
  scenario_id: string;
  scenario_name: string;
  config: string;
  host_hash: string;
  result: string | null;
  created_at: string;
  updated_at: string;
}

const now = () => new Date().toISOString();

export class LiveStore {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (and migrates) the database at `path`; `:memory:` gives a private in-memory one. */
  static open(path: string): LiveStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    try {
      migrate(db);
    } catch (e) {
      db.close();
      throw e;
    }
    return new LiveStore(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Marks every session left waiting or running by an earlier process as interrupted; returns how many. */
  interruptUnfinished(): number {
    return this.db.prepare("UPDATE live_sessions SET status = 'interrupted', updated_at = ? WHERE status IN ('waiting', 'running')").run(now()).changes;
  }

  create(s: { id: string; scenarioId: string; scenarioName: string; config: unknown; hostHash: string }): void {
    const t = now();
    this.db
      .prepare('INSERT INTO live_sessions (id, status, scenario_id, scenario_name, config, host_hash, result, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)')
      .run(s.id, 'waiting', s.scenarioId, s.scenarioName, JSON.stringify(s.config), s.hostHash, t, t);
  }

  setStatus(id: string, status: LiveStatus): void {
    this.db.prepare('UPDATE live_sessions SET status = ?, updated_at = ? WHERE id = ?').run(status, now(), id);
  }

  /** Writes a finished session in one transaction: its events, every message sent, the result. */
  finish(id: string, r: { events: readonly unknown[]; messages: readonly { recipient: string; seq: number; message: unknown }[]; result: unknown }): void {
    const ev = this.db.prepare('INSERT OR REPLACE INTO live_events (session, seq, event) VALUES (?, ?, ?)');
    const msg = this.db.prepare('INSERT OR REPLACE INTO live_messages (session, recipient, seq, message) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      r.events.forEach((e, i) => ev.run(id, i + 1, JSON.stringify(e)));
      for (const m of r.messages) msg.run(id, m.recipient, m.seq, JSON.stringify(m.message));
      this.db.prepare("UPDATE live_sessions SET status = 'finished', result = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(r.result), now(), id);
    })();
  }

  get(id: string): LiveSessionRecord | undefined {
    const r = this.db.prepare('SELECT * FROM live_sessions WHERE id = ?').get(id) as Row | undefined;
    return r && fromRow(r);
  }

  list(limit = 200): LiveSessionListing[] {
    const rows = this.db.prepare('SELECT id, status, scenario_id, scenario_name, created_at, updated_at FROM live_sessions ORDER BY created_at DESC, id LIMIT ?').all(limit) as Row[];
    return rows.map((r) => ({ id: r.id, status: r.status as LiveStatus, scenarioId: r.scenario_id, scenarioName: r.scenario_name, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  events(id: string): unknown[] {
    return (this.db.prepare('SELECT event FROM live_events WHERE session = ? ORDER BY seq').all(id) as { event: string }[]).map((r) => JSON.parse(r.event) as unknown);
  }

  messages(id: string, recipient: string): unknown[] {
    return (this.db.prepare('SELECT message FROM live_messages WHERE session = ? AND recipient = ? ORDER BY seq').all(id, recipient) as { message: string }[]).map(
      (r) => JSON.parse(r.message) as unknown,
    );
  }
}

function fromRow(r: Row): LiveSessionRecord {
  return {
    id: r.id,
    status: r.status as LiveStatus,
    scenarioId: r.scenario_id,
    scenarioName: r.scenario_name,
    config: JSON.parse(r.config) as unknown,
    hostHash: r.host_hash,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
