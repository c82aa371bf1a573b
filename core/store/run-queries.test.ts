/**
 * The run history at volume: filters, keyset pages, labels, and that every query the lists make is
 * a range of an index (EXPLAIN QUERY PLAN: no SCAN of a table, no temporary sort).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { openDatabase } from './database';
import { migrations } from './migrations';
import { findQuery, LOST_RUN_FLOW_NAME, recordPageQuery, runListQuery, type RunFilter } from './run-queries';
import type { RunInfo } from './runs';
import { DB_FILE, Store } from './store';

let dir = tempDir();
afterEach(() => {
  dir.remove();
  dir = tempDir();
});
// The folder made after the last test, too.
afterAll(() => dir.remove());

const FLOWS = ['orders', 'customers', 'products'];
const STATUSES = ['succeeded', 'partial', 'failed'] as const;
const TRIGGERS = ['manual', 'schedule', 'retry', 'cli', 'dry run'];

/** 120 runs over 60 days: flows, outcomes and triggers in turn, 4 records each (one failed in a partial run). */
function fillHistory(store: Store): void {
  const day = 86_400_000;
  const t0 = Date.parse('2026-09-01T08:00:00.000Z');
  for (let i = 0; i < 120; i++) {
    const runId = `run${String(i).padStart(3, '0')}`;
    const status = STATUSES[i % 3] as string;
    const trigger = TRIGGERS[i % 5] as string;
    // Two runs share each start time, so the order needs the row as a tie-break.
    const startedAt = new Date(t0 + Math.floor(i / 2) * day).toISOString();
    store.runs.start({ runId, flowId: FLOWS[i % 3] as string, flowVersion: 1, flowName: FLOWS[i % 3] as string, dryRun: trigger === 'dry run', trigger, startedAt, ...(trigger === 'retry' ? { retryOf: 'run000' } : {}) });
    for (let s = 0; s < 4; s++) {
      const failed = status === 'partial' && s === 3;
      store.runs.record(runId, { seq: s, key: `id-${i}-${s}`, label: `ORDER-${i}-${s}`, source: 'src', status: failed ? 'failed' : 'ok', node: 'out', lineage: [{ node: 'src', data: { i, s } }] });
    }
    store.runs.finish(runId, { status, finishedAt: startedAt, counts: { read: 4 } });
  }
}

/** Every run a filter lists, page after page. */
function allPages(store: Store, filter: RunFilter, limit: number): RunInfo[] {
  const out: RunInfo[] = [];
  let before: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = store.runs.list({ ...filter, limit, ...(before ? { before } : {}) });
    out.push(...page);
    if (page.length < limit) return out;
    before = page.at(-1)?.cursor;
  }
  throw new Error('paging did not end');
}

const plan = (store: Store, q: { sql: string; args: unknown[] }) => (store.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as Array<{ detail: string }>).map((r) => r.detail);

describe('the runs list at volume', () => {
  it('filters by flow, outcome, trigger and dates, and pages without losing or repeating a run', () => {
    const store = Store.open({ dataDir: dir.path });
    fillHistory(store);
    const everything = allPages(store, {}, 1000);
    expect(everything).toHaveLength(120);
    // Newest first; runs started at the same moment by their row, newest row first.
    expect(everything.slice(0, 3).map((r) => r.id)).toEqual(['run119', 'run118', 'run117']);

    const filters: RunFilter[] = [
      {},
      { flowId: 'orders' },
      { status: 'partial' },
      { startedBy: 'schedule' },
      { startedBy: 'manual' },
      { startedBy: 'retry' },
      { flowId: 'customers', status: 'failed' },
      { flowId: 'orders', startedBy: 'manual' },
      { status: 'succeeded', startedBy: 'manual' },
      { flowId: 'products', status: 'partial', startedBy: 'manual' },
      { since: '2026-10-01T00:00:00.000Z', until: '2026-10-11T00:00:00.000Z' },
      { flowId: 'orders', status: 'succeeded', startedBy: 'schedule', since: '2026-09-10T00:00:00.000Z' },
    ];
    for (const filter of filters) {
      const expected = everything.filter(
        (r) =>
          (!filter.flowId || r.flowId === filter.flowId) &&
          (!filter.status || r.status === filter.status) &&
          (!filter.startedBy || r.startedBy === filter.startedBy) &&
          (!filter.since || r.startedAt >= filter.since) &&
          (!filter.until || r.startedAt < filter.until),
      );
      for (const limit of [1, 7, 50]) expect(allPages(store, filter, limit).map((r) => r.id), JSON.stringify({ filter, limit })).toEqual(expected.map((r) => r.id));
    }
    // "manual" covers runs started by hand anywhere: the app, the CLI, dry runs.
    expect(new Set(allPages(store, { startedBy: 'manual' }, 50).map((r) => r.trigger))).toEqual(new Set(['manual', 'cli', 'dry run']));
    expect(store.runs.list({ startedBy: 'retry', limit: 1 })[0]).toMatchObject({ trigger: 'retry', startedBy: 'retry', retryOf: 'run000' });
    expect(store.runs.retriesOf('run000')).toHaveLength(24);
    store.close();
  });

  it('says what is wrong with a filter', () => {
    const store = Store.open({ dataDir: dir.path });
    expect(() => store.runs.list({ status: 'done' })).toThrow('The status must be one of running, succeeded, partial, failed, cancelled, not "done".');
    expect(() => store.runs.list({ startedBy: 'cron' })).toThrow('The trigger must be one of manual, schedule, retry, not "cron".');
    expect(() => store.runs.list({ since: 'yesterday' })).toThrow('The start of the date range "yesterday" is not a date or time');
    expect(() => store.runs.list({ before: "x' OR 1=1 --" })).toThrow('is not a page cursor of the run history');
    store.close();
  });

  it('reads every page from an index, without scanning a table or sorting', () => {
    const store = Store.open({ dataDir: dir.path });
    fillHistory(store);
    const cursor = store.runs.list({ limit: 60 }).at(-1)?.cursor as string;
    const values: Array<Partial<RunFilter>> = [{ flowId: 'orders' }, { status: 'partial' }, { startedBy: 'schedule' }, { since: '2026-09-10T00:00:00.000Z', until: '2026-10-10T00:00:00.000Z' }];
    // Every combination of the four filters, on the first page and a deep one.
    for (let mask = 0; mask < 16; mask++) {
      const filter: RunFilter = Object.assign({}, ...values.filter((_, i) => mask & (1 << i)));
      for (const page of [filter, { ...filter, before: cursor }]) {
        const steps = plan(store, runListQuery({ ...page, limit: 50 })).join(' | ');
        // The first page of everything walks the start-time index from its end and stops at the limit.
        if (!Object.keys(page).length) expect(steps).toBe('SCAN runs USING INDEX runs_by_start');
        else expect(steps, JSON.stringify(page)).toMatch(/^SEARCH runs USING (COVERING )?INDEX [a-z_]+ \(/);
        expect(steps, JSON.stringify(page)).not.toMatch(/TEMP B-TREE|SCAN runs$/);
      }
    }
    // A run's records, all or by outcome, and a search by key or label.
    for (const status of [undefined, 'failed', 'skipped']) expect(plan(store, recordPageQuery('run001', { status, afterSeq: 2 })).join(' | ')).toMatch(/^SEARCH run_records USING INDEX run_records_(by_run|failed|skipped) /);
    const found = plan(store, findQuery('ORDER-1-1', {})).join(' | ');
    expect(found).toMatch(/INDEX run_records_by_key/);
    expect(found).toMatch(/INDEX run_records_by_label/);
    expect(found).not.toMatch(/SCAN (rr|run_records)\b/);
    store.close();
  });
});

describe('records by their label', () => {
  it('finds a record by its source key or its label (any capitals), newest run first, in pages', () => {
    const store = Store.open({ dataDir: dir.path });
    for (const [i, runId] of ['a', 'b', 'c'].entries()) {
      store.runs.start({ runId, flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'manual', startedAt: `2026-11-0${i + 1}T10:00:00.000Z` });
      store.runs.record(runId, { seq: 0, key: '0a1b2c', label: 'WEB-1005', source: 'src', status: 'ok', node: 'out', lineage: [] });
      store.runs.record(runId, { seq: 1, key: '9f8e7d', label: 'anna@example.com', source: 'src', status: 'failed', node: 'out', lineage: [] });
      store.runs.finish(runId, { status: 'partial', finishedAt: `2026-11-0${i + 1}T10:00:01.000Z`, counts: {} });
    }
    expect(store.runs.find('0a1b2c').map((r) => [r.runId, r.label])).toEqual([['c', 'WEB-1005'], ['b', 'WEB-1005'], ['a', 'WEB-1005']]);
    expect(store.runs.find('web-1005').map((r) => r.key)).toEqual(['0a1b2c', '0a1b2c', '0a1b2c']);
    expect(store.runs.find('Anna@Example.com').map((r) => [r.runId, r.key])).toEqual([['c', '9f8e7d'], ['b', '9f8e7d'], ['a', '9f8e7d']]);
    const first = store.runs.find('WEB-1005', { limit: 2 });
    expect(store.runs.find('WEB-1005', { limit: 2, before: first.at(-1)?.cursor }).map((r) => r.runId)).toEqual(['a']);
    expect(store.runs.find('nothing')).toEqual([]);
    // The records of a run page by seq, and its failed ones per source.
    expect(store.runs.records('a', { afterSeq: 0 }).map((r) => r.seq)).toEqual([1]);
    expect(store.runs.records('a', { status: 'failed' }).map((r) => r.label)).toEqual(['anna@example.com']);
    expect(store.runs.failedKeys('a')).toEqual(new Map([['src', ['9f8e7d']]]));
    store.close();
  });
  it('finds the records whose run row was lost (kept by a recovery), after the others, their run shown as lost, in pages', () => {
    const store = Store.open({ dataDir: dir.path });
    for (const [i, runId] of ['a', 'b', 'c', 'd'].entries()) {
      store.runs.start({ runId, flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'manual', startedAt: `2026-11-0${i + 1}T10:00:00.000Z` });
      for (let seq = 0; seq < 3; seq++) store.runs.record(runId, { seq, key: `k${seq % 2}`, label: 'WEB-7', source: 'src', status: 'ok', node: 'out', lineage: [{ node: 'src', data: { runId, seq } }] });
      store.runs.finish(runId, { status: 'succeeded', finishedAt: `2026-11-0${i + 1}T10:00:01.000Z`, counts: {} });
    }
    // What a recovery leaves when the runs' page was damaged: their records, without their run.
    const raw = new Database(join(dir.path, DB_FILE));
    raw.pragma('foreign_keys = OFF');
    raw.prepare("DELETE FROM runs WHERE id IN ('b', 'd')").run();
    raw.close();

    const all = store.runs.find('WEB-7');
    expect(all.map((r) => [r.runId, r.seq])).toEqual([['c', 2], ['c', 1], ['c', 0], ['a', 2], ['a', 1], ['a', 0], ['d', 2], ['d', 1], ['d', 0], ['b', 2], ['b', 1], ['b', 0]]);
    expect(all.find((r) => r.runId === 'd')).toMatchObject({ flowName: LOST_RUN_FLOW_NAME, startedAt: '', dryRun: false, key: 'k0', lineage: [{ node: 'src', data: { runId: 'd', seq: 2 } }] });
    expect(store.runs.find('k1').map((r) => r.runId)).toEqual(['c', 'a', 'd', 'b']);
    // Page by page, every page size, nothing lost or repeated across the lost runs' boundary.
    for (const limit of [1, 2, 5, 6, 7]) {
      const paged: string[] = [];
      let before: string | undefined;
      for (let guard = 0; guard < 20; guard++) {
        const page = store.runs.find('WEB-7', { limit, ...(before ? { before } : {}) });
        paged.push(...page.map((r) => `${r.runId}${r.seq}`));
        if (page.length < limit) break;
        before = page.at(-1)?.cursor;
      }
      expect(paged, `limit ${limit}`).toEqual(all.map((r) => `${r.runId}${r.seq}`));
    }
    expect(() => store.runs.find('WEB-7', { before: 'lost~d' })).toThrow('is not a page cursor of the search');
    // Still two index look-ups, no scan of the records.
    const steps = plan(store, findQuery('WEB-7', { before: all[4]?.cursor })).join(' | ');
    expect(steps).toMatch(/INDEX run_records_by_key/);
    expect(steps).not.toMatch(/SCAN (rr|run_records)\b/);
    store.close();
  });
});

describe('migration 5', () => {
  it('keeps every run and tells the runs started by a schedule from the others', () => {
    const file = join(dir.path, DB_FILE);
    const before = openDatabase(file, migrations.filter((m) => m.version <= 3));
    const insert = before.prepare("INSERT INTO runs (id, flow_id, flow_name, status, dry_run, trigger, started_at) VALUES (?, 'f', 'F', 'succeeded', 0, ?, '2026-11-01T00:00:00.000Z')");
    for (const [id, trigger] of [['r1', 'schedule'], ['r2', 'manual'], ['r3', 'cli'], ['r4', 'dry run']]) insert.run(id, trigger);
    before.close();
    const store = Store.open({ dataDir: dir.path });
    expect(store.runs.list({ startedBy: 'schedule' }).map((r) => r.id)).toEqual(['r1']);
    expect(store.runs.list({ startedBy: 'manual' }).map((r) => [r.id, r.trigger]).sort()).toEqual([['r2', 'manual'], ['r3', 'cli'], ['r4', 'dry run']]);
    store.close();
  });
});
