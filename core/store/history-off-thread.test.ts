/**
 * The history written from a worker thread (history-off-thread.ts) is the history written in the
 * main thread, record for record; a write the worker cannot make fails the flush and loses nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LineageStep } from '../engine/record';
import type { RunRecordRow } from '../engine/services';
import { tempDir } from '../testing/golden';
import { OffThreadHistory } from './history-off-thread';
import { FLUSH_MS } from './runs';
import { Store } from './store';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});
const openStore = (path?: string) => {
  if (path) return Store.open({ dataDir: path });
  const dir = tempDir();
  dirs.push(dir);
  return Store.open({ dataDir: dir.path });
};

const start = (store: Store, runId: string) => store.runs.start({ runId, flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'cli', startedAt: '2026-12-02T10:00:00.000Z' });
const finish = (store: Store, runId: string, read: number) => store.runs.finish(runId, { status: 'succeeded', finishedAt: '2026-12-02T10:01:00.000Z', counts: { read } });

/** A record as a three-step flow leaves it: read, mapped (a new record), enriched (one field more); every 7th failed. */
function recordOf(i: number): RunRecordRow {
  const source = { id: i, email: `c${i}@example.com`, lines: [{ sku: String(100 + (i % 5)), qty: 1 + (i % 3) }] };
  const mapped = { externalId: i, contactEmail: source.email, items: source.lines };
  const trail: LineageStep[] = [
    { node: 'orders', port: 'out', data: source },
    { node: 'deal', port: 'out', data: mapped },
  ];
  if (i % 7 === 3) {
    trail.push({ node: 'contact', error: `no contact ${i}` });
    return { seq: i, key: String(i), label: `order ${i}`, source: 'orders', status: 'failed', node: 'contact', message: `no contact ${i}`, lineage: trail };
  }
  trail.push({ node: 'contact', port: 'found', data: { ...mapped, segment: i % 2 ? 'retail' : 'wholesale' } });
  trail.push({ node: 'out', port: 'out', action: 'create' });
  return { seq: i, key: String(i), label: `order ${i}`, source: 'orders', status: 'ok', node: 'out', port: 'out', action: 'create', lineage: trail };
}

/** Two runs at once, their records interleaved, as two flows running side by side write them. */
function writeTwoRuns(store: Store, records: number): void {
  start(store, 'run-a');
  start(store, 'run-b');
  for (let i = 0; i < records; i++) {
    store.runs.record('run-a', recordOf(i));
    if (i % 3 === 0) store.runs.record('run-b', recordOf(i));
  }
  finish(store, 'run-a', records);
  finish(store, 'run-b', Math.ceil(records / 3));
}

/** A store whose history goes to the worker, with run `runId` started and `records` records of it recorded. */
async function offThreadRun(runId: string, records: number): Promise<Store> {
  const store = openStore();
  await store.runs.moveHistoryOffThread();
  start(store, runId);
  for (let i = 0; i < records; i++) store.runs.record(runId, recordOf(i));
  return store;
}

describe('the history written from a worker thread', () => {
  it('holds every record with its lineage, as the main thread writes them, readable by another process the moment the run has ended', async () => {
    const here = openStore();
    writeTwoRuns(here, 3_000);
    const worker = openStore();
    expect(await worker.runs.moveHistoryOffThread()).toBe(true);
    writeTwoRuns(worker, 3_000);
    // Another Store on the folder is another connection, as another process has.
    const reader = openStore(worker.dataDir);
    for (const runId of ['run-a', 'run-b']) {
      const expected = here.runs.records(runId, { limit: 5_000 });
      expect(expected.length).toBe(runId === 'run-a' ? 3_000 : 1_000);
      expect(reader.runs.records(runId, { limit: 5_000 })).toEqual(expected);
    }
    expect(reader.runs.get('run-a')?.status).toBe('succeeded');
    for (const s of [here, worker, reader]) s.close();
  });

  it('is where a run that finishes records faster than the history is written goes by itself', async () => {
    const store = openStore();
    start(store, 'fast');
    // 2,000 records within a second: the flush that writes them starts the worker.
    for (let i = 0; i < 2_100; i++) store.runs.record('fast', recordOf(i));
    expect(store.runs.writesOffThread).toBe(false);
    await expect.poll(() => store.runs.writesOffThread, { timeout: 10_000 }).toBe(true);
    for (let i = 2_100; i < 2_500; i++) store.runs.record('fast', recordOf(i));
    finish(store, 'fast', 2_500);
    const records = store.runs.records('fast', { limit: 3_000 });
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 2_500 }, (_, i) => i));
    expect(records[2_400]?.lineage).toEqual(recordOf(2_400).lineage);
    store.close();
  });

  it('a write the worker cannot make fails the flush, keeps the records waiting, and writes them at the next flush', async () => {
    const store = await offThreadRun('r', 500);
    store.db.exec("CREATE TRIGGER refuse BEFORE INSERT ON run_records WHEN NEW.source_key = '250' BEGIN SELECT RAISE(ABORT, 'the disk is full (a test)'); END");
    expect(() => store.runs.flush()).toThrow('the disk is full (a test)');
    expect(store.runs.records('r', { limit: 1_000 })).toHaveLength(0);
    store.db.exec('DROP TRIGGER refuse');
    for (let i = 500; i < 600; i++) store.runs.record('r', recordOf(i));
    finish(store, 'r', 600);
    expect(store.runs.records('r', { limit: 1_000 }).map((r) => r.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    store.close();
  });

  it('writes within a second without a flush, and what it holds when the store closes', async () => {
    const store = await offThreadRun('live', 300);
    const reader = openStore(store.dataDir);
    // The run's heartbeat posts what was gathered; the worker writes it on its own clock.
    await expect.poll(() => reader.runs.records('live', { limit: 1_000 }).length, { timeout: 3 * FLUSH_MS + 2_000 }).toBe(300);
    for (let i = 300; i < 400; i++) store.runs.record('live', recordOf(i));
    store.close();
    const records = reader.runs.records('live', { limit: 1_000 });
    expect(records).toHaveLength(400);
    expect(reader.runs.get('live')).toMatchObject({ status: 'failed', interrupted: true });
    reader.close();
  });

  it('a worker that cannot open the file is not used: it never says it began', async () => {
    const dir = tempDir();
    dirs.push(dir);
    await expect(OffThreadHistory.start(`${dir.path}/no-such.db`, { flushMs: FLUSH_MS, flushMaxRows: 2_000 })).rejects.toThrow(/ended before it began|unable to open|does not exist/);
  });

  it('a flush inside a transaction of the store hands the worker its rows without waiting for a lock it holds', async () => {
    const store = await offThreadRun('r', 300);
    const began = Date.now();
    store.db.transaction(() => {
      store.settings.set('retentionDays', 31);
      store.runs.flush();
    })();
    // Waiting for the worker there would have taken SQLite's busy timeout (5 s) and failed.
    expect(Date.now() - began).toBeLessThan(2_000);
    finish(store, 'r', 300);
    expect(store.runs.records('r', { limit: 1_000 })).toHaveLength(300);
    store.close();
  });
});
