/** teamleader.source.invoices: the invoices made or changed in Teamleader since the last run, with their lines and customer. */
import { z } from 'zod';
import { defineNode, ui } from '../../../nodes/define-node';
import { originOfDealTitle, originOfPurchaseOrderNumber } from '../../shared/origin-marker';
import { field, firstText } from '../../shared/record-label';
import { cached, mapLimited } from '../../shared/run-cache';
import type { TeamleaderInvoice, TeamleaderInvoiceListItem, TeamleaderQuotationListItem } from '../schemas-responses';
import { changesConfig, readChanges, rereadEach } from './changes-source';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection, teamleaderScope } from './connection-field';
import { details } from './details';

const dealOf = (data: unknown) => {
  const id = (data as { deal?: { id?: unknown } | null }).deal?.id;
  return typeof id === 'string' ? [{ entity: 'deal', id }] : [];
};

export const teamleaderInvoicesSource = defineNode({
  type: 'teamleader.source.invoices',
  kind: 'source',
  app: 'teamleader',
  title: 'Invoices from Teamleader',
  description:
    'Reads the invoices booked or changed in Teamleader since the last run (drafts too when asked), each with its lines and its customer. An invoice that came from another app through Sincro (its purchase order number is Sincro’s origin marker, e.g. “MplusKASSA order …”) is never sent back to that app. Each record is one invoice (key: its Teamleader id) in Teamleader’s shape: invoice_number, invoice_date, status, purchase_order_number, invoicee, payment_term, total, currency, note, … and grouped_lines[].line_items[] with quantity, description, unit_price { amount in euros without VAT }, discount, product { id, code (the SKU), name } and tax { id, rate: 0.21, percentage: 21 }. customer is the contact or company invoiced: { type: "contact" | "company", id, name, email, addresses, telephones, vat_number, … }. deal, when it was made from one, is { type, id, title }; an invoice made from a deal Sincro made for an MplusKASSA order (its title ends with the marker) came from MplusKASSA and is never sent back there. With “Read the quotations of its deal”, deal_quotations lists the quotations of the deal the invoice was made from: [{ id, name, status, total }] (empty when it has no deal).',
  config: z.object({
    ...changesConfig('invoices'),
    includeDrafts: z
      .boolean()
      .default(false)
      .meta(ui({ label: 'Also read drafts', help: 'Off: only booked invoices (a draft is read once it is booked).' })),
    withCustomer: z.boolean().default(true).meta(ui({ label: 'Read the customer', help: 'Put the invoiced contact or company in customer (read once per customer per run).' })),
    withDealQuotations: z
      .boolean()
      .default(false)
      .meta(ui({ label: 'Read the quotations of its deal', help: 'Put the quotations of the deal an invoice was made from in deal_quotations (all quotations are listed once per run), so a flow can tell an invoice from a sale it already sent as a quotation.' })),
  }),
  outputs: [{ name: 'out' }],
  // readChanges reads the records that failed last time again by id.
  rereadsFailed: true,
  // An invoice Sincro made from MplusKASSA says so in its purchase order number; one a user made
  // from a deal Sincro made from MplusKASSA (a quotation of a till order), in that deal's title.
  // Neither goes back there.
  originOf: (data, key) =>
    originOfPurchaseOrderNumber((data as TeamleaderInvoice).purchase_order_number) ?? originOfDealTitle((data as { deal?: { title?: unknown } | null }).deal?.title) ?? { app: 'teamleader', entity: 'invoice', id: key },
  // …or, with its marker edited away, by the ledger entry of the target that wrote it.
  // An invoice made from a deal Sincro made (for a quotation) is that deal's sale, by the ledger too.
  writtenAs: (c) => ({ scope: teamleaderScope(c.connection), entity: 'invoice', madeFrom: dealOf }),
  // The invoice number (a draft has none yet: its purchase order number then).
  labelOf: (data) => firstText(field(data, 'invoice_number'), field(data, 'purchase_order_number')),
  summary: (c) => `${c.includeDrafts ? 'invoices' : 'booked invoices'} changed since the last run${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
  check: checkConnection,
  async *run(ctx) {
    const client = await teamleaderClientFor(ctx, ctx.config.connection);
    const more = details(ctx, ctx.config.connection);
    const call = callOptions(ctx);
    const status: Array<'draft' | 'outstanding' | 'matched'> = ctx.config.includeDrafts ? ['draft', 'outstanding', 'matched'] : ['outstanding', 'matched'];
    const byDeal = ctx.memo(`teamleader:${ctx.config.connection}:quotations-by-deal`, () => new Map<string, Promise<Map<string, TeamleaderQuotationListItem[]>>>());
    const quotationsByDeal = () =>
      cached(byDeal, 'all', async () => {
        const grouped = new Map<string, TeamleaderQuotationListItem[]>();
        for (const q of await more.quotations()) grouped.set(q.deal.id, [...(grouped.get(q.deal.id) ?? []), q]);
        return grouped;
      });
    const dealQuotations = async (invoice: TeamleaderInvoice) => {
      if (!ctx.config.withDealQuotations) return {};
      const dealId = invoice.deal?.id;
      const quotations = dealId ? ((await quotationsByDeal()).get(dealId) ?? []) : [];
      return { deal_quotations: quotations.map((q) => ({ id: q.id, name: q.name, status: q.status, total: q.total })) };
    };
    // The deal an invoice was made from, by its title: the deal's marker says where the sale came from.
    const withDealTitle = async (invoice: TeamleaderInvoice) => {
      const id = invoice.deal?.id;
      return id ? { deal: { ...invoice.deal, title: (await more.deal(id)).title } } : {};
    };
    const withDetails = async (invoice: TeamleaderInvoice) => ({
      ...invoice,
      ...(await withDealTitle(invoice)),
      grouped_lines: await more.lines(invoice.grouped_lines),
      ...(ctx.config.withCustomer ? { customer: await more.customer(invoice.invoicee.customer) } : {}),
      ...(await dealQuotations(invoice)),
    });
    const info = (id: string) => client.invoices.info(id, call);
    yield* readChanges<TeamleaderInvoiceListItem>(ctx, {
      what: 'invoice',
      filtersBySince: true,
      items: (since) => client.invoices.list({ filter: { status, ...(since ? { updated_since: since } : {}) } }, call),
      complete: async (items) => {
        const invoices = await mapLimited(items, 4, (item) => info(item.id));
        // The lines' products of the whole batch in one request (per 100), not one per product.
        await more.preloadLines(invoices.flatMap((invoice) => invoice.grouped_lines));
        return mapLimited(invoices, 4, withDetails);
      },
      reread: rereadEach(info, withDetails),
    });
  },
});
