import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { openDatabase, StoreError } from './database';
import { migrations } from './migrations';
import { DB_FILE, Store } from './store';

let dirs: Array<{ remove(): void }> = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
afterEach(() => {
  dirs.forEach((d) => d.remove());
  dirs = [];
});
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as StoreError;
  }
  throw new Error('expected a StoreError');
};

describe('the SQLite store', () => {
  it('creates the file with WAL, foreign keys, incremental vacuum and every migration', () => {
    const db = openDatabase(join(fresh(), DB_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    db.close();
  });

  it('refuses a file from a newer Sincro and leaves it untouched', () => {
    const file = join(fresh(), DB_FILE);
    const db = openDatabase(file);
    db.pragma('user_version = 99');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(file);
    const e = failure(() => openDatabase(file));
    expect(e.problem).toBe('newer');
    expect(e.message).toBe(`The data file ${file} was written by a newer Sincro (schema 99; this version knows up to ${migrations.at(-1)?.version}). Update Sincro; the file was left untouched.`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged file and leaves it untouched', () => {
    const dir = fresh();
    const file = join(dir, DB_FILE);
    writeFileSync(file, Buffer.alloc(8192, 'not a database '));
    const before = readFileSync(file);
    const e = failure(() => Store.open({ dataDir: dir }));
    expect(e.problem).toBe('damaged');
    expect(e.message).toBe(`The data file ${file} is not a SQLite database, or its first page is damaged (SQLITE_NOTADB). It was left untouched; restore a backup, or move it away to start fresh.`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('keeps a copy of the file before it migrates it to a new schema, and keeps the data', () => {
    const file = join(fresh(), DB_FILE);
    const current = openDatabase(file, migrations);
    current.prepare("INSERT INTO settings (key, value) VALUES ('retentionDays', '7')").run();
    current.close();
    const next = [...migrations, { version: 1000, sql: 'CREATE TABLE later_feature (id INTEGER PRIMARY KEY);' }];
    const upgraded = openDatabase(file, next);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(1000);
    expect(upgraded.prepare("SELECT value FROM settings WHERE key = 'retentionDays'").get()).toEqual({ value: '7' });
    upgraded.close();
    expect(statSync(`${file}.before-v1000.bak`).size).toBeGreaterThan(0);
  });

  it('brings a store made by the last version out (schema 5) up to date, the schedules’ tables included', () => {
    const file = join(fresh(), DB_FILE);
    openDatabase(file, migrations.filter((m) => m.version <= 5)).close();
    const upgraded = openDatabase(file);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    const tables = upgraded.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['schedule_state', 'schedule_log', 'scheduler_lock', 'runs_interrupted_untold']));
    upgraded.close();
  });

  it('marks runs that were left running by a crash as failed, with a plain reason', () => {
    const dir = fresh();
    const store = Store.open({ dataDir: dir });
    store.runs.start({ runId: 'r1', flowId: 'f', flowVersion: null, flowName: 'F', dryRun: false, trigger: 'cli', startedAt: new Date().toISOString() });
    store.close();
    const reopened = Store.open({ dataDir: dir });
    expect(reopened.runs.get('r1')).toMatchObject({ status: 'failed', error: expect.stringMatching(/Sincro stopped while this run was going on/) });
    reopened.close();
  });
});
