/** teamleader.source.quotations: the quotations made or changed in Teamleader since the last run, with lines, deal and customer. */
import { z } from 'zod';
import { skip, type Outcome } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { originOfDealTitle } from '../../shared/origin-marker';
import { field, firstText } from '../../shared/record-label';
import { cached, mapLimited } from '../../shared/run-cache';
import { collect } from '../paging';
import type { TeamleaderDeal, TeamleaderInvoiceListItem, TeamleaderQuotation, TeamleaderQuotationListItem } from '../schemas-responses';
import { changesConfig, readChanges, rereadEach } from './changes-source';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection, teamleaderScope } from './connection-field';
import { details } from './details';

/**
 * A quotation whose deal has a booked invoice is skipped: the invoice is the sale. Not an echo,
 * though (a quotation Sincro made from MplusKASSA): the echo guard skips that one, saying so.
 */
function unlessInvoiced(o: Outcome): Outcome {
  const data = o.kind === 'emit' ? (o.data as { deal?: { title?: unknown }; deal_invoices?: Array<{ id: string; invoice_number?: string | null }> }) : undefined;
  const invoice = data?.deal_invoices?.[0];
  if (o.kind !== 'emit' || !invoice || originOfDealTitle(data?.deal?.title)) return o;
  return skip(o.rec, `its deal is invoiced in Teamleader (invoice ${invoice.invoice_number ?? invoice.id}): the invoice is the sale, so the quotation is not sent`);
}

export const teamleaderQuotationsSource = defineNode({
  type: 'teamleader.source.quotations',
  kind: 'source',
  app: 'teamleader',
  title: 'Quotations from Teamleader',
  description:
    'Reads the quotations made or changed in Teamleader since the last run, each with its lines, its deal and its customer. Teamleader cannot list quotations by change date, so every run lists them all and keeps the changed ones. Each record is one quotation (key: its Teamleader id) in Teamleader’s shape: name, status (open, accepted, …), total, currency, text, … and grouped_lines[].line_items[] with quantity, description, unit_price { amount in euros without VAT }, product { id, code (the SKU), name } and tax { id, rate, percentage }. deal is the deal it belongs to (title, reference, lead, …); customer is the deal’s contact or company { type, id, name, email, addresses, … }; contact_person the deal’s contact person at a company, or null. With “Skip quotations whose deal is invoiced”, deal_invoices lists the booked invoices made from the deal: [{ id, invoice_number, status }], and a quotation with one is skipped.',
  config: z.object({
    ...changesConfig('quotations'),
    skipInvoiced: z
      .boolean()
      .default(false)
      .meta(ui({ label: 'Skip quotations whose deal is invoiced', help: 'A quotation whose deal has a booked invoice is skipped, with the reason: the invoice is the sale (read once per deal, in deal_invoices). For flows that send the invoices too, so one sale is not sent twice.' })),
  }),
  outputs: [{ name: 'out' }],
  // readChanges reads the records that failed last time again by id.
  rereadsFailed: true,
  // A quotation Sincro made from MplusKASSA has the origin marker in brackets in its deal's title.
  originOf: (data, key) => originOfDealTitle((data as { deal?: { title?: unknown } }).deal?.title) ?? { app: 'teamleader', entity: 'quotation', id: key },
  // …or, with its marker edited away, by the ledger entry of the target that wrote it.
  writtenAs: (c) => ({ scope: teamleaderScope(c.connection), entity: 'quotation' }),
  // The deal's reference, else the quotation's name.
  labelOf: (data) => firstText(field(field(data, 'deal'), 'reference'), field(data, 'name')),
  summary: (c) => `quotations changed since the last run${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
  check: checkConnection,
  async *run(ctx) {
    const client = await teamleaderClientFor(ctx, ctx.config.connection);
    const more = details(ctx, ctx.config.connection);
    const call = callOptions(ctx);
    // Teamleader lists a deal's invoices by deal (a detail read); once per deal and run.
    const invoicesOfDeal = ctx.memo(`teamleader:${ctx.config.connection}:booked-invoices-by-deal`, () => new Map<string, Promise<TeamleaderInvoiceListItem[]>>());
    const dealInvoices = async (deal: TeamleaderDeal) => {
      if (!ctx.config.skipInvoiced) return {};
      const invoices = await cached(invoicesOfDeal, deal.id, () => collect(client.invoices.list({ filter: { deal_id: deal.id, status: ['outstanding', 'matched'] } }, call)));
      return { deal_invoices: invoices.map((i) => ({ id: i.id, invoice_number: i.invoice_number, status: i.status })) };
    };
    const withDetails = async (quotation: TeamleaderQuotation, deal: TeamleaderDeal) => {
      const person = deal.lead.contact_person;
      return {
        ...quotation,
        grouped_lines: await more.lines(quotation.grouped_lines),
        deal,
        customer: await more.customer(deal.lead.customer),
        contact_person: person && deal.lead.customer.type === 'company' ? await more.customer({ type: 'contact', id: person.id }) : null,
        ...(await dealInvoices(deal)),
      };
    };
    const changes = readChanges<TeamleaderQuotationListItem>(ctx, {
      what: 'quotation',
      filtersBySince: false,
      // Listed once per run for every node that needs them (details.ts): the invoices source may too.
      items: async function* () {
        yield* await more.quotations();
      },
      complete: async (items) => {
        // The list names the deal, so both are read at once.
        const read = await mapLimited(items, 4, async (item) => Promise.all([client.quotations.info(item.id, call), more.deal(item.deal.id)]));
        // The lines' products of the whole batch in one request (per 100), not one per product.
        await more.preloadLines(read.flatMap(([quotation]) => quotation.grouped_lines));
        return mapLimited(read, 4, ([quotation, deal]) => withDetails(quotation, deal));
      },
      reread: rereadEach(
        (id) => client.quotations.info(id, call),
        async (quotation) => withDetails(quotation, await more.deal(quotation.deal.id)),
      ),
    });
    if (!ctx.config.skipInvoiced) {
      yield* changes;
      return;
    }
    for await (const outcomes of changes) yield outcomes.map(unlessInvoiced);
  },
});
