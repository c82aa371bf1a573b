/**
 * How a run is reported: per-node counts, the run's status and summary, and the live events.
 * Shared with the renderer (API contract; no Node imports).
 */
import type { FlowProblem } from './flow-document';

export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';

export interface NodeCounts {
  /** Records that arrived (sources: 0). */
  in: number;
  /** Records that left, per output port. */
  out: Record<string, number>;
  /** Stopped here on purpose (e.g. already synced). */
  skipped: number;
  failed: number;
  /** What targets did (or would do, in a dry run). */
  created: number;
  updated: number;
  unchanged: number;
}

export interface RunSummary {
  runId: string;
  flowId: string;
  flowVersion: number | null;
  flowName: string;
  dryRun: boolean;
  status: RunStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Records made by the sources. */
  read: number;
  /** Finished records by outcome (a record copied by a fan-out counts once per copy). */
  ok: number;
  skipped: number;
  failed: number;
  nodes: Record<string, NodeCounts>;
  /** Why the run failed or was cancelled, naming the node. */
  error?: string;
  /** As stored in the history: who started it, and for a retry the run whose failed records it ran. */
  startedBy?: 'manual' | 'schedule' | 'retry';
  retryOf?: string;
}

export interface RecordResultEvent {
  type: 'record';
  runId: string;
  seq: number;
  /** The source's id of the record (a GUID, often): shown on hover, searched by. */
  key: string;
  /** Its human key (order reference, email, SKU), when its source declares one: what a list shows. */
  label?: string;
  status: 'ok' | 'skipped' | 'failed';
  node: string;
  action?: string;
  message?: string;
  /**
   * The how-many-th record of the run to finish, counted by the host that runs it: a screen that
   * loaded the run's snapshot (counted up to its `finished`) skips the events it already holds.
   */
  n?: number;
}

export type RunEvent =
  | { type: 'started'; runId: string; flowId: string; flowName: string; dryRun: boolean; nodes: string[]; at: string }
  | { type: 'progress'; runId: string; nodes: Record<string, NodeCounts> }
  | RecordResultEvent
  | { type: 'log'; runId: string; node: string; level: 'info' | 'warn' | 'error'; message: string }
  /** `problems`: the run never started because the flow has these (each names its node and field). */
  | { type: 'finished'; runId: string; summary: RunSummary; problems?: FlowProblem[] };

export function emptyCounts(): NodeCounts {
  return { in: 0, out: {}, skipped: 0, failed: 0, created: 0, updated: 0, unchanged: 0 };
}

export function totalOut(c: NodeCounts): number {
  let n = 0;
  for (const v of Object.values(c.out)) n += v;
  return n;
}
