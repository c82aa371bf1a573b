/** teamleader.source.quotations: the quotations made or changed in Teamleader since the last run, with lines, deal and customer. */
import { z } from 'zod';
import { defineNode } from '../../../nodes/define-node';
import { originOfDealTitle } from '../../shared/origin-marker';
import { field, firstText } from '../../shared/record-label';
import { mapLimited } from '../../shared/run-cache';
import type { TeamleaderDeal, TeamleaderQuotation, TeamleaderQuotationListItem } from '../schemas-responses';
import { changesConfig, readChanges, rereadEach } from './changes-source';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection } from './connection-field';
import { details } from './details';

export const teamleaderQuotationsSource = defineNode({
  type: 'teamleader.source.quotations',
  kind: 'source',
  app: 'teamleader',
  title: 'Quotations from Teamleader',
  description:
    'Reads the quotations made or changed in Teamleader since the last run, each with its lines, its deal and its customer. Teamleader cannot list quotations by change date, so every run lists them all and keeps the changed ones. Each record is one quotation (key: its Teamleader id) in Teamleader’s shape: name, status (open, accepted, …), total, currency, text, … and grouped_lines[].line_items[] with quantity, description, unit_price { amount in euros without VAT }, product { id, code (the SKU), name } and tax { id, rate, percentage }. deal is the deal it belongs to (title, reference, lead, …); customer is the deal’s contact or company { type, id, name, email, addresses, … }; contact_person the deal’s contact person at a company, or null.',
  config: z.object(changesConfig('quotations')),
  outputs: [{ name: 'out' }],
  // readChanges reads the records that failed last time again by id.
  rereadsFailed: true,
  // A quotation Sincro made from MplusKASSA has the origin marker in brackets in its deal's title.
  originOf: (data, key) => originOfDealTitle((data as { deal?: { title?: unknown } }).deal?.title) ?? { app: 'teamleader', entity: 'quotation', id: key },
  // The deal's reference, else the quotation's name.
  labelOf: (data) => firstText(field(field(data, 'deal'), 'reference'), field(data, 'name')),
  summary: (c) => `quotations changed since the last run${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
  check: checkConnection,
  async *run(ctx) {
    const client = await teamleaderClientFor(ctx, ctx.config.connection);
    const more = details(ctx, ctx.config.connection);
    const call = callOptions(ctx);
    const withDetails = async (quotation: TeamleaderQuotation, deal: TeamleaderDeal) => {
      const person = deal.lead.contact_person;
      return {
        ...quotation,
        grouped_lines: await more.lines(quotation.grouped_lines),
        deal,
        customer: await more.customer(deal.lead.customer),
        contact_person: person && deal.lead.customer.type === 'company' ? await more.customer({ type: 'contact', id: person.id }) : null,
      };
    };
    yield* readChanges<TeamleaderQuotationListItem>(ctx, {
      what: 'quotation',
      filtersBySince: false,
      items: () => client.quotations.list({}, call),
      complete: async (items) => {
        // The list names the deal, so both are read at once.
        const read = await mapLimited(items, 4, async (item) => Promise.all([client.quotations.info(item.id, call), client.deals.info(item.deal.id, call)]));
        // The lines' products of the whole batch in one request (per 100), not one per product.
        await more.preloadLines(read.flatMap(([quotation]) => quotation.grouped_lines));
        return mapLimited(read, 4, ([quotation, deal]) => withDetails(quotation, deal));
      },
      reread: rereadEach(
        (id) => client.quotations.info(id, call),
        async (quotation) => withDetails(quotation, await client.deals.info(quotation.deal.id, call)),
      ),
    });
  },
});
