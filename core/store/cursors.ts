/** Sync cursors per flow and node (a MplusKASSA sync marker, a Teamleader updated_since, …). */
import type { CursorStore } from '../engine/services';
import type { Db } from './database';

export class SqliteCursorStore implements CursorStore {
  constructor(private readonly db: Db) {}

  get(flowId: string, nodeId: string, name: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM sync_cursors WHERE flow_id = ? AND node_id = ? AND name = ?').get(flowId, nodeId, name) as { value: string } | undefined;
    return row?.value;
  }

  set(flowId: string, nodeId: string, name: string, value: string): void {
    this.db
      .prepare('INSERT INTO sync_cursors (flow_id, node_id, name, value, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (flow_id, node_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(flowId, nodeId, name, value, new Date().toISOString());
  }

  /** A flow's cursors, with when each was last set (what its run had read up to then). */
  list(flowId: string): Array<{ nodeId: string; name: string; value: string; updatedAt: string }> {
    return this.db.prepare('SELECT node_id AS nodeId, name, value, updated_at AS updatedAt FROM sync_cursors WHERE flow_id = ? ORDER BY node_id, name').all(flowId) as Array<{ nodeId: string; name: string; value: string; updatedAt: string }>;
  }

  /** Forget a flow's cursors, so the next run reads everything again. */
  reset(flowId: string): number {
    return this.db.prepare('DELETE FROM sync_cursors WHERE flow_id = ?').run(flowId).changes;
  }
}
