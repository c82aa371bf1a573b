/** What a run does at its end: check that every record is accounted for, then move the cursors. */
import { totalOut, type NodeCounts, type RunStatus } from '../api/run-model';
import type { PreparedFlow } from '../flow/validate-flow';
import type { RunServices } from './services';

/** The cursor that keeps a source's failed keys, for sources that read them again (`rereadsFailed`). */
export const FAILED_CURSOR = 'failedKeys';

/**
 * Sync cursors move on after a successful run. After a partial one they move on only for sources
 * that read their failed records again by key (which are remembered); other sources keep their old
 * cursor, so their failed records are read again with everything after them.
 */
export function commitCursors(flow: PreparedFlow, services: RunServices, staged: Array<[string, string, string]>, failed: Map<string, Set<string>>, status: RunStatus): void {
  const rereads = (nodeId: string) => flow.nodes.get(nodeId)?.def.rereadsFailed === true;
  const movable = (nodeId: string) => status === 'succeeded' || rereads(nodeId) || !failed.has(nodeId);
  for (const [nodeId, name, value] of staged) if (movable(nodeId)) services.cursors.set(flow.doc.id, nodeId, name, value);
  for (const nodeId of flow.order) {
    if (!rereads(nodeId)) continue;
    const keys = [...(failed.get(nodeId) ?? [])];
    if (keys.length || services.cursors.get(flow.doc.id, nodeId, FAILED_CURSOR) !== undefined) services.cursors.set(flow.doc.id, nodeId, FAILED_CURSOR, JSON.stringify(keys));
  }
}

/** Every record that entered a node must have left it, been skipped, or failed. */
export function checkInvariant(flow: PreparedFlow, counts: Record<string, NodeCounts>, made: Record<string, number>): string | undefined {
  for (const id of flow.order) {
    const c = counts[id] as NodeCounts;
    const entered = flow.nodes.get(id)?.def.kind === 'source' ? (made[id] ?? 0) : c.in;
    const left = totalOut(c) + c.skipped + c.failed;
    if (entered !== left) {
      return `Node "${id}" lost track of records: ${entered} came in but ${left} were sent on, skipped or failed. This is a bug in the node; no record was reported as done.`;
    }
  }
  return undefined;
}
