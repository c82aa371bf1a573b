/** What the order and invoice targets share: the employee number and the external id they need. */
import { z } from 'zod';
import { RecordError } from '../../../engine/record';
import { ui } from '../../../nodes/define-node';

export const employeeNumberField = z
  .number()
  .int('the employee number is a whole number')
  .positive('the employee number is a positive number')
  .default(999999)
  .meta(ui({ label: 'Employee number', help: 'The MplusKASSA employee the document is booked on when it names none; MplusKASSA needs one. 999999 is the superuser.' }));

/** The external id a document must carry: MplusKASSA's only guard against booking it twice. */
export function externalIdOf(payload: Record<string, unknown>, field: 'extOrderId' | 'extInvoiceId', what: string): string {
  const v = payload[field];
  const id = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  if (!id) throw new RecordError(`the ${what} has no ${field}; MplusKASSA needs it to recognise the ${what} later (e.g. the id the ${what} has in the other app)`, field);
  return id;
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
