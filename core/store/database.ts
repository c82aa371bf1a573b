/**
 * Opens the SQLite file: WAL, foreign keys, incremental vacuum, migrations on open. A file that is
 * damaged, not a database, or written by a newer Sincro is refused without writing to it, so
 * nothing already stored is lost; before migrating an existing file, a copy is kept beside it.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as knownMigrations } from './migrations';

export type StoreProblem = 'damaged' | 'newer' | 'busy' | 'unwritable';

export class StoreError extends Error {
  constructor(
    readonly problem: StoreProblem,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export type Db = Database.Database;

/** Turns SQLite's error codes into messages that name the file and say what to do. */
export function explainSqliteError(e: unknown, file: string): StoreError | undefined {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('damaged', `The data file ${file} is damaged or is not a Sincro database (${code}). It was left untouched; restore a backup or move it away to start fresh.`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError('busy', `The data file ${file} is in use by another program and stayed locked. Close the other Sincro and try again.`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'SQLITE_FULL' || code === 'SQLITE_IOERR') {
    return new StoreError('unwritable', `The data file ${file} cannot be opened or written (${code}). Check the folder's permissions and free disk space.`);
  }
  return undefined;
}

/** `migrations` is a parameter only so tests can stage an upgrade. */
export function openDatabase(file: string, migrations = knownMigrations): Db {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const isNew = file === ':memory:' || !existsSync(file);
  let db: Db | undefined;
  try {
    db = new Database(file);
    // Read before any write: a foreign or damaged file fails here, untouched.
    const version = db.pragma('user_version', { simple: true }) as number;
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (version > latest) {
      throw new StoreError('newer', `The data file ${file} was written by a newer Sincro (schema ${version}; this version knows up to ${latest}). Update Sincro; the file was left untouched.`);
    }
    if (isNew || version === 0) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file, version, migrations);
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof StoreError) throw e;
    throw explainSqliteError(e, file) ?? e;
  }
}

function migrate(db: Db, file: string, from: number, migrations: typeof knownMigrations): void {
  const pending = migrations.filter((m) => m.version > from);
  if (!pending.length) return;
  if (from > 0 && file !== ':memory:') {
    const backup = `${file}.before-v${pending[0]?.version}.bak`;
    if (!existsSync(backup)) db.prepare('VACUUM INTO ?').run(backup);
  }
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
