/**
 * The id ledger: which target record a source record became. Targets consult it before writing
 * and record what they wrote, so a rerun, or a run after a crash, creates nothing twice and skips
 * updates whose payload did not change. `begin` marks a write in progress: if the process dies
 * before `commit`, the next run finds 'pending' and looks in the target before creating again.
 * `created_by` keeps the run that began the create through later commits, so the history can name
 * the run that made a target record even when a crash lost that run's last records.
 *
 * Runs of other flows, in this process or another, share the ledger: `begin` claims a create in
 * one transaction, and a create another run still going on has begun is that run's to finish
 * (two flows made from one template, run at once, booked every invoice twice before).
 */
import type { RecordOrigin } from '../engine/record';
import type { IdLedger, LedgerClaim, LedgerEntry } from '../engine/services';
import { tryParseStoredJson } from './stored-json';
import type { Db } from './database';
import { confirmInterruptedCreate } from './interrupted-runs';
import { ownerGone, type OwnedRunRow, type RunOwner } from './run-owner';

type LedgerRow = { target_id: string | null; hash: string | null; state: 'pending' | 'done'; updated_at: string; run_id: string | null };
const entryOf = (row: LedgerRow): LedgerEntry => ({ targetId: row.target_id, hash: row.hash, state: row.state, updatedAt: row.updated_at });

export class SqliteIdLedger implements IdLedger {
  private readonly selectOne;
  private readonly upsertPending;
  private readonly upsertDone;
  private readonly deleteOne;
  private readonly deleteByTarget;
  private readonly selectCreator;
  private readonly commitOne;
  private readonly claim;
  private readonly selectRun;
  private readonly setOrigin;
  private readonly selectOrigin;

  /** `owner`: this store's identity as the owner of its runs (a run of this store is going on while it is 'running'). */
  constructor(
    private readonly db: Db,
    private readonly owner: RunOwner,
  ) {
    this.selectOne = db.prepare('SELECT target_id, hash, state, updated_at, run_id FROM id_ledger WHERE scope = ? AND entity = ? AND source_id = ?');
    this.selectRun = db.prepare('SELECT status, owner_pid, owner_instance, owner_host, heartbeat_at FROM runs WHERE id = ?');
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
    this.setOrigin = db.prepare('UPDATE id_ledger SET origin = ? WHERE scope = ? AND entity = ? AND source_id = ? AND origin IS NOT ?');
    this.selectOrigin = db.prepare('SELECT origin FROM id_ledger WHERE scope = ? AND entity = ? AND target_id = ? AND origin IS NOT NULL LIMIT 1');
    this.selectCreator = db.prepare('SELECT state, created_by FROM id_ledger WHERE scope = ? AND entity = ? AND source_id = ?');
    this.commitOne = db.transaction((scope: string, entity: string, sourceId: string, targetId: string, hash: string | null, runId: string) => {
      const before = this.selectCreator.get(scope, entity, sourceId) as { state: string; created_by: string | null } | undefined;
      this.upsertDone.run(scope, entity, sourceId, targetId, hash, runId, new Date().toISOString());
      // Another run began this create and never saw it answered; now it is known to have arrived.
      if (before?.state === 'pending' && before.created_by && before.created_by !== runId) {
        confirmInterruptedCreate(db, before.created_by, { scope, entity, source_id: sourceId, target_id: targetId });
      }
    });
    this.claim = db.transaction((scope: string, entity: string, sourceId: string, runId: string): LedgerClaim => {
      const row = this.selectOne.get(scope, entity, sourceId) as LedgerRow | undefined;
      if (row?.state === 'done') return { began: false, entry: entryOf(row) };
      const other = row ? this.otherWriter(row, runId) : undefined;
      if (other) return { began: false, busyWith: other };
      this.upsertPending.run(scope, entity, sourceId, runId, runId, new Date().toISOString());
      return { began: true };
    });
  }

  get(scope: string, entity: string, sourceId: string): LedgerEntry | undefined {
    const row = this.selectOne.get(scope, entity, sourceId) as LedgerRow | undefined;
    return row && entryOf(row);
  }

  begin(scope: string, entity: string, sourceId: string, runId: string): LedgerClaim {
    // IMMEDIATE: another process cannot claim between this read and this write.
    return this.claim.immediate(scope, entity, sourceId, runId);
  }

  busyWith(scope: string, entity: string, sourceId: string, runId: string): string | undefined {
    const row = this.selectOne.get(scope, entity, sourceId) as LedgerRow | undefined;
    return row ? this.otherWriter(row, runId) : undefined;
  }

  /** The run that began this pending write, when it is another run still going on. A run that ended or whose process died left it for whoever comes next (who searches the target first). */
  private otherWriter(row: LedgerRow, runId: string): string | undefined {
    if (row.state !== 'pending' || !row.run_id || row.run_id === runId) return undefined;
    const run = this.selectRun.get(row.run_id) as (OwnedRunRow & { status: string }) | undefined;
    return run?.status === 'running' && !ownerGone(run, this.owner, Date.now()) ? row.run_id : undefined;
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

  noteOrigin(scope: string, entity: string, sourceId: string, origin: RecordOrigin): void {
    const text = JSON.stringify({ app: origin.app, entity: origin.entity, id: origin.id });
    this.setOrigin.run(text, scope, entity, sourceId, text);
  }

  originOf(scope: string, entity: string, targetId: string): RecordOrigin | undefined {
    const row = this.selectOrigin.get(scope, entity, targetId) as { origin: string } | undefined;
    const parsed = row ? tryParseStoredJson(row.origin) : undefined;
    const o = parsed?.ok ? (parsed.value as Partial<RecordOrigin> | null) : undefined;
    // A value that is not an origin (damaged) is none: the record is then only what its marker says.
    return o && typeof o.app === 'string' && typeof o.entity === 'string' && typeof o.id === 'string' ? { app: o.app, entity: o.entity, id: o.id } : undefined;
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
