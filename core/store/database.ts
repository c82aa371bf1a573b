/**
 * Opens the SQLite file: WAL, foreign keys, incremental vacuum, secure delete, migrations on open.
 * The file is first examined read-only (store-file.ts): a file that is damaged, not Sincro's, or
 * written by a newer Sincro is refused without writing to it, so nothing already stored is lost;
 * before migrating an existing file, a copy is kept beside it (the check is skipped for a file
 * exactly as Sincro left it after a passed check: checked-mark.ts). The file, its WAL and SHM are
 * readable by their owner only.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, makePrivate, writePrivateFile } from '../util/private-files';
import { migrations as knownMigrations } from './migrations';
import { StoreError, explainSqliteError } from './store-error';
import { markChecked, trustedSince } from './checked-mark';
import { examineStoreFile, refusal, SINCRO_APPLICATION_ID, type IntegrityCheck, type StoreFileVerdict } from './store-file';

export { StoreError, explainSqliteError, type StoreProblem } from './store-error';

export type Db = Database.Database;

type Migrations = typeof knownMigrations;

/** When each open file last passed its check (it is noted beside the file at a clean close). */
const lastChecked = new WeakMap<Db, number>();

/** `migrations` is a parameter only so tests can stage an upgrade. */
export function openDatabase(file: string, migrations: Migrations = knownMigrations): Db {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const trusted = file === ':memory:' ? undefined : trustedSince(file);
  const verdict = file === ':memory:' ? ({ kind: 'new' } as const) : examineFile(file, latest, trusted === undefined ? 'quick_check' : 'none');
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: file !== ':memory:' });
    if (verdict.kind === 'new') db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted rows and freed pages are overwritten with zeros, so purged history is gone from the file.
    db.pragma('secure_delete = ON');
    migrate(db, file, verdict, migrations);
    if (file !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) makePrivate(f);
    lastChecked.set(db, trusted ?? Date.now());
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof StoreError) throw e;
    throw explainSqliteError(e, file) ?? e;
  }
}

/** Closes the file and notes how it was left, so the next open need not check it again (checked-mark.ts). */
export function closeDatabase(db: Db): void {
  const file = db.name;
  db.close();
  const checkedAt = lastChecked.get(db);
  if (checkedAt !== undefined && file !== ':memory:') markChecked(file, checkedAt);
}

/** Creates a missing file 0600 (SQLite gives its WAL and SHM the file's mode), then examines it read-only. */
function examineFile(file: string, latest: number, check: IntegrityCheck): StoreFileVerdict {
  try {
    ensurePrivateDir(dirname(file));
    if (!existsSync(file)) writePrivateFile(file, '', 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StoreError('unwritable', `The data file ${file} cannot be created (${(e as Error).message}). Check the folder's permissions and free disk space.`);
    }
  }
  let verdict: StoreFileVerdict;
  try {
    verdict = examineStoreFile(file, latest, check);
  } catch (e) {
    throw explainSqliteError(e, file) ?? e;
  }
  const refused = refusal(verdict, file);
  if (refused) throw refused;
  return verdict;
}

function migrate(db: Db, file: string, verdict: StoreFileVerdict, migrations: Migrations): void {
  const from = verdict.kind === 'sincro' ? verdict.version : 0;
  const pending = migrations.filter((m) => m.version > from);
  // Stores made before the application id existed get it now: from here on they are recognised by it.
  const needsId = verdict.kind !== 'sincro' || !verdict.hasApplicationId;
  if (!pending.length && !needsId) return;
  if (pending.length && from > 0 && file !== ':memory:') {
    const backup = `${file}.before-v${pending[0]?.version}.bak`;
    if (!existsSync(backup)) {
      writePrivateFile(backup, '', 'wx'); // VACUUM INTO fills an empty file and keeps its mode
      db.prepare('VACUUM INTO ?').run(backup);
    }
  }
  const setId = () => db.pragma(`application_id = ${SINCRO_APPLICATION_ID}`);
  if (!pending.length) return void db.transaction(setId)();
  pending.forEach((m, i) => {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      if (i === 0 && needsId) setId();
    })();
  });
}
