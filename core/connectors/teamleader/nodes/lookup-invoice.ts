/**
 * teamleader.lookup.invoice: is this order already invoiced in Teamleader? By purchase order
 * number: the invoice target stores the origin marker of the source order there ("MplusKASSA order
 * …"; an older Sincro the bare id, which is looked for too), so an order that was synced before
 * (also by another computer, or before the id ledger was lost) is recognised.
 *
 * A run that was killed while Teamleader made its invoice left the ledger's write 'pending': the
 * invoice found here confirms it, so the ledger (and the history of that run) learns its id.
 *
 * `orders` names MplusKASSA orders the record's sale may already be in Teamleader as (an MplusKASSA
 * invoice made from orders: those orders). When the record's own invoice is not there, the invoices
 * of those orders are looked for; the one with the record's total (`orderTotal`) is the sale, and
 * another total fails the record, naming both.
 */
import { z } from 'zod';
import { emit, fail, RecordError, type Outcome, type Rec } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { expressionCheck, withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { changedSinceSynced, wholeCents } from '../../../nodes/synced-total';
import { keysOfBatch } from '../../shared/collection-index';
import { expressionOf, isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import { listedIds, sameSale, type BookedAs } from '../../shared/one-sale';
import { markerSearchValues } from '../../shared/origin-marker';
import { TeamleaderNotFoundError } from '../errors';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection, connectionField, teamleaderScope } from './connection-field';
import { asField } from './lookup-support';
import type { TeamleaderInvoiceListItem } from '../schemas-responses';
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
    keyIs: z
      .enum(['own', 'mplus-invoice'])
      .default('own')
      .meta(ui({ label: 'The key is the id of', help: 'own: the record’s own document (found by its origin marker); mplus-invoice: an MplusKASSA invoice, e.g. the one a credit invoice credits (found by “MplusKASSA invoice <id>”). Another document’s invoice is only found: what it was synced at is not compared.' })),
    orders: z
      .string()
      .superRefine(expressionCheck)
      .optional()
      .meta(ui({ label: 'Or as one of these MplusKASSA orders', widget: 'jsonata', placeholder: 'orderIds', help: 'Ids of MplusKASSA orders the sale may already be in Teamleader as (one or a list, e.g. the orders an MplusKASSA invoice was made from). Their invoices are looked for by the marker “MplusKASSA order <id>” when the record’s own invoice is not found.' })),
    orderAs: asField('teamleaderOrderInvoice', 'order’s invoice'),
    orderTotal: z
      .string()
      .superRefine(expressionCheck)
      .optional()
      .meta(ui({ label: 'Its total (cents)', widget: 'jsonata', placeholder: 'totalInclAmount', help: 'The record’s total incl. VAT in cents. An order’s invoice with another total fails the record, naming both: the sale is in Teamleader already, for another amount, and only a person can tell which is right. The record’s own invoice found with another total than it was synced at fails the record once, naming both: the sale changed after it was synced.' })),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by purchase order number (${c.key}${c.orders ? `, or orders ${c.orders}` : ''})`,
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
      const ordersOf = expressionOf(ctx, ctx.config.orders);
      const totalOf = expressionOf(ctx, ctx.config.orderTotal);
      const orderIds = async (rec: Rec) => (ordersOf ? listedIds(await ordersOf(rec)) : []);
      const orderNumbers = (id: string) => markerSearchValues({ app: 'mplus', entity: 'order', id }, id);
      // The key names the record's own document, or an MplusKASSA invoice (the one a credit invoice credits).
      const keyedOwn = ctx.config.keyIs === 'own';
      const searchValues = (rec: Rec, number: string) => markerSearchValues(keyedOwn ? rec.origin : { app: 'mplus', entity: 'invoice', id: number }, number);
      const numbersOf = async (rec: Rec) => {
        const key = await keyFor(rec);
        const own = isEmpty(key) ? [] : searchValues(rec, String(key).trim());
        return [...own, ...(await orderIds(rec)).flatMap(orderNumbers)];
      };
      /** The invoice of one of the record's orders: the one with its total, or the failure naming the totals. */
      const ofOrders = async (rec: Rec): Promise<Outcome | undefined> => {
        const ids = await orderIds(rec);
        const found: Array<BookedAs<TeamleaderInvoiceListItem>> = [];
        for (const id of ids) {
          const invoice = await invoices.byFirstPurchaseOrderNumber(orderNumbers(id));
          const amount = invoice?.total.tax_inclusive?.amount;
          if (invoice) found.push({ id, doc: invoice, cents: typeof amount === 'number' ? Math.round(amount * 100) : undefined });
        }
        if (!found.length) return undefined;
        const sale = sameSale(found, totalOf && { total: await totalOf(rec) }, { already: 'the order it was made from is already invoiced in Teamleader', verb: 'invoice', fix: 'Teamleader invoice' });
        if ('error' in sale) return fail(rec, new RecordError(sale.error, ctx.config.orderTotal));
        const { id, doc } = sale.same;
        return emit(rec, withPath(rec.data, ctx.config.orderAs, doc), 'found', { note: `invoiced as MplusKASSA order ${id} (invoice ${doc.invoice_number ?? `${doc.id} (draft)`})` });
      };
      /**
       * Another document's invoice whose purchase order number a person changed in Teamleader: the
       * id ledger of the computer that wrote it knows it, and it is read to be sure it is still there.
       */
      const byLedger = async (rec: Rec, number: string): Promise<Outcome | undefined> => {
        const entry = keyedOwn ? undefined : ctx.ledger.get(scope, 'invoice', number);
        if (entry?.state !== 'done' || !entry.targetId) return undefined;
        try {
          const invoice = await (await teamleaderClientFor(ctx, ctx.config.connection)).invoices.info(entry.targetId, callOptions(ctx));
          return emit(rec, withPath(rec.data, ctx.config.as, invoice), 'found', { note: `invoice ${invoice.invoice_number ?? `${invoice.id} (draft)`}, by the id ledger (its purchase order number was changed in Teamleader)` });
        } catch (error) {
          if (error instanceof TeamleaderNotFoundError) return undefined;
          throw error;
        }
      };
      return {
        beforeBatch: async (batch) => invoices.expect(await keysOfBatch(batch, numbersOf)),
        handle: async (rec) => {
          const key = await keyFor(rec);
          if (isEmpty(key)) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
          const number = String(key).trim();
          const found = await invoices.byFirstPurchaseOrderNumber(searchValues(rec, number));
          if (!found) return (await ofOrders(rec)) ?? (await byLedger(rec, number)) ?? emit(rec, rec.data, 'missing', { note: `no invoice with purchase order number ${number} in Teamleader` });
          if (keyedOwn) {
            confirmPending(number, found.id);
            // The record's own invoice: its sale may have changed since it was synced (synced-total.ts).
            const changed = totalOf ? changedSinceSynced(ctx, { scope, entity: 'invoice', sourceId: number, targetId: found.id }, wholeCents(await totalOf(rec))) : undefined;
            if (changed) return fail(rec, changed);
          }
          return emit(rec, withPath(rec.data, ctx.config.as, found), 'found', { note: `invoice ${found.invoice_number ?? `${found.id} (draft)`}` });
        },
      };
    },
    { concurrency: () => 4 },
  ),
});
