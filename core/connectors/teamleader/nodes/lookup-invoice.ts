/**
 * teamleader.lookup.invoice: is this order already invoiced in Teamleader? By purchase order
 * number: the invoice target stores the origin marker of the source order there ("MplusKASSA order
 * …"; an older Sincro the bare id, which is looked for too), so an order that was synced before
 * (also by another computer, or before the id ledger was lost) is recognised.
 *
 * A run that was killed while Teamleader made its invoice left the ledger's write 'pending': the
 * invoice found here confirms it, so the ledger (and the history of that run) learns its id.
 */
import { z } from 'zod';
import { emit, type Rec } from '../../../engine/record';
import { defineNode } from '../../../nodes/define-node';
import { withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { keysOfBatch } from '../../shared/collection-index';
import { isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import { markerSearchValues } from '../../shared/origin-marker';
import { checkConnection, connectionField, teamleaderScope } from './connection-field';
import { asField } from './lookup-support';
import { invoiceSearch } from './searches';

export const teamleaderInvoiceLookup = defineNode({
  type: 'teamleader.lookup.invoice',
  kind: 'lookup',
  app: 'teamleader',
  title: 'Find the invoice in Teamleader',
  description:
    'Looks for the invoice of an order in Teamleader by its purchase order number (purchase_order_number), which the invoice target fills with the source order’s origin marker (“MplusKASSA order <id>”; the bare id is looked for too). Found records get the invoice in Teamleader’s shape: { id, invoice_number, status, invoice_date, total, invoicee, … }, for example to skip orders that are already synced; the others leave by “missing”.',
  config: z.object({
    connection: connectionField,
    key: keyField('id', 'The purchase order number to look for: the source order’s id, e.g. id or orderId.'),
    as: asField('teamleaderInvoice', 'invoice'),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by purchase order number (${c.key})`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const invoices = invoiceSearch(ctx, ctx.config.connection);
      const keyFor = keyOf(ctx);
      const scope = teamleaderScope(ctx.config.connection);
      // The invoice target's ledger entry: its source id is the purchase order number it fills in.
      const confirmPending = (number: string, invoiceId: string) => {
        if (!ctx.dryRun && ctx.ledger.get(scope, 'invoice', number)?.state === 'pending') ctx.ledger.commit(scope, 'invoice', number, invoiceId, null, ctx.runId);
      };
      const numbersOf = async (rec: Rec) => {
        const key = await keyFor(rec);
        return isEmpty(key) ? [] : markerSearchValues(rec.origin, String(key).trim());
      };
      return {
        beforeBatch: async (batch) => invoices.expect(await keysOfBatch(batch, numbersOf)),
        handle: async (rec) => {
          const key = await keyFor(rec);
          if (isEmpty(key)) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
          const number = String(key).trim();
          const found = await invoices.byFirstPurchaseOrderNumber(markerSearchValues(rec.origin, number));
          if (!found) return emit(rec, rec.data, 'missing', { note: `no invoice with purchase order number ${number} in Teamleader` });
          confirmPending(number, found.id);
          return emit(rec, withPath(rec.data, ctx.config.as, found), 'found', { note: `invoice ${found.invoice_number ?? `${found.id} (draft)`}` });
        },
      };
    },
    { concurrency: () => 4 },
  ),
});
