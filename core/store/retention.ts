/**
 * Purging old run history (MISSION PLT-6), and the scheduler log with it. Deleting rows alone
 * leaves free pages in the file and a large WAL; the checkpoints and the incremental vacuum hand
 * the space back, so the file does not grow without bound on a machine that syncs every few
 * minutes for years.
 *
 * A purge must not stall a run that is writing meanwhile, in this process or in another one on
 * the same file (the desktop app and `sincro schedule run`). So it works in small steps: each is
 * one short write transaction, sized to take about STEP_MS, and after each the purge pauses long
 * enough for a writer waiting in SQLite's busy handler to get the lock, and for this process's
 * event loop to turn. A step never waits for the lock itself (that would stop this process's event
 * loop while another process writes): when another process holds it, the step is tried again.
 */
import { statSync } from 'node:fs';
import { cpuWaitMs } from '../util/cpu-wait';
import type { Db } from './database';
import { CHUNK_LINES } from './history-writer';

export interface PurgeResult {
  runs: number;
  records: number;
  /** Scheduler log lines older than the cutoff. */
  logLines: number;
  bytesBefore: number;
  bytesAfter: number;
  cutoff: string;
  /**
   * The longest step, in ms: what it held the file's write lock and this process's event loop
   * for, less the time the OS kept this process waiting for a CPU meanwhile (Linux says how long;
   * elsewhere all of it counts).
   */
  longestStepMs: number;
  /** False when it stopped early (its time budget ran out, or the store was closed): the next purge goes on from there. */
  complete: boolean;
}

export interface PurgeStep {
  /** When it began (epoch ms). */
  at: number;
  /** How long it took (wall clock). */
  ms: number;
  /** Of that, how long the process waited for a CPU. */
  cpuWaitMs: number;
}

export interface PurgeOptions {
  /** Hears each step (measurements). */
  onStep?: (step: PurgeStep) => void;
  /**
   * Stop after about this long (ms), between two steps: a purge after a run must not keep the run's
   * command from ending when a large backlog waits (say, after the retention was shortened).
   */
  budgetMs?: number;
}

/** What one step aims to take; steps adapt their size to it. */
export const STEP_MS = 10;
const MAX_ROWS_PER_STEP = 50_000;
const MAX_PAGES_PER_STEP = 20_000;
const LOG_LINES_PER_STEP = 5_000;
/**
 * A writer waiting for the lock sleeps in SQLite's busy handler, in growing intervals: up to 25 ms
 * apart for its first 100 ms of waiting. A pause at least that long between steps lets it in.
 */
const MIN_PAUSE_MS = 25;
/** Another process holds the write lock: try again this much later. */
const BUSY_RETRY_MS = 5;
/** Checkpoints come small and often while purging, so the WAL stays small and so do they. */
const PURGE_AUTOCHECKPOINT_PAGES = 256;
const TRUNCATE_ATTEMPTS = 50;

const DAY_MS = 86_400_000;

export function retentionCutoff(olderThanDays: number, now: number): string {
  return new Date(now - olderThanDays * DAY_MS).toISOString();
}

function fileBytes(file: string): number {
  if (file === ':memory:' || file === '') return 0;
  let total = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      total += statSync(f).size;
    } catch {
      // the WAL may not exist
    }
  }
  return total;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Doubles a step's size while it is quick, halves it when it is slow. */
function adapt(size: number, ms: number, max: number): number {
  if (ms < STEP_MS / 2) return Math.min(max, size * 2);
  if (ms > STEP_MS) return Math.max(1, Math.floor(size / 2));
  return size;
}

/** Deletes the finished runs (with their records, lineages) and scheduler log lines from before `cutoff`. */
export async function purgeRuns(db: Db, cutoff: string, opts: PurgeOptions = {}): Promise<PurgeResult> {
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  const bytesBefore = fileBytes(db.name);
  const result: PurgeResult = { runs: 0, records: 0, logLines: 0, bytesBefore, bytesAfter: bytesBefore, cutoff, longestStepMs: 0, complete: true };
  const stopAt = opts.budgetMs === undefined ? Infinity : performance.now() + opts.budgetMs;

  /**
   * Runs `step` timed, then pauses at least as long (unless it found nothing to do: it wrote
   * nothing a writer could have waited for); undefined once the store was closed
   * meanwhile or the time budget is spent (the purge is then not complete). The busy timeout is
   * off for the step only: other code on this connection keeps it.
   */
  const timed = async <T>(step: () => T, didWork: (value: T) => boolean = () => true): Promise<{ value: T; ms: number } | undefined> => {
    for (;;) {
      if (!db.open || performance.now() >= stopAt) {
        result.complete = false;
        return undefined;
      }
      const t = performance.now();
      const waitedBefore = cpuWaitMs();
      let done: { value: T } | undefined;
      db.pragma('busy_timeout = 0');
      try {
        done = { value: step() };
      } catch (e) {
        if (!String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw e;
      } finally {
        if (db.open) db.pragma(`busy_timeout = ${busyTimeout}`);
      }
      const ms = performance.now() - t;
      const cpuWait = Math.min(ms, cpuWaitMs() - waitedBefore);
      result.longestStepMs = Math.max(result.longestStepMs, ms - cpuWait);
      opts.onStep?.({ at: performance.timeOrigin + t, ms, cpuWaitMs: cpuWait });
      if (!done) await pause(BUSY_RETRY_MS);
      else if (didWork(done.value)) await pause(Math.max(MIN_PAUSE_MS, ms));
      if (!done) continue;
      if (db.open) return { value: done.value, ms };
      result.complete = false;
      return undefined;
    }
  };

  db.pragma(`wal_autocheckpoint = ${PURGE_AUTOCHECKPOINT_PAGES}`);
  try {
    const deleteSome = runDeleter(db, cutoff);
    for (let budget = 256; ; ) {
      const step = await timed(
        () => deleteSome.immediate(budget),
        (v) => v.runs + v.records > 0,
      );
      if (!step || (!step.value.runs && !step.value.records)) break;
      result.runs += step.value.runs;
      result.records += step.value.records;
      budget = adapt(budget, step.ms, MAX_ROWS_PER_STEP);
    }

    const deleteLog = db.prepare('DELETE FROM schedule_log WHERE id IN (SELECT id FROM schedule_log WHERE logged_at < ? LIMIT ?)');
    for (;;) {
      const step = await timed(
        () => deleteLog.run(cutoff, LOG_LINES_PER_STEP).changes,
        (n) => n > 0,
      );
      if (!step?.value) break;
      result.logLines += step.value;
    }

    // The freed pages go back to the file system, a slice at a time.
    for (let pages = 256; db.open; ) {
      const free = db.pragma('freelist_count', { simple: true }) as number;
      if (!free) break;
      const step = await timed(() => db.pragma(`incremental_vacuum(${Math.min(pages, free)})`));
      if (!step) break;
      pages = adapt(pages, step.ms, MAX_PAGES_PER_STEP);
    }

    // The WAL emptied, so the space and the zeroed history are gone from it too. It waits for
    // readers while it holds writers off, so it does not wait: it tries again a little later.
    for (let attempt = 0; attempt < TRUNCATE_ATTEMPTS; attempt++) {
      const step = await timed(() => (db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>)[0]?.busy);
      if (!step?.value) break;
    }
  } finally {
    if (db.open) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  }
  result.bytesAfter = fileBytes(db.name);
  return result;
}

/**
 * One step of deleting old runs: whole runs (their records and lineage chunks go with them, ON
 * DELETE CASCADE) up to about `budget` rows; a run too big for one step loses its records and
 * chunks a slice at a time first.
 */
function runDeleter(db: Db, cutoff: string) {
  const oldRuns = db.prepare("SELECT id FROM runs WHERE started_at < ? AND status != 'running' ORDER BY started_at LIMIT ?").pluck();
  const recordsOf = db.prepare('SELECT count(*) FROM run_records WHERE run_id = ?').pluck();
  const deleteRun = db.prepare('DELETE FROM runs WHERE id = ?');
  const deleteSomeRecords = db.prepare('DELETE FROM run_records WHERE rowid IN (SELECT rowid FROM run_records WHERE run_id = ? LIMIT ?)');
  const deleteSomeChunks = db.prepare('DELETE FROM run_lineage WHERE rowid IN (SELECT rowid FROM run_lineage WHERE run_id = ? LIMIT ?)');
  return db.transaction((budget: number) => {
    let used = 0;
    let runs = 0;
    let records = 0;
    for (const id of oldRuns.all(cutoff, budget) as string[]) {
      const n = recordsOf.get(id) as number;
      if (used > 0 && used + n > budget) break;
      if (n > budget) {
        records += deleteSomeRecords.run(id, budget).changes;
        deleteSomeChunks.run(id, Math.ceil(budget / CHUNK_LINES));
        break;
      }
      deleteRun.run(id);
      records += n;
      runs++;
      used += n + 1;
    }
    return { runs, records };
  });
}
