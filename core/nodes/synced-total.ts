/**
 * The total a document was synced at, noted in the id ledger with it (written-payloads.ts), so a
 * sale that changed after it was synced is told instead of skipped as "already synced": by the
 * step that first sees the document is there, the target (target-write.ts) or a look-up that finds
 * it. Once per change: the new total is noted as it is told, so the next run skips the document
 * again, and a record that failed on it is read again next run.
 */
import { RecordError } from '../engine/record';
import type { NodeRunContext } from './define-node';
import { noted, withNoted } from './written-payloads';

export interface SyncedDocument {
  scope: string;
  entity: string;
  sourceId: string;
  targetId: string;
}

/** The ledger's hash once `total` is noted in it (as it is, without a total). */
export const withSyncedTotal = (stored: string | null, total: number | undefined): string | null => (total === undefined ? stored : withNoted(stored, 'total', String(total)));

/**
 * The document is in the target; its source now comes to `total` (cents incl. VAT). Notes the
 * total, and returns the error to fail the record with when it differs from the one noted before.
 * A document without a noted total (synced before totals were noted, or found in the target) starts
 * from its total now.
 */
export function changedSinceSynced(ctx: NodeRunContext<unknown>, doc: SyncedDocument, total: number | undefined): RecordError | undefined {
  if (total === undefined) return undefined;
  const entry = ctx.ledger.get(doc.scope, doc.entity, doc.sourceId);
  const stored = entry?.state === 'done' && entry.targetId === doc.targetId ? entry.hash : null;
  const was = noted(stored, 'total');
  const now = String(total);
  if (was === now) return undefined;
  ctx.ledger.commit(doc.scope, doc.entity, doc.sourceId, doc.targetId, withSyncedTotal(stored, total), ctx.runId);
  if (was === undefined) return undefined;
  return new RecordError(
    `changed after it was synced: it came to ${euros(Number(was))} when it was synced as ${doc.entity} ${doc.targetId}, and comes to ${euros(total)} now. Sincro does not change a document once it is in the other app: correct it there by hand (for instance a credit and a new document). This is said once per change: the next run takes ${euros(total)} as synced.`,
  );
}

/** A total as an expression gave it: whole cents, or nothing to compare. */
export const wholeCents = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

const euros = (cents: number) => `${cents < 0 ? '−' : ''}€${(Math.abs(cents) / 100).toFixed(2)}`;
