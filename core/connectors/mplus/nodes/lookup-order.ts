/**
 * mplus.lookup.order: was this order synced to MplusKASSA already? By extOrderId, the external id
 * every order made outside MplusKASSA carries (for an order from Teamleader: the origin marker
 * "Teamleader invoice <id>", or the bare id an older Sincro wrote; both are looked for), or by an
 * invoice's extInvoiceId when the flow books MplusKASSA invoices.
 *
 * `quotations` names Teamleader quotations the record's sale may already be booked as (an invoice
 * made from a deal: that deal's quotations). When the record's own document is not there, their
 * markers "Teamleader quotation <id>" are looked for, and a hit goes in `quotationAs`, so the flow
 * can tell "this document" from "the quotation it was made from".
 */
import { z } from 'zod';
import { emit, fail, RecordError } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { expressionCheck, withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { changedSinceSynced, wholeCents } from '../../../nodes/synced-total';
import { findFirst, markerSearchValues } from '../../shared/origin-marker';
import { listedIds, sameSale, type BookedAs } from '../../shared/one-sale';
import { cached } from '../../shared/run-cache';
import { expressionOf, isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import type { MplusInvoice, MplusOrder } from '../schemas';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField, mplusScope } from './connection-field';
import { documentsByExternalId } from './document-support';
import { asField } from './lookup-support';

export const mplusOrderLookup = defineNode({
  type: 'mplus.lookup.order',
  kind: 'lookup',
  app: 'mplus',
  title: 'Find the order in MplusKASSA',
  description:
    'Looks the order up in MplusKASSA by its external id (extOrderId; for an order from Teamleader, the origin marker “Teamleader invoice <id>” or the bare invoice id) and puts the MplusKASSA order (orderId, orderNumber, totals in cents, lineList, …) in the record. Orders not yet in MplusKASSA leave by “missing”. It can look for invoices instead (extInvoiceId), and, when the record’s own document is not there, for the documents of the quotations it was made from (its deal’s), whose total must then be the record’s.',
  config: z.object({
    connection: connectionField,
    key: keyField('id', 'The external order id in the record, e.g. id.'),
    as: asField('mplusOrder', 'order'),
    keyIs: z
      .enum(['own', 'teamleader-invoice'])
      .default('own')
      .meta(ui({ label: 'The key is the id of', help: 'own: the record’s own document (found by its origin marker); teamleader-invoice: a Teamleader invoice, e.g. the one a credit note credits (found by “Teamleader invoice <id>”).' })),
    document: z.enum(['order', 'invoice']).default('order').meta(ui({ label: 'Look for', help: 'order: MplusKASSA orders, by extOrderId; invoice: MplusKASSA invoices, by extInvoiceId.' })),
    quotations: z
      .string()
      .superRefine(expressionCheck)
      .optional()
      .meta(ui({ label: 'Or as one of these quotations', widget: 'jsonata', placeholder: 'dealQuotationIds', help: 'Ids of Teamleader quotations the sale may already be booked as (one or a list, e.g. the quotations of an invoice’s deal). Looked for by their marker “Teamleader quotation <id>” when the record’s own document is not found.' })),
    quotationAs: asField('mplusQuotationDocument', 'quotation’s document'),
    quotationTotal: z
      .string()
      .superRefine(expressionCheck)
      .optional()
      .meta(ui({ label: 'Its total (cents)', widget: 'jsonata', placeholder: 'totalInclAmount', help: 'The record’s total incl. VAT in cents. A quotation’s document with another total fails the record, naming both: the sale is booked already, for another amount, and only a person can tell which is right. The record’s own document found with another total than it was synced at fails the record once, naming both: the sale changed after it was synced.' })),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by ${c.document === 'invoice' ? 'extInvoiceId' : 'extOrderId'} (${c.key}${c.quotations ? `, or quotations ${c.quotations}` : ''})`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const { document } = ctx.config;
      const found = documentsByExternalId(ctx, ctx.config.connection, document);
      const keyFor = keyOf(ctx);
      const quotationsOf = expressionOf(ctx, ctx.config.quotations);
      const totalOf = expressionOf(ctx, ctx.config.quotationTotal);
      const field = document === 'invoice' ? 'extInvoiceId' : 'extOrderId';
      const idField = document === 'invoice' ? 'invoiceId' : 'orderId';
      const find = (id: string) =>
        cached(found, id, async () => {
          const client = await mplusClientFor(ctx, ctx.config.connection);
          return document === 'invoice' ? client.findInvoice(id) : client.findOrder(id);
        });
      return async (rec) => {
        const key = await keyFor(rec);
        if (isEmpty(key)) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
        const own = String(key).trim();
        // The key names the record's own document, or another Teamleader invoice (the one a credit note credits).
        const marked = ctx.config.keyIs === 'teamleader-invoice' ? { app: 'teamleader', entity: 'invoice', id: own } : rec.origin;
        const hit = await findFirst(markerSearchValues(marked, own), find);
        if (hit) {
          // The record's own document: its sale may have changed since it was synced (synced-total.ts).
          const targetId = (hit as Record<string, string | undefined>)[idField];
          const changed = totalOf && ctx.config.keyIs === 'own' && targetId ? changedSinceSynced(ctx, { scope: mplusScope(ctx.config.connection), entity: document, sourceId: own, targetId }, wholeCents(await totalOf(rec))) : undefined;
          return changed ? fail(rec, changed) : emit(rec, withPath(rec.data, ctx.config.as, hit), 'found');
        }
        // A Teamleader invoice Sincro booked here, whose marker a person edited away: the id ledger
        // still knows its document. (The record's own document needs no such check: its target does it.)
        const written = ctx.config.keyIs === 'teamleader-invoice' ? ctx.ledger.get(mplusScope(ctx.config.connection), document, own) : undefined;
        if (written?.state === 'done' && written.targetId) {
          return emit(rec, withPath(rec.data, ctx.config.as, { [idField]: written.targetId }), 'found', { note: `${document} ${written.targetId}, booked by Sincro (the id ledger)` });
        }
        const quotations = quotationsOf ? listedIds(await quotationsOf(rec)) : [];
        // Each quotation by its marker, then the bare id an older Sincro wrote. A deal may have had
        // several quotations booked (a revised one): the one with the record's total is the sale.
        const booked: Array<BookedAs<MplusOrder | MplusInvoice>> = [];
        for (const id of quotations) {
          const doc = await findFirst(markerSearchValues({ app: 'teamleader', entity: 'quotation', id }, id), find);
          if (doc) booked.push({ id, doc, cents: doc.totalInclAmount });
        }
        if (booked.length) {
          const sale = sameSale(booked, totalOf && { total: await totalOf(rec) }, { already: 'the quotation of its deal is already booked in MplusKASSA', verb: 'book', fix: `MplusKASSA ${document}` });
          if ('error' in sale) return fail(rec, new RecordError(sale.error, ctx.config.quotationTotal));
          return emit(rec, withPath(rec.data, ctx.config.quotationAs, sale.same.doc), 'found', { note: `booked as quotation ${sale.same.id} of its deal` });
        }
        return emit(rec, rec.data, 'missing', { note: `no ${document} with ${field} ${own}${quotations.length ? ` or of quotation ${quotations.join(', ')}` : ''} in MplusKASSA` });
      };
    },
    { concurrency: () => 4 },
  ),
});
