/**
 * The run history: one row per run and one per finished record with its lineage. Records are
 * buffered and written in transactions of a few thousand rows, which is what lets a run keep
 * full history at full speed. Payloads are capped so one huge record cannot bloat the file.
 */
import type { RunStatus, RunSummary } from '../api/run-model';
import type { RecordStatus, RunRecorder, RunRecordRow, RunStart, RunSummaryForStore } from '../engine/services';
import type { Db } from './database';

export const LINEAGE_CAP_BYTES = 16 * 1024;
const STEP_VALUE_CAP = 2 * 1024;
const FLUSH_ROWS = 2000;

export interface RunInfo {
  id: string;
  flowId: string;
  flowVersion: number | null;
  flowName: string;
  status: RunStatus;
  dryRun: boolean;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  counts: { read: number; ok: number; skipped: number; failed: number; nodes: Record<string, unknown> } | null;
  error: string | null;
}

export interface RunRecordInfo {
  runId: string;
  seq: number;
  key: string;
  source: string;
  status: RecordStatus;
  node: string;
  port: string | null;
  action: string | null;
  targetId: string | null;
  message: string | null;
  lineage: unknown;
}

interface RunRow {
  id: string;
  flow_id: string;
  flow_version: number | null;
  flow_name: string;
  status: string;
  dry_run: number;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  counts: string | null;
  error: string | null;
}

interface RecordRow {
  run_id: string;
  seq: number;
  source_key: string;
  source_node: string;
  status: string;
  node: string;
  port: string | null;
  action: string | null;
  target_id: string | null;
  message: string | null;
  lineage: string;
}

/** Serialises a record's lineage, shortening step payloads when the whole would be too large. */
export function capLineage(trail: unknown): string {
  const full = JSON.stringify(trail);
  if (full.length <= LINEAGE_CAP_BYTES || !Array.isArray(trail)) return full;
  const shorten = (v: unknown) => {
    if (v === undefined) return undefined;
    const s = JSON.stringify(v);
    return s.length <= STEP_VALUE_CAP ? v : { truncated: true, bytes: s.length, preview: s.slice(0, STEP_VALUE_CAP) };
  };
  const capped = trail.map((step: Record<string, unknown>): Record<string, unknown> => ({ ...step, data: shorten(step['data']), answer: shorten(step['answer']) }));
  const out = JSON.stringify(capped);
  return out.length <= LINEAGE_CAP_BYTES ? out : JSON.stringify({ truncated: true, bytes: full.length, steps: capped.map((s) => ({ node: s['node'], port: s['port'], action: s['action'], note: s['note'], error: s['error'] })) });
}

export class RunRepo implements RunRecorder {
  private buffer: unknown[][] = [];
  private readonly insertRecord;
  private readonly flushBuffer;

  constructor(private readonly db: Db) {
    this.insertRecord = db.prepare(
      'INSERT INTO run_records (run_id, seq, source_key, source_node, status, node, port, action, target_id, message, lineage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.flushBuffer = db.transaction((rows: unknown[][]) => {
      for (const r of rows) this.insertRecord.run(r);
    });
  }

  start(run: RunStart): void {
    this.db
      .prepare('INSERT INTO runs (id, flow_id, flow_version, flow_name, status, dry_run, trigger, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(run.runId, run.flowId, run.flowVersion, run.flowName, 'running', run.dryRun ? 1 : 0, run.trigger, run.startedAt);
  }

  record(runId: string, r: RunRecordRow): void {
    this.buffer.push([runId, r.seq, r.key, r.source, r.status, r.node, r.port ?? null, r.action ?? null, r.targetId ?? null, r.message ?? null, capLineage(r.lineage)]);
    if (this.buffer.length >= FLUSH_ROWS) this.flush();
  }

  flush(): void {
    if (!this.buffer.length) return;
    const rows = this.buffer;
    this.buffer = [];
    this.flushBuffer(rows);
  }

  finish(runId: string, s: RunSummaryForStore): void {
    this.flush();
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ?, counts = ?, error = ? WHERE id = ?').run(s.status, s.finishedAt, JSON.stringify(s.counts), s.error ?? null, runId);
  }

  /** Runs left 'running' by a process that died are marked so, instead of running forever. */
  markInterrupted(): number {
    return this.db.prepare("UPDATE runs SET status = 'failed', error = 'Sincro stopped while this run was going on (crash or shutdown). Run the flow again: records already sent are not sent twice.' WHERE status = 'running'").run().changes;
  }

  get(id: string): RunInfo | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && toRunInfo(row);
  }

  list(filter: { flowId?: string; status?: string; limit?: number } = {}): RunInfo[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.flowId) {
      where.push('flow_id = ?');
      args.push(filter.flowId);
    }
    if (filter.status) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, rowid DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit ?? 50) as RunRow[]).map(toRunInfo);
  }

  records(runId: string, opts: { status?: string; limit?: number; offset?: number } = {}): RunRecordInfo[] {
    const sql = `SELECT * FROM run_records WHERE run_id = ? ${opts.status ? 'AND status = ?' : ''} ORDER BY seq LIMIT ? OFFSET ?`;
    const args: unknown[] = [runId, ...(opts.status ? [opts.status] : []), opts.limit ?? 1000, opts.offset ?? 0];
    return (this.db.prepare(sql).all(...args) as RecordRow[]).map(toRecordInfo);
  }

  /** What happened to one source record across all runs, newest first. */
  findByKey(key: string, limit = 100): Array<RunRecordInfo & { startedAt: string; flowName: string; dryRun: boolean }> {
    const rows = this.db
      .prepare('SELECT rr.*, r.started_at, r.flow_name, r.dry_run FROM run_records rr JOIN runs r ON r.id = rr.run_id WHERE rr.source_key = ? ORDER BY r.started_at DESC, rr.seq LIMIT ?')
      .all(key, limit) as Array<RecordRow & { started_at: string; flow_name: string; dry_run: number }>;
    return rows.map((r) => ({ ...toRecordInfo(r), startedAt: r.started_at, flowName: r.flow_name, dryRun: r.dry_run === 1 }));
  }
}

function toRunInfo(r: RunRow): RunInfo {
  return {
    id: r.id,
    flowId: r.flow_id,
    flowVersion: r.flow_version,
    flowName: r.flow_name,
    status: r.status as RunStatus,
    dryRun: r.dry_run === 1,
    trigger: r.trigger,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: r.counts ? (JSON.parse(r.counts) as RunInfo['counts']) : null,
    error: r.error,
  };
}

function toRecordInfo(r: RecordRow): RunRecordInfo {
  return {
    runId: r.run_id,
    seq: r.seq,
    key: r.source_key,
    source: r.source_node,
    status: r.status as RecordStatus,
    node: r.node,
    port: r.port,
    action: r.action,
    targetId: r.target_id,
    message: r.message,
    lineage: JSON.parse(r.lineage) as unknown,
  };
}

/** A stored run as the summary a finished run gives (a run still going counts its time so far). */
export function runSummaryOf(r: RunInfo, now = Date.now()): RunSummary {
  const c = r.counts ?? { read: 0, ok: 0, skipped: 0, failed: 0, nodes: {} };
  return {
    runId: r.id,
    flowId: r.flowId,
    flowVersion: r.flowVersion,
    flowName: r.flowName,
    dryRun: r.dryRun,
    status: r.status,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt ?? '',
    durationMs: (r.finishedAt ? Date.parse(r.finishedAt) : now) - Date.parse(r.startedAt),
    read: c.read,
    ok: c.ok,
    skipped: c.skipped,
    failed: c.failed,
    nodes: c.nodes as RunSummary['nodes'],
    ...(r.error ? { error: r.error } : {}),
  };
}
