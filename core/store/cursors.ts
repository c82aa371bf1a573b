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

  /** Forget a flow's cursors, so the next run reads everything again. */
  reset(flowId: string): number {
    return this.db.prepare('DELETE FROM sync_cursors WHERE flow_id = ?').run(flowId).changes;
  }
}
