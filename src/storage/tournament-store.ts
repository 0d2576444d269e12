// Tournament runs and their results in SQLite: streamed in batches, idempotent by negotiation id (Node only).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { EndReason } from '../engine/negotiation/events.ts';
import type { NegotiationRow } from '../engine/negotiation/tournament/job.ts';
import type { StoredTournament, TournamentStatus, TournamentStore, TournamentSummary } from '../engine/negotiation/tournament/run.ts';
import type { TournamentSpec } from '../engine/negotiation/tournament/spec.ts';
import { migrate } from './migrations.ts';

/** A run as listed (without its spec and rows). */
export interface TournamentListing {
  readonly id: string;
  readonly status: TournamentStatus;
  readonly total: number;
  /** Negotiations recorded. */
  readonly done: number;
  readonly agents: readonly string[];
  readonly scenarios: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface ResultRow {
  id: number;
  scenario: number;
  repetition: number;
  seed: number;
  agents: string;
  utilities: string;
  agreement: string | null;
  rounds: number;
  end_reason: string;
  faults: string;
  pareto: number | null;
  nash: number | null;
}

const now = () => new Date().toISOString();

/** A short run id: `t` and 10 random base-32 characters. */
function newRunId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return 't' + [...randomBytes(10)].map((b) => alphabet[b & 31]).join('');
}

function fromRow(r: ResultRow): NegotiationRow {
  return {
    id: r.id,
    scenario: r.scenario,
    repetition: r.repetition,
    seed: r.seed,
    agents: JSON.parse(r.agents) as number[],
    utilities: JSON.parse(r.utilities) as number[],
    agreement: r.agreement === null ? null : (JSON.parse(r.agreement) as number[]),
    rounds: r.rounds,
    endReason: r.end_reason as EndReason,
    faults: JSON.parse(r.faults) as NegotiationRow['faults'],
    pareto: r.pareto,
    nash: r.nash,
  };
}

/**
 * The tournament tables of the workbench database (migration 2). Each batch
 * of rows is one transaction (`INSERT OR IGNORE`: a negotiation id already
 * recorded is left as it is), so a run killed at any moment keeps every
 * batch it committed and loses none twice; `rows` streams them back in id
 * order. The same file can hold the workbench's scenarios (Store) and be
 * opened by both at once (WAL).
 */
export class SqliteTournamentStore implements TournamentStore {
  private readonly insert: Database.Statement;
  private readonly insertBatch: (runId: string, rows: readonly NegotiationRow[]) => number;

  constructor(
    private readonly db: Database.Database,
    private readonly ownsDb = false,
  ) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO tournament_results (tournament, id, scenario, repetition, seed, agents, utilities, agreement, rounds, end_reason, faults, pareto, nash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const touch = db.prepare('UPDATE tournaments SET updated_at = ? WHERE id = ?');
    this.insertBatch = db.transaction((runId: string, rows: readonly NegotiationRow[]) => {
      let added = 0;
      for (const r of rows)
        added += this.insert.run(
          runId,
          r.id,
          r.scenario,
          r.repetition,
          r.seed,
          JSON.stringify(r.agents),
          JSON.stringify(r.utilities),
          r.agreement ? JSON.stringify(r.agreement) : null,
          r.rounds,
          r.endReason,
          JSON.stringify(r.faults),
          r.pareto,
          r.nash,
        ).changes;
      touch.run(now(), runId);
      return added;
    });
  }

  /** Opens (creating the folder and file if needed) and migrates a database file of its own. */
  static open(path: string): SqliteTournamentStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      // NORMAL, not FULL: in WAL mode a commit then survives the process being killed (kill -9) — the OS has the
      // WAL — and only an OS crash or power loss can drop the last few commits, which --resume simply runs again
      // (negotiations are deterministic and rows idempotent by id). FULL's fsync per batch cost ~25 ms each on a
      // busy disk, stalling the thread that hands out batches (docs/performance.md).
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
      migrate(db);
      return new SqliteTournamentStore(db, true);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  close(): void {
    if (this.ownsDb && this.db.open) this.db.close();
  }

  create(spec: TournamentSpec, total: number): string {
    const id = newRunId();
    const t = now();
    this.db
      .prepare('INSERT INTO tournaments (id, status, spec, agents, scenarios, total, summary, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)')
      .run(id, 'running', JSON.stringify(spec), JSON.stringify(spec.agents.map((a) => a.label)), JSON.stringify(spec.scenarios.map((s) => s.id)), total, t, t);
    return id;
  }

  load(runId: string): StoredTournament | undefined {
    const r = this.db.prepare('SELECT id, status, spec, total FROM tournaments WHERE id = ?').get(runId) as { id: string; status: TournamentStatus; spec: string; total: number } | undefined;
    return r && { id: r.id, status: r.status, spec: JSON.parse(r.spec) as TournamentSpec, total: r.total };
  }

  *recorded(runId: string): Iterable<number> {
    for (const r of this.db.prepare('SELECT id FROM tournament_results WHERE tournament = ? ORDER BY id').pluck().iterate(runId)) yield r as number;
  }

  write(runId: string, rows: readonly NegotiationRow[]): number {
    return this.insertBatch(runId, rows);
  }

  *rows(runId: string): Iterable<NegotiationRow> {
    for (const r of this.db.prepare('SELECT * FROM tournament_results WHERE tournament = ? ORDER BY id').iterate(runId)) yield fromRow(r as ResultRow);
  }

  /** Recorded rows of one scenario, in id order (for the workbench's scatter). */
  *rowsOfScenario(runId: string, scenario: number, limit = Infinity): Iterable<NegotiationRow> {
    const stmt = this.db.prepare('SELECT * FROM tournament_results WHERE tournament = ? AND scenario = ? ORDER BY id LIMIT ?');
    for (const r of stmt.iterate(runId, scenario, Number.isFinite(limit) ? limit : -1)) yield fromRow(r as ResultRow);
  }

  /** Number of recorded negotiations. */
  count(runId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM tournament_results WHERE tournament = ?').get(runId) as { n: number }).n;
  }

  setStatus(runId: string, status: TournamentStatus, summary?: TournamentSummary): void {
    if (summary) this.db.prepare('UPDATE tournaments SET status = ?, summary = ?, updated_at = ? WHERE id = ?').run(status, JSON.stringify(summary), now(), runId);
    else this.db.prepare('UPDATE tournaments SET status = ?, updated_at = ? WHERE id = ?').run(status, now(), runId);
  }

  /** The summary of a finished run (null before it finished). */
  summary(runId: string): TournamentSummary | null {
    const r = this.db.prepare('SELECT summary FROM tournaments WHERE id = ?').get(runId) as { summary: string | null } | undefined;
    return r?.summary ? (JSON.parse(r.summary) as TournamentSummary) : null;
  }

  /** Every run, newest first. */
  list(): TournamentListing[] {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.status, t.total, t.created_at, t.updated_at, t.agents, t.scenarios,
                (SELECT COUNT(*) FROM tournament_results r WHERE r.tournament = t.id) AS done
           FROM tournaments t ORDER BY t.created_at DESC, t.id`,
      )
      .all() as { id: string; status: TournamentStatus; total: number; created_at: string; updated_at: string; agents: string; scenarios: string; done: number }[];
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      total: r.total,
      done: r.done,
      agents: JSON.parse(r.agents) as string[],
      scenarios: JSON.parse(r.scenarios) as string[],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
}
