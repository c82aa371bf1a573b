/**
 * mplus.target.order: books the order in MplusKASSA (createOrderV3). The order's extOrderId is
 * MplusKASSA's guard against doubles (unique forever), and the call carries an idempotency key
 * made from the source id and the order, so a retry after a lost answer gets the first answer
 * back instead of making a second order. By default an order that exists is skipped as already
 * synced.
 */
import { z } from 'zod';
import { RecordGoneError } from '../../../engine/record';
import { defineNode } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { stableHash } from '../../../util/stable-hash';
import { findFirst } from '../../shared/origin-marker';
import { modeInWords, outcomeOf, sourceIds } from '../../shared/target-support';
import type { MplusOrderInput } from '../schemas';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField, mplusScope } from './connection-field';
import { documentsByExternalId, employeeNumberField, externalIdOf, fittedToTotals, relationNumberOf, sourceTotalOf, vatPercentagesOf, withCheckableRelation } from './document-support';
import { payloadOf, targetFields } from './target-support';
import { checkShape, vendorWrite } from './vendor-errors';

export const mplusOrderTarget = defineNode({
  type: 'mplus.target.order',
  kind: 'target',
  app: 'mplus',
  title: 'Create the order in MplusKASSA',
  description:
    'Books the order in MplusKASSA, once: an order whose extOrderId is already there is skipped as already synced. The order to send is MplusKASSA’s order shape: extOrderId (when absent: Sincro’s origin marker of the document it came from, e.g. “Teamleader invoice …”, so a flow from MplusKASSA never sends it back), relationNumber (required: the customer, e.g. from “Create or update the customer”), employeeNumber (else the one set here), financialDate (YYYY-MM-DD), reference, vatMethod (VAT-METHOD-INCLUSIVE or -EXCLUSIVE), paymentMethod and deliveryMethod (MplusKASSA codes), deliveryAddress, invoiceAddress, and lineList: [{ articleNumber, text, data: { quantity, price (incl. VAT) or priceExcl, in cents } }]. The MplusKASSA orderId is put in the record.',
  config: z.object({
    connection: connectionField,
    ...targetFields('order', { mode: 'create', attachAs: 'mplusOrderId' }),
    employeeNumber: employeeNumberField,
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `by extOrderId · ${modeInWords(c.mode)} · employee ${c.employeeNumber}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const scope = mplusScope(c.connection);
      const ids = sourceIds(ctx);
      const vatPercentages = vatPercentagesOf(ctx, c.connection);
      const found = documentsByExternalId(ctx, c.connection, 'order');
      return async (rec) => {
        const given = payloadOf(rec, c.payload, 'order');
        const fitted = await fittedToTotals(given, vatPercentages);
        const payload = fitted.document;
        const external = externalIdOf(payload, 'extOrderId', 'order', rec.origin);
        const extOrderId = external.value;
        // A placeholder text only in a dry run, which sends nothing.
        const relationNumber = relationNumberOf(payload, 'order', ctx.dryRun);
        const order = { ...payload, extOrderId, relationNumber, employeeNumber: payload['employeeNumber'] ?? c.employeeNumber } as MplusOrderInput;
        checkShape('createOrderV3', { request: { idempotencyKey: 'check', order: withCheckableRelation({ ...order, orderId: '' }) } }, 'order');
        const client = await mplusClientFor(ctx, c.connection);
        const sourceId = await ids.of(rec, rec.key);
        // Written or perhaps written (an answer lost): what the look-ups found for it is stale.
        const forgetFound = () => external.searchValues.forEach((id) => found.delete(id));
        const result = await writeWithLedger(ctx, {
          scope,
          entity: 'order',
          sourceId,
          // Noted with it in the ledger: read back, it is this document's copy, also with its marker edited away.
          origin: rec.origin,
          total: sourceTotalOf(given),
          payload: order,
          mode: c.mode,
          find: async () => (await findFirst(external.searchValues, (id) => client.findOrder(id)))?.orderId,
          create: async () => {
            // The same order from the same source gets the same key; a changed order (fixed after a refusal) a new one.
            const idempotencyKey = `sincro-${stableHash([scope, sourceId, order]).slice(0, 32)}`;
            const created = await vendorWrite('order', () => client.createOrderV3(order, { idempotencyKey }));
            const { orderId, orderString, replayed } = created;
            return { id: orderId, answer: { orderId, orderString, totalInclAmount: created.order?.totalInclAmount, totalExclAmount: created.order?.totalExclAmount, replayed } };
          },
          update: async (orderId) => {
            // An update must carry the counters MplusKASSA last gave the order (optimistic locking).
            const [current] = await client.getOrders({ orderIds: [orderId], includeLineList: false });
            if (!current) throw new RecordGoneError(`order ${orderId} is no longer in MplusKASSA`);
            const updated = await vendorWrite('order', () => client.updateOrder({ ...order, orderId, changeCounter: current.changeCounter, versionNumber: current.versionNumber }));
            return { answer: updated };
          },
        }).finally(forgetFound);
        return outcomeOf(rec, result, { attachAs: c.attachAs, note: fitted.note });
      };
    },
    { concurrency: () => 4 },
  ),
});
