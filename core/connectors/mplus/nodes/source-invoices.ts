/** mplus.source.invoices: the invoices created or changed in MplusKASSA since the last run. */
import { originOfExternalId } from '../../shared/origin-marker';
import { field, firstText, yearNumber } from '../../shared/record-label';
import type { MplusInvoice } from '../schemas';
import { byTextKeys, changesSource } from './changes-source';

export const mplusInvoicesSource = changesSource({
  type: 'mplus.source.invoices',
  title: 'Invoices from MplusKASSA',
  description:
    'Reads the invoices made or changed in MplusKASSA since the last run, with their lines. An invoice that came from another app through Sincro (its extInvoiceId is Sincro’s origin marker), or was made from orders that did (their extOrderIds), is never sent back to that app. Each record is one invoice (key: its invoiceId), in MplusKASSA’s shape: extInvoiceId, invoiceNumber, relationNumber, financialDate, dueDate, totalInclAmount and totalExclAmount in cents, paidAmount, state, and lineList like an order’s.',
  entity: 'invoices',
  plural: 'invoices',
  singular: 'invoice',
  currentMarker: (m) => m.invoiceSyncMarker,
  records: (invoice) => [{ key: invoice.invoiceId ?? '', data: invoice }],
  byKeys: byTextKeys((client, invoiceIds) => client.getInvoices({ invoiceIds })),
  // An invoice Sincro made from Teamleader says so in its extInvoiceId; one a user made from orders
  // Sincro made from Teamleader, in those orders' extOrderIds (MplusKASSA copies them onto the
  // invoice). Neither goes back there.
  originOf: (data, key) => {
    const invoice = data as MplusInvoice;
    return originOfExternalId(invoice.extInvoiceId) ?? (invoice.extOrderIds ?? []).map(originOfExternalId).find(Boolean) ?? { app: 'mplus', entity: 'invoice', id: key };
  },
  // …or, with its marker edited away, by the ledger entry of the target that wrote it.
  ledgerEntity: 'invoice',
  // An invoice made at the till from an order Sincro made is that order's sale, by the ledger too.
  madeFrom: (data) => ((data as MplusInvoice).orderIds ?? []).map((id) => ({ entity: 'order', id })),
  // The invoice number as MplusKASSA shows it (year-number), else its reference.
  labelOf: (data) => yearNumber(field(data, 'invoiceNumber')) ?? firstText(field(data, 'reference')),
});
