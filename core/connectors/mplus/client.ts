/**
 * MplusKASSA client: typed operations over the SOAP API (see README in shared/api/mplus for the
 * vendor facts). Inputs are checked with zod before anything is sent, answers are decoded by the
 * XSD model and checked with zod, result enums become typed errors (results.ts), and the retry
 * policy per operation is in soap-caller.ts.
 */
import { z } from 'zod';
import { MplusValidationError } from './errors';
import { testMplusConnection, type ConnectionVerdict } from './connection-test';
import { expectOk, parseAnswer, resultOf } from './results';
import {
  apiVersionSchema,
  articleGroupSchema,
  articleStockSchema,
  changedArticleGroupSchema,
  deliveryMethodSchema,
  employeeSchema,
  getArticleGroupChangesRequestSchema,
  getArticleGroupsRequestSchema,
  getEmployeesRequestSchema,
  getInvoicesRequestSchema,
  getOrdersRequestSchema,
  getProductsRequestSchema,
  getRelationsRequestSchema,
  getStockRequestSchema,
  invoiceSchema,
  newArticleGroupRequestSchema,
  orderSchema,
  paymentMethodSchema,
  paymentSchema,
  productSchema,
  relationSchema,
  syncMarkersSchema,
  turnoverGroupSchema,
  updateArticleGroupRequestSchema,
  updateStockRequestSchema,
  vatGroupSchema,
  yearNumberSchema,
  type GetArticleGroupChangesRequest,
  type GetArticleGroupsRequest,
  type GetEmployeesRequest,
  type GetInvoicesRequest,
  type GetOrdersRequest,
  type GetProductsRequest,
  type GetRelationsRequest,
  type GetStockRequest,
  type MplusApiVersion,
  type MplusArticleGroup,
  type MplusArticleStock,
  type MplusChangedArticleGroup,
  type MplusDeliveryMethod,
  type MplusEmployee,
  type MplusInvoice,
  type MplusInvoiceInput,
  type MplusOrder,
  type MplusPaymentMethod,
  type MplusProduct,
  type MplusRelation,
  type MplusSyncMarkers,
  type MplusTurnoverGroup,
  type MplusVatGroup,
  type MplusOrderInput,
  type MplusProductInput,
  type MplusRelationInput,
  type NewArticleGroupRequest,
  type UpdateArticleGroupRequest,
  type UpdateStockRequest,
} from './schemas';
import { MplusSoapCaller, type CallOptions, type CallSafety, type MplusClientOptions } from './soap-caller';
import { readChanges, type ChangesPage, type MplusSyncEntity, type MplusSyncItems, type ReadChangesOptions } from './sync';
import type { JsObject } from './xml-codec';
import type { MplusOperation } from './xsd-model';

export type { MplusClientOptions } from './soap-caller';

const list = <S extends z.ZodType>(item: S) => z.array(item).default([]);
const writeStamp = { syncMarker: z.number().int().optional(), changeTimestamp: z.string().optional() };
const createdOrderInfo = z.object({ orderId: z.string(), orderString: z.string(), orderQueued: z.boolean().optional() });

export interface CreatedOrder {
  orderId: string;
  orderString: string;
  orderQueued?: boolean;
}

export interface CreatedOrderV3 extends CreatedOrder {
  /** The stored order as MplusKASSA computed it (totals, VAT groups, line ids). */
  order?: MplusOrder;
  payResult?: string;
  invoiceId?: string;
  /** True when this answer is a replay of an earlier call with the same idempotencyKey. */
  replayed: boolean;
}

/** What a write returns: the record's new syncMarker and change time, when the server sends them. */
export interface WriteStamp {
  syncMarker?: number;
  changeTimestamp?: string;
}

export interface SavedInvoice {
  invoiceId: string;
  invoiceString: string;
  invoiceNumber?: { year: number; number: number };
}

export interface CreateOrderV3Options {
  /** Unique per order you want created once; re-sending the same key replays the first answer. */
  idempotencyKey: string;
  applySalesAndActions?: boolean;
  applySalesPrices?: boolean;
  applyPriceGroups?: boolean;
  /** Pay in the same call; `prepay` = deposit only (not yet delivered). */
  prepay?: boolean;
  paymentList?: z.input<typeof paymentSchema>[];
}

export class MplusClient {
  private readonly caller: MplusSoapCaller;

  constructor(readonly options: MplusClientOptions) {
    this.caller = new MplusSoapCaller(options);
  }

  /** Low-level: one operation with a payload in the JS shape of its request element. */
  call(op: MplusOperation, payload: JsObject, safety: CallSafety, callOptions?: CallOptions): Promise<JsObject> {
    return this.caller.call(op, payload, safety, callOptions);
  }

  /** Plain-words verdict for the settings screen: ok with version, wrong ident/secret, unreachable, TLS, not MplusKASSA. */
  testConnection(): Promise<ConnectionVerdict> {
    return testMplusConnection(this.caller, this.options.baseUrl);
  }

  /**
   * Pages through the changes of one entity type from `fromMarker` (items with syncMarker ≥ it);
   * store each page's `nextMarker` once the page is processed. See sync.ts.
   */
  readChanges<E extends MplusSyncEntity>(entity: E, fromMarker: number, pageSize?: number, options?: ReadChangesOptions): AsyncGenerator<ChangesPage<MplusSyncItems[E]>, void, undefined> {
    return readChanges(this, entity, fromMarker, pageSize, options);
  }

  // ------------------------------------------------------------ meta

  async getApiVersion(): Promise<MplusApiVersion> {
    return parseAnswer('getApiVersion', apiVersionSchema, await this.call('getApiVersion', {}, 'read'));
  }

  /** The current high-water mark per entity; start a sync "from now" with marker + 1. */
  async getCurrentSyncMarkers(): Promise<MplusSyncMarkers> {
    return parseAnswer('getCurrentSyncMarkers', syncMarkersSchema, await this.call('getCurrentSyncMarkers', {}, 'read'));
  }

  // ------------------------------------------------------------ relations

  async getRelations(request: GetRelationsRequest = {}): Promise<MplusRelation[]> {
    check('getRelations', getRelationsRequestSchema, request);
    const res = await this.call('getRelations', { request }, 'read');
    return parseAnswer('getRelations', z.object({ relationList: list(relationSchema) }), res).relationList;
  }

  /** Case-insensitive partial match on the given fields; null when nothing matches. */
  async findRelation(search: MplusRelationInput): Promise<MplusRelation | null> {
    check('findRelation', relationSchema, search);
    return this.foundRelation('findRelation', await this.call('findRelation', { relation: search }, 'read'));
  }

  async findRelationV2(search: MplusRelationInput, options: { exactMatch?: boolean } = {}): Promise<MplusRelation | null> {
    check('findRelationV2', relationSchema, search);
    const res = await this.call('findRelationV2', { request: { relation: search, exactMatch: options.exactMatch } }, 'read');
    return this.foundRelation('findRelationV2', res);
  }

  private foundRelation(op: string, res: JsObject): MplusRelation | null {
    if (/NOT-FOUND/.test(resultOf(res))) return null;
    expectOk(op, res);
    return parseAnswer(op, z.object({ relation: relationSchema.optional() }), res).relation ?? null;
  }

  /** Not idempotent: a failed call is only retried when it certainly never reached the server. */
  async createRelation(relation: MplusRelationInput): Promise<WriteStamp & { relationNumber: number }> {
    check('createRelation', relationSchema, relation);
    const res = await this.call('createRelation', { relation }, 'unsafe-write');
    expectOk('createRelation', res, String(relation.relationNumber ?? ''));
    return parseAnswer('createRelation', z.object({ relationNumber: z.number().int(), ...writeStamp }), res);
  }

  /** Sends the given fields of an existing relation (relationNumber required). */
  async updateRelation(relation: MplusRelationInput & { relationNumber: number }): Promise<WriteStamp> {
    check('updateRelation', relationSchema.extend({ relationNumber: z.number().int() }), relation);
    const res = await this.call('updateRelation', { relation }, 'idempotent-write');
    expectOk('updateRelation', res);
    return parseAnswer('updateRelation', z.object(writeStamp), res);
  }

  // ------------------------------------------------------------ products and article groups

  async getProducts(request: GetProductsRequest = {}): Promise<MplusProduct[]> {
    check('getProducts', getProductsRequestSchema, request);
    const res = await this.call('getProducts', { request }, 'read');
    return parseAnswer('getProducts', z.object({ productList: list(productSchema) }), res).productList;
  }

  /** A product wraps one or more articles; article numbers must be numeric (SKUs go in pluNumber). */
  async createProduct(product: MplusProductInput): Promise<WriteStamp & { productNumber: number; articleNumbers: number[] }> {
    check('createProduct', productSchema, product);
    const res = await this.call('createProduct', { product }, 'unsafe-write');
    expectOk('createProduct', res, String(product.productNumber ?? product.articleList?.map((a) => a.articleNumber).join(',') ?? ''));
    return parseAnswer('createProduct', z.object({ productNumber: z.number().int(), articleNumbers: list(z.number().int()), ...writeStamp }), res);
  }

  /** Articles without an articleNumber are added to the product as new articles [INFERRED from the answer's fields]. */
  async updateProduct(product: MplusProductInput & { productNumber: number }): Promise<WriteStamp & { existingArticleNumbers: number[]; newArticleNumbers: number[] }> {
    check('updateProduct', productSchema.extend({ productNumber: z.number().int() }), product);
    // Repeating an update is harmless, unless it adds articles: a repeat would add them twice.
    const addsArticles = product.articleList?.some((a) => a.articleNumber === undefined) ?? false;
    const res = await this.call('updateProduct', { product }, addsArticles ? 'unsafe-write' : 'idempotent-write');
    expectOk('updateProduct', res);
    const numbers = list(z.number().int());
    return parseAnswer('updateProduct', z.object({ existingArticleNumbers: numbers, newArticleNumbers: numbers, ...writeStamp }), res);
  }

  /** The group tree. For incremental sync use getArticleGroupChanges (flat). */
  async getArticleGroups(request: GetArticleGroupsRequest = {}): Promise<MplusArticleGroup[]> {
    check('getArticleGroups', getArticleGroupsRequestSchema, request);
    const res = await this.call('getArticleGroups', { request }, 'read');
    return parseAnswer('getArticleGroups', z.object({ articleGroupList: z.array(articleGroupSchema).default([]) }), res).articleGroupList;
  }

  async getArticleGroupChanges(request: GetArticleGroupChangesRequest = {}): Promise<MplusChangedArticleGroup[]> {
    check('getArticleGroupChanges', getArticleGroupChangesRequestSchema, request);
    const res = await this.call('getArticleGroupChanges', { request }, 'read');
    return parseAnswer('getArticleGroupChanges', z.object({ changedArticleGroupList: list(changedArticleGroupSchema) }), res).changedArticleGroupList;
  }

  /** parentGroupNumber 0 = a top-level group [INFERRED]. */
  async newArticleGroup(request: NewArticleGroupRequest): Promise<{ groupNumber: number }> {
    check('newArticleGroup', newArticleGroupRequestSchema, request);
    const res = await this.call('newArticleGroup', { request }, 'unsafe-write');
    expectOk('newArticleGroup', res);
    return parseAnswer('newArticleGroup', z.object({ groupNumber: z.number().int() }), res);
  }

  async updateArticleGroup(request: UpdateArticleGroupRequest): Promise<void> {
    check('updateArticleGroup', updateArticleGroupRequestSchema, request);
    expectOk('updateArticleGroup', await this.call('updateArticleGroup', { request }, 'idempotent-write'));
  }

  // ------------------------------------------------------------ orders

  async getOrders(request: GetOrdersRequest = {}): Promise<MplusOrder[]> {
    check('getOrders', getOrdersRequestSchema, request);
    const res = await this.call('getOrders', { request: { includeLineList: true, ...request } }, 'read');
    return parseAnswer('getOrders', z.object({ orderList: list(orderSchema) }), res).orderList;
  }

  /** The order with this external id, or null. */
  async findOrder(extOrderId: string): Promise<MplusOrder | null> {
    const res = await this.call('findOrder', { extOrderId }, 'read');
    if (/NOT-FOUND/.test(resultOf(res))) return null;
    expectOk('findOrder', res);
    return parseAnswer('findOrder', z.object({ order: orderSchema.optional() }), res).order ?? null;
  }

  /**
   * Not idempotent: never retried once the request may have reached MplusKASSA. A duplicate
   * extOrderId throws MplusAlreadyExistsError carrying it. Prefer createOrderV3 with an idempotencyKey.
   */
  async createOrder(order: MplusOrderInput): Promise<CreatedOrder> {
    const payload = newOrderPayload('createOrder', order);
    const res = await this.call('createOrder', { order: payload }, 'unsafe-write');
    expectOk('createOrder', res, order.extOrderId ?? '');
    return parseAnswer('createOrder', z.object({ info: createdOrderInfo }), res).info;
  }

  /** Idempotent create: safe to retry; `replayed` is true when the server answered from its idempotency store. */
  async createOrderV3(order: MplusOrderInput, options: CreateOrderV3Options): Promise<CreatedOrderV3> {
    if (!options.idempotencyKey?.trim()) throw new MplusValidationError('createOrderV3', 'an idempotencyKey is required');
    const payload = newOrderPayload('createOrderV3', order);
    const { idempotencyKey, ...rest } = options;
    const res = await this.call('createOrderV3', { request: { idempotencyKey, order: payload, ...rest } }, 'idempotent-write');
    expectOk('createOrderV3', res, order.extOrderId ?? '');
    const answer = parseAnswer(
      'createOrderV3',
      z.object({
        idempotencyResult: z.string(),
        info: createdOrderInfo,
        order: orderSchema.optional(),
        payResult: z.string().optional(),
        invoiceId: z.string().optional(),
      }),
      res,
    );
    return { ...answer.info, order: answer.order, payResult: answer.payResult, invoiceId: answer.invoiceId, replayed: answer.idempotencyResult === 'IDEMPOTENCY-RESULT-REPLAY-RESPONSE' };
  }

  /**
   * Sends the whole order (incl. lineList) with the changeCounter/versionNumber last read; a stale
   * one throws MplusConflictError. `changed` is false when MplusKASSA saw nothing to change.
   */
  async updateOrder(order: MplusOrderInput & { orderId: string }): Promise<CreatedOrder & { changed: boolean }> {
    check('updateOrder', orderSchema.extend({ orderId: z.string().min(1, 'orderId is required') }), order);
    // Not retried after it may have arrived: a repeat would be refused as "has changed" and hide the success.
    const res = await this.call('updateOrder', { order }, 'unsafe-write');
    const result = expectOk('updateOrder', res, '', ['UPDATE-ORDER-RESULT-NO-CHANGES']);
    const info = parseAnswer('updateOrder', z.object({ info: createdOrderInfo }), res).info;
    return { orderId: info.orderId, orderString: info.orderString, changed: result !== 'UPDATE-ORDER-RESULT-NO-CHANGES' };
  }

  // ------------------------------------------------------------ invoices

  async getInvoices(request: GetInvoicesRequest = {}): Promise<MplusInvoice[]> {
    check('getInvoices', getInvoicesRequestSchema, request);
    const res = await this.call('getInvoices', { request: { includeLineList: true, ...request } }, 'read');
    return parseAnswer('getInvoices', z.object({ invoiceList: list(invoiceSchema) }), res).invoiceList;
  }

  async findInvoice(extInvoiceId: string): Promise<MplusInvoice | null> {
    const res = await this.call('findInvoice', { extInvoiceId }, 'read');
    if (/NOT-FOUND/.test(resultOf(res))) return null;
    expectOk('findInvoice', res);
    return parseAnswer('findInvoice', z.object({ invoice: invoiceSchema.optional() }), res).invoice ?? null;
  }

  /** Creates (no invoiceId) or updates (with invoiceId + the changeCounter/versionNumber last read). */
  async saveInvoice(invoice: MplusInvoiceInput): Promise<SavedInvoice> {
    check('saveInvoice', invoiceSchema, invoice);
    const res = await this.call('saveInvoice', { invoice }, 'unsafe-write');
    expectOk('saveInvoice', res, invoice.extInvoiceId ?? '');
    return parseAnswer('saveInvoice', z.object({ info: z.object({ invoiceId: z.string(), invoiceString: z.string(), invoiceNumber: yearNumberSchema.optional() }) }), res).info;
  }

  // ------------------------------------------------------------ employees, reference data, stock

  async getEmployees(request: GetEmployeesRequest = {}): Promise<MplusEmployee[]> {
    check('getEmployees', getEmployeesRequestSchema, request);
    const res = await this.call('getEmployees', { request }, 'read');
    return parseAnswer('getEmployees', z.object({ employeeList: list(employeeSchema) }), res).employeeList;
  }

  async getVatGroupList(): Promise<MplusVatGroup[]> {
    return parseAnswer('getVatGroupList', z.object({ vatGroup: list(vatGroupSchema) }), await this.call('getVatGroupList', {}, 'read')).vatGroup;
  }

  async getPaymentMethods(): Promise<MplusPaymentMethod[]> {
    const res = await this.call('getPaymentMethods', {}, 'read');
    return parseAnswer('getPaymentMethods', z.object({ paymentMethodList: list(paymentMethodSchema) }), res).paymentMethodList;
  }

  async getDeliveryMethods(): Promise<MplusDeliveryMethod[]> {
    const res = await this.call('getDeliveryMethods', {}, 'read');
    return parseAnswer('getDeliveryMethods', z.object({ deliveryMethodList: list(deliveryMethodSchema) }), res).deliveryMethodList;
  }

  async getTurnoverGroups(request: { onlyActive?: boolean } = {}): Promise<MplusTurnoverGroup[]> {
    const res = await this.call('getTurnoverGroups', { request }, 'read');
    return parseAnswer('getTurnoverGroups', z.object({ turnoverGroupList: list(turnoverGroupSchema) }), res).turnoverGroupList;
  }

  /** Stock of the given articles in a branch (an empty articleNumbers list asks for all). */
  async getStock(request: GetStockRequest): Promise<MplusArticleStock[]> {
    check('getStock', getStockRequestSchema, request);
    const res = await this.call('getStock', { request }, 'read');
    return parseAnswer('getStock', z.object({ articleStocks: list(articleStockSchema) }), res).articleStocks;
  }

  /** A relative stock change: not idempotent, so never repeated once it may have arrived. */
  async updateStock(request: UpdateStockRequest): Promise<{ stockId?: number }> {
    check('updateStock', updateStockRequestSchema, request);
    const res = await this.call('updateStock', { request }, 'unsafe-write');
    expectOk('updateStock', res, String(request.articleNumber));
    return parseAnswer('updateStock', z.object({ stockId: z.number().int().optional() }), res);
  }
}

function check(op: string, schema: z.ZodType, value: unknown): void {
  const parsed = schema.safeParse(value);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new MplusValidationError(op, `${where}${issue?.message ?? 'invalid input'}`);
}

/**
 * Checks what MplusKASSA requires of a new order before sending it: an extOrderId (external orders
 * must carry one; it is the only duplicate guard), an existing relation, numeric article numbers.
 * The XSD requires `orderId`; on create it is sent empty, as the official client does.
 */
function newOrderPayload(op: string, order: MplusOrderInput): MplusOrderInput {
  check(op, orderSchema, order);
  if (!order.extOrderId?.trim()) throw new MplusValidationError(op, 'extOrderId is required (it is unique forever and prevents double orders)');
  if (!order.relationNumber) throw new MplusValidationError(op, 'relationNumber is required: MplusKASSA attaches every order to a relation');
  if (order.orderId) throw new MplusValidationError(op, 'orderId is assigned by MplusKASSA; leave it out when creating an order');
  return { ...order, orderId: '' };
}
