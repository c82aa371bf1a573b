/**
 * A run writing its records in a process of its own, for the purge benchmark and its test: it
 * opens the store in the data folder given, starts a run, and every FLUSH_EVERY_MS records a few
 * records and writes them (RunRepo.flush, in one transaction, as a live run does each second). It
 * times each write and, apart, its wait for the file's write lock (what another process holding
 * the lock costs it). It prints "ready" once the run started; on SIGTERM it ends the run and prints
 * one JSON line (WriterReport).
 *
 *   node --import tsx core/bench/purge-writer.ts <data-dir>
 */
import { Store } from '../store/store';
import { cpuWaitMs } from '../util/cpu-wait';
import { FLUSH_EVERY_MS, type WriterReport } from './concurrent-writer';

const RECORDS_PER_FLUSH = 10;
/** Waits for the lock at least this long are listed with their time, to tell what held them up. */
const LONG_WAIT_MS = 20;

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: purge-writer.ts <data-dir>');
const store = Store.open({ dataDir });
const runId = `writer_${process.pid}`;
store.runs.start({ runId, flowId: 'live', flowVersion: 1, flowName: 'Live run', dryRun: false, trigger: 'schedule', startedAt: new Date().toISOString() });
let seq = 0;
let flushes = 0;
let longestFlushMs = 0;
let longestLockWaitMs = 0;
const longWaits: WriterReport['longWaits'] = [];
let longestGapMs = 0;
let lastEnd = performance.now();
const timer = setInterval(() => {
  for (let i = 0; i < RECORDS_PER_FLUSH; i++, seq++) {
    store.runs.record(runId, { seq, key: `live-${seq}`, source: 'src', status: 'ok', node: 'send', port: 'out', action: 'create', targetId: `t${seq}`, lineage: [{ node: 'src', port: 'out', data: { seq } }] });
  }
  const start = performance.now();
  const waited = cpuWaitMs();
  // Taking the write lock first, on its own, times how long others (the purge) kept it.
  store.db.exec('BEGIN IMMEDIATE');
  const locked = performance.now();
  if (locked - start >= LONG_WAIT_MS) longWaits.push({ at: performance.timeOrigin + start, ms: locked - start, cpuWaitMs: cpuWaitMs() - waited });
  store.runs.flush();
  store.db.exec('COMMIT');
  const end = performance.now();
  flushes++;
  longestLockWaitMs = Math.max(longestLockWaitMs, locked - start);
  longestFlushMs = Math.max(longestFlushMs, end - start);
  longestGapMs = Math.max(longestGapMs, end - lastEnd);
  lastEnd = end;
}, FLUSH_EVERY_MS);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  clearInterval(timer);
  store.runs.finish(runId, { status: 'succeeded', finishedAt: new Date().toISOString(), counts: { read: seq, ok: seq, skipped: 0, failed: 0, nodes: {} } });
  store.close();
  const report: WriterReport = { runId, flushes, records: seq, longestLockWaitMs: Math.round(longestLockWaitMs), longestFlushMs: Math.round(longestFlushMs), longestGapMs: Math.round(longestGapMs), longWaits };
  process.stdout.write(`${JSON.stringify(report)}\n`);
});
