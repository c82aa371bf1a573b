import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { damagePage, pagesOf, sha256, storeWithHistory } from '../testing/store-files';
import { openDatabase, StoreError } from './database';
import { migrations } from './migrations';
import { DB_FILE, Store } from './store';
import { SINCRO_APPLICATION_ID } from './store-file';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sincro-store-file-');
});
afterEach(() => dir.remove());

const refusal = (fn: () => unknown): StoreError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
};

/** Another program's database: its own tables, no application id, optionally in WAL mode. */
function foreignFile(file: string, opts: { wal?: boolean; applicationId?: number } = {}): void {
  const db = new Database(file);
  if (opts.wal) db.pragma('journal_mode = WAL');
  if (opts.applicationId) db.pragma(`application_id = ${opts.applicationId}`);
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('shopping list');");
  db.close();
}

describe('opening the data file', () => {
  it('refuses a store damaged after its intact header, without writing to it or leaving a -wal or -shm beside it', async () => {
    const { dataDir, file } = await storeWithHistory(dir.path, 200, 2);
    const leaf = pagesOf(file, 'run_records').filter((p) => p.type === 'leaf')[3];
    damagePage(file, leaf?.page ?? 0);
    const before = sha256(file);

    const e = refusal(() => Store.open({ dataDir }));
    expect(e.problem).toBe('damaged');
    expect(e.message).toMatch(new RegExp(`^The data file ${file} is damaged \\(SQLite's check found \\d+ (or more )?problems, e\\.g\\. "Tree \\d+ page ${leaf?.page}`));
    expect(e.message).toContain('It was left untouched. Run `sincro doctor --recover` to copy everything still readable into a new data file (the damaged one is kept beside it), or restore a backup.');
    expect(sha256(file)).toBe(before);
    // Nothing beside it but the note of how Sincro last left it (checked-mark.ts), from before the damage.
    expect(readdirSync(dataDir)).toEqual([DB_FILE, `${DB_FILE}.checked`]);
  });

  it('refuses a damaged store that a crash left with a WAL, leaving the file and the WAL byte-identical', async () => {
    const { dataDir, file } = await storeWithHistory(dir.path, 200, 2);
    const leaf = pagesOf(file, 'run_records').filter((p) => p.type === 'leaf')[2];
    // A crash image: the files copied while a store with unsaved changes in its WAL is open.
    const live = Store.open({ dataDir });
    live.settings.set('retentionDays', 12);
    const crashed = join(dir.path, 'crashed');
    mkdirSync(crashed);
    for (const suffix of ['', '-wal']) copyFileSync(`${file}${suffix}`, join(crashed, `${DB_FILE}${suffix}`));
    live.close();
    const crashedFile = join(crashed, DB_FILE);
    damagePage(crashedFile, leaf?.page ?? 0);
    expect(statSync(`${crashedFile}-wal`).size).toBeGreaterThan(0);
    const before = [sha256(crashedFile), sha256(`${crashedFile}-wal`)];

    expect(refusal(() => Store.open({ dataDir: crashed })).problem).toBe('damaged');
    expect([sha256(crashedFile), sha256(`${crashedFile}-wal`)]).toEqual(before);
    expect(readdirSync(crashed)).toEqual([DB_FILE, `${DB_FILE}-wal`]);
  });

  it("refuses another application's SQLite file (its own tables, no application id) and leaves it byte-identical", () => {
    for (const wal of [false, true]) {
      const folder = join(dir.path, wal ? 'wal' : 'rollback');
      const file = join(folder, DB_FILE);
      mkdirSync(folder);
      foreignFile(file, { wal });
      const before = readFileSync(file);
      const listed = readdirSync(folder);

      const e = refusal(() => Store.open({ dataDir: folder }));
      expect(e.problem).toBe('foreign');
      expect(e.message).toBe(`The file ${file} is not a Sincro data file (it has neither Sincro's application id nor Sincro's tables; its tables: notes). It was left untouched. Move it out of the data folder, or give Sincro another folder with --data-dir.`);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(readdirSync(folder)).toEqual(listed);
    }
  });

  it('refuses a file marked with another application id, even with tables named like Sincro’s', () => {
    const file = join(dir.path, DB_FILE);
    const other = openDatabase(file); // Sincro's tables…
    other.pragma('application_id = 1234'); // …but another program's mark
    other.close();
    const before = sha256(file);
    const e = refusal(() => openDatabase(file));
    expect(e.message).toContain("it is marked as another application's: application id 0x4d2");
    expect(sha256(file)).toBe(before);
  });

  it('marks a new store with Sincro’s application id ("SNCR")', () => {
    const db = openDatabase(join(dir.path, DB_FILE));
    expect(db.pragma('application_id', { simple: true })).toBe(0x534e4352);
    expect(Buffer.from('SNCR').readUInt32BE()).toBe(SINCRO_APPLICATION_ID);
    db.close();
  });

  it('opens a store made before the application id existed, gives it the id and keeps its data', () => {
    const file = join(dir.path, DB_FILE);
    const old = openDatabase(file);
    old.prepare("INSERT INTO settings (key, value) VALUES ('retentionDays', '7')").run();
    old.pragma('application_id = 0'); // as every store before this version
    old.close();

    const reopened = openDatabase(file);
    expect(reopened.pragma('application_id', { simple: true })).toBe(SINCRO_APPLICATION_ID);
    expect(reopened.prepare("SELECT value FROM settings WHERE key = 'retentionDays'").get()).toEqual({ value: '7' });
    reopened.close();
  });

  it('sets the id in the same transaction as the next migration of an old store', () => {
    const file = join(dir.path, DB_FILE);
    const old = openDatabase(file, migrations.slice(0, 1));
    old.prepare("INSERT INTO settings (key, value) VALUES ('retentionDays', '9')").run();
    old.pragma('application_id = 0');
    old.close();

    const upgraded = openDatabase(file, [...migrations, { version: 1000, sql: 'CREATE TABLE later_feature (id INTEGER PRIMARY KEY);' }]);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(1000);
    expect(upgraded.pragma('application_id', { simple: true })).toBe(SINCRO_APPLICATION_ID);
    expect(upgraded.prepare("SELECT value FROM settings WHERE key = 'retentionDays'").get()).toEqual({ value: '9' });
    upgraded.close();
  });

  it('opens an empty file (made by a crash before the first migration) as a new store', () => {
    const dataDir = join(dir.path, 'data');
    mkdirSync(dataDir);
    const file = join(dataDir, DB_FILE);
    new Database(file).close(); // 0 bytes
    const store = Store.open({ dataDir });
    expect(store.db.pragma('application_id', { simple: true })).toBe(SINCRO_APPLICATION_ID);
    store.close();
  });

  it.skipIf(process.platform === 'win32')('tightens a store an older Sincro left readable by others to 0600, but not a file it refuses', () => {
    const file = join(dir.path, DB_FILE);
    openDatabase(file).close();
    chmodSync(file, 0o644);
    openDatabase(file).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const foreign = join(dir.path, 'other', DB_FILE);
    mkdirSync(join(dir.path, 'other'));
    foreignFile(foreign);
    chmodSync(foreign, 0o644);
    expect(() => openDatabase(foreign)).toThrow(StoreError);
    expect(statSync(foreign).mode & 0o777).toBe(0o644);
  });
});
