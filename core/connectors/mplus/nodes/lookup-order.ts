/**
 * mplus.lookup.order: was this order synced to MplusKASSA already? By extOrderId, the external id
 * every order made outside MplusKASSA carries (for an order from Teamleader: the origin marker
 * "Teamleader invoice <id>", or the bare id an older Sincro wrote; both are looked for).
 */
import { z } from 'zod';
import { emit } from '../../../engine/record';
import { defineNode } from '../../../nodes/define-node';
import { withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { findFirst, markerSearchValues } from '../../shared/origin-marker';
import { cached } from '../../shared/run-cache';
import { isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import type { MplusOrder } from '../schemas';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField } from './connection-field';
import { asField } from './lookup-support';

export const mplusOrderLookup = defineNode({
  type: 'mplus.lookup.order',
  kind: 'lookup',
  app: 'mplus',
  title: 'Find the order in MplusKASSA',
  description:
    'Looks the order up in MplusKASSA by its external id (extOrderId; for an order from Teamleader, the origin marker “Teamleader invoice <id>” or the bare invoice id) and puts the MplusKASSA order (orderId, orderNumber, totals in cents, lineList, …) in the record. Orders not yet in MplusKASSA leave by “missing”.',
  config: z.object({
    connection: connectionField,
    key: keyField('id', 'The external order id in the record, e.g. id.'),
    as: asField('mplusOrder', 'order'),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by extOrderId (${c.key})`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const orders = ctx.memo(`mplus:${ctx.config.connection}:orders-by-ext-id`, () => new Map<string, Promise<MplusOrder | null>>());
      const keyFor = keyOf(ctx);
      return async (rec) => {
        const key = await keyFor(rec);
        if (isEmpty(key)) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
        const extOrderId = String(key).trim();
        const find = (id: string) => cached(orders, id, async () => (await mplusClientFor(ctx, ctx.config.connection)).findOrder(id));
        const found = await findFirst(markerSearchValues(rec.origin, extOrderId), find);
        if (!found) return emit(rec, rec.data, 'missing', { note: `no order with extOrderId ${extOrderId} in MplusKASSA` });
        return emit(rec, withPath(rec.data, ctx.config.as, found), 'found');
      };
    },
    { concurrency: () => 4 },
  ),
});
