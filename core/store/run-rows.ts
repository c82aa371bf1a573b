/** A stored run and record as the history hands them out, and the rows they are read from. */
import type { RunStatus, RunSummary } from '../api/run-model';
import type { RecordStatus } from '../engine/services';
import { runCursor, startedByOf, type StartedBy } from './run-queries';
import { tryParseStoredJson } from './stored-json';

export interface RunInfo {
  id: string;
  flowId: string;
  flowVersion: number | null;
  flowName: string;
  status: RunStatus;
  dryRun: boolean;
  trigger: string;
  /** Who started it, as the history filters it: manual, schedule or retry. */
  startedBy: StartedBy;
  /** A retry: the run whose failed records it ran again. */
  retryOf: string | null;
  startedAt: string;
  finishedAt: string | null;
  counts: { read: number; ok: number; skipped: number; failed: number; nodes: Record<string, unknown> } | null;
  error: string | null;
  /** Its process ended while it was going on; counts are what its written records say. */
  interrupted: boolean;
  /** Its place in the list: the next page continues after it (`list({ before: cursor })`). */
  cursor: string;
  /** What of its stored row cannot be read (a damaged value): the run is still listed, this says so. */
  damaged?: string;
}

export interface RunRecordInfo {
  runId: string;
  seq: number;
  key: string;
  /** The record's human key (order reference, email, SKU), when its source declares one. */
  label: string | null;
  source: string;
  status: RecordStatus;
  node: string;
  port: string | null;
  action: string | null;
  targetId: string | null;
  message: string | null;
  lineage: unknown;
}

export interface RunRow {
  row_number: number;
  id: string;
  flow_id: string;
  flow_version: number | null;
  flow_name: string;
  status: string;
  dry_run: number;
  trigger: string;
  started_by: string;
  retry_of: string | null;
  started_at: string;
  finished_at: string | null;
  counts: string | null;
  error: string | null;
  owner_pid: number | null;
  owner_instance: string | null;
  owner_host: string | null;
  heartbeat_at: string | null;
  interrupted: number;
}

export interface RecordRow {
  run_id: string;
  seq: number;
  source_key: string;
  label: string | null;
  source_node: string;
  status: string;
  node: string;
  port: string | null;
  action: string | null;
  target_id: string | null;
  message: string | null;
  lineage: string;
  lineage_chunk: number | null;
  lineage_index: number | null;
}

export type FoundRecord = RunRecordInfo & { startedAt: string; flowName: string; dryRun: boolean; cursor: string };

export function toRunInfo(r: RunRow): RunInfo {
  const counts = r.counts ? tryParseStoredJson<RunInfo['counts']>(r.counts) : ({ ok: true, value: null } as const);
  return {
    id: r.id,
    flowId: r.flow_id,
    flowVersion: r.flow_version,
    flowName: r.flow_name,
    status: r.status as RunStatus,
    dryRun: r.dry_run === 1,
    trigger: r.trigger,
    startedBy: startedByOf(r.started_by),
    retryOf: r.retry_of,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: counts.ok ? counts.value : null,
    error: r.error,
    interrupted: r.interrupted > 0,
    cursor: runCursor(r.started_at, r.row_number),
    ...(counts.ok ? {} : { damaged: `History damaged: the run's counts (runs ${r.id}, column counts) cannot be read. \`sincro doctor --recover\` counts them again from its records.` }),
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
    startedBy: r.startedBy,
    ...(r.retryOf ? { retryOf: r.retryOf } : {}),
  };
}
