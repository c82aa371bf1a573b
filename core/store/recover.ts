/**
 * `sincro doctor --recover`: everything still readable in a damaged data file, copied into a new
 * one, which is checked and then put in place; the damaged file is renamed aside with a timestamp
 * and never deleted.
 *
 * Why a copy of rows and not SQLite's `.recover`: that command of the sqlite3 shell reads raw pages
 * through the `sqlite_dbpage` table, which better-sqlite3 is built without, and Debian's `sqlite3`
 * package (12, "bookworm") is built without it too: its `.recover` fails with "SQL logic error" on
 * every file, healthy or not. A desktop user has no sqlite3 shell at all. So the recovery reads
 * through SQLite itself, table by table, skipping damaged pages (copy-readable-rows.ts).
 *
 * The damaged file is only ever read through a copy in a private folder beside it, so even a
 * recovery that fails leaves it (and the folder) as it was.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensurePrivateDir, makePrivate } from '../util/private-files';
import { copyReadableRows, type TableRecovery } from './copy-readable-rows';
import { openDatabase } from './database';
import { migrations as knownMigrations } from './migrations';
import { setAsideDamagedValues, type SetAside } from './set-aside-damaged';
import { StoreError } from './store-error';
import { examineStoreFile, refusal, type StoreFileVerdict } from './store-file';

export type RecoveryOutcome =
  /** Nothing was done: the file is healthy, missing, or not one Sincro may touch (see the verdict). */
  | { kind: 'not-damaged'; verdict: StoreFileVerdict }
  | {
      kind: 'recovered';
      /** Where the damaged file now is. */
      keptAs: string;
      tables: TableRecovery[];
      /** Rows whose parent row was lost (a run's records without the run, a flow's versions without the flow). */
      orphans: number;
      /** Values SQLite could read but Sincro could not (stored-json.ts), and what became of each. */
      setAside: SetAside[];
    };

const stampOf = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export function recoverStore(file: string, now = new Date(), migrations = knownMigrations): RecoveryOutcome {
  const latest = migrations.at(-1)?.version ?? 0;
  if (!existsSync(file)) return { kind: 'not-damaged', verdict: { kind: 'new' } };
  const verdict = examineStoreFile(file, latest, 'integrity_check');
  if (verdict.kind !== 'damaged') {
    const refused = refusal(verdict, file);
    if (refused) throw refused;
    return { kind: 'not-damaged', verdict };
  }
  const stamp = stampOf(now);
  const work = join(dirname(file), `.sincro-recovering-${stamp}`);
  const recovered = `${file}.recovered-${stamp}`;
  try {
    ensurePrivateDir(work);
    const copy = join(work, basename(file));
    for (const suffix of ['', '-wal']) {
      if (!existsSync(`${file}${suffix}`)) continue;
      copyFileSync(`${file}${suffix}`, `${copy}${suffix}`);
      makePrivate(`${copy}${suffix}`);
    }
    // The new file starts at the damaged file's schema, so every column has its place; it is
    // brought to the latest schema once the rows are in.
    const version = verdict.version !== undefined && verdict.version >= 1 && verdict.version <= latest ? verdict.version : latest;
    const { tables, orphans, setAside } = copyAll(copy, recovered, migrations.filter((m) => m.version <= version), file);
    const check = examineStoreFile(recovered, latest, 'integrity_check');
    if (check.kind !== 'sincro') throw new StoreError('damaged', `The recovered copy of ${file} did not pass SQLite's integrity check (${check.kind}); the damaged file was left as it is.`);
    openDatabase(recovered, migrations).close();

    const keptAs = `${file}.damaged-${stamp}`;
    renameSync(file, keptAs);
    makePrivate(keptAs);
    for (const suffix of ['-wal', '-shm']) if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${keptAs}${suffix}`);
    renameSync(recovered, file);
    // The note of how Sincro last left the old file (checked-mark.ts) does not describe this one.
    rmSync(`${file}.checked`, { force: true });
    return { kind: 'recovered', keptAs, tables, orphans, setAside };
  } finally {
    rmSync(work, { recursive: true, force: true });
    // Files of the recovery itself (a half-made copy, the migration's backup of it), never the damaged file.
    for (const name of readdirSync(dirname(file))) {
      if (name.startsWith(basename(recovered))) rmSync(join(dirname(file), name), { force: true });
    }
  }
}

function copyAll(sourceFile: string, targetFile: string, migrations: typeof knownMigrations, originalFile: string): { tables: TableRecovery[]; orphans: number; setAside: SetAside[] } {
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  let target: Database.Database | undefined;
  try {
    let sourceTables: string[];
    try {
      sourceTables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    } catch (e) {
      throw new StoreError('damaged', `The list of tables in ${originalFile} cannot be read (${(e as Error).message}), so nothing can be copied out of it; the file was left as it is. Restore a backup.`);
    }
    target = openDatabase(targetFile, migrations);
    target.pragma('foreign_keys = OFF'); // parents may be lost while their children survive: keep the children
    const targetTables = target.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").pluck().all() as string[];
    const tables = targetTables.filter((t) => sourceTables.includes(t)).map((t) => copyReadableRows(source, target as Database.Database, t));
    const setAside = (target as Database.Database).transaction(() => setAsideDamagedValues(target as Database.Database))();
    const orphans = (target.pragma('foreign_key_check') as unknown[]).length;
    return { tables, orphans, setAside };
  } finally {
    target?.close();
    source.close();
  }
}
