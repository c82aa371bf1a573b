/**
 * What a file in the data folder is, found out without writing to it: a new store, a healthy
 * Sincro store, a damaged one, one from a newer Sincro, or another application's SQLite file.
 * Only a healthy Sincro store (or an empty file) is then opened for writing, so nothing (not WAL
 * mode, not a migration, not a run's bookkeeping) touches a file that SQLite's own check finds
 * damaged or that is not Sincro's.
 *
 * A read-only connection to a WAL-mode file still creates its -wal and -shm beside it; when the
 * file is refused, the ones that were not there before are removed again.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { migrations as knownMigrations } from './migrations';
import { StoreError } from './store-error';
import { describePlace, findDamagedValues, type DamagedValue } from './stored-json';

/** `PRAGMA application_id` of every Sincro store: "SNCR" in ASCII. */
export const SINCRO_APPLICATION_ID = 0x534e4352;

/**
 * Stores made before the application id was set are recognised by Sincro's first schema: a
 * user_version of 1 or more and every table that migration 1 creates.
 */
const FIRST_SCHEMA_TABLES = [...(knownMigrations[0]?.sql ?? '').matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1] ?? '');

export type StoreFileVerdict =
  | { kind: 'new' }
  | { kind: 'sincro'; version: number; hasApplicationId: boolean; bytes: number }
  | { kind: 'damaged'; version: number | undefined; problems: string[]; notADatabase?: boolean; values?: DamagedValue[] }
  | { kind: 'newer'; version: number; latest: number }
  | { kind: 'foreign'; applicationId: number; tables: string[] };

/** `none`: the file is as Sincro left it after a passed check (checked-mark.ts); only its header and tables are read. */
export type IntegrityCheck = 'quick_check' | 'integrity_check' | 'none';

/** How many of SQLite's problem lines are kept (a badly damaged file has thousands). */
const MAX_PROBLEMS = 20;

const sidecars = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Looks at the file read-only; `latest` is the newest schema this Sincro knows. */
export function examineStoreFile(file: string, latest: number, check: IntegrityCheck = 'quick_check'): StoreFileVerdict {
  // SQLite reports a folder in the data file's place only as "disk I/O error".
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new StoreError('unwritable', `The data file ${file} is a folder, not a file. It was left untouched. Move it out of the way (Sincro then starts a new data file), or give Sincro another folder with --data-dir.`);
  }
  const existedBefore = new Set(sidecars(file).filter((f) => existsSync(f)));
  let verdict: StoreFileVerdict | undefined;
  try {
    verdict = examine(file, latest, check);
    return verdict;
  } finally {
    if (verdict?.kind !== 'sincro' && verdict?.kind !== 'new') {
      for (const f of sidecars(file)) if (!existedBefore.has(f)) rmSync(f, { force: true });
    }
  }
}

function examine(file: string, latest: number, check: IntegrityCheck): StoreFileVerdict {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return damagedOr(e, undefined);
  }
  let version: number | undefined;
  try {
    // The header first: these two come from page 1's first 100 bytes, readable even when the rest is not.
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    if (applicationId !== SINCRO_APPLICATION_ID) {
      const empty = applicationId === 0 && version === 0 && tables.length === 0;
      const firstSincroSchema = applicationId === 0 && version >= 1 && FIRST_SCHEMA_TABLES.every((t) => tables.includes(t));
      if (empty) return { kind: 'new' };
      if (!firstSincroSchema) return { kind: 'foreign', applicationId, tables };
    }
    if (version > latest) return { kind: 'newer', version, latest };
    // One row can hold several problems, one a line, under a "*** in database main ***" heading.
    const problems = check === 'none' ? ['ok'] : (db.pragma(`${check}(${MAX_PROBLEMS})`) as Array<Record<string, string>>)
      .flatMap((row) => String(Object.values(row)[0] ?? '').split('\n'))
      .filter((line) => line && !line.startsWith('*** in database'));
    if (problems.length !== 1 || problems[0] !== 'ok') return { kind: 'damaged', version, problems };
    // The full check looks into the values too: a flipped byte inside a stored JSON text or a
    // compressed lineage leaves every page valid, so SQLite's check cannot see it (stored-json.ts).
    if (check === 'integrity_check' && version >= 1) {
      const values = findDamagedValues(db, MAX_PROBLEMS);
      if (values.length) return { kind: 'damaged', version, problems: values.map((v) => `${describePlace(v)}: ${v.problem}`), values };
    }
    if (version === 0 && tables.length === 0) return { kind: 'new' };
    return { kind: 'sincro', version, hasApplicationId: applicationId === SINCRO_APPLICATION_ID, bytes: statSync(file).size };
  } catch (e) {
    return damagedOr(e, version);
  } finally {
    db.close();
  }
}

function damagedOr(e: unknown, version: number | undefined): StoreFileVerdict {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_NOTADB') return { kind: 'damaged', version, problems: [`SQLite: ${(e as Error).message} (${code})`], notADatabase: true };
  if (code.startsWith('SQLITE_CORRUPT')) return { kind: 'damaged', version, problems: [`SQLite: ${(e as Error).message} (${code})`] };
  throw e;
}

/** The message and problem kind for a file that may not be opened; undefined when it may. */
export function refusal(verdict: StoreFileVerdict, file: string): StoreError | undefined {
  switch (verdict.kind) {
    case 'new':
    case 'sincro':
      return undefined;
    case 'damaged':
      if (verdict.values) {
        return new StoreError(
          'damaged',
          `The data file ${file} has damaged values that SQLite's integrity check cannot see (${describeProblems(verdict.problems)}). It was left untouched. ` +
            'Run `sincro doctor --recover` to copy everything into a new data file with the damaged values set aside (the damaged file is kept beside it), or restore a backup.',
        );
      }
      if (verdict.notADatabase) {
        return new StoreError('damaged', `The data file ${file} is not a SQLite database, or its first page is damaged (SQLITE_NOTADB). It was left untouched; restore a backup, or move it away to start fresh.`);
      }
      return new StoreError(
        'damaged',
        `The data file ${file} is damaged (SQLite's check found ${describeProblems(verdict.problems)}). It was left untouched. ` +
          'Run `sincro doctor --recover` to copy everything still readable into a new data file (the damaged one is kept beside it), or restore a backup.',
      );
    case 'newer':
      return new StoreError('newer', `The data file ${file} was written by a newer Sincro (schema ${verdict.version}; this version knows up to ${verdict.latest}). Update Sincro; the file was left untouched.`);
    case 'foreign':
      return new StoreError(
        'foreign',
        `The file ${file} is not a Sincro data file (${foreignReason(verdict.applicationId, verdict.tables)}). ` +
          'It was left untouched. Move it out of the data folder, or give Sincro another folder with --data-dir.',
      );
  }
}

function foreignReason(applicationId: number, tables: string[]): string {
  if (applicationId !== 0) return `it is marked as another application's: application id 0x${applicationId.toString(16)}`;
  const listed = tables.length ? `; its tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}` : '';
  return `it has neither Sincro's application id nor Sincro's tables${listed}`;
}

function describeProblems(problems: string[]): string {
  const first = problems[0] ?? 'a problem';
  return problems.length === 1 ? `"${first}"` : `${problems.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS} or more` : problems.length} problems, e.g. "${first}"`;
}
