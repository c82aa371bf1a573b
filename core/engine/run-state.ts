/**
 * What one run keeps while it goes: each node's counts, the run's totals, the next record number,
 * the keys of failed records, the cursor moves waiting for the run's end, and why it stopped.
 * The parts of the runner (record-router.ts, node-context.ts, node-runner.ts) share this one object.
 */
import { emptyCounts, type NodeCounts } from '../api/run-model';
import type { PreparedFlow } from '../flow/validate-flow';
import { toRecordError } from './record';

/** A retry of the run `of`: only its failed records run (per source node, their keys). */
export interface RetrySpec {
  of: string;
  keys: ReadonlyMap<string, readonly string[]>;
}

export interface RunTotals {
  read: number;
  ok: number;
  skipped: number;
  failed: number;
}

export interface RunState {
  readonly runId: string;
  readonly counts: Record<string, NodeCounts>;
  /** Records each source made (a source has no input to count). */
  readonly made: Record<string, number>;
  readonly totals: RunTotals;
  /** The next record's seq: order of creation within the run, unique per record copy. */
  seq: number;
  /** Cursor moves [node, name, value], kept only if the run ends well (run-end.ts). */
  readonly stagedCursors: Array<[string, string, string]>;
  /** Keys of records that failed, per source node (for sources that read them again next time). */
  readonly failedKeys: Map<string, Set<string>>;
  /** Why the run stopped, when a node stopped it or the counts do not add up. */
  fatal?: string;
}

export function newRunState(runId: string, flow: PreparedFlow): RunState {
  const counts: Record<string, NodeCounts> = {};
  const made: Record<string, number> = {};
  for (const id of flow.order) {
    counts[id] = emptyCounts();
    made[id] = 0;
    for (const port of flow.nodes.get(id)?.def.outputs ?? []) counts[id].out[port.name] = 0;
  }
  return { runId, counts, made, totals: { read: 0, ok: 0, skipped: 0, failed: 0 }, seq: 0, stagedCursors: [], failedKeys: new Map() };
}

/** A node failed as a whole (not one record): the run stops, saying which node and why; the first such reason is kept. */
export function nodeStoppedRun(state: RunState, flow: PreparedFlow, nodeId: string, error: unknown): Error {
  // Worded as a record's failure is: a TypeError or ReferenceError says it is Sincro's mistake.
  state.fatal ??= `Node "${nodeId}" (${flow.nodes.get(nodeId)?.def.title}) stopped the run: ${toRecordError(error).message}`;
  return new Error(state.fatal);
}
