/** mplus.source.orders: the orders created or changed in MplusKASSA since the last run. */
import { originOfExternalId } from '../../shared/origin-marker';
import { field, firstText, yearNumber } from '../../shared/record-label';
import type { MplusOrder } from '../schemas';
import { byTextKeys, changesSource } from './changes-source';

export const mplusOrdersSource = changesSource({
  type: 'mplus.source.orders',
  title: 'Orders from MplusKASSA',
  description:
    'Reads the orders made or changed in MplusKASSA since the last run, with their lines. An order that came from another app through Sincro (its extOrderId is Sincro’s origin marker, e.g. “Teamleader invoice …”) is never sent back to that app. Each record is one order (key: its orderId), in MplusKASSA’s shape: extOrderId, relationNumber, relationName, financialDate, reference, paymentMethod, deliveryMethod, totalInclAmount and totalExclAmount in cents, vatGroupList, and lineList with articleNumber, text and data { quantity, price (incl. VAT, cents), priceExcl }.',
  entity: 'orders',
  plural: 'orders',
  singular: 'order',
  currentMarker: (m) => m.orderSyncMarker,
  records: (order) => [{ key: order.orderId ?? '', data: order }],
  byKeys: byTextKeys((client, orderIds) => client.getOrders({ orderIds })),
  // An order Sincro booked from Teamleader says so in its extOrderId; it never goes back there.
  originOf: (data, key) => originOfExternalId((data as MplusOrder).extOrderId) ?? { app: 'mplus', entity: 'order', id: key },
  // …or, with its marker edited away, by the ledger entry of the target that wrote it.
  ledgerEntity: 'order',
  // An order made here and invoiced here: its invoice is the sale. One that came from another app
  // is left to the echo guard, which says so.
  invoicedReason: (data) => {
    const order = data as MplusOrder;
    if (!order.invoiceIds?.length || originOfExternalId(order.extOrderId)) return undefined;
    return `invoiced in MplusKASSA (invoice ${order.invoiceIds.join(', ')}): the invoice is the sale, so the order is not sent`;
  },
  // The order number as MplusKASSA shows it (year-number), else its reference.
  labelOf: (data) => yearNumber(field(data, 'orderNumber')) ?? firstText(field(data, 'reference')),
});
