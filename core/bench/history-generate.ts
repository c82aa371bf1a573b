/**
 * A store with a large run history, made fast for `sincro bench --workload history` and `purge`
 * (and the purge's tests): the schema is the store's own (Store.open migrates an empty file), then
 * runs and records go in with direct, multi-row inserts in large transactions, the records' indexes
 * dropped while they load and built again at the end (sorting once beats inserting ten million keys
 * one by one). Each run's records get their lineages as the store writes them: one deflated chunk
 * per run (lineage-chunks.ts), each record's the source data plus the changes of each step
 * (lineage-compact.ts).
 *
 * The shape: 5 flows, 100 records a run (or `recordsPerRun`); 85 % of runs succeed, 10 % end
 * partial (2 to 5 failed records), 4 % fail, 1 % are cancelled; 70 % are started by a schedule,
 * 24 % by hand, 6 % are retries; a run every 77 seconds or so back from now. A record's key comes
 * back in about five runs, and so does its label (an order number, an email, a SKU), as a real
 * shop's records do.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { DB_FILE, Store } from '../store/store';

export const RECORDS_PER_RUN = 100;
const RUN_EVERY_MS = 77_000;

/**
 * The five flows, each with its records' key and label from a number n, in JavaScript (for the
 * lineages) and in SQL (for the rows, made by SQLite itself, which is what makes the load fast).
 */
export const FLOWS = [
  { id: 'orders-mplus-to-teamleader', name: 'Orders MplusKASSA → Teamleader', key: (n: number) => `ord${hex(n, 12)}`, keySql: "printf('ord%012x', n)", label: (n: number) => `2026-${n}`, labelSql: "'2026-' || n" },
  { id: 'customers-teamleader-to-mplus', name: 'Customers Teamleader → MplusKASSA', key: (n: number) => `c0f1${hex(n, 8)}`, keySql: "printf('c0f1%08x', n)", label: (n: number) => `customer${n}@example.com`, labelSql: "'customer' || n || '@example.com'" },
  { id: 'products-mplus-to-teamleader', name: 'Products MplusKASSA → Teamleader', key: (n: number) => String(100_000 + n), keySql: 'CAST(100000 + n AS TEXT)', label: (n: number) => `871234${String(n).padStart(7, '0')}`, labelSql: "printf('871234%07d', n)" },
  { id: 'orders-teamleader-to-mplus', name: 'Orders Teamleader → MplusKASSA', key: (n: number) => `inv${hex(n, 12)}`, keySql: "printf('inv%012x', n)", label: (n: number) => `INV-${n}`, labelSql: "'INV-' || n" },
  { id: 'products-teamleader-to-mplus', name: 'Products Teamleader → MplusKASSA', key: (n: number) => `p0d${hex(n, 9)}`, keySql: "printf('p0d%09x', n)", label: (n: number) => `SKU-${n}`, labelSql: "'SKU-' || n" },
] as const;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * The indexes of run_records that are dropped while records load and made again after: keys and
 * labels come in no order. (run_records_by_run stays: runs and their records come in its order,
 * so each row is added at its end.)
 */
const RECORD_INDEXES = ['run_records_by_key', 'run_records_by_label', 'run_records_failed', 'run_records_skipped'];

export interface GeneratedHistory {
  dataDir: string;
  runs: number;
  records: number;
  /** Seconds: loading the rows, and building the records' indexes. */
  insertSeconds: number;
  indexSeconds: number;
  seconds: number;
  /** A key and a label that are in the history, for the searches. */
  sampleKey: string;
  sampleLabel: string;
}

/** Deterministic numbers (a fixed seed), so every bench run makes the same history. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const secondsSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

export interface GenerateOptions {
  /** The newest run starts 77 s or so before this (epoch ms); the default is now. */
  now?: number;
  /** Records in each run (the purge bench: a few, as most scheduled runs have). */
  recordsPerRun?: number;
}

export function generateHistory(dataDir: string, records: number, opts: GenerateOptions = {}): GeneratedHistory {
  const now = opts.now ?? Date.now();
  const perRun = opts.recordsPerRun ?? RECORDS_PER_RUN;
  const started = process.hrtime.bigint();
  Store.open({ dataDir }).close(); // the schema, exactly as the store makes it
  const db = new Database(join(dataDir, DB_FILE));
  // Bulk loading into a file nobody else has open: no journal, no syncs, a large cache.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  // A batch's records are made after its runs' rows, in the same transaction.
  db.pragma('foreign_keys = OFF');
  // The store's own index definitions (migrations.ts), so the bench measures the indexes the store has.
  const indexSql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN (${RECORD_INDEXES.map(() => '?').join(', ')})`).pluck().all(...RECORD_INDEXES) as string[];
  if (indexSql.length !== RECORD_INDEXES.length) throw new Error(`the store has ${indexSql.length} of the ${RECORD_INDEXES.length} indexes of run_records the bench expects`);
  for (const index of RECORD_INDEXES) db.exec(`DROP INDEX ${index}`);

  const runs = Math.max(1, Math.round(records / perRun));
  const keyPool = Math.max(perRun, Math.round((runs * perRun) / 5));
  const rand = random(20_261_202);
  const insertRun = db.prepare(
    'INSERT INTO runs (id, flow_id, flow_version, flow_name, status, dry_run, trigger, started_by, retry_of, started_at, finished_at, counts, heartbeat_at) VALUES (?, ?, 1, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertChunk = db.prepare('INSERT INTO run_lineage (run_id, chunk, data) VALUES (?, 0, ?)');
  // The records are made by SQLite from a list of runs (gen) and the numbers 0..perRun - 1 (seq):
  // one statement per 2,000 runs instead of a bound row per record. CROSS JOIN keeps gen the outer
  // loop, so the records come in the order of their run and seq.
  db.exec('CREATE TEMP TABLE gen (r INTEGER PRIMARY KEY, run_id TEXT NOT NULL, flow INTEGER NOT NULL, failing INTEGER NOT NULL)');
  db.exec('CREATE TEMP TABLE seq (v INTEGER PRIMARY KEY)');
  db.prepare(`INSERT INTO seq (v) SELECT value FROM (WITH RECURSIVE c(value) AS (SELECT 0 UNION ALL SELECT value + 1 FROM c WHERE value < ${perRun - 1}) SELECT value FROM c)`).run();
  const insertGen = db.prepare('INSERT INTO gen (r, run_id, flow, failing) VALUES (?, ?, ?, ?)');
  const byFlow = (pick: (f: (typeof FLOWS)[number]) => string) => `CASE g.flow ${FLOWS.map((f, i) => `WHEN ${i} THEN ${pick(f)}`).join(' ')} END`;
  const FAILURE = 'Teamleader refused the record: the customer has no email (field customer.email)';
  const makeRecords = db.prepare(`
    INSERT INTO run_records (run_id, seq, source_key, label, source_node, status, node, port, action, target_id, message, lineage, lineage_chunk, lineage_index)
    SELECT run_id, v, ${byFlow((f) => f.keySql)}, ${byFlow((f) => f.labelSql)}, 'src', state,
           CASE state WHEN 'skipped' THEN 'check' ELSE 'send' END,
           CASE state WHEN 'ok' THEN 'out' END,
           CASE state WHEN 'ok' THEN 'update' END,
           CASE state WHEN 'ok' THEN 't-' || ((n * 2654435761) % 1000000000) END,
           CASE state WHEN 'failed' THEN '${FAILURE}' WHEN 'skipped' THEN 'already synced' END,
           '', 0, v
    FROM (SELECT g.run_id, g.flow, s.v, (g.r * ${perRun} + s.v) % ${keyPool} AS n,
                 CASE WHEN s.v >= ${perRun} - g.failing THEN 'failed' WHEN s.v % 10 = 3 THEN 'skipped' ELSE 'ok' END AS state
          FROM gen g CROSS JOIN seq s) AS g`);

  let total = 0;
  let lastRetryable: string | null = null;
  const load = db.transaction((from: number, to: number) => {
    for (let r = from; r < to; r++) {
      const f = r % FLOWS.length;
      const flow = FLOWS[f] as (typeof FLOWS)[number];
      const startedMs = now - (runs - r) * RUN_EVERY_MS;
      const startedAt = new Date(startedMs).toISOString();
      const runId = `run_${startedAt.replace(/[-:T]/g, '').slice(0, 14)}_${hex(r >>> 0, 8)}`;
      const p = rand();
      const status = p < 0.85 ? 'succeeded' : p < 0.95 ? 'partial' : p < 0.99 ? 'failed' : 'cancelled';
      const q = rand();
      const retryOf = q >= 0.94 && lastRetryable ? lastRetryable : null;
      const trigger = retryOf ? 'retry' : q < 0.7 ? 'schedule' : 'manual';
      const failing = status === 'partial' ? Math.min(perRun, 2 + Math.floor(rand() * 4)) : 0;
      // The lineage of each record as the store keeps it: the source data, then each step's changes.
      const lines: string[] = new Array(perRun);
      let skipped = 0;
      for (let i = 0; i < perRun; i++) {
        const n = (r * perRun + i) % keyPool;
        const key = flow.key(n);
        const amount = 1000 + ((n * 37) % 90_000);
        const source = `{"node":"src","port":"out","data":{"id":"${key}","reference":"${flow.label(n)}","total":${amount},"lines":[{"sku":"${100_000 + (n % 5000)}","qty":${1 + (n % 4)}}],"updated_at":"${startedAt}"}}`;
        const map = `{"node":"map","port":"out","set":{"externalId":"${key}","amount":${(amount / 100).toFixed(2)}},"unset":["updated_at"]}`;
        if (i >= perRun - failing) lines[i] = `[${source},${map},{"node":"send","error":"${FAILURE}","field":"customer.email"}]`;
        else if (i % 10 === 3) {
          lines[i] = `[${source},{"node":"check","note":"already synced"}]`;
          skipped++;
        } else lines[i] = `[${source},${map},{"node":"send","port":"out","action":"update","targetId":"t-${(n * 2654435761) % 1e9}","answer":{"status":200}}]`;
      }
      insertGen.run(r, runId, f, failing);
      insertChunk.run(runId, deflateRawSync(lines.join('\n'), { level: 1 }));
      const finishedAt = new Date(startedMs + 4000 + Math.floor(rand() * 20_000)).toISOString();
      const counts = JSON.stringify({ read: perRun, ok: perRun - failing - skipped, skipped, failed: failing, nodes: {} });
      insertRun.run(runId, flow.id, flow.name, status, trigger, trigger, retryOf, startedAt, finishedAt, counts, finishedAt);
      if (status === 'partial') lastRetryable = runId;
      total += perRun;
    }
    makeRecords.run();
    db.exec('DELETE FROM gen');
  });
  for (let r = 0; r < runs; r += 2000) load(r, Math.min(runs, r + 2000));
  const insertSeconds = secondsSince(started);

  const indexing = process.hrtime.bigint();
  for (const sql of indexSql) db.exec(sql);
  const indexSeconds = secondsSince(indexing);
  db.pragma('journal_mode = WAL');
  db.close();
  const sample = (perRun * Math.floor(runs / 2)) % keyPool;
  const flow = FLOWS[Math.floor(runs / 2) % FLOWS.length] as (typeof FLOWS)[number];
  return { dataDir, runs, records: total, insertSeconds, indexSeconds, seconds: secondsSince(started), sampleKey: flow.key(sample), sampleLabel: flow.label(sample).toUpperCase() };
}
