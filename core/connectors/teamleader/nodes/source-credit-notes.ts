/**
 * teamleader.source.creditNotes: the credit notes booked or changed in Teamleader since the last
 * run, with their lines, their customer and the invoice each one credits.
 *
 * A credit note refunds (part of) a sale another app may hold: the flow can book it there only
 * where the invoice it credits is, so each record says which invoice that is, where that invoice
 * came from (Sincro's origin marker: an invoice Sincro made from an MplusKASSA sale is that sale),
 * whether it is paid, and what of it is still due. Those invoices are read with invoices.list by
 * their ids, 100 a request.
 */
import { z } from 'zod';
import { defineNode, ui } from '../../../nodes/define-node';
import { originOfDealTitle, originOfPurchaseOrderNumber } from '../../shared/origin-marker';
import { field, firstText } from '../../shared/record-label';
import { byIds, mapLimited } from '../../shared/run-cache';
import { collect } from '../paging';
import type { TeamleaderCreditNote, TeamleaderCreditNoteListItem, TeamleaderInvoiceListItem } from '../schemas-responses';
import { changesConfig, readChanges, rereadEach } from './changes-source';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection } from './connection-field';
import { details, IDS_PER_REQUEST } from './details';

export const teamleaderCreditNotesSource = defineNode({
  type: 'teamleader.source.creditNotes',
  kind: 'source',
  app: 'teamleader',
  title: 'Credit notes from Teamleader',
  description:
    'Reads the credit notes booked or changed in Teamleader since the last run, each with its lines, its customer and the invoice it credits. Each record is one credit note (key: its Teamleader id) in Teamleader’s shape: credit_note_number, credit_note_date, invoice { id }, invoicee, total (amounts positive, as Teamleader shows them), currency and grouped_lines[].line_items[] like an invoice’s (product { id, code, name }, tax { rate, percentage }). credited_invoice is the invoice it credits (null when it credits none): { id, invoice_number, purchase_order_number, status, paid, total { payable, due }, origin, deal_quotation_ids }, where origin is where that invoice’s sale was made ({ app: "mplus", entity, id } for one Sincro made from an MplusKASSA order or invoice; { app: "teamleader", entity: "invoice", id } otherwise) and deal_quotation_ids lists the quotations of the deal it was made from. In a flow that also reads Teamleader invoices or quotations, it starts once their records are through, so a credit note finds the invoice the same run booked.',
  config: z.object({
    ...changesConfig('credit notes'),
    withCustomer: z.boolean().default(true).meta(ui({ label: 'Read the customer', help: 'Put the credited contact or company in customer (read once per customer per run).' })),
  }),
  outputs: [{ name: 'out' }],
  // readChanges reads the records that failed last time again by id.
  rereadsFailed: true,
  // A credit note is booked where its invoice (or its deal's quotation) is: when both are new, the
  // invoice goes first in the same run, and the credit note finds it.
  readsAfter: () => ['teamleader.source.invoices', 'teamleader.source.quotations'],
  // Sincro never makes credit notes in Teamleader: every one was made there.
  originOf: (_data, key) => ({ app: 'teamleader', entity: 'credit note', id: key }),
  labelOf: (data) => firstText(field(data, 'credit_note_number')),
  summary: (c) => `credit notes changed since the last run${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
  check: checkConnection,
  async *run(ctx) {
    const client = await teamleaderClientFor(ctx, ctx.config.connection);
    const more = details(ctx, ctx.config.connection);
    const call = callOptions(ctx);

    // The credited invoices of a batch, by their ids, 100 a request.
    const invoices = byIds<TeamleaderInvoiceListItem>((ids) => collect(client.invoices.list({ filter: { ids } }, call)), IDS_PER_REQUEST);
    // All quotations are listed once per run (details.ts), and only when a credited invoice has a deal.
    const quotationIdsByDeal = () =>
      ctx.memo(`teamleader:${ctx.config.connection}:quotation-ids-by-deal`, async () => {
        const grouped = new Map<string, string[]>();
        for (const q of await more.quotations()) grouped.set(q.deal.id, [...(grouped.get(q.deal.id) ?? []), q.id]);
        return grouped;
      });

    const creditedInvoice = async (note: TeamleaderCreditNote) => {
      const id = note.invoice?.id;
      if (!id) return null;
      const invoice = await invoices.get(id);
      // Credited, then deleted: Teamleader deletes only drafts and the last booked invoice. Said, not guessed.
      if (!invoice) return { id, invoice_number: null, purchase_order_number: null, status: 'deleted', paid: false, total: null, origin: null, deal_quotation_ids: [] };
      const dealId = invoice.deal?.id;
      const dealTitle = dealId ? (await more.deal(dealId)).title : undefined;
      const origin = originOfPurchaseOrderNumber(invoice.purchase_order_number) ?? originOfDealTitle(dealTitle) ?? { app: 'teamleader', entity: 'invoice', id };
      return {
        id,
        invoice_number: invoice.invoice_number ?? null,
        purchase_order_number: invoice.purchase_order_number ?? null,
        status: invoice.status,
        paid: invoice.paid ?? false,
        total: { payable: invoice.total.payable ?? invoice.total.tax_inclusive, due: invoice.total.due ?? null },
        origin,
        deal_quotation_ids: dealId ? ((await quotationIdsByDeal()).get(dealId) ?? []) : [],
      };
    };
    const withDetails = async (note: TeamleaderCreditNote) => ({
      ...note,
      grouped_lines: await more.lines(note.grouped_lines),
      ...(ctx.config.withCustomer ? { customer: await more.customer(note.invoicee.customer) } : {}),
      credited_invoice: await creditedInvoice(note),
    });
    const info = (id: string) => client.creditNotes.info(id, call);
    yield* readChanges<TeamleaderCreditNoteListItem>(ctx, {
      what: 'credit note',
      filtersBySince: true,
      items: (since) => client.creditNotes.list(since ? { filter: { updated_since: since } } : {}, call),
      complete: async (items) => {
        const notes = await mapLimited(items, 4, (item) => info(item.id));
        await Promise.all([more.preloadLines(notes.flatMap((n) => n.grouped_lines)), invoices.preload(notes.flatMap((n) => (n.invoice?.id ? [n.invoice.id] : [])))]);
        return mapLimited(notes, 4, withDetails);
      },
      reread: rereadEach(info, withDetails),
    });
  },
});
