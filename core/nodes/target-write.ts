/**
 * How every target writes a record, whatever the app: consult the id ledger, look in the target
 * when the ledger does not know, then create, update, or leave alone, and record what was written.
 *
 * - Nothing is created twice: a record already in the ledger is updated or skipped; a write that
 *   began but was never confirmed (a crash) makes the next run look in the target first, and when
 *   the target cannot be searched, the record fails with a message instead of risking a duplicate.
 * - A payload a flow sent before is not sent again (written-payloads.ts).
 * - Two records for the same target record in one run (two orders of one customer) never write at
 *   the same time: the second waits for the first and then sees its result. When their payloads
 *   differ (one email in two spellings, a customer who moved between two orders), the record that
 *   came last from its source is written, whatever order the steps finish in.
 * - Nor do two runs (two flows, or two processes on one data folder): a create another run has
 *   begun is left to it, and the record waits for its result (IdLedger.begin).
 * - A record the ledger points to that is gone from the target is found again or created again.
 * - In a dry run nothing is written; the outcome says what would happen.
 *
 * `create` and `update` throw a RecordError when the target refused the record (nothing written)
 * and any other error when the outcome is unknown.
 */
import { RecordError, RecordGoneError, type RecordOrigin, type TargetAction } from '../engine/record';
import { stableHash } from '../util/stable-hash';
import type { NodeRunContext } from './define-node';
import { changedSinceSynced, withSyncedTotal } from './synced-total';
import { sentBy, withSent } from './written-payloads';

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
  /**
   * The source record (its key, source step and place in the run): of several records of one run
   * that are one target record with different payloads, the one that came last from its source is
   * written (between two sources, the source step whose id sorts last).
   */
  record?: { key: string; source: string; seq: number };
  /**
   * The document the record came from (a document copied from another app): noted in the ledger
   * with the target record, so a source reading it back knows it for a copy even when a person
   * edited its origin marker away in the target app (IdLedger.originOf).
   */
  origin?: RecordOrigin;
  /**
   * For a document: what its source comes to, in cents incl. VAT. In `create` mode a document
   * already in the target whose source now comes to another amount changed after it was synced
   * (synced-total.ts).
   */
  total?: number | undefined;
}

export type WriteResult =
  | { outcome: 'written'; action: TargetAction; targetId: string; answer?: unknown; note?: string }
  | { outcome: 'skipped'; reason: string; targetId?: string };

export async function writeWithLedger(ctx: NodeRunContext<unknown>, w: TargetWrite): Promise<WriteResult> {
  const locks = ctx.memo('target-write-locks', () => new Map<string, Promise<unknown>>());
  const lockKey = `${w.scope}\u0000${w.entity}\u0000${w.sourceId}`;
  const before = locks.get(lockKey);
  const mine = (before ?? Promise.resolve()).catch(() => undefined).then(() => writeOnce(ctx, w, lockKey));
  locks.set(lockKey, mine);
  try {
    const result = await mine;
    if (w.origin && result.targetId !== undefined && !ctx.dryRun) ctx.ledger.noteOrigin(w.scope, w.entity, w.sourceId, w.origin);
    return result;
  } finally {
    if (locks.get(lockKey) === mine) locks.delete(lockKey);
  }
}

/** Of the records of one run that are one target record, the last from the source is written (see `record`). */
async function writeOnce(ctx: NodeRunContext<unknown>, w: TargetWrite, lockKey: string): Promise<WriteResult> {
  const writers = ctx.memo('target-write-records', () => new Map<string, { key: string; source: string; seq: number; hash: string }>());
  const later = writers.get(lockKey);
  const hash = stableHash(w.payload);
  if (later && w.record && later.hash !== hash && comesBefore(w.record, later)) {
    const entry = ctx.ledger.get(w.scope, w.entity, w.sourceId);
    if (entry?.state === 'done' && entry.targetId !== null) {
      // Seen, not sent: the next run does not send it either.
      ctx.ledger.commit(w.scope, w.entity, w.sourceId, entry.targetId, withSent(entry.hash, writerOf(ctx), hash, true), ctx.runId);
      return { outcome: 'written', action: 'unchanged', targetId: entry.targetId, note: `the same ${w.entity} as source record ${later.key}, which came later in this run; its values are kept` };
    }
  }
  const result = await write(ctx, w);
  if (w.record && result.outcome === 'written' && (!later || comesBefore(later, w.record))) writers.set(lockKey, { key: w.record.key, source: w.record.source, seq: w.record.seq, hash });
  return result;
}

/** Source order: by source step, then as the source made them. Two sources race; their ids do not. */
const comesBefore = (a: { source: string; seq: number }, b: { source: string; seq: number }) => (a.source === b.source ? a.seq < b.seq : a.source < b.source);

async function write(ctx: NodeRunContext<unknown>, w: TargetWrite): Promise<WriteResult> {
  const { ledger, runId, dryRun } = ctx;
  const hash = stableHash(w.payload);
  const writer = writerOf(ctx);
  const entry = ledger.get(w.scope, w.entity, w.sourceId);
  const other = entry?.state === 'pending' ? ledger.busyWith(w.scope, w.entity, w.sourceId, runId) : undefined;
  if (other) {
    // Another run is creating it right now: its result, not a search racing its answer, decides.
    await whileBusy(ctx, w, other);
    return write(ctx, w);
  }
  let targetId = entry?.state === 'done' ? (entry.targetId ?? undefined) : undefined;
  let sent = entry?.state === 'done' ? sentBy(entry.hash, writer) : [];
  const written = withSent(entry?.state === 'done' ? entry.hash : null, writer, hash);

  if (targetId === undefined) {
    if (w.find) {
      targetId = await w.find();
      if (targetId !== undefined && !dryRun) ledger.commit(w.scope, w.entity, w.sourceId, targetId, null, runId);
      sent = [];
    } else if (entry?.state === 'pending') {
      throw new RecordError(
        `a previous run was interrupted while writing this ${w.entity}, and ${w.scope} cannot be searched to check whether it arrived. Check the target, then run \`sincro ledger forget ${w.scope} ${w.entity} ${w.sourceId}\` to send it again.`,
      );
    }
  }

  if (targetId !== undefined) {
    if (w.mode === 'create') return alreadySynced(ctx, w, targetId);
    if (sent.includes(hash)) return { outcome: 'written', action: 'unchanged', targetId };
    if (!w.update) return { outcome: 'skipped', reason: `${w.entity} ${targetId} exists and this target does not update`, targetId };
    if (dryRun) {
      ledger.commit(w.scope, w.entity, w.sourceId, targetId, written, runId);
      return { outcome: 'written', action: 'update', targetId };
    }
    try {
      const { answer } = await w.update(targetId);
      ledger.commit(w.scope, w.entity, w.sourceId, targetId, written, runId);
      return { outcome: 'written', action: 'update', targetId, answer };
    } catch (e) {
      if (!(e instanceof RecordGoneError)) throw e;
      return writeAgain(ctx, w, targetId, e);
    }
  }

  return createNew(ctx, w, withSyncedTotal(withSent(null, writer, hash), w.total));
}

/** A document already in the target, in `create` mode: left as it is, unless its sale changed since (synced-total.ts). */
function alreadySynced(ctx: NodeRunContext<unknown>, w: TargetWrite, targetId: string): WriteResult {
  const changed = changedSinceSynced(ctx, { scope: w.scope, entity: w.entity, sourceId: w.sourceId, targetId }, w.total);
  if (changed) throw changed;
  return { outcome: 'skipped', reason: `already synced: ${w.entity} ${targetId} exists in the target`, targetId };
}

/**
 * The record the ledger pointed to is gone from the target: the ledger forgets it, the target is
 * searched again by the natural key, and the record is updated there or created, in this run. The
 * outcome's note says what happened, for the record's history.
 */
async function writeAgain(ctx: NodeRunContext<unknown>, w: TargetWrite, goneId: string, gone: RecordGoneError): Promise<WriteResult> {
  const { ledger, runId } = ctx;
  ledger.forget(w.scope, w.entity, w.sourceId);
  const why = `${w.entity} ${goneId} that the id ledger pointed to is gone from the target (${gone.message})`;
  const found = w.find ? await w.find() : undefined;
  if (found !== undefined && found !== goneId && w.update) {
    const { answer } = await w.update(found);
    ledger.commit(w.scope, w.entity, w.sourceId, found, withSent(null, writerOf(ctx), stableHash(w.payload)), runId);
    return { outcome: 'written', action: 'update', targetId: found, answer, note: `${why}; found it again as ${found} and updated it` };
  }
  if (found !== undefined && found !== goneId) {
    ledger.commit(w.scope, w.entity, w.sourceId, found, null, runId);
    return { outcome: 'written', action: 'unchanged', targetId: found, note: `${why}; found it again as ${found}` };
  }
  const created = await createNew(ctx, w, withSyncedTotal(withSent(null, writerOf(ctx), stableHash(w.payload)), w.total));
  return created.outcome === 'written' ? { ...created, note: `${why}; created it again` } : created;
}

/** `written`: the ledger's hash once this is written (withSent). */
async function createNew(ctx: NodeRunContext<unknown>, w: TargetWrite, written: string | null): Promise<WriteResult> {
  const { ledger, runId, dryRun } = ctx;
  if (w.mode === 'update') return { outcome: 'skipped', reason: `no ${w.entity} for ${w.sourceId} in the target, and this target only updates` };
  if (dryRun) {
    const placeholder = `(new ${w.entity})`;
    ledger.commit(w.scope, w.entity, w.sourceId, placeholder, written, runId);
    return { outcome: 'written', action: 'create', targetId: placeholder };
  }
  const claim = ledger.begin(w.scope, w.entity, w.sourceId, runId);
  if (!claim.began) {
    // Another run got there first: wait while it writes, then start over and see what it wrote.
    if (claim.busyWith) await whileBusy(ctx, w, claim.busyWith);
    return write(ctx, w);
  }
  let created: { id: string; answer?: unknown };
  try {
    created = await w.create();
  } catch (e) {
    // A RecordError means the target refused (nothing was written); anything else (a timeout,
    // a lost connection) leaves the write 'pending', so the next run checks before creating.
    if (e instanceof RecordError) ledger.forget(w.scope, w.entity, w.sourceId);
    throw e;
  }
  ledger.commit(w.scope, w.entity, w.sourceId, created.id, written, runId);
  return { outcome: 'written', action: 'create', targetId: created.id, answer: created.answer };
}

const writerOf = (ctx: NodeRunContext<unknown>) => `${ctx.flow.id}/${ctx.nodeId}`;

/** How long a record waits for another run to finish writing the same target record. */
export const OTHER_RUN_WAIT_MS = 60_000;
const POLL_MS = 100;

/**
 * Waits while another run still going on writes this record (its create takes a request or two).
 * The record fails, never writing a second copy, when that run is still at it after a minute.
 */
async function whileBusy(ctx: NodeRunContext<unknown>, w: TargetWrite, other: string): Promise<void> {
  const until = Date.now() + OTHER_RUN_WAIT_MS;
  while (ctx.ledger.busyWith(w.scope, w.entity, w.sourceId, ctx.runId)) {
    if (Date.now() > until) throw new RecordError(`another run (${other}) is writing this ${w.entity} to ${w.scope} and has not finished within a minute; it is left to that run, and the next run checks again`);
    ctx.signal.throwIfAborted();
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
