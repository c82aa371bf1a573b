/**
 * The history bench's generated store is a store Sincro reads like its own: runs listed and
 * filtered, each record's lineage read back from its run's chunk with its own key, the counts a
 * run says equal to its records, searches by key and label; and the bench reports every query.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countsFromRecords } from '../store/interrupted-runs';
import { Store } from '../store/store';
import { tempDir } from '../testing/golden';
import { generateHistory, RECORDS_PER_RUN } from './history-generate';
import { benchHistory } from './workload-history';

const dir = tempDir('sincro-history-bench-');
afterAll(() => dir.remove());

describe('the history bench', () => {
  it('generates a store with the runs, records and lineages the store itself would have written', () => {
    const generated = generateHistory(join(dir.path, 'gen'), 30_000);
    expect(generated).toMatchObject({ runs: 300, records: 30_000 });
    const store = Store.open({ dataDir: generated.dataDir });
    try {
      const runs = store.runs.list({ limit: 1000 });
      expect(runs).toHaveLength(300);
      expect(new Set(runs.map((r) => r.startedBy))).toEqual(new Set(['manual', 'schedule', 'retry']));
      expect(runs.filter((r) => r.retryOf).every((r) => store.runs.get(r.retryOf as string)?.status === 'partial')).toBe(true);
      for (const run of runs.filter((r) => r.status === 'partial').slice(0, 5)) {
        const records = store.runs.records(run.id, { limit: 1000 });
        expect(records).toHaveLength(RECORDS_PER_RUN);
        for (const r of records) expect((r.lineage as Array<{ data?: { id?: string } }>)[0]?.data?.id).toBe(r.key);
        const counted = countsFromRecords(store.db, run.id);
        expect({ read: counted.read, ok: counted.ok, skipped: counted.skipped, failed: counted.failed }).toEqual({ read: run.counts?.read, ok: run.counts?.ok, skipped: run.counts?.skipped, failed: run.counts?.failed });
        expect(store.runs.failedKeys(run.id).get('src')?.length).toBe(run.counts?.failed);
      }
      expect(store.runs.find(generated.sampleKey).length).toBeGreaterThanOrEqual(4);
      expect(store.runs.find(generated.sampleLabel).map((r) => r.key)).toEqual(store.runs.find(generated.sampleKey).map((r) => r.key));
      expect(store.db.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });

  it('times every list and search the screens make and says whether each is within 50 ms', async () => {
    const result = await benchHistory(join(dir.path, 'bench'), { records: 20_000, rounds: 3 });
    expect(result).toMatchObject({ workload: 'history', runs: 200, records: 20_000, goalMs: 50 });
    const latency = result['latencyMs'] as Record<string, number>;
    expect(Object.keys(latency)).toEqual(expect.arrayContaining(['firstPage', 'deepPage', 'byFlow', 'byStatusPartial', 'byTriggerRetry', 'byDateRangeWeek', 'allFiltersWeek', 'findByKey', 'findByLabel']));
    for (const ms of Object.values(latency)) expect(ms).toBeGreaterThanOrEqual(0);
    expect((result['rows'] as Record<string, number>)['firstPage']).toBe(50);
  });
});
