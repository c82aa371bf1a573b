/** mplus.source.invoices: the invoices created or changed in MplusKASSA since the last run. */
import type { RecordOrigin } from '../../../engine/record';
import { originOfExternalId } from '../../shared/origin-marker';
import { field, firstText, yearNumber } from '../../shared/record-label';
import type { MplusClient } from '../client';
import type { MplusInvoice } from '../schemas';
import { byTextKeys, changesSource } from './changes-source';

/**
 * Where an invoice was first made: one Sincro made from Teamleader says so in its extInvoiceId;
 * one a user made from orders Sincro made from Teamleader, in those orders' extOrderIds (MplusKASSA
 * copies them onto the invoice).
 */
const invoiceOrigin = (invoice: MplusInvoice, id: string): RecordOrigin =>
  originOfExternalId(invoice.extInvoiceId) ?? (invoice.extOrderIds ?? []).map(originOfExternalId).find(Boolean) ?? { app: 'mplus', entity: 'invoice', id };

/** The invoice a credit invoice credits, as its record carries it: enough to find that sale in another app. */
export interface CreditedInvoice {
  invoiceId: string;
  /** The orders it was made from: the sale may be in another app as one of them. */
  orderIds: string[];
  /** Where it was first made (another app's document, or itself). */
  origin: RecordOrigin;
}

/**
 * Credit invoices get the invoice they credit (`creditedInvoice`, null when MplusKASSA no longer
 * has it), read once for the page: the credit invoice does not carry that invoice's orders [I:
 * not documented], and without them a credit of an invoice made from an order could not find its sale.
 */
async function withCreditedInvoices(client: MplusClient, invoices: MplusInvoice[]): Promise<MplusInvoice[]> {
  const credited = [...new Set(invoices.flatMap((i) => (i.creditedInvoiceId ? [i.creditedInvoiceId] : [])))];
  if (!credited.length) return invoices;
  const known = new Map(invoices.map((i) => [i.invoiceId, i]));
  const toRead = credited.filter((id) => !known.has(id));
  for (const invoice of toRead.length ? await client.getInvoices({ invoiceIds: toRead }) : []) known.set(invoice.invoiceId, invoice);
  return invoices.map((invoice) => {
    if (!invoice.creditedInvoiceId) return invoice;
    const of = known.get(invoice.creditedInvoiceId);
    const creditedInvoice: CreditedInvoice | null = of?.invoiceId ? { invoiceId: of.invoiceId, orderIds: of.orderIds ?? [], origin: invoiceOrigin(of, of.invoiceId) } : null;
    return { ...invoice, creditedInvoice };
  });
}

export const mplusInvoicesSource = changesSource({
  type: 'mplus.source.invoices',
  title: 'Invoices from MplusKASSA',
  description:
    'Reads the invoices made or changed in MplusKASSA since the last run, with their lines. An invoice that came from another app through Sincro (its extInvoiceId is Sincro’s origin marker), or was made from orders that did (their extOrderIds), is never sent back to that app. Each record is one invoice (key: its invoiceId), in MplusKASSA’s shape: extInvoiceId, invoiceNumber, relationNumber, financialDate, dueDate, totalInclAmount and totalExclAmount in cents, paidAmount, state, and lineList like an order’s. A credit invoice also carries the invoice it credits (creditedInvoiceId), and Sincro adds that invoice as creditedInvoice: { invoiceId, orderIds, origin } (null when MplusKASSA no longer has it).',
  entity: 'invoices',
  plural: 'invoices',
  singular: 'invoice',
  currentMarker: (m) => m.invoiceSyncMarker,
  records: (invoice) => [{ key: invoice.invoiceId ?? '', data: invoice }],
  byKeys: byTextKeys((client, invoiceIds) => client.getInvoices({ invoiceIds })),
  complete: withCreditedInvoices,
  credits: { isCredit: (invoice) => Boolean(invoice.creditedInvoiceId), readAfter: ['mplus.source.invoices', 'mplus.source.orders'] },
  // Neither an invoice Sincro made from Teamleader nor one made from such orders goes back there.
  originOf: (data, key) => invoiceOrigin(data as MplusInvoice, key),
  // …or, with its marker edited away, by the ledger entry of the target that wrote it.
  ledgerEntity: 'invoice',
  // An invoice made at the till from an order Sincro made is that order's sale, by the ledger too.
  madeFrom: (data) => ((data as MplusInvoice).orderIds ?? []).map((id) => ({ entity: 'order', id })),
  // The invoice number as MplusKASSA shows it (year-number), else its reference.
  labelOf: (data) => yearNumber(field(data, 'invoiceNumber')) ?? firstText(field(data, 'reference')),
});
