/** What the order and invoice targets share: the employee number, the external id they need, and what the look-ups know of it. */
import { z } from 'zod';
import { RecordError, type RecordOrigin } from '../../../engine/record';
import type { NodeRunContext } from '../../../nodes/define-node';
import { markerSearchValues, originMarker } from '../../shared/origin-marker';
import { fitLines } from '../document-fitting';
import type { MplusInvoice, MplusLineInput, MplusOrder, MplusVatMethod } from '../schemas';
import { mplusClientFor } from './client-for';
import { ui } from '../../../nodes/define-node';

export const employeeNumberField = z
  .number()
  .int('the employee number is a whole number')
  .positive('the employee number is a positive number')
  .default(999999)
  .meta(ui({ label: 'Employee number', help: 'The MplusKASSA employee the document is booked on when it names none; MplusKASSA needs one. 999999 is the superuser.' }));

export interface ExternalId {
  /** What the document carries: the flow's own value, else the origin marker ("Teamleader invoice …"). */
  value: string;
  /** What "already there?" looks for: the value, and the bare id an older Sincro wrote. */
  searchValues: string[];
}

/**
 * The external id a document must carry: MplusKASSA's only guard against booking it twice, and the
 * origin marker by which a flow from MplusKASSA knows not to send it back (shared/origin-marker.ts).
 */
export function externalIdOf(payload: Record<string, unknown>, field: 'extOrderId' | 'extInvoiceId', what: string, origin: RecordOrigin | undefined): ExternalId {
  const v = payload[field];
  const given = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  if (given) return { value: given, searchValues: [given] };
  if (origin) return { value: originMarker(origin), searchValues: markerSearchValues(origin, origin.id) };
  throw new RecordError(`the ${what} has no ${field} and its source does not say where it came from; MplusKASSA needs one to recognise the ${what} later (e.g. the id the ${what} has in the other app)`, field);
}

/**
 * MplusKASSA's orders or invoices by external id, as this run found them: the look-ups share one
 * answer per id (mplus.lookup.order). A target that writes a document forgets what was found for
 * its ids, so a look-up later in the same run (a credit note's, for the invoice it credits) asks
 * MplusKASSA again instead of believing the "not there" it heard before the write.
 */
export function documentsByExternalId(ctx: NodeRunContext<unknown>, connectionId: string, document: 'order' | 'invoice'): Map<string, Promise<MplusOrder | MplusInvoice | null>> {
  return ctx.memo(`mplus:${connectionId}:${document}s-by-ext-id`, () => new Map<string, Promise<MplusOrder | MplusInvoice | null>>());
}

/**
 * The customer's relationNumber, which every document needs: a number (also as digits in text). In
 * a dry run it may be the placeholder of a customer the run would create ("(new relation)").
 */
export function relationNumberOf(payload: Record<string, unknown>, what: string, dryRun: boolean): number | string {
  const v = payload['relationNumber'];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  if (dryRun && typeof v === 'string' && v !== '') return v;
  if (v === undefined || v === null || v === '') {
    throw new RecordError(`the ${what} has no relationNumber: find or create the customer first (MplusKASSA attaches every ${what} to a customer)`, 'relationNumber');
  }
  throw new RecordError(`the ${what}'s relationNumber ${JSON.stringify(v)} is not a number`, 'relationNumber');
}

/** For the shape check of a dry run: a placeholder relation number counts as a number. */
export const withCheckableRelation = <T extends Record<string, unknown>>(payload: T): T =>
  typeof payload['relationNumber'] === 'string' ? { ...payload, relationNumber: 1 } : payload;

/**
 * A document whose payload carries the source's totals (`totalInclAmount`, and `vatGroupList` per
 * VAT percentage, in MplusKASSA's own shape) gets lines fitted to them to the cent
 * (../document-fitting.ts); the totals are MplusKASSA's to compute, so they are not sent.
 */
/** What the source document comes to, in cents incl. VAT, when the payload says (target-write.ts `total`). */
export const sourceTotalOf = (payload: Record<string, unknown>): number | undefined => (typeof payload['totalInclAmount'] === 'number' ? payload['totalInclAmount'] : undefined);

export async function fittedToTotals<T extends Record<string, unknown>>(payload: T, vatPercentages: () => Promise<Map<number, number>>): Promise<{ document: T; note?: string }> {
  const { totalInclAmount, vatGroupList, ...document } = payload;
  if (typeof totalInclAmount !== 'number') return { document: document as T };
  const lines = (document['lineList'] ?? []) as MplusLineInput[];
  if (!Array.isArray(lines) || !lines.length) return { document: document as T };
  const percentages = await vatPercentages();
  const percentageOf = (line: MplusLineInput, i: number) => {
    const code = line.data?.vatCode;
    const p = code === undefined ? undefined : percentages.get(code);
    if (p === undefined) throw new RecordError(`line ${i + 1} (article ${line.articleNumber}) needs a known vatCode to match the source's total${code === undefined ? '' : `; MplusKASSA has no VAT code ${code}`}`, `lineList.${i}.data.vatCode`);
    return p;
  };
  const byPercentage = Array.isArray(vatGroupList)
    ? new Map((vatGroupList as Array<{ vatPercentage?: number; exclAmount?: number; vatAmount?: number }>).map((g) => [g.vatPercentage ?? 0, (g.exclAmount ?? 0) + (g.vatAmount ?? 0)]))
    : undefined;
  const vatMethod = (document['vatMethod'] ?? 'VAT-METHOD-INCLUSIVE') as MplusVatMethod;
  const fitted = fitLines(lines, vatMethod, percentageOf, { totalInclAmount, byPercentage });
  return { document: { ...document, lineList: fitted.lines } as unknown as T, ...(fitted.note ? { note: fitted.note } : {}) };
}

/** VAT code → percentage, read once per run and connection. */
export function vatPercentagesOf(ctx: NodeRunContext<unknown>, connectionId: string): () => Promise<Map<number, number>> {
  return ctx.memo(`mplus:${connectionId}:vat-percentages`, () => {
    let once: Promise<Map<number, number>> | undefined;
    return () => (once ??= mplusClientFor(ctx, connectionId).then(async (client) => new Map((await client.getVatGroupList()).map((g) => [g.vatCode, g.vatPercentage ?? 0]))));
  });
}
