/**
 * The run history: one row per run and one per finished record with its lineage. Records are
 * written as they finish, in one transaction per second or so (and at the end), which keeps full
 * history at full speed while a crash loses at most that last second. A run in progress has an
 * owner (process, store instance, host) that keeps a heartbeat in its row; another process marks
 * the run interrupted only once that owner is gone (run-owner.ts, interrupted-runs.ts).
 * Payloads are capped so one huge record cannot bloat the file, and the run's known secrets are
 * masked before anything is written.
 */
import type { LineageStep } from '../engine/record';
import type { RecordStatus, RunRecorder, RunRecordRow, RunStart, RunSummaryForStore } from '../engine/services';
import type { Db } from './database';
import { countsSoFar, INTERRUPTED_TOLD, interruptRun } from './interrupted-runs';
import { capLineage, unmasked } from './lineage-cap';
import { HistoryWriter, type HistoryRowValues } from './history-writer';
import { OffThreadHistory } from './history-off-thread';
import { LineageChunks } from './lineage-chunks';
import { compactLineage, DEFAULT_HISTORY_LEVEL, expandLineage, fullLineage, type HistoryLevel } from './lineage-compact';
import { failedKeysOf, findQuery, foundCursor, recordPageQuery, runListQuery, startedByOf, type FindPage, type RecordPage, type RunFilter } from './run-queries';
import { toRunInfo, type FoundRecord, type RecordRow, type RunInfo, type RunRecordInfo, type RunRow } from './run-rows';
import { HEARTBEAT_MS, newRunOwner, ownerGone, type OwnedRunRow } from './run-owner';

export { capLineage, LINEAGE_CAP_BYTES } from './lineage-cap';
export { runSummaryOf, type FoundRecord, type RunInfo, type RunRecordInfo } from './run-rows';

/** Records wait at most this long before they are written (one transaction per flush). */
export const FLUSH_MS = 1000;
/** …or until this many are waiting, which bounds memory at any speed. */
const FLUSH_MAX_ROWS = 2_000;
/** How often record() looks at the clock (a run whose work is all microtasks starves timers). */
const CLOCK_EVERY = 128;

interface LiveRun {
  mask: (text: string) => string;
  level: HistoryLevel;
  countsSoFar?: () => unknown;
}

export class RunRepo implements RunRecorder {
  /** This store's identity as the owner of the runs it starts. */
  readonly owner = newRunOwner();
  private bufferedSince = 0;
  private readonly live = new Map<string, LiveRun>();
  private flushTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly touchRun;
  private readonly writeRows;
  private readonly chunks: LineageChunks;
  private readonly history: HistoryWriter;
  /** The history written from a worker, once a run was large and fast enough (history-off-thread.ts). */
  private offThread: OffThreadHistory | undefined;
  private offThreadStarting: Promise<boolean> | undefined;

  constructor(private readonly db: Db) {
    this.chunks = new LineageChunks(db);
    this.history = new HistoryWriter(db, this.chunks);
    // The owner's counts go with its heartbeat and each flush: every reader (runs list, show, a
    // snapshot in another process) sees the same numbers as the run's own screen, a second late.
    const touch = db.prepare("UPDATE runs SET heartbeat_at = ?, counts = coalesce(?, counts) WHERE id = ? AND status = 'running'");
    this.touchRun = (now: string, id: string) => {
      const counts = this.live.get(id)?.countsSoFar?.();
      touch.run(now, counts === undefined ? null : JSON.stringify(counts), id);
    };
    this.writeRows = db.transaction((now: string) => {
      this.history.write();
      for (const id of this.live.keys()) this.touchRun(now, id);
    });
  }

  start(run: RunStart): void {
    const { pid, instance, host } = this.owner;
    this.db
      .prepare('INSERT INTO runs (id, flow_id, flow_version, flow_name, status, dry_run, trigger, started_by, retry_of, started_at, owner_pid, owner_instance, owner_host, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(run.runId, run.flowId, run.flowVersion, run.flowName, 'running', run.dryRun ? 1 : 0, run.trigger, startedByOf(run.trigger), run.retryOf ?? null, run.startedAt, pid, instance, host, new Date().toISOString());
    this.live.set(run.runId, { mask: run.mask ?? unmasked, level: run.historyLevel ?? DEFAULT_HISTORY_LEVEL, countsSoFar: run.countsSoFar });
    // Each second: the run's counts so far (and what records wait) are written, even while none
    // finishes; the heartbeat needs it only every HEARTBEAT_MS.
    this.heartbeat ??= setInterval(() => this.beat(), Math.min(FLUSH_MS, HEARTBEAT_MS)).unref();
  }

  record(runId: string, r: RunRecordRow): void {
    const live = this.live.get(runId);
    const mask = live?.mask ?? unmasked;
    const level = live?.level ?? DEFAULT_HISTORY_LEVEL;
    // At "failures", only failed records are kept; the run's counts say what happened to the rest.
    if (level === 'failures' && r.status !== 'failed') return;
    const message = r.message === undefined ? null : mask(r.message);
    // A failed record always keeps its full lineage: that is the one someone will read.
    const trail = r.lineage;
    const lineage = !Array.isArray(trail) ? trail : level === 'changes' && r.status !== 'failed' ? compactLineage(trail as LineageStep[]) : fullLineage(trail as LineageStep[]);
    const row: HistoryRowValues = [runId, r.seq, r.key, r.label === undefined ? null : mask(r.label), r.source, r.status, r.node, r.port ?? null, r.action ?? null, r.targetId ?? null, message];
    const text = capLineage(lineage, mask, r.sourceJson);
    if (this.offThread) return this.offThread.add(row, text);
    this.history.add(row, text);
    const waiting = this.history.waiting;
    if (waiting === 1) {
      this.bufferedSince = Date.now();
      this.flushTimer = setTimeout(() => this.flushSoon(), FLUSH_MS).unref();
    } else if (waiting % CLOCK_EVERY === 0 && (waiting >= FLUSH_MAX_ROWS || Date.now() - this.bufferedSince >= FLUSH_MS)) {
      if (waiting >= FLUSH_MAX_ROWS) void this.moveHistoryOffThread();
      this.flush();
    }
  }

  /** Writes the waiting records (and has the worker write what it has); on failure they stay waiting and it throws. */
  flush(): void {
    this.writeWaiting();
    // Inside a transaction of this connection the worker could not write until it ends: it is only handed the rows.
    if (this.db.inTransaction) this.offThread?.post();
    else this.offThread?.flush();
  }

  /** The records waiting in this thread, in one transaction. */
  private writeWaiting(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.history.waiting) return;
    // On failure everything stays waiting (history-writer.ts) and the next flush tries again.
    this.writeRows(new Date().toISOString());
    this.history.written();
  }

  /** Whether the history is written from a worker now. */
  get writesOffThread(): boolean {
    return this.offThread !== undefined;
  }

  /**
   * From now on the history is written from a worker (history-off-thread.ts); true once it is.
   * Done by itself when a run finishes FLUSH_MAX_ROWS records within FLUSH_MS. The worker's first
   * records go once what waits here is written, so each run's chunks stay in order; a worker that
   * cannot start (or a store in memory, which a worker cannot open) leaves the history here.
   */
  moveHistoryOffThread(): Promise<boolean> {
    if (this.offThread) return Promise.resolve(true);
    if (this.db.memory) return Promise.resolve(false);
    this.offThreadStarting ??= OffThreadHistory.start(this.db.name, { flushMs: FLUSH_MS, flushMaxRows: FLUSH_MAX_ROWS }).then(
      (worker) => {
        try {
          if (!this.db.open) throw new Error('the store was closed');
          this.writeWaiting();
          this.offThread = worker;
          return true;
        } catch {
          this.offThreadStarting = undefined;
          try {
            worker.close();
          } catch {
            // It wrote nothing yet: there is nothing to lose.
          }
          return false;
        }
      },
      () => false,
    );
    return this.offThreadStarting;
  }

  /** From a timer or a read: a failure (the file busy, the disk full) is retried, and shows at the next record or the end. */
  private flushSoon(): void {
    try {
      this.flush();
    } catch {
      if (this.db.open) this.flushTimer = setTimeout(() => this.flushSoon(), FLUSH_MS).unref();
    }
  }

  private beat(): void {
    if (!this.db.open || !this.live.size) return this.stopHeartbeat();
    try {
      // The worker writes on its own clock; it only gets what was gathered here.
      this.writeWaiting();
      this.offThread?.post();
      const now = new Date().toISOString();
      for (const id of this.live.keys()) this.touchRun(now, id);
    } catch {
      // The next beat tries again; a store that stays unwritable fails the run at its next flush.
    }
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  finish(runId: string, s: RunSummaryForStore): void {
    this.flush();
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ?, counts = ?, error = ?, interrupted = 0, heartbeat_at = ? WHERE id = ?').run(s.status, s.finishedAt, JSON.stringify(s.counts), s.error ?? null, s.finishedAt, runId);
    this.live.delete(runId);
    this.history.forget(runId);
    this.offThread?.forget(runId);
    if (!this.live.size) this.stopHeartbeat();
  }

  /**
   * Marks the runs whose owner is gone as interrupted, each once, with its end fixed and the counts
   * of what it wrote. Live runs, of this process or another, are left alone.
   */
  markInterrupted(now = Date.now()): number {
    const rows = this.db.prepare("SELECT id, owner_pid, owner_instance, owner_host, heartbeat_at FROM runs WHERE status = 'running'").all() as Array<OwnedRunRow & { id: string }>;
    let marked = 0;
    for (const row of rows) if (!this.live.has(row.id) && ownerGone(row, this.owner, now) && interruptRun(this.db, row.id)) marked++;
    return marked;
  }

  /** Before the store closes: what is still running here ends now, as interrupted. */
  close(): void {
    this.stopHeartbeat();
    try {
      this.flush();
    } finally {
      const now = new Date().toISOString();
      for (const id of this.live.keys()) interruptRun(this.db, id, now);
      this.live.clear();
      // Its connection closes before the store's, which then notes the file as it left it.
      const worker = this.offThread;
      this.offThread = undefined;
      worker?.close();
    }
  }

  get(id: string): RunInfo | undefined {
    const select = () => this.db.prepare('SELECT rowid AS row_number, * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    let row = select();
    if (row?.status === 'running' && !this.live.has(id) && this.markInterrupted()) row = select();
    if (row?.status !== 'running') return row && toRunInfo(row);
    // Going on here: its counts as they are now.
    if (this.live.has(id)) {
      this.flushSoon();
      row = select() ?? row;
    }
    return this.withCountsSoFar(row);
  }

  /** A run going on: the counts its owner wrote, or (an owner that writes none) what its records say. */
  private withCountsSoFar(row: RunRow): RunInfo {
    const info = toRunInfo(row);
    return info.status === 'running' && info.counts === null ? { ...info, counts: countsSoFar(this.db, row.id) } : info;
  }

  /**
   * Runs marked interrupted whose failure no notice told yet, oldest first, each marked told as it
   * is handed out (run-notices.ts tells them once, whichever host looks first).
   */
  takeUntoldInterrupted(): RunInfo[] {
    this.markInterrupted();
    // `interrupted = 2` written out, so SQLite reads its partial index (migration 7), not the table.
    const untold = () => this.db.prepare('SELECT rowid AS row_number, * FROM runs WHERE interrupted = 2 ORDER BY finished_at').all() as RunRow[];
    // Most starts find none: no write lock is taken for them.
    if (!untold().length) return [];
    return this.db.transaction(() => {
      const rows = untold();
      this.db.prepare('UPDATE runs SET interrupted = ? WHERE interrupted = 2').run(INTERRUPTED_TOLD);
      return rows.map(toRunInfo);
    }).immediate();
  }

  /** One page of runs, newest first, filtered (run-queries.ts); the next page is `before` the last one's cursor. */
  list(filter: RunFilter = {}): RunInfo[] {
    const { sql, args } = runListQuery(filter);
    const select = () => this.db.prepare(sql).all(...args) as RunRow[];
    let rows = select();
    if (rows.some((r) => r.status === 'running' && !this.live.has(r.id)) && this.markInterrupted()) rows = select();
    return rows.map((r) => this.withCountsSoFar(r));
  }

  /** A run's records in order, a page at a time (`afterSeq`: the last seq of the page before). */
  records(runId: string, page: RecordPage = {}): RunRecordInfo[] {
    if (this.live.has(runId)) this.flushSoon();
    const { sql, args } = recordPageQuery(runId, page);
    return (this.db.prepare(sql).all(...args) as RecordRow[]).map((r) => this.toRecordInfo(r));
  }

  /** Every record of a run in order, read a page at a time (exports of millions of records). */
  *allRecords(runId: string, opts: { status?: string; pageSize?: number } = {}): Iterable<RunRecordInfo> {
    let afterSeq = -1;
    for (;;) {
      const page = this.records(runId, { status: opts.status, afterSeq, limit: opts.pageSize ?? 1000 });
      yield* page;
      if (page.length < (opts.pageSize ?? 1000)) return;
      afterSeq = (page.at(-1) as RunRecordInfo).seq;
    }
  }

  /** What happened to one record across all runs, found by its source key or its label, newest first. */
  find(text: string, page: FindPage = {}): FoundRecord[] {
    this.flushSoon();
    const { sql, args } = findQuery(text, page);
    const rows = this.db.prepare(sql).all(...args) as Array<RecordRow & { started_at: string; flow_name: string; dry_run: number; run_row: number | null }>;
    return rows.map((r) => ({ ...this.toRecordInfo(r), startedAt: r.started_at, flowName: r.flow_name, dryRun: r.dry_run === 1, cursor: foundCursor(r) }));
  }

  /** The keys of a run's failed records, per source node (what a retry reads again). */
  failedKeys(runId: string): Map<string, string[]> {
    if (this.live.has(runId)) this.flushSoon();
    return failedKeysOf(this.db, runId);
  }

  /** The retries of a run, newest first. */
  retriesOf(runId: string): RunInfo[] {
    return (this.db.prepare('SELECT rowid AS row_number, * FROM runs WHERE retry_of = ? ORDER BY started_at DESC').all(runId) as RunRow[]).map(toRunInfo);
  }

  private toRecordInfo(r: RecordRow): RunRecordInfo {
    return {
      runId: r.run_id,
      seq: r.seq,
      key: r.source_key,
      label: r.label,
      source: r.source_node,
      status: r.status as RecordStatus,
      node: r.node,
      port: r.port,
      action: r.action,
      targetId: r.target_id,
      message: r.message,
      lineage: expandLineage(this.chunks.lineageOf(r)),
    };
  }
}

