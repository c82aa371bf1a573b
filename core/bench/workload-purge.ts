/**
 * `npm run bench -- --workload purge`: a store with 100,000 runs of 10 records each (1,000,000
 * records; history-generate.ts, as `--workload history` makes its store), all older than a 30-day
 * retention; then `store.purge` while a run in another process writes its records every 20 ms.
 * Prints the data file's size before and after, the purge's time, and how long the purge held up
 * the writer (and, beside it, the writer's longest wait for the lock and longest write as measured,
 * which a loaded machine stretches with or without a purge).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { PurgeStep } from '../store/retention';
import { DB_FILE, Store } from '../store/store';
import { longestHeldUpByPurge, startConcurrentWriter } from './concurrent-writer';
import { generateHistory } from './history-generate';

const DAY = 86_400_000;
const RETENTION_DAYS = 30;
const mb = (bytes: number) => Number((bytes / 1048576).toFixed(1));
const fileSize = (dataDir: string) => statSync(join(dataDir, DB_FILE)).size;

export async function benchPurge(dir: string, opts: { runs?: number; records?: number }): Promise<Record<string, unknown>> {
  const runs = opts.runs ?? 100_000;
  const records = opts.records ?? 10 * runs;
  const recordsPerRun = Math.max(1, Math.round(records / runs));
  const dataDir = join(dir, 'data');
  // The newest run a day older than the retention: all of it goes.
  const generated = generateHistory(dataDir, runs * recordsPerRun, { now: Date.now() - (RETENTION_DAYS + 1) * DAY, recordsPerRun });
  const fileBytesBefore = fileSize(dataDir);
  const store = Store.open({ dataDir });
  try {
    const writer = await startConcurrentWriter(dataDir);
    const steps: PurgeStep[] = [];
    const t = performance.now();
    const purged = await store.purge(RETENTION_DAYS, Date.now(), { onStep: (s) => steps.push(s) });
    const purgeSeconds = (performance.now() - t) / 1000;
    const report = await writer.stop();
    if (purged.runs !== generated.runs) throw new Error(`the purge deleted ${purged.runs} of ${generated.runs} runs`);
    return {
      workload: 'purge',
      runs: purged.runs,
      records: purged.records,
      generateSeconds: Number(generated.seconds.toFixed(1)),
      fileMbBefore: mb(fileBytesBefore),
      fileMbAfter: mb(fileSize(dataDir)),
      purgeSeconds: Number(purgeSeconds.toFixed(1)),
      runsPerSec: Math.round(purged.runs / purgeSeconds),
      steps: steps.length,
      longestStepMs: Math.round(purged.longestStepMs),
      writer: {
        writes: report.flushes,
        records: report.records,
        longestHeldUpByPurgeMs: Math.round(longestHeldUpByPurge(report, steps)),
        longestLockWaitMs: report.longestLockWaitMs,
        longestWriteMs: report.longestFlushMs,
      },
    };
  } finally {
    store.close();
  }
}
