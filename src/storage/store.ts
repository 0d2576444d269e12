// The workbench's SQLite store: scenarios, their variants and saved runs (Node only).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

/** A scenario kept in the workbench's store: its source text and format. */
export interface StoredScenario {
  readonly id: string;
  readonly name: string;
  /** The format it was imported from (`parley`, `genius`…); the source is always native YAML. */
  readonly format: string;
  /** The scenario in the native format (YAML). */
  readonly source: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A stored scenario without its source (for listings). */
export type ScenarioListing = Omit<StoredScenario, 'source'>;

/** A named variant of a stored scenario: a patch over its base. */
export interface StoredVariant {
  readonly scenarioId: string;
  readonly id: string;
  readonly description?: string;
  readonly patch: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

/** A stored run (analysis, simulation, …) of a scenario: its configuration and result. */
export interface StoredRun {
  readonly id: number;
  readonly scenarioId: string;
  /** What was run: `simulation`, `play`, `analysis`… */
  readonly kind: string;
  readonly config: unknown;
  readonly result: unknown;
  readonly createdAt: string;
}

/** The text of a source document, attached to a stored scenario (to pick quotes from in the editor). */
export interface StoredDocument {
  readonly scenarioId: string;
  /** The id of the entry of the scenario's `documents` it is the text of. */
  readonly documentId: string;
  /** The name of the file it was read from, as the browser gave it. */
  readonly fileName?: string;
  readonly text: string;
  readonly updatedAt: string;
}

/** An attached document without its text (for listings): its size in UTF-8 bytes instead. */
export type DocumentListing = Omit<StoredDocument, 'text'> & { readonly bytes: number };

/** A stored run without its result (for listings). */
export type RunListing = Omit<StoredRun, 'result'>;

/** Unsaved edits of a scenario (built-in or stored), kept until it is saved or the draft discarded. */
export interface StoredDraft {
  readonly scenarioId: string;
  readonly source: string;
  readonly updatedAt: string;
}

interface ScenarioRow {
  id: string;
  name: string;
  format: string;
  source: string;
  created_at: string;
  updated_at: string;
}

interface RunRow {
  id: number;
  scenario_id: string;
  kind: string;
  config: string;
  result?: string;
  created_at: string;
}

const now = () => new Date().toISOString();

/**
 * One SQLite file in WAL mode with synchronous=FULL: every write is a
 * transaction, so a process stopped mid-write leaves the last committed state.
 */
export class Store {
  readonly path: string;
  readonly schemaVersion: number;
  private readonly db: Database.Database;

  private constructor(path: string, db: Database.Database, version: number) {
    this.path = path;
    this.db = db;
    this.schemaVersion = version;
  }

  /** Opens (creating the folder and file if needed) and migrates the database. `:memory:` works too. */
  static open(path: string): Store {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    try {
      const version = migrate(db);
      return new Store(path, db, version);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The stored scenarios, without their sources. */
  listScenarios(): ScenarioListing[] {
    const rows = this.db.prepare('SELECT id, name, format, created_at, updated_at FROM scenarios ORDER BY updated_at DESC, id').all() as ScenarioRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, format: r.format, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  /** One stored scenario, or undefined. */
  getScenario(id: string): StoredScenario | undefined {
    const r = this.db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id) as ScenarioRow | undefined;
    return r && { id: r.id, name: r.name, format: r.format, source: r.source, createdAt: r.created_at, updatedAt: r.updated_at };
  }

  /** Stores a new scenario and returns it with its id. */
  createScenario(s: { name: string; format: string; source: string }): StoredScenario {
    const id = randomUUID();
    const t = now();
    this.db.prepare('INSERT INTO scenarios (id, name, format, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, s.name, s.format, s.source, t, t);
    return this.getScenario(id)!;
  }

  /** Replaces a scenario's name and source; undefined when there is no such scenario. */
  updateScenario(id: string, s: { name: string; source: string }): StoredScenario | undefined {
    const info = this.db.prepare('UPDATE scenarios SET name = ?, source = ?, updated_at = ? WHERE id = ?').run(s.name, s.source, now(), id);
    return info.changes ? this.getScenario(id) : undefined;
  }

  /** Deletes a scenario with its variants, runs and draft, in one transaction. */
  deleteScenario(id: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM drafts WHERE scenario_id = ?').run(id);
      this.db.prepare('DELETE FROM scenario_documents WHERE scenario_id = ?').run(id);
      this.db.prepare('DELETE FROM variants WHERE scenario_id = ?').run(id);
      this.db.prepare('DELETE FROM runs WHERE scenario_id = ?').run(id);
      return this.db.prepare('DELETE FROM scenarios WHERE id = ?').run(id).changes > 0;
    })();
  }

  /** The variants stored for a scenario. */
  listVariants(scenarioId: string): StoredVariant[] {
    const rows = this.db.prepare('SELECT * FROM variants WHERE scenario_id = ? ORDER BY created_at, id').all(scenarioId) as {
      scenario_id: string;
      id: string;
      description: string | null;
      patch: string;
      created_at: string;
    }[];
    return rows.map((r) => ({
      scenarioId: r.scenario_id,
      id: r.id,
      ...(r.description !== null ? { description: r.description } : {}),
      patch: JSON.parse(r.patch) as Record<string, unknown>,
      createdAt: r.created_at,
    }));
  }

  /** Creates or replaces a variant. */
  putVariant(v: { scenarioId: string; id: string; description?: string; patch: Readonly<Record<string, unknown>> }): StoredVariant {
    this.db
      .prepare(
        'INSERT INTO variants (scenario_id, id, description, patch, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scenario_id, id) DO UPDATE SET description = excluded.description, patch = excluded.patch',
      )
      .run(v.scenarioId, v.id, v.description ?? null, JSON.stringify(v.patch), now());
    return this.listVariants(v.scenarioId).find((x) => x.id === v.id)!;
  }

  /** Deletes a variant; returns whether there was one. */
  deleteVariant(scenarioId: string, id: string): boolean {
    return this.db.prepare('DELETE FROM variants WHERE scenario_id = ? AND id = ?').run(scenarioId, id).changes > 0;
  }

  /** Stores a run of a scenario. */
  addRun(r: { scenarioId: string; kind: string; config: unknown; result: unknown }): RunListing {
    const t = now();
    const info = this.db
      .prepare('INSERT INTO runs (scenario_id, kind, config, result, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(r.scenarioId, r.kind, JSON.stringify(r.config ?? null), JSON.stringify(r.result ?? null), t);
    return { id: Number(info.lastInsertRowid), scenarioId: r.scenarioId, kind: r.kind, config: r.config ?? null, createdAt: t };
  }

  /** The runs stored for a scenario, without their results. */
  listRuns(scenarioId: string): RunListing[] {
    const rows = this.db.prepare('SELECT id, scenario_id, kind, config, created_at FROM runs WHERE scenario_id = ? ORDER BY id DESC').all(scenarioId) as RunRow[];
    return rows.map((r) => ({ id: r.id, scenarioId: r.scenario_id, kind: r.kind, config: JSON.parse(r.config) as unknown, createdAt: r.created_at }));
  }

  /** One stored run, or undefined. */
  getRun(id: number): StoredRun | undefined {
    const r = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return r && { id: r.id, scenarioId: r.scenario_id, kind: r.kind, config: JSON.parse(r.config) as unknown, result: JSON.parse(r.result!) as unknown, createdAt: r.created_at };
  }

  /** The workbench draft saved for a scenario, or undefined. */
  getDraft(scenarioId: string): StoredDraft | undefined {
    const r = this.db.prepare('SELECT * FROM drafts WHERE scenario_id = ?').get(scenarioId) as { scenario_id: string; source: string; updated_at: string } | undefined;
    return r && { scenarioId: r.scenario_id, source: r.source, updatedAt: r.updated_at };
  }

  /** Creates or replaces a scenario's draft. */
  putDraft(scenarioId: string, source: string): StoredDraft {
    const t = now();
    this.db
      .prepare('INSERT INTO drafts (scenario_id, source, updated_at) VALUES (?, ?, ?) ON CONFLICT (scenario_id) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at')
      .run(scenarioId, source, t);
    return { scenarioId, source, updatedAt: t };
  }

  /** Deletes a scenario's draft; returns whether there was one. */
  deleteDraft(scenarioId: string): boolean {
    return this.db.prepare('DELETE FROM drafts WHERE scenario_id = ?').run(scenarioId).changes > 0;
  }

  /** The texts attached to a scenario, without the texts. */
  listDocuments(scenarioId: string): DocumentListing[] {
    const rows = this.db
      .prepare('SELECT document_id, file_name, length(CAST(text AS BLOB)) AS bytes, updated_at FROM scenario_documents WHERE scenario_id = ? ORDER BY document_id')
      .all(scenarioId) as { document_id: string; file_name: string | null; bytes: number; updated_at: string }[];
    return rows.map((r) => ({ scenarioId, documentId: r.document_id, ...(r.file_name !== null ? { fileName: r.file_name } : {}), bytes: r.bytes, updatedAt: r.updated_at }));
  }

  /** One attached text, or undefined. */
  getDocument(scenarioId: string, documentId: string): StoredDocument | undefined {
    const r = this.db.prepare('SELECT * FROM scenario_documents WHERE scenario_id = ? AND document_id = ?').get(scenarioId, documentId) as
      | { document_id: string; file_name: string | null; text: string; updated_at: string }
      | undefined;
    return r && { scenarioId, documentId: r.document_id, ...(r.file_name !== null ? { fileName: r.file_name } : {}), text: r.text, updatedAt: r.updated_at };
  }

  /** Attaches (or replaces) the text of one of a scenario's documents. */
  putDocument(d: { scenarioId: string; documentId: string; fileName?: string; text: string }): DocumentListing {
    const t = now();
    this.db
      .prepare(
        'INSERT INTO scenario_documents (scenario_id, document_id, file_name, text, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scenario_id, document_id) DO UPDATE SET file_name = excluded.file_name, text = excluded.text, updated_at = excluded.updated_at',
      )
      .run(d.scenarioId, d.documentId, d.fileName ?? null, d.text, t);
    return { scenarioId: d.scenarioId, documentId: d.documentId, ...(d.fileName !== undefined ? { fileName: d.fileName } : {}), bytes: Buffer.byteLength(d.text, 'utf8'), updatedAt: t };
  }

  /** Removes an attached text; returns whether there was one. */
  deleteDocument(scenarioId: string, documentId: string): boolean {
    return this.db.prepare('DELETE FROM scenario_documents WHERE scenario_id = ? AND document_id = ?').run(scenarioId, documentId).changes > 0;
  }

  /** Records how a Play game started (JSON the Play routes define; see src/server/play-journal.ts). */
  putPlaySession(id: string, start: unknown): void {
    this.db.prepare('INSERT OR REPLACE INTO play_sessions (id, start, moves, updated_at) VALUES (?, ?, ?, ?)').run(id, JSON.stringify(start), '[]', now());
  }

  /** Appends one accepted move of the player to a Play game. */
  addPlayMove(id: string, move: unknown): void {
    const tx = this.db.transaction(() => {
      const r = this.db.prepare('SELECT moves FROM play_sessions WHERE id = ?').get(id) as { moves: string } | undefined;
      if (!r) return;
      const moves = JSON.parse(r.moves) as unknown[];
      moves.push(move);
      this.db.prepare('UPDATE play_sessions SET moves = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(moves), now(), id);
    });
    tx();
  }

  /** A Play game's start and moves, or undefined. */
  getPlaySession(id: string): { start: unknown; moves: unknown[]; updatedAt: string } | undefined {
    const r = this.db.prepare('SELECT start, moves, updated_at FROM play_sessions WHERE id = ?').get(id) as { start: string; moves: string; updated_at: string } | undefined;
    return r ? { start: JSON.parse(r.start) as unknown, moves: JSON.parse(r.moves) as unknown[], updatedAt: r.updated_at } : undefined;
  }

  /** Drops Play games last touched before `before` (ISO time). */
  prunePlaySessions(before: string): number {
    return this.db.prepare('DELETE FROM play_sessions WHERE updated_at < ?').run(before).changes;
  }

  /** The scenarios with a draft, newest first (without the text). */
  listDrafts(): Omit<StoredDraft, 'source'>[] {
    const rows = this.db.prepare('SELECT scenario_id, updated_at FROM drafts ORDER BY updated_at DESC').all() as { scenario_id: string; updated_at: string }[];
    return rows.map((r) => ({ scenarioId: r.scenario_id, updatedAt: r.updated_at }));
  }
}
