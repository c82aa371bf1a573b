/**
 * The id ledger: which target record a source record became. Targets consult it before writing
 * and record what they wrote, so a rerun, or a run after a crash, creates nothing twice and skips
 * updates whose payload did not change. `begin` marks a write in progress: if the process dies
 * before `commit`, the next run finds 'pending' and looks in the target before creating again.
 * `created_by` keeps the run that began the create through later commits, so the history can name
 * the run that made a target record even when a crash lost that run's last records.
 */
import type { IdLedger, LedgerEntry } from '../engine/services';
import type { Db } from './database';
import { confirmInterruptedCreate } from './interrupted-runs';

export class SqliteIdLedger implements IdLedger {
  private readonly selectOne;
  private readonly upsertPending;
  private readonly upsertDone;
  private readonly deleteOne;
  private readonly deleteByTarget;
  private readonly selectCreator;
  private readonly commitOne;

  constructor(private readonly db: Db) {
    this.selectOne = db.prepare('SELECT target_id, hash, state, updated_at FROM id_ledger WHERE scope = ? AND entity = ? AND source_id = ?');
    this.upsertPending = db.prepare(
      `INSERT INTO id_ledger (scope, entity, source_id, state, run_id, created_by, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)
       ON CONFLICT (scope, entity, source_id) DO UPDATE SET state = 'pending', run_id = excluded.run_id, created_by = excluded.created_by, updated_at = excluded.updated_at`,
    );
    this.upsertDone = db.prepare(
      `INSERT INTO id_ledger (scope, entity, source_id, target_id, hash, state, run_id, updated_at) VALUES (?, ?, ?, ?, ?, 'done', ?, ?)
       ON CONFLICT (scope, entity, source_id) DO UPDATE SET target_id = excluded.target_id, hash = excluded.hash, state = 'done', run_id = excluded.run_id, updated_at = excluded.updated_at`,
    );
    this.deleteOne = db.prepare('DELETE FROM id_ledger WHERE scope = ? AND entity = ? AND source_id = ?');
    this.deleteByTarget = db.prepare('DELETE FROM id_ledger WHERE scope = ? AND entity = ? AND target_id = ?');
    this.selectCreator = db.prepare('SELECT state, created_by FROM id_ledger WHERE scope = ? AND entity = ? AND source_id = ?');
    this.commitOne = db.transaction((scope: string, entity: string, sourceId: string, targetId: string, hash: string | null, runId: string) => {
      const before = this.selectCreator.get(scope, entity, sourceId) as { state: string; created_by: string | null } | undefined;
      this.upsertDone.run(scope, entity, sourceId, targetId, hash, runId, new Date().toISOString());
      // Another run began this create and never saw it answered; now it is known to have arrived.
      if (before?.state === 'pending' && before.created_by && before.created_by !== runId) {
        confirmInterruptedCreate(db, before.created_by, { scope, entity, source_id: sourceId, target_id: targetId });
      }
    });
  }

  get(scope: string, entity: string, sourceId: string): LedgerEntry | undefined {
    const row = this.selectOne.get(scope, entity, sourceId) as { target_id: string | null; hash: string | null; state: 'pending' | 'done'; updated_at: string } | undefined;
    return row && { targetId: row.target_id, hash: row.hash, state: row.state, updatedAt: row.updated_at };
  }

  begin(scope: string, entity: string, sourceId: string, runId: string): void {
    this.upsertPending.run(scope, entity, sourceId, runId, runId, new Date().toISOString());
  }

  commit(scope: string, entity: string, sourceId: string, targetId: string, hash: string | null, runId: string): void {
    this.commitOne(scope, entity, sourceId, targetId, hash, runId);
  }

  forget(scope: string, entity: string, sourceId: string): boolean {
    return this.deleteOne.run(scope, entity, sourceId).changes > 0;
  }

  forgetTarget(scope: string, entity: string, targetId: string): number {
    return this.deleteByTarget.run(scope, entity, targetId).changes;
  }

  list(filter: { scope?: string; entity?: string; state?: string; limit?: number } = {}): Array<{ scope: string; entity: string; sourceId: string } & LedgerEntry> {
    const rows = this.db
      .prepare(
        `SELECT * FROM id_ledger WHERE (@scope IS NULL OR scope = @scope) AND (@entity IS NULL OR entity = @entity) AND (@state IS NULL OR state = @state)
         ORDER BY updated_at DESC LIMIT @limit`,
      )
      .all({ scope: filter.scope ?? null, entity: filter.entity ?? null, state: filter.state ?? null, limit: filter.limit ?? 100 }) as Array<{ scope: string; entity: string; source_id: string; target_id: string | null; hash: string | null; state: 'pending' | 'done'; updated_at: string }>;
    return rows.map((r) => ({ scope: r.scope, entity: r.entity, sourceId: r.source_id, targetId: r.target_id, hash: r.hash, state: r.state, updatedAt: r.updated_at }));
  }
}
