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
import { findFirst, markerSearchValues } from '../../shared/origin-marker';
import { cached } from '../../shared/run-cache';
import { isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import type { MplusInvoice, MplusOrder } from '../schemas';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField } from './connection-field';
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
      .meta(ui({ label: 'Its total (cents), to match the quotation’s', widget: 'jsonata', placeholder: 'totalInclAmount', help: 'The record’s total incl. VAT in cents. A quotation’s document with another total fails the record, naming both: the sale is booked already, for another amount, and only a person can tell which is right.' })),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by ${c.document === 'invoice' ? 'extInvoiceId' : 'extOrderId'} (${c.key}${c.quotations ? `, or quotations ${c.quotations}` : ''})`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const { document } = ctx.config;
      const found = ctx.memo(`mplus:${ctx.config.connection}:${document}s-by-ext-id`, () => new Map<string, Promise<MplusOrder | MplusInvoice | null>>());
      const keyFor = keyOf(ctx);
      const expression = (expr: string | undefined) => (expr === undefined ? undefined : keyOf({ ...ctx, config: { key: expr } }));
      const quotationsOf = expression(ctx.config.quotations);
      const totalOf = expression(ctx.config.quotationTotal);
      const field = document === 'invoice' ? 'extInvoiceId' : 'extOrderId';
      const find = (id: string) =>
        cached(found, id, async () => {
          const client = await mplusClientFor(ctx, ctx.config.connection);
          return document === 'invoice' ? client.findInvoice(id) : client.findOrder(id);
        });
      const idsOf = (key: unknown) => (Array.isArray(key) ? key : [key]).filter((k) => !isEmpty(k)).map((k) => String(k).trim());
      return async (rec) => {
        const key = await keyFor(rec);
        if (isEmpty(key)) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
        const own = String(key).trim();
        const hit = await findFirst(markerSearchValues(rec.origin, own), find);
        if (hit) return emit(rec, withPath(rec.data, ctx.config.as, hit), 'found');
        const quotations = quotationsOf ? idsOf(await quotationsOf(rec)) : [];
        // Each quotation by its marker, then the bare id an older Sincro wrote. A deal may have had
        // several quotations booked (a revised one): the one with the record's total is the sale.
        const booked: Array<{ id: string; doc: MplusOrder | MplusInvoice }> = [];
        for (const id of quotations) {
          const doc = await findFirst(markerSearchValues({ app: 'teamleader', entity: 'quotation', id }, id), find);
          if (doc) booked.push({ id, doc });
        }
        if (booked.length) {
          const total = totalOf ? await totalOf(rec) : undefined;
          const same = totalOf ? booked.find((b) => b.doc.totalInclAmount === total) : booked[0];
          if (!same) {
            const euros = (cents: unknown) => (typeof cents === 'number' ? `€${(cents / 100).toFixed(2)}` : 'no total');
            const was = booked.map((b) => euros(b.doc.totalInclAmount)).join(' and ');
            return fail(rec, new RecordError(`the quotation of its deal is already booked in MplusKASSA, for ${was}, and this one is for ${euros(total)}. Sincro does not book one sale twice: make the MplusKASSA ${document} match, and the next run skips it`, ctx.config.quotationTotal));
          }
          return emit(rec, withPath(rec.data, ctx.config.quotationAs, same.doc), 'found', { note: `booked as quotation ${same.id} of its deal` });
        }
        return emit(rec, rec.data, 'missing', { note: `no ${document} with ${field} ${own}${quotations.length ? ` or of quotation ${quotations.join(', ')}` : ''} in MplusKASSA` });
      };
    },
    { concurrency: () => 4 },
  ),
});
