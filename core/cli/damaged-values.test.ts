/**
 * Values SQLite's checks cannot see as damaged: a stored JSON text or compressed lineage changed
 * inside a valid page (here with a raw UPDATE, the simplest reproducible damage). Every command
 * exits with its documented code and says what is damaged where, never "unexpected error";
 * `sincro doctor` finds them, and `--recover` sets them aside.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { sincroIn } from '../testing/cli-call';
import { storeWithHistory } from '../testing/store-files';
import { Store } from '../store/store';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sincro-damaged-values-');
});
afterEach(() => dir.remove());

/** Runs SQL on the closed store's file as another program would (no foreign keys: nothing else changes). */
function rawly<T>(file: string, act: (db: Database.Database) => T): T {
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  try {
    return act(db);
  } finally {
    db.close();
  }
}

/** Two runs of 20 customers, and a connection that was tested. */
async function store() {
  const made = await storeWithHistory(dir.path, 20, 2);
  const s = Store.open({ dataDir: made.dataDir });
  s.connections.add({ id: 'conn_shop', kind: 'http', name: 'Shop', config: { baseUrl: 'http://127.0.0.1:1' } });
  s.connections.recordTest('conn_shop', { ok: true, message: 'fine' });
  s.close();
  const runs = rawly(made.file, (db) => db.prepare('SELECT id FROM runs ORDER BY started_at DESC').pluck().all() as string[]);
  return { ...made, newest: runs[0] as string, oldest: runs[1] as string };
}

const never = (r: { err: string; out: string }) => expect(`${r.out}${r.err}`).not.toMatch(/unexpected error|Unexpected token|is not valid JSON|at .*\.ts:\d+/);

describe('a damaged value SQLite cannot see', () => {
  it("a run's counts: the lists go on and show the run as damaged; doctor finds it (exit 3); --recover counts it again", async () => {
    const { dataDir, file, newest, oldest } = await store();
    rawly(file, (db) => db.prepare('UPDATE runs SET counts = ? WHERE id = ?').run('{"read": 2\u00a5', newest));

    const list = await sincroIn(dataDir, 'runs', 'list');
    never(list);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(new RegExp(`${newest}\\s.*succeeded \\(history damaged\\)\\s.*\\?\\s+\\?\\s+\\?\\s+\\?`));
    expect(list.out).toMatch(new RegExp(`${oldest}\\s.*succeeded\\s.*20\\s+20\\s+0\\s+0`));
    expect(list.out).toContain(`One run has damaged history (${newest})`);
    const show = await sincroIn(dataDir, 'runs', 'show', newest);
    never(show);
    expect(show).toMatchObject({ code: 0 });
    expect(show.out).toContain(`History damaged: the run's counts (runs ${newest}, column counts) cannot be read. \`sincro doctor --recover\` counts them again from its records.`);
    const found = await sincroIn(dataDir, 'runs', 'find', 'customer3@example.com');
    expect(found.code).toBe(0);
    expect(found.out.split('\n').filter((l) => l.includes('customer3@example.com'))).toHaveLength(2);

    const doctor = await sincroIn(dataDir, 'doctor');
    never(doctor);
    expect(doctor.code).toBe(3);
    expect(doctor.err).toContain(`The data file ${file} has damaged values that SQLite's integrity check cannot see ("runs ${newest}, column counts: not valid JSON"). It was left untouched. Run \`sincro doctor --recover\``);

    const recover = await sincroIn(dataDir, 'doctor', '--recover');
    expect(recover).toMatchObject({ code: 0, err: '' });
    expect(recover.out).toContain(`runs ${newest}, column counts: counted again from its records`);
    expect((await sincroIn(dataDir, 'doctor')).code).toBe(0);
    const after = JSON.parse((await sincroIn(dataDir, 'runs', 'list', '--json')).out) as Array<{ id: string; counts: { read: number; ok: number }; damaged?: string }>;
    expect(after.map((r) => [r.id, r.counts.read, r.counts.ok, r.damaged])).toEqual([[newest, 20, 20, undefined], [oldest, 20, 20, undefined]]);
  });

  it("a lineage chunk that cannot be inflated, and one with a line that is not JSON: records are shown with their lineage damaged; --recover keeps them", async () => {
    const { dataDir, file, newest, oldest } = await store();
    rawly(file, (db) => {
      db.prepare('UPDATE run_lineage SET data = ? WHERE run_id = ?').run(Buffer.alloc(40, 0xff), newest);
      const lines = Array.from({ length: 20 }, (_, i) => (i === 3 ? '[{"node":"read","data":{"emai' : '[]'));
      db.prepare('UPDATE run_lineage SET data = ? WHERE run_id = ?').run(deflateRawSync(lines.join('\n')), oldest);
    });
    for (const args of [['runs', 'show', newest, '--records'], ['runs', 'show', oldest, '--records', '--json'], ['runs', 'find', 'customer3@example.com', '--json'], ['runs', 'export', newest, '--out', join(dir.path, 'x.ndjson')]]) {
      const r = await sincroIn(dataDir, ...args);
      never(r);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
    }
    // A lineage's shape (one step saying what), so the screen's record view shows it as any other.
    const found = JSON.parse((await sincroIn(dataDir, 'runs', 'find', 'customer3@example.com', '--json')).out) as Array<{ runId: string; lineage: Array<{ node: string; error: string }> }>;
    expect(found.map((r) => r.lineage.map((s) => s.node))).toEqual([['(history damaged)'], ['(history damaged)']]);
    expect(found.map((r) => [r.runId, r.lineage[0]?.error])).toEqual([
      [newest, `History damaged: this record's lineage (run_lineage ${newest} chunk 0, column data) cannot be read. \`sincro doctor --recover\` sets it aside.`],
      [oldest, `History damaged: this record's lineage (run_lineage ${oldest} chunk 0 line 4 (record ${oldest} record 3), column data) cannot be read. \`sincro doctor --recover\` sets it aside.`],
    ]);

    const doctor = await sincroIn(dataDir, 'doctor');
    expect(doctor.code).toBe(3);
    expect(doctor.err).toContain(`run_lineage ${newest} chunk 0, column data: cannot be inflated`);
    expect(doctor.err).toContain(`run_lineage ${oldest} chunk 0 line 4, column data: not valid JSON`);

    const recover = await sincroIn(dataDir, 'doctor', '--recover');
    expect(recover).toMatchObject({ code: 0, err: '' });
    expect(recover.out).toContain(`run_lineage ${newest} chunk 0, column data: the 20 records kept, their lineages marked as lost`);
    expect(recover.out).toContain(`run_lineage ${oldest} chunk 0 line 4, column data: the records kept, one lineage marked as lost`);
    expect((await sincroIn(dataDir, 'doctor')).code).toBe(0);
    const again = JSON.parse((await sincroIn(dataDir, 'runs', 'find', 'customer3@example.com', '--json')).out) as Array<{ lineage: Array<{ error: string }> }>;
    expect(again.map((r) => r.lineage[0]?.error)).toEqual(Array(2).fill('History damaged: this lineage could not be read and was set aside by `sincro doctor --recover`.'));
    const other = JSON.parse((await sincroIn(dataDir, 'runs', 'find', 'customer4@example.com', '--json')).out) as Array<{ runId: string; lineage: unknown }>;
    expect(other.find((r) => r.runId === oldest)?.lineage).toEqual([]);
  });

  it("a flow's document: flows list shows it as damaged, reading it exits 3 naming the place; --recover removes the version", async () => {
    const { dataDir, file, flowFile } = await store();
    rawly(file, (db) => db.prepare("UPDATE flow_versions SET document = substr(document, 1, 50) WHERE flow_id = 'customers-to-ndjson'").run());
    const list = await sincroIn(dataDir, 'flows', 'list');
    never(list);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/customers-to-ndjson\s+Customers to NDJSON\s+1 \(damaged\)/);
    const place = 'flow_versions customers-to-ndjson version 1, column document';
    expect(list.out).toContain(`Customers to NDJSON: The data file ${file} has a damaged value that cannot be read (${place}).`);
    const exported = await sincroIn(dataDir, 'flows', 'export', 'customers-to-ndjson');
    never(exported);
    expect(exported.code).toBe(3);
    expect(exported.err).toContain(`(${place}). Run \`sincro doctor\` to list what is damaged, and \`sincro doctor --recover\``);
    expect((await sincroIn(dataDir, 'doctor')).err).toContain(`${place}: not valid JSON`);

    const recover = await sincroIn(dataDir, 'doctor', '--recover');
    expect(recover.code).toBe(0);
    expect(recover.out).toContain(`${place}: removed; it was the flow's only version, so the flow is gone (its runs stay)`);
    expect((await sincroIn(dataDir, 'flows', 'list')).out).toContain('No flows are stored yet.');
    expect((await sincroIn(dataDir, 'run', flowFile)).code).toBe(0);
    expect((await sincroIn(dataDir, 'doctor')).code).toBe(0);
  });

  it("a connection's settings and last test; a setting: exit 3 naming the place; --recover sets them aside", async () => {
    const { dataDir, file } = await store();
    rawly(file, (db) => db.prepare("UPDATE connections SET config = '{\"baseUrl\":', last_test = 'x' WHERE id = 'conn_shop'").run());
    const list = await sincroIn(dataDir, 'connections', 'list');
    never(list);
    expect(list.code).toBe(3);
    expect(list.err).toContain('has a damaged value that cannot be read (connections conn_shop, column config)');

    rawly(file, (db) => db.prepare("UPDATE settings SET value = '\"2026-' WHERE key = 'lastPurgeAt'").run());
    for (const args of [['runs', 'list'], ['flows', 'list'], ['connections', 'list']]) {
      const r = await sincroIn(dataDir, ...args);
      never(r);
      expect({ args, code: r.code }).toEqual({ args, code: 3 });
      expect(r.err).toContain('(settings key lastPurgeAt, column value)');
    }
    const doctor = await sincroIn(dataDir, 'doctor');
    expect(doctor.code).toBe(3);
    expect(doctor.err).toMatch(/3 problems, e\.g\. "settings key lastPurgeAt, column value: not valid JSON"/);
    expect(doctor.err).toContain('  connections conn_shop, column last_test: not valid JSON');

    const recover = await sincroIn(dataDir, 'doctor', '--recover');
    expect(recover.code).toBe(0);
    expect(recover.out).toContain('settings key lastPurgeAt, column value: back to its default');
    expect(recover.out).toContain('connections conn_shop, column config: emptied: the connection and its secrets are kept');
    const after = JSON.parse((await sincroIn(dataDir, 'connections', 'list', '--json')).out) as Array<{ id: string; config: unknown; lastTest: unknown }>;
    expect(after).toMatchObject([{ id: 'conn_shop', config: {}, lastTest: null }]);
    expect((await sincroIn(dataDir, 'runs', 'list')).code).toBe(0);
  });

  it("the document a ledger entry's copy came from: the commands go on; doctor finds it (exit 3); --recover forgets it, keeping the entry", async () => {
    const { dataDir, file } = await store();
    rawly(file, (db) =>
      db
        .prepare("INSERT INTO id_ledger (scope, entity, source_id, target_id, state, updated_at, origin) VALUES ('teamleader:conn_tl', 'invoice', 'order-1', 'tl-1', 'done', '2026-12-02T10:00:00Z', '{\"app\":')")
        .run(),
    );
    const list = await sincroIn(dataDir, 'runs', 'list');
    never(list);
    expect(list.code).toBe(0);
    const doctor = await sincroIn(dataDir, 'doctor');
    never(doctor);
    expect(doctor.code).toBe(3);
    expect(doctor.err).toContain('id_ledger teamleader:conn_tl invoice order-1, column origin: not valid JSON');
    const recover = await sincroIn(dataDir, 'doctor', '--recover');
    expect(recover.code).toBe(0);
    expect(recover.out).toContain('id_ledger teamleader:conn_tl invoice order-1, column origin: forgotten');
    expect((await sincroIn(dataDir, 'doctor')).code).toBe(0);
    const kept = Store.open({ dataDir });
    expect(kept.ledger.get('teamleader:conn_tl', 'invoice', 'order-1')?.targetId).toBe('tl-1');
    kept.close();
  });

  it("a connection's secrets that no key opens: exit 3 naming the connection and what to do, not an unexpected error", async () => {
    const { dataDir, file } = await store();
    rawly(file, (db) => {
      db.prepare("UPDATE connections SET secret = ? WHERE id = 'conn_shop'").run(Buffer.from([1, ...new Array<number>(40).fill(7)]));
    });
    for (const args of [['connections', 'list'], ['connections', 'test', 'conn_shop']]) {
      const r = await sincroIn(dataDir, ...args);
      never(r);
      expect({ args, code: r.code }).toEqual({ args, code: 3 });
      expect(r.err).toContain('The secrets of the connection "conn_shop" cannot be read');
      expect(r.err).toContain('sincro connections remove conn_shop');
    }
  });
});
