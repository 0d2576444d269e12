import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDatabasePath } from './data-dir.ts';
import { MIGRATIONS, migrate, schemaVersion } from './migrations.ts';
import { Store } from './store.ts';

const dirs: string[] = [];
function tempDb(): string {
  const d = mkdtempSync(join(tmpdir(), 'parley-store-'));
  dirs.push(d);
  return join(d, 'sub', 'parley.db');
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('defaultDatabasePath', () => {
  it('prefers PARLEY_DB, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(defaultDatabasePath({ PARLEY_DB: '/x/y.db', XDG_DATA_HOME: '/d' }, '/home/u')).toBe('/x/y.db');
    expect(defaultDatabasePath({ XDG_DATA_HOME: '/d' }, '/home/u')).toBe('/d/parley/parley.db');
    expect(defaultDatabasePath({}, '/home/u')).toBe('/home/u/.local/share/parley/parley.db');
  });
});

describe('migrations', () => {
  it('brings a new database to the newest version and records each step', () => {
    const path = tempDb();
    const s = Store.open(path);
    expect(s.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    s.close();
    const db = new Database(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect((db.prepare('SELECT COUNT(*) AS n FROM schema_version').get() as { n: number }).n).toBe(MIGRATIONS.length);
    expect((db.pragma('journal_mode', { simple: true }) as string).toLowerCase()).toBe('wal');
    db.close();
  });

  it('applies only the missing migrations, and a failing one leaves the previous version intact', () => {
    const db = new Database(':memory:');
    const last = MIGRATIONS.at(-1)!.version;
    expect(migrate(db, MIGRATIONS)).toBe(last);
    const extra = [...MIGRATIONS, { version: last + 1, description: 'broken', sql: 'CREATE TABLE t2 (x INTEGER); THIS IS NOT SQL;' }];
    expect(() => migrate(db, extra)).toThrow();
    expect(schemaVersion(db)).toBe(last);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't2'").get()).toBeUndefined();
    const good = [...MIGRATIONS, { version: last + 1, description: 'ok', sql: 'CREATE TABLE t2 (x INTEGER);' }];
    expect(migrate(db, good)).toBe(last + 1);
    expect(migrate(db, good)).toBe(last + 1);
    db.close();
  });

  it('refuses a database from a newer parley', () => {
    const db = new Database(':memory:');
    migrate(db, [...MIGRATIONS, { version: 99, description: 'future', sql: 'SELECT 1;' }]);
    expect(() => migrate(db)).toThrow(/newer/);
    db.close();
  });
});

describe('Store', () => {
  it('creates, lists, updates and deletes scenarios with their variants and runs', () => {
    const s = Store.open(tempDb());
    const a = s.createScenario({ name: 'A', format: 'genius', source: 'parley: 1\nname: A\n' });
    expect(s.getScenario(a.id)).toMatchObject({ name: 'A', format: 'genius', source: 'parley: 1\nname: A\n' });
    expect(s.listScenarios().map((x) => x.id)).toEqual([a.id]);
    expect(s.updateScenario(a.id, { name: 'B', source: 'parley: 1\nname: B\n' })?.name).toBe('B');
    expect(s.updateScenario('nope', { name: 'B', source: '' })).toBeUndefined();
    s.putVariant({ scenarioId: a.id, id: 'v1', description: 'd', patch: { agreement: { rule: 'unanimity' } } });
    s.putVariant({ scenarioId: a.id, id: 'v1', patch: { name: 'x' } });
    expect(s.listVariants(a.id)).toEqual([expect.objectContaining({ id: 'v1', patch: { name: 'x' } })]);
    const run = s.addRun({ scenarioId: a.id, kind: 'simulation', config: { seed: 1 }, result: { agreement: [0, 1] } });
    expect(s.listRuns(a.id)).toEqual([expect.objectContaining({ id: run.id, kind: 'simulation', config: { seed: 1 } })]);
    expect(s.getRun(run.id)?.result).toEqual({ agreement: [0, 1] });
    expect(s.deleteScenario(a.id)).toBe(true);
    expect(s.listVariants(a.id)).toEqual([]);
    expect(s.getRun(run.id)).toBeUndefined();
    s.close();
  });

  it('keeps data across reopening', () => {
    const path = tempDb();
    const s = Store.open(path);
    const a = s.createScenario({ name: 'A', format: 'parley', source: 'x' });
    s.close();
    const t = Store.open(path);
    expect(t.getScenario(a.id)?.name).toBe('A');
    t.close();
  });

  it('survives a process killed in the middle of a write transaction', () => {
    const path = tempDb();
    const s = Store.open(path);
    const kept = s.createScenario({ name: 'kept', format: 'parley', source: 'x' });
    s.close();
    // A separate process writes 2000 rows in one transaction and is killed (SIGKILL) before committing.
    const child = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec('BEGIN');
      const ins = db.prepare("INSERT INTO scenarios (id, name, format, source, created_at, updated_at) VALUES (?, 'lost', 'parley', ?, 't', 't')");
      for (let i = 0; i < 2000; i++) ins.run('lost-' + i, 'y'.repeat(2000));
      process.kill(process.pid, 'SIGKILL');
    `;
    const r = spawnSync(process.execPath, ['-e', child, path], { cwd: process.cwd(), encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    const t = Store.open(path);
    expect(t.listScenarios().map((x) => x.name)).toEqual(['kept']);
    expect(t.getScenario(kept.id)?.source).toBe('x');
    t.close();
    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
