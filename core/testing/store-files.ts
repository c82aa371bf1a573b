/**
 * Real store files for tests of opening, checking, recovering and purging: a store filled by
 * running a flow with the `sincro` CLI, its pages as SQLite lays them out (dbstat), and damage
 * done to one page the way a bad disk sector does it.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sincroIn } from './cli-call';
import { DB_FILE } from '../store/store';

/**
 * A flow reading `customers.csv` in `workDir` (email, name, note) into an NDJSON file; the CSV has
 * `rows` customers. `marker`, when given, is in every record's note and email (its key, which the
 * history keeps as text), so a test can look for it in the raw store file.
 */
export function customersFlow(workDir: string, rows: number, marker?: string): string {
  const email = (i: number) => (marker ? `${marker}-customer${i}@example.com` : `customer${i}@example.com`);
  const csv = ['email,name,note', ...Array.from({ length: rows }, (_, i) => `${email(i)},Customer ${i},${marker ?? 'note'} ${i}`)];
  writeFileSync(join(workDir, 'customers.csv'), `${csv.join('\n')}\n`);
  const flowFile = join(workDir, 'flow.json');
  writeFileSync(
    flowFile,
    JSON.stringify({
      schemaVersion: 1,
      id: 'customers-to-ndjson',
      name: 'Customers to NDJSON',
      settings: {},
      nodes: [
        { id: 'read', type: 'file.source.read', config: { path: 'customers.csv', format: 'csv', keyField: 'email' } },
        { id: 'write', type: 'file.target.write', config: { path: 'out/customers.ndjson', format: 'ndjson' } },
      ],
      edges: [{ from: { node: 'read', port: 'out' }, to: { node: 'write', port: 'in' } }],
    }),
  );
  return flowFile;
}

/** A store in `<workDir>/data` with `runs` runs of `rows` records each in its history. */
export async function storeWithHistory(workDir: string, rows: number, runs: number): Promise<{ dataDir: string; file: string; flowFile: string }> {
  const dataDir = join(workDir, 'data');
  const flowFile = customersFlow(workDir, rows);
  for (let i = 0; i < runs; i++) {
    const run = await sincroIn(dataDir, 'run', flowFile);
    if (run.code !== 0) throw new Error(`the fixture's run failed: ${run.out}${run.err}`);
  }
  return { dataDir, file: join(dataDir, DB_FILE), flowFile };
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The pages of a table (or index) with the rows on each; the file must be closed by everyone else. */
export function pagesOf(file: string, name: string): Array<{ page: number; cells: number; type: string }> {
  const db = new Database(file);
  try {
    return db.prepare('SELECT pageno AS page, ncell AS cells, pagetype AS type FROM dbstat WHERE name = ? ORDER BY pageno').all(name) as Array<{ page: number; cells: number; type: string }>;
  } finally {
    db.close(); // the last connection to a WAL file removes its -wal and -shm
  }
}

export function rowCount(file: string, table: string): number {
  const db = new Database(file);
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Overwrites the end of a page (where a b-tree page keeps its cells) with garbage; the header stays intact. */
export function damagePage(file: string, page: number, pageSize = 4096, bytes = 1500): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(bytes, 0xa5), 0, bytes, page * pageSize - bytes);
  } finally {
    closeSync(fd);
  }
}
