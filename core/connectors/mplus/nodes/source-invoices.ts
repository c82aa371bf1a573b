/** mplus.source.invoices: the invoices created or changed in MplusKASSA since the last run. */
import { byTextKeys, changesSource } from './changes-source';

export const mplusInvoicesSource = changesSource({
  type: 'mplus.source.invoices',
  title: 'Invoices from MplusKASSA',
  description:
    'Reads the invoices made or changed in MplusKASSA since the last run, with their lines. Each record is one invoice (key: its invoiceId), in MplusKASSA’s shape: extInvoiceId, invoiceNumber, relationNumber, financialDate, dueDate, totalInclAmount and totalExclAmount in cents, paidAmount, state, and lineList like an order’s.',
  entity: 'invoices',
  plural: 'invoices',
  singular: 'invoice',
  currentMarker: (m) => m.invoiceSyncMarker,
  records: (invoice) => [{ key: invoice.invoiceId ?? '', data: invoice }],
  byKeys: byTextKeys((client, invoiceIds) => client.getInvoices({ invoiceIds })),
});
