import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { damagePage, pagesOf, rowCount, sha256, storeWithHistory } from '../testing/store-files';
import { migrations } from './migrations';
import { recoverStore } from './recover';
import { DB_FILE, Store } from './store';
import { examineStoreFile, SINCRO_APPLICATION_ID } from './store-file';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sincro-recover-');
});
afterEach(() => dir.remove());

const latest = migrations.at(-1)?.version ?? 0;
const NOW = new Date('2026-12-02T10:11:12.345Z');

describe('recovering a damaged store (sincro doctor --recover)', () => {
  it('copies every row not on a damaged page into a new file that takes its place, and keeps the damaged file', async () => {
    const { dataDir, file } = await storeWithHistory(dir.path, 300, 3);
    const records = rowCount(file, 'run_records');
    const runs = rowCount(file, 'runs');
    const leaves = pagesOf(file, 'run_records').filter((p) => p.type === 'leaf');
    const hit = leaves[Math.floor(leaves.length / 2)];
    if (!hit) throw new Error('the fixture has too few pages');
    const original = join(dir.path, 'before-the-damage.db');
    copyFileSync(file, original);
    damagePage(file, hit.page); // 1,500 bytes, as a bad sector would
    expect(examineStoreFile(file, latest).kind).toBe('damaged');
    const damaged = readFileSync(file);

    const outcome = recoverStore(file, NOW);
    if (outcome.kind !== 'recovered') throw new Error(`expected a recovery, got ${outcome.kind}`);
    expect(outcome.keptAs).toBe(`${file}.damaged-20261202T101112Z`);
    expect(readFileSync(outcome.keptAs).equals(damaged)).toBe(true);
    expect(readdirSync(dataDir).sort()).toEqual([DB_FILE, `${DB_FILE}.damaged-20261202T101112Z`]);

    const byTable = Object.fromEntries(outcome.tables.map((t) => [t.table, t]));
    // The rows lost are some of the damaged page's and exactly the range reported; every row copied is the original row.
    const lost = byTable['run_records']?.skipped ?? [];
    expect(lost).toHaveLength(1);
    const [{ from = 0, to = 0 } = {}] = lost;
    expect(to - from + 1).toBeGreaterThan(0);
    expect(to - from + 1).toBeLessThanOrEqual(hit.cells);
    expect(byTable['run_records']?.copied).toBe(records - (to - from + 1));
    const db = new Database(file, { readonly: true });
    db.prepare('ATTACH ? AS original').run(original);
    expect(db.prepare('SELECT count(*) AS n FROM (SELECT * FROM run_records EXCEPT SELECT * FROM original.run_records)').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT min(id) AS first, max(id) AS last FROM (SELECT id FROM original.run_records EXCEPT SELECT id FROM run_records)').get()).toEqual({ first: from, last: to });
    db.close();
    expect(byTable['runs']).toEqual({ table: 'runs', copied: runs, skipped: [] });
    expect(byTable['flows']).toEqual({ table: 'flows', copied: 1, skipped: [] });
    expect(byTable['flow_versions']).toEqual({ table: 'flow_versions', copied: 1, skipped: [] });

    expect(examineStoreFile(file, latest, 'integrity_check')).toMatchObject({ kind: 'sincro', hasApplicationId: true });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const store = Store.open({ dataDir });
    expect(store.db.pragma('application_id', { simple: true })).toBe(SINCRO_APPLICATION_ID);
    expect(store.flows.list().map((f) => f.id)).toEqual(['customers-to-ndjson']);
    expect(store.db.prepare("SELECT count(*) AS n FROM run_records WHERE source_key = 'customer0@example.com'").get()).toEqual({ n: 3 });
    store.close();
  });

  it('keeps the other tables when one table cannot be walked at all (its root page is damaged)', async () => {
    const { file } = await storeWithHistory(dir.path, 300, 2);
    const root = pagesOf(file, 'run_records').find((p) => p.type === 'internal');
    if (!root) throw new Error('run_records fits on one page; the fixture needs more rows');
    const runs = rowCount(file, 'runs');
    damagePage(file, root.page);

    const outcome = recoverStore(file, NOW);
    if (outcome.kind !== 'recovered') throw new Error(`expected a recovery, got ${outcome.kind}`);
    const byTable = Object.fromEntries(outcome.tables.map((t) => [t.table, t]));
    expect(byTable['run_records']?.copied).toBe(0);
    expect(byTable['runs']?.copied).toBe(runs);
    expect(byTable['flow_versions']?.copied).toBe(1);
  });

  it('leaves the data folder as it was when nothing can be read (the list of tables is damaged)', () => {
    const dataDir = join(dir.path, 'data');
    const store = Store.open({ dataDir });
    store.close();
    const file = join(dataDir, DB_FILE);
    // The list of tables starts on page 1 (after the 100-byte header) and, as the schema grows, spills into more pages.
    const schemaPages = (() => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'").all() as Array<{ pageno: number }>).map((p) => p.pageno);
      } finally {
        db.close();
        for (const extra of ['-wal', '-shm']) rmSync(`${file}${extra}`, { force: true });
      }
    })();
    expect(schemaPages).toContain(1);
    for (const page of schemaPages) damagePage(file, page, 4096, page === 1 ? 3000 : 4096);
    const before = sha256(file);
    const files = readdirSync(dataDir);
    expect(() => recoverStore(file, NOW)).toThrow(`The list of tables in ${file} cannot be read`);
    expect(sha256(file)).toBe(before);
    expect(readdirSync(dataDir)).toEqual(files);
  });

  it('does nothing to a healthy store, and refuses a file that is not Sincro’s', async () => {
    const { file } = await storeWithHistory(dir.path, 5, 1);
    const before = sha256(file);
    expect(recoverStore(file, NOW)).toMatchObject({ kind: 'not-damaged', verdict: { kind: 'sincro' } });
    expect(sha256(file)).toBe(before);

    const foreign = join(dir.path, 'other.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    expect(() => recoverStore(foreign, NOW)).toThrow(/is not a Sincro data file/);
  });
});
