/**
 * Sandbox rules for orders: unique-forever extOrderId, an existing relation and existing articles,
 * totals and VAT groups from the seeded VAT codes, changeCounter/versionNumber concurrency, and
 * idempotency-key replay for createOrderV3.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { amsterdamDate } from '../convert';
import { getOrdersRequestSchema, orderSchema, paymentSchema, type MplusOrder, type MplusPayment, type MplusVatMethod } from '../schemas';
import type { JsObject } from '../xml-codec';
import { businessView, checkParties, fail, importantView, isStale, matchesFilter, registerPayments, withoutServerFields, type Outcome } from './document-rules';
import { mergeFields, syncWindow, typed } from './soap-fault';
import type { MplusSandboxStore } from './store';
import { priceDocument, PricingError, type PricedDocument } from './totals';

const SALES_TYPES = ['ORDER-TYPE-SALES-ORDER', 'ORDER-TYPE-REPEAT-SALES-ORDER', 'ORDER-TYPE-EXTERNAL-SALES-ORDER'];

const orderString = (n: { year: number; number: number }) => `${n.year}-${String(n.number).padStart(6, '0')}`;

function price(store: MplusSandboxStore, order: MplusOrder, vatMethod: MplusVatMethod): Outcome<MplusOrder & PricedDocument> {
  try {
    return { ok: true, value: { ...order, vatMethod, ...priceDocument(order.lineList ?? [], vatMethod, store.catalog) } };
  } catch (error) {
    if (error instanceof PricingError) return fail('FAILED', error.message);
    throw error;
  }
}

function checkMethods(store: MplusSandboxStore, order: MplusOrder): string | undefined {
  if (order.paymentMethod && !store.paymentMethods.some((m) => m.method === order.paymentMethod)) return `Payment method ${order.paymentMethod} does not exist.`;
  if (order.deliveryMethod && !store.deliveryMethods.some((m) => m.deliveryMethod === order.deliveryMethod)) return `Delivery method ${order.deliveryMethod} does not exist.`;
  return undefined;
}

/** Creates an order (handlers and the seed loader); failures come back as the result suffix + message. */
export function createOrderRecord(store: MplusSandboxStore, input: MplusOrder, payments: readonly MplusPayment[] = []): Outcome<MplusOrder> {
  if (input.extOrderId && store.extOrderIds.has(input.extOrderId)) return fail('EXT-ORDER-ID-ALREADY-EXISTS', `An order with extOrderId ${input.extOrderId} already exists.`);
  if (input.orderId && store.orders.has(input.orderId)) return fail('FAILED', `Order id ${input.orderId} is already in use.`);
  const parties = checkParties(store, input);
  if ('result' in parties) return fail(parties.result, parties.message);
  const methodProblem = checkMethods(store, input);
  if (methodProblem) return fail('FAILED', methodProblem);
  const relation = store.relations.get(input.relationNumber ?? 0);
  const priced = price(store, input, input.vatMethod ?? relation?.defaultVatMethod ?? 'VAT-METHOD-INCLUSIVE');
  if (!priced.ok) return priced;
  const stampedPayments = registerPayments(store, payments, parties.employeeNumber);
  if (typeof stampedPayments === 'string') return fail('PAYMENT-FAILED', stampedPayments);
  const prepaid = stampedPayments.reduce((sum, p) => sum + p.amount, 0);
  const number = store.nextOrderNumber();
  const { vatMethod, lineList, totalInclAmount, totalExclAmount, vatGroupList } = priced.value;
  const order: MplusOrder = orderSchema.parse({
    ...withoutServerFields(input, ['invoiceIds', 'extInvoiceIds', 'orderNumber', 'orderBarcode', 'paymentList', 'prepaidAmount', 'fullyPaid']),
    vatMethod,
    lineList,
    totalInclAmount,
    totalExclAmount,
    vatGroupList,
    orderId: input.orderId || randomUUID().replaceAll('-', ''),
    syncMarker: store.bump('order'),
    orderType: input.orderType ?? 'ORDER-TYPE-SALES-ORDER',
    entryBranchNumber: input.entryBranchNumber ?? store.branchNumber,
    financialBranchNumber: input.financialBranchNumber ?? store.branchNumber,
    employeeNumber: parties.employeeNumber,
    employeeName: parties.employeeName,
    relationName: parties.relationName,
    entryTimestamp: input.entryTimestamp ?? store.nowIso(),
    financialDate: input.financialDate ?? amsterdamDate(store.now()),
    reference: input.reference ?? '',
    changeCounter: 1,
    versionNumber: 1,
    prepaidAmount: prepaid,
    fullyPaid: stampedPayments.length > 0 && prepaid >= totalInclAmount,
    deliveryState: 'ORDER-DELIVERY-STATE-NOTHING',
    cancelState: 'ORDER-CANCEL-STATE-NOTHING',
    completeState: 'ORDER-COMPLETE-STATE-NOTHING',
    orderNumber: number,
    orderBarcode: `0${number.year}${String(number.number).padStart(7, '0')}`,
    ...(stampedPayments.length ? { paymentList: stampedPayments } : {}),
  });
  store.orders.set(order.orderId ?? '', order);
  if (order.extOrderId) store.extOrderIds.set(order.extOrderId, order.orderId ?? '');
  return { ok: true, value: order };
}

const info = (order?: MplusOrder) => ({ orderId: order?.orderId ?? '', orderString: order?.orderNumber ? orderString(order.orderNumber) : '' });

export function createOrder(store: MplusSandboxStore, body: JsObject): JsObject {
  const outcome = createOrderRecord(store, typed(orderSchema, body['order'], 'order'));
  if (!outcome.ok) return { result: `CREATE-ORDER-RESULT-${outcome.result}`, info: info(), errorMessage: outcome.message };
  return { result: 'CREATE-ORDER-RESULT-OK', info: info(outcome.value), errorMessage: '' };
}

const createOrderV3Request = z.looseObject({ idempotencyKey: z.string(), order: orderSchema, prepay: z.boolean().optional(), paymentList: z.array(paymentSchema).optional() });

/**
 * The first answer per idempotencyKey is stored and replayed for every later call with the same
 * key, whatever that call carries [INFERRED: the WSDL says a reused key re-checks/replays].
 * Payments are booked as prepaid on the order (no packing slip or invoice is made) [INFERRED, simplified].
 */
export function createOrderV3(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(createOrderV3Request, body['request'], 'request');
  const replay = store.idempotency.get(`createOrderV3:${req.idempotencyKey}`);
  if (replay) return { ...structuredClone(replay), idempotencyResult: 'IDEMPOTENCY-RESULT-REPLAY-RESPONSE' };
  const outcome = createOrderRecord(store, req.order, req.paymentList ?? []);
  const response: JsObject = outcome.ok
    ? {
        idempotencyResult: 'IDEMPOTENCY-RESULT-ORIGINAL-RESPONSE',
        result: 'CREATE-ORDER-RESULT-OK',
        order: outcome.value,
        errorMessage: '',
        info: info(outcome.value),
        ...(req.paymentList?.length ? { payResult: 'PAY-ORDER-RESULT-OK' } : {}),
      }
    : { idempotencyResult: 'IDEMPOTENCY-RESULT-ORIGINAL-RESPONSE', result: `CREATE-ORDER-RESULT-${outcome.result}`, errorMessage: outcome.message, info: info() };
  store.idempotency.set(`createOrderV3:${req.idempotencyKey}`, structuredClone(response));
  return response;
}

/** The whole order is sent; fields left out keep their value, a sent lineList replaces the lines. */
export function updateOrder(store: MplusSandboxStore, body: JsObject): JsObject {
  const update = typed(orderSchema, body['order'], 'order');
  const answer = (result: string, errorMessage: string, order?: MplusOrder) => ({ result: `UPDATE-ORDER-RESULT-${result}`, info: info(order), errorMessage });
  if (!update.orderId) return answer('FAILED', 'orderId is required.');
  const stored = store.orders.get(update.orderId);
  if (!stored) return answer('NOT-FOUND', `Order ${update.orderId} does not exist.`);
  if (isStale(stored, update)) {
    return answer('ORDER-HAS-CHANGED', `Order changed meanwhile (changeCounter ${stored.changeCounter}, versionNumber ${stored.versionNumber}); send the up-to-date versionNumber and changeCounter.`, stored);
  }
  if (update.extOrderId && update.extOrderId !== stored.extOrderId && store.extOrderIds.has(update.extOrderId)) {
    return answer('FAILED', `An order with extOrderId ${update.extOrderId} already exists.`, stored);
  }
  const patch = withoutServerFields(update, ['orderId', 'orderNumber', 'orderBarcode', 'invoiceIds', 'extInvoiceIds', 'paymentList', 'prepaidAmount', 'fullyPaid', 'deliveryState', 'cancelState', 'completeState']);
  const merged = mergeFields('Order', stored, patch);
  const parties = checkParties(store, merged);
  if ('result' in parties) return answer(parties.result, parties.message, stored);
  const methodProblem = checkMethods(store, merged);
  if (methodProblem) return answer('FAILED', methodProblem, stored);
  const priced = price(store, merged, merged.vatMethod ?? 'VAT-METHOD-INCLUSIVE');
  if (!priced.ok) return answer(priced.result, priced.message, stored);
  const next = { ...priced.value, relationName: parties.relationName, employeeName: parties.employeeName };
  if (businessView(next) === businessView(stored)) return answer('NO-CHANGES', 'Order not saved because there were no changes in the order.', stored);
  next.changeCounter = (stored.changeCounter ?? 0) + 1;
  next.versionNumber = (stored.versionNumber ?? 0) + (importantView(next) === importantView(stored) ? 0 : 1);
  next.syncMarker = store.bump('order');
  store.orders.set(stored.orderId ?? '', orderSchema.parse(next));
  if (next.extOrderId) store.extOrderIds.set(next.extOrderId, stored.orderId ?? '');
  return answer('OK', '', next);
}

export function findOrder(store: MplusSandboxStore, body: JsObject): JsObject {
  const orderId = store.extOrderIds.get(String(body['extOrderId'] ?? ''));
  const order = orderId === undefined ? undefined : store.orders.get(orderId);
  return order ? { result: 'GET-ORDER-RESULT-OK', order } : { result: 'GET-ORDER-RESULT-NOT-FOUND' };
}

export function getOrders(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(getOrdersRequestSchema, body['request'], 'request');
  const types = req.orderTypeList?.length ? req.orderTypeList : SALES_TYPES;
  const orders = [...store.orders.values()].filter(
    (o) => types.includes(o.orderType ?? 'ORDER-TYPE-SALES-ORDER') && (!req.orderIds?.length || req.orderIds.includes(o.orderId ?? '')) && matchesFilter(o, req),
  );
  const page = syncWindow(orders, (o) => o.syncMarker ?? 0, req.syncMarker, req.syncMarkerLimit);
  // includeLineList=false: headers only, like the server's fast path.
  return { orderList: req.includeLineList === false ? page.map(({ lineList: _lines, ...header }) => header) : page };
}
