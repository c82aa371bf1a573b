/**
 * How every target writes a record, whatever the app: consult the id ledger, look in the target
 * when the ledger does not know, then create, update, or leave alone, and record what was written.
 *
 * - Nothing is created twice: a record already in the ledger is updated or skipped; a write that
 *   began but was never confirmed (a crash) makes the next run look in the target first, and when
 *   the target cannot be searched, the record fails with a message instead of risking a duplicate.
 * - Unchanged payloads are not sent again (the ledger keeps a hash of what was last written).
 * - Two records for the same target record in one run (two orders of one customer) never write at
 *   the same time: the second waits for the first and then sees its result.
 * - In a dry run nothing is written; the outcome says what would happen.
 *
 * `create` and `update` throw a RecordError when the target refused the record (nothing written)
 * and any other error when the outcome is unknown.
 */
import { RecordError, type TargetAction } from '../engine/record';
import { stableHash } from '../util/stable-hash';
import type { NodeRunContext } from './define-node';

/** create: only new records (existing ones are skipped); upsert: create or update; update: only existing ones. */
export type WriteMode = 'create' | 'upsert' | 'update';

export interface TargetWrite {
  /** The target system, e.g. "teamleader:conn_1" or "http:api.example.com". */
  scope: string;
  entity: string;
  sourceId: string;
  payload: unknown;
  mode: WriteMode;
  /** Looks for the record in the target (by email, SKU, external id); its id or undefined. */
  find?(): Promise<string | undefined>;
  create(): Promise<{ id: string; answer?: unknown }>;
  update?(targetId: string): Promise<{ answer?: unknown }>;
}

export type WriteResult =
  | { outcome: 'written'; action: TargetAction; targetId: string; answer?: unknown }
  | { outcome: 'skipped'; reason: string; targetId?: string };

export async function writeWithLedger(ctx: NodeRunContext<unknown>, w: TargetWrite): Promise<WriteResult> {
  const locks = ctx.memo('target-write-locks', () => new Map<string, Promise<unknown>>());
  const lockKey = `${w.scope}\u0000${w.entity}\u0000${w.sourceId}`;
  const before = locks.get(lockKey);
  const mine = (before ?? Promise.resolve()).catch(() => undefined).then(() => write(ctx, w));
  locks.set(lockKey, mine);
  try {
    return await mine;
  } finally {
    if (locks.get(lockKey) === mine) locks.delete(lockKey);
  }
}

async function write(ctx: NodeRunContext<unknown>, w: TargetWrite): Promise<WriteResult> {
  const { ledger, runId, dryRun } = ctx;
  const hash = stableHash(w.payload);
  const entry = ledger.get(w.scope, w.entity, w.sourceId);
  let targetId = entry?.state === 'done' ? (entry.targetId ?? undefined) : undefined;
  let known = entry?.state === 'done' ? entry.hash : null;

  if (targetId === undefined) {
    if (w.find) {
      targetId = await w.find();
      if (targetId !== undefined && !dryRun) ledger.commit(w.scope, w.entity, w.sourceId, targetId, null, runId);
      known = null;
    } else if (entry?.state === 'pending') {
      throw new RecordError(
        `a previous run was interrupted while writing this ${w.entity}, and ${w.scope} cannot be searched to check whether it arrived. Check the target, then run \`sincro ledger forget ${w.scope} ${w.entity} ${w.sourceId}\` to send it again.`,
      );
    }
  }

  if (targetId !== undefined) {
    if (w.mode === 'create') return { outcome: 'skipped', reason: `already synced: ${w.entity} ${targetId} exists in the target`, targetId };
    if (known === hash) return { outcome: 'written', action: 'unchanged', targetId };
    if (!w.update) return { outcome: 'skipped', reason: `${w.entity} ${targetId} exists and this target does not update`, targetId };
    if (dryRun) {
      ledger.commit(w.scope, w.entity, w.sourceId, targetId, hash, runId);
      return { outcome: 'written', action: 'update', targetId };
    }
    const { answer } = await w.update(targetId);
    ledger.commit(w.scope, w.entity, w.sourceId, targetId, hash, runId);
    return { outcome: 'written', action: 'update', targetId, answer };
  }

  if (w.mode === 'update') return { outcome: 'skipped', reason: `no ${w.entity} for ${w.sourceId} in the target, and this target only updates` };
  if (dryRun) {
    const placeholder = `(new ${w.entity})`;
    ledger.commit(w.scope, w.entity, w.sourceId, placeholder, hash, runId);
    return { outcome: 'written', action: 'create', targetId: placeholder };
  }
  ledger.begin(w.scope, w.entity, w.sourceId, runId);
  let created: { id: string; answer?: unknown };
  try {
    created = await w.create();
  } catch (e) {
    // A RecordError means the target refused (nothing was written); anything else (a timeout,
    // a lost connection) leaves the write 'pending', so the next run checks before creating.
    if (e instanceof RecordError) ledger.forget(w.scope, w.entity, w.sourceId);
    throw e;
  }
  ledger.commit(w.scope, w.entity, w.sourceId, created.id, hash, runId);
  return { outcome: 'written', action: 'create', targetId: created.id, answer: created.answer };
}
