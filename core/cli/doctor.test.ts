import Database from 'better-sqlite3';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { sincroIn } from '../testing/cli-call';
import { damagePage, pagesOf, sha256, storeWithHistory } from '../testing/store-files';
import { DB_FILE } from '../store/store';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sincro-doctor-');
});
afterEach(() => dir.remove());

/** A store of 2 runs of 200 records with one page of run records damaged after the intact header. */
async function damagedStore() {
  const made = await storeWithHistory(dir.path, 200, 2);
  const leaf = pagesOf(made.file, 'run_records').filter((p) => p.type === 'leaf')[2];
  damagePage(made.file, leaf?.page ?? 0);
  return made;
}

describe('a damaged or foreign data file (sincro)', () => {
  it('every command exits 3 naming the file and `sincro doctor`, and the file stays byte-identical with nothing beside it', async () => {
    const { dataDir, file, flowFile } = await damagedStore();
    const before = sha256(file);
    // The file, and the note of how Sincro last left it (checked-mark.ts): nothing else, before or after.
    expect(readdirSync(dataDir)).toEqual([DB_FILE, `${DB_FILE}.checked`]);
    for (const args of [['flows', 'list'], ['runs', 'list'], ['settings', 'list'], ['run', flowFile], ['purge']]) {
      const r = await sincroIn(dataDir, ...args);
      expect({ args, code: r.code }).toEqual({ args, code: 3 });
      expect(r.err).toMatch(new RegExp(`^The data file ${file} is damaged \\(SQLite's check found .*\\)\\. It was left untouched\\. Run \`sincro doctor --recover\``));
      expect(sha256(file)).toBe(before);
      expect(readdirSync(dataDir)).toEqual([DB_FILE, `${DB_FILE}.checked`]);
    }
  });

  it("refuses another application's database in the data folder with exit 3 and leaves it byte-identical", async () => {
    const dataDir = join(dir.path, 'data');
    mkdirSync(dataDir);
    const file = join(dataDir, DB_FILE);
    const other = new Database(file);
    other.pragma('journal_mode = WAL');
    other.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT); INSERT INTO photos (path) VALUES ('/holiday.jpg');");
    other.close();
    const before = sha256(file);
    for (const args of [['flows', 'list'], ['settings', 'set', 'retentionDays', '7'], ['doctor'], ['doctor', '--recover']]) {
      const r = await sincroIn(dataDir, ...args);
      expect({ args, code: r.code }).toEqual({ args, code: 3 });
      expect(r.err).toContain(`The file ${file} is not a Sincro data file (it has neither Sincro's application id nor Sincro's tables; its tables: photos). It was left untouched.`);
      expect(sha256(file)).toBe(before);
      expect(readdirSync(dataDir)).toEqual([DB_FILE]);
    }
  });
  it('a folder in the data file\'s place: every command exits 3 naming it, and it is left as it was', async () => {
    const dataDir = join(dir.path, 'data');
    const file = join(dataDir, DB_FILE);
    mkdirSync(file, { recursive: true });
    for (const args of [['runs', 'list'], ['flows', 'list'], ['doctor'], ['doctor', '--recover']]) {
      const r = await sincroIn(dataDir, ...args);
      expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 3, err: `The data file ${file} is a folder, not a file. It was left untouched. Move it out of the way (Sincro then starts a new data file), or give Sincro another folder with --data-dir.\n` });
      expect(readdirSync(dataDir)).toEqual([DB_FILE]);
      expect(readdirSync(file)).toEqual([]);
    }
  });
});

describe('sincro doctor', () => {
  it('says a healthy store is healthy (exit 0), and that there is nothing to check before the first use', async () => {
    const empty = await sincroIn(join(dir.path, 'nothing-yet'), 'doctor');
    expect(empty).toMatchObject({ code: 0, out: `There is no data file at ${join(dir.path, 'nothing-yet', DB_FILE)} yet: nothing to check.\n` });
    const { dataDir, file } = await storeWithHistory(dir.path, 10, 1);
    const before = sha256(file);
    const r = await sincroIn(dataDir, 'doctor');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^The data file ${file} is healthy: SQLite's integrity check found no problems \\(0\\.\\d MB, schema \\d+\\)\\.`));
    expect(sha256(file)).toBe(before);
  });

  it('finds the damage (exit 3); --recover puts the readable rows in a new file, keeps the damaged one, and Sincro works again', async () => {
    const { dataDir, file } = await damagedStore();
    const check = await sincroIn(dataDir, 'doctor');
    expect(check.code).toBe(3);
    expect(check.err).toMatch(/is damaged \(SQLite's check found \d+ (or more )?problems, e\.g\. "Tree \d+ page \d+/);

    const recover = await sincroIn(dataDir, 'doctor', '--recover');
    expect(recover.err).toBe('');
    expect(recover.code).toBe(0);
    expect(recover.out).toContain(`Recovered the data file ${file}: the rows still readable were copied into a new file, which passed SQLite's integrity check and is now in place.`);
    const kept = readdirSync(dataDir).find((f) => f.startsWith(`${DB_FILE}.damaged-`));
    expect(recover.out).toContain(`The damaged file is kept as ${join(dataDir, kept ?? '?')} (Sincro never deletes it).`);
    expect(recover.out).toMatch(/run_records\s+3\d\d\s+rows \d+–\d+/);
    expect(recover.out).toMatch(/runs\s+2\s*\n/);

    expect(await sincroIn(dataDir, 'doctor')).toMatchObject({ code: 0 });
    const runs = await sincroIn(dataDir, 'runs', 'list', '--json');
    expect(runs.code).toBe(0);
    expect(JSON.parse(runs.out)).toHaveLength(2);
    expect((await sincroIn(dataDir, 'doctor', '--recover')).out).toMatch(/is healthy: .* Nothing to recover\.\n$/);
  });

  it("--recover keeps a lost run's records, and `sincro runs find` still finds them, their run shown as lost", async () => {
    const { dataDir, file } = await storeWithHistory(dir.path, 20, 2);
    const runsPage = pagesOf(file, 'runs').find((p) => p.type === 'leaf');
    damagePage(file, runsPage?.page ?? 0);
    const recover = await sincroIn(dataDir, 'doctor', '--recover');
    expect(recover.code).toBe(0);
    expect(recover.out).toContain('still found by `sincro runs find`');
    expect((await sincroIn(dataDir, 'runs', 'list')).out).toBe('No runs yet.\n');

    const found = await sincroIn(dataDir, 'runs', 'find', 'customer3@example.com');
    expect(found.code).toBe(0);
    expect(found.out.split('\n').filter((l) => l.includes('customer3@example.com'))).toHaveLength(2);
    expect(found.out).toContain('(run lost in a recovery)');
    const json = JSON.parse((await sincroIn(dataDir, 'runs', 'find', 'customer3@example.com', '--json')).out) as Array<{ flowName: string; status: string; lineage: unknown }>;
    expect(json.map((r) => [r.flowName, r.status])).toEqual([['(run lost in a recovery)', 'ok'], ['(run lost in a recovery)', 'ok']]);
    expect(JSON.stringify(json[0]?.lineage)).toContain('Customer 3');
  });
});
