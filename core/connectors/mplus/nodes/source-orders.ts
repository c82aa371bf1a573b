/** mplus.source.orders: the orders created or changed in MplusKASSA since the last run. */
import { byTextKeys, changesSource } from './changes-source';

export const mplusOrdersSource = changesSource({
  type: 'mplus.source.orders',
  title: 'Orders from MplusKASSA',
  description:
    'Reads the orders made or changed in MplusKASSA since the last run, with their lines. Each record is one order (key: its orderId), in MplusKASSA’s shape: extOrderId, relationNumber, relationName, financialDate, reference, paymentMethod, deliveryMethod, totalInclAmount and totalExclAmount in cents, vatGroupList, and lineList with articleNumber, text and data { quantity, price (incl. VAT, cents), priceExcl }.',
  entity: 'orders',
  plural: 'orders',
  singular: 'order',
  currentMarker: (m) => m.orderSyncMarker,
  records: (order) => [{ key: order.orderId ?? '', data: order }],
  byKeys: byTextKeys((client, orderIds) => client.getOrders({ orderIds })),
});
