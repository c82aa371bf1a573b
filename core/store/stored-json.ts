/**
 * JSON kept in the store's columns, read back. A value can be damaged in a way SQLite's own checks
 * cannot see (a flipped byte inside a text value leaves every page and b-tree valid), so a value
 * that does not parse is reported as damage to the data file (exit 3, naming the table, the row
 * and the column, and what to do), never as an unexpected error; and `sincro doctor` looks for such
 * values with `json_valid()` after SQLite's integrity check (findDamagedValues).
 */
import { inflateRawSync } from 'node:zlib';
// Not `Db` from database.ts: database.ts reaches this file through store-file.ts (no import cycle).
import type Database from 'better-sqlite3';
import { StoreError } from './store-error';

/** Where a stored value sits: its table, the row (by its key) and the column. */
export interface StoredPlace {
  table: string;
  row: string | number;
  column: string;
}

export const describePlace = (p: StoredPlace) => `${p.table} ${p.row}, column ${p.column}`;

/** The value parsed; a value that is not JSON throws the store's "damaged" error (exit 3). */
export function parseStoredJson<T>(text: string, place: StoredPlace, file: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw damagedValueError(file, [place]);
  }
}

/** The value parsed, or undefined when it is not JSON (for the places shown as damaged in their row). */
export function tryParseStoredJson<T>(text: string): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as T };
  } catch {
    return { ok: false };
  }
}

export function damagedValueError(file: string, places: readonly StoredPlace[], more = false): StoreError {
  const listed = places.map(describePlace).join('; ');
  const what = places.length === 1 && !more ? `a damaged value that cannot be read (${listed})` : `damaged values that cannot be read (${listed}${more ? '; and more' : ''})`;
  return new StoreError(
    'damaged',
    `The data file ${file} has ${what}. Run \`sincro doctor\` to list what is damaged, and \`sincro doctor --recover\` to copy everything into a new data file with the damaged values set aside (the damaged file is kept beside it), or restore a backup.`,
  );
}

/** The columns that hold JSON, with the expression that names a row, and whether the column may be NULL. */
export const JSON_COLUMNS = [
  { table: 'settings', column: 'value', row: "'key ' || key" },
  { table: 'connections', column: 'config', row: 'id' },
  { table: 'connections', column: 'last_test', row: 'id' },
  { table: 'flow_versions', column: 'document', row: "flow_id || ' version ' || version" },
  { table: 'runs', column: 'counts', row: 'id' },
  // Rows whose lineage is in a chunk keep '' here.
  { table: 'run_records', column: 'lineage', row: "run_id || ' record ' || seq", where: 'lineage_chunk IS NULL' },
  { table: 'id_ledger', column: 'origin', row: "scope || ' ' || entity || ' ' || source_id" },
] as const;

/** How many damaged values doctor names (a badly damaged file may have thousands). */
export const MAX_DAMAGED_VALUES = 20;

/** A damaged value and where it is, with the row's rowid (recovery sets it aside by that). */
export interface DamagedValue extends StoredPlace {
  rowid: number;
  problem: 'not valid JSON' | 'cannot be inflated';
}

/**
 * Every JSON value that is not valid JSON, and every lineage chunk that cannot be inflated, up to
 * `max`. Reads the whole history: for `sincro doctor`, after SQLite's integrity check.
 */
export function findDamagedValues(db: Database.Database, max = Number.MAX_SAFE_INTEGER): DamagedValue[] {
  const found: DamagedValue[] = [];
  for (const c of JSON_COLUMNS) {
    if (found.length >= max) return found;
    const where = `${c.column} IS NOT NULL AND NOT json_valid(${c.column})${'where' in c ? ` AND ${c.where}` : ''}`;
    const rows = db.prepare(`SELECT rowid, ${c.row} AS row FROM ${c.table} WHERE ${where} LIMIT ?`).all(max - found.length) as Array<{ rowid: number; row: string }>;
    for (const r of rows) found.push({ table: c.table, column: c.column, row: r.row, rowid: r.rowid, problem: 'not valid JSON' });
  }
  for (const chunk of db.prepare('SELECT rowid, run_id, chunk, data FROM run_lineage').iterate() as Iterable<{ rowid: number; run_id: string; chunk: number; data: Buffer }>) {
    if (found.length >= max) break;
    const lines = inflatedLines(chunk.data);
    const bad = lines && badLines(lines);
    if (!lines) found.push({ table: 'run_lineage', column: 'data', row: `${chunk.run_id} chunk ${chunk.chunk}`, rowid: chunk.rowid, problem: 'cannot be inflated' });
    else if (bad?.length) found.push({ table: 'run_lineage', column: 'data', row: `${chunk.run_id} chunk ${chunk.chunk} line ${bad.map((i) => i + 1).join(', ')}`, rowid: chunk.rowid, problem: 'not valid JSON' });
  }
  return found;
}

/** A lineage chunk's lines (lineage-chunks.ts), or undefined when its bytes cannot be inflated. */
export function inflatedLines(data: Buffer): string[] | undefined {
  try {
    return inflateRawSync(data).toString('utf8').split('\n');
  } catch {
    return undefined;
  }
}

/** The indexes of the lines that are not JSON (a flipped byte may still inflate, to garbage). */
export function badLines(lines: readonly string[]): number[] {
  return lines.flatMap((line, i) => (tryParseStoredJson(line).ok ? [] : [i]));
}
