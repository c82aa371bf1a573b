/**
 * `sincro bench --workload history`: the run history's list and search at volume. A store with
 * 100,000 runs and 10 million records is generated (history-generate.ts; `--records` scales it),
 * opened as Sincro opens it, and every query the screens and the CLI make is timed through the
 * store's own functions (RunRepo): the first page, a deep page, each filter, a run's records, a
 * search by key and by label. Each figure is the median of `rounds` tries after one untimed try
 * (the file is then in the OS cache, as for an app in use); the goal is 50 ms a page.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, Store } from '../store/store';
import { FLOWS, generateHistory } from './history-generate';

export const HISTORY_GOAL_MS = 50;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function timeMs(rounds: number, fn: () => unknown): { ms: number; rows: number } {
  let rows = 0;
  const result = fn();
  if (Array.isArray(result)) rows = result.length;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: Number(median(times).toFixed(2)), rows };
}

export async function benchHistory(dir: string, opts: { records?: number; rounds?: number }): Promise<Record<string, unknown>> {
  const dataDir = join(dir, 'history');
  const generated = generateHistory(dataDir, opts.records ?? 10_000_000);
  const fileMb = Math.round(statSync(join(dataDir, DB_FILE)).size / 1048576);

  const opening = process.hrtime.bigint();
  const store = Store.open({ dataDir });
  const openMs = Math.round(Number(process.hrtime.bigint() - opening) / 1e6);
  try {
    const runs = store.runs;
    const rounds = opts.rounds ?? 20;
    const newest = runs.list({ limit: 1 })[0];
    if (!newest) throw new Error('the generated history has no runs');
    const middle = Math.floor(generated.runs / 2);
    // The cursor of the run in the middle of the history: a page as deep as it gets from either end.
    const deep = store.db.prepare('SELECT started_at || \'~\' || rowid FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1 OFFSET ?').pluck().get(middle) as string;
    const flow = FLOWS[0].id;
    const flowDeep = store.db.prepare("SELECT started_at || '~' || rowid FROM runs WHERE flow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1 OFFSET ?").pluck().get(flow, Math.floor(middle / FLOWS.length)) as string;
    const day = 86_400_000;
    const weekEnd = Date.parse(newest.startedAt) - Math.floor((generated.runs * 77_000) / 2);
    const week = { since: new Date(weekEnd - 7 * day).toISOString(), until: new Date(weekEnd).toISOString() };
    const partialRun = runs.list({ status: 'partial', limit: 1, before: deep })[0];
    if (!partialRun) throw new Error('the generated history has no partial run');

    const page = 50;
    const latency = {
      firstPage: timeMs(rounds, () => runs.list({ limit: page })),
      deepPage: timeMs(rounds, () => runs.list({ limit: page, before: deep })),
      byFlow: timeMs(rounds, () => runs.list({ flowId: flow, limit: page })),
      byFlowDeepPage: timeMs(rounds, () => runs.list({ flowId: flow, limit: page, before: flowDeep })),
      byStatusPartial: timeMs(rounds, () => runs.list({ status: 'partial', limit: page })),
      byStatusCancelledDeep: timeMs(rounds, () => runs.list({ status: 'cancelled', limit: page, before: deep })),
      byTriggerRetry: timeMs(rounds, () => runs.list({ startedBy: 'retry', limit: page })),
      byTriggerManual: timeMs(rounds, () => runs.list({ startedBy: 'manual', limit: page })),
      byDateRangeWeek: timeMs(rounds, () => runs.list({ ...week, limit: page })),
      allFiltersWeek: timeMs(rounds, () => runs.list({ flowId: flow, status: 'succeeded', startedBy: 'schedule', ...week, limit: page })),
      runRecordsPage: timeMs(rounds, () => runs.records(partialRun.id, { limit: 100 })),
      runFailedRecords: timeMs(rounds, () => runs.records(partialRun.id, { status: 'failed', limit: 100 })),
      findByKey: timeMs(rounds, () => runs.find(generated.sampleKey)),
      findByLabel: timeMs(rounds, () => runs.find(generated.sampleLabel)),
      findNothing: timeMs(rounds, () => runs.find('no-such-record')),
    };
    const found = latency.findByKey.rows + latency.findByLabel.rows;
    if (!latency.findByKey.rows || !latency.findByLabel.rows) throw new Error(`the searches found ${latency.findByKey.rows} record(s) by key and ${latency.findByLabel.rows} by label; both should find some`);
    const slowest = Object.entries(latency).reduce((a, b) => (b[1].ms > a[1].ms ? b : a));
    return {
      workload: 'history',
      runs: generated.runs,
      records: generated.records,
      generateSeconds: Number(generated.seconds.toFixed(1)),
      insertSeconds: Number(generated.insertSeconds.toFixed(1)),
      indexSeconds: Number(generated.indexSeconds.toFixed(1)),
      fileMb,
      openMs,
      rounds,
      pageSize: page,
      latencyMs: Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, v.ms])),
      rows: Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, v.rows])),
      foundRecords: found,
      slowest: { query: slowest[0], ms: slowest[1].ms },
      goalMs: HISTORY_GOAL_MS,
      withinGoal: slowest[1].ms <= HISTORY_GOAL_MS,
    };
  } finally {
    store.close();
  }
}
