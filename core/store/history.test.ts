import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { capLineage, LINEAGE_CAP_BYTES } from './runs';
import { DB_FILE, Store } from './store';

let dir = tempDir();
afterEach(() => {
  dir.remove();
  dir = tempDir();
});
// The folder made after the last test, too.
afterAll(() => dir.remove());

const doc = (name: string) => ({ schemaVersion: 1 as const, id: 'orders', name, nodes: [], edges: [], settings: {} });

function fillRun(store: Store, runId: string, startedAt: string, records: number) {
  store.runs.start({ runId, flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'cli', startedAt });
  for (let i = 0; i < records; i++) store.runs.record(runId, { seq: i, key: `k${i}`, source: 'src', status: 'ok', node: 'out', lineage: [{ node: 'src', data: { payload: 'x'.repeat(500), i } }] });
  store.runs.finish(runId, { status: 'succeeded', finishedAt: startedAt, counts: { read: records } });
}

describe('flows and run history', () => {
  it('stores a new flow version only when the document changed', () => {
    const store = Store.open({ dataDir: dir.path });
    expect(store.flows.save(doc('Orders'))).toEqual({ id: 'orders', version: 1, changed: true });
    expect(store.flows.save(doc('Orders'))).toEqual({ id: 'orders', version: 1, changed: false });
    expect(store.flows.save(doc('Orders v2'))).toEqual({ id: 'orders', version: 2, changed: true });
    expect(store.flows.get('orders', 1)?.doc.name).toBe('Orders');
    expect(store.flows.versions('orders').map((v) => v.version)).toEqual([2, 1]);
    store.close();
  });

  it('reads back every lineage, whether its chunk was compressed in the background or at a flush that came first', async () => {
    const store = Store.open({ dataDir: dir.path });
    store.runs.start({ runId: 'r', flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'cli', startedAt: new Date().toISOString() });
    const lineage = (i: number) => [{ node: 'src', data: { i, text: `record ${i}` } }];
    const add = (from: number, to: number) => {
      for (let i = from; i < to; i++) store.runs.record('r', { seq: i, key: `k${i}`, source: 'src', status: 'ok', node: 'out', lineage: lineage(i) });
    };
    add(0, 300);
    store.runs.flush(); // two full chunks, their compression just begun, and one open: all written now
    add(300, 600);
    await new Promise((r) => setTimeout(r, 50)); // the full chunks' compression has ended
    store.runs.finish('r', { status: 'succeeded', finishedAt: new Date().toISOString(), counts: { read: 600 } });
    const records = store.runs.records('r', { limit: 1000 });
    expect(records).toHaveLength(600);
    for (const r of records) expect(r.lineage).toEqual(lineage(r.seq));
    store.close();
  });

  it('caps a huge record so the history cannot balloon', () => {
    const trail = [{ node: 'src', data: { blob: 'y'.repeat(100_000) } }, { node: 'map', data: { small: 1 } }];
    const stored = capLineage(trail);
    expect(stored.length).toBeLessThanOrEqual(LINEAGE_CAP_BYTES);
    expect(JSON.parse(stored)[0].data).toMatchObject({ truncated: true, bytes: JSON.stringify(trail[0]?.data).length });
    expect(JSON.parse(stored)[1].data).toEqual({ small: 1 });
  });

  it('a flow’s last run is its last real one: a dry run after it does not stand in for it', () => {
    const store = Store.open({ dataDir: dir.path });
    store.flows.save(doc('Orders'));
    store.runs.start({ runId: 'real', flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'cli', startedAt: '2026-11-01T10:00:00.000Z' });
    store.runs.finish('real', { status: 'failed', finishedAt: '2026-11-01T10:01:00.000Z', counts: { read: 1 } });
    store.runs.start({ runId: 'dry', flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: true, trigger: 'cli', startedAt: '2026-11-02T10:00:00.000Z' });
    store.runs.finish('dry', { status: 'succeeded', finishedAt: '2026-11-02T10:01:00.000Z', counts: { read: 1 } });
    expect(store.flows.list()[0]?.lastRun).toMatchObject({ id: 'real', status: 'failed' });
    store.close();
  });

  it('finds what happened to one record across runs', () => {
    const store = Store.open({ dataDir: dir.path });
    fillRun(store, 'r1', '2026-11-01T10:00:00.000Z', 3);
    fillRun(store, 'r2', '2026-11-02T10:00:00.000Z', 3);
    expect(store.runs.find('k1').map((r) => r.runId)).toEqual(['r2', 'r1']);
    store.close();
  });

  it('purges runs older than the retention and gives the space back', async () => {
    const store = Store.open({ dataDir: dir.path });
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    fillRun(store, 'old', old, 20_000);
    fillRun(store, 'recent', new Date().toISOString(), 10);
    const notice = (title: string) => ({ flowId: 'orders', flowName: 'Orders', outcome: 'partial' as const, level: 'error' as const, title, message: '', runId: title });
    store.notices.add(notice('old'), old);
    store.notices.add(notice('recent'));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(join(dir.path, DB_FILE)).size;
    store.settings.set('retentionDays', 30);
    const result = await store.purge();
    expect(result).toMatchObject({ runs: 1, records: 20_000 });
    // Notices go with the history they are about.
    expect(store.notices.list().map((n) => n.title)).toEqual(['recent']);
    expect(store.runs.get('old')).toBeUndefined();
    expect(store.runs.records('recent')).toHaveLength(10);
    expect(statSync(join(dir.path, DB_FILE)).size).toBeLessThan(before / 4);
    store.close();
  });

  it('purges by itself at most once a day (a new store first a day after it was made)', async () => {
    const store = Store.open({ dataDir: dir.path });
    const day = 86_400_000;
    fillRun(store, 'old', new Date(Date.now() - 40 * day).toISOString(), 5);
    expect(await store.purgeIfDue()).toBeUndefined();
    expect((await store.purgeIfDue(Date.now() + day + 1))?.runs).toBe(1);
    fillRun(store, 'old2', new Date(Date.now() - 40 * day).toISOString(), 5);
    expect(await store.purgeIfDue(Date.now() + day + 2)).toBeUndefined();
    expect((await store.purgeIfDue(Date.now() + 2 * day + 2))?.runs).toBe(1);
    store.close();
  });

  it('purges a backlog after runs a time budget at a time, and counts the day only once it is all gone', async () => {
    const store = Store.open({ dataDir: dir.path });
    const day = 86_400_000;
    for (let i = 0; i < 60; i++) fillRun(store, `old${i}`, new Date(Date.now() - 40 * day + i).toISOString(), 5);
    const due = Date.now() + day + 1;
    const first = await store.purgeIfDue(due, 0);
    // Out of time before its first step: nothing went, and the purge stays due.
    expect(first).toMatchObject({ runs: 0, complete: false });
    let purged = 0;
    let rounds = 0;
    for (let result = first; !result?.complete; rounds++) {
      if (rounds > 200) throw new Error('the backlog never went');
      result = await store.purgeIfDue(due, 30);
      purged += result?.runs ?? 0;
    }
    expect(purged).toBe(60);
    expect(store.runs.list({ limit: 100 })).toHaveLength(0);
    // Whole now: not due again until a day later.
    expect(await store.purgeIfDue(due + 1, 30)).toBeUndefined();
    store.close();
  });
});
