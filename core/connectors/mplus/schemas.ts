/**
 * zod schemas of the JS shapes the MplusKASSA client takes and returns (see xml-codec.ts for the
 * rules: XSD field names, lists as arrays, money in integer cents, decimal quantities, dates as
 * `YYYY-MM-DD`, date-times as ISO 8601 with the Amsterdam offset).
 *
 * Each schema types the fields Sincro uses and lets the other XSD fields through (looseObject), so
 * nothing the server sends is lost; `schemas.test.ts` checks every field name here against the
 * WSDL. Use `z.input<…>` for what you send and `z.output<…>` for what you get back.
 *
 * Enums are typed as the WSDL's literal unions but checked at run time only when sending (the codec
 * refuses unknown values): a newer MplusKASSA may answer with values this WSDL does not know yet.
 */
import { z } from 'zod';
import { xsdEnums } from './xsd-model.generated';

const wireEnum = <T extends readonly string[]>(values: T) =>
  z.custom<T[number]>((v) => typeof v === 'string', { message: `expected one of ${values.join(', ')}` });

const int = z.number().int();
/** Money: integer cents (€19.95 → 1995). */
export const centsSchema = z.number().int();
/** A decimal quantity (0.53 kg); the codec turns it into the wire's integer + decimal places. */
export const quantitySchema = z.number().finite();
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const isoDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, 'expected an ISO 8601 date-time');
const str = z.string();
const opt = <T extends z.ZodType>(schema: T) => schema.optional();
/** Bare repeated elements always decode to an array. */
const many = <T extends z.ZodType>(schema: T) => z.array(schema).default([]);

export const vatMethodSchema = wireEnum(xsdEnums.VatMethod);
export type MplusVatMethod = (typeof xsdEnums.VatMethod)[number];
export type MplusOrderType = (typeof xsdEnums.OrderType)[number];
export type MplusInvoiceState = (typeof xsdEnums.InvoiceState)[number];

export const yearNumberSchema = z.object({ year: int, number: int });

export const customFieldSchema = z.looseObject({
  fieldName: str,
  dataType: opt(wireEnum(xsdEnums.DataType)),
  strValue: opt(str),
  intValue: opt(quantitySchema),
  boolValue: opt(z.boolean()),
  dateValue: opt(isoDateSchema),
  dateTimeValue: opt(isoDateTimeSchema),
});

// ---------------------------------------------------------------- relations, employees

export const relationSchema = z.looseObject({
  relationNumber: opt(int),
  extRelationId: opt(str),
  syncMarker: opt(int),
  createTimestamp: opt(isoDateTimeSchema),
  changeTimestamp: opt(isoDateTimeSchema),
  active: opt(z.boolean()),
  name: opt(str),
  address: opt(str),
  zipcode: opt(str),
  city: opt(str),
  /** Free text in the WSDL; Sincro writes ISO 3166-1 alpha-2 codes ("NL") [INFERRED]. */
  country: opt(str),
  deliveryAddress: opt(str),
  deliveryZipcode: opt(str),
  deliveryCity: opt(str),
  deliveryCountry: opt(str),
  contact: opt(str),
  telephone: opt(str),
  mobile: opt(str),
  email: opt(str),
  website: opt(str),
  birthDate: opt(isoDateSchema),
  relationCode: opt(str),
  balance: opt(centsSchema),
  priceGroupNumber: opt(int),
  discountPercentage: opt(int),
  categoryIds: opt(z.array(int)),
  bankAccountNumber: opt(str),
  creditLimit: opt(centsSchema),
  paymentWithinDays: opt(int),
  vatNumber: opt(str),
  commerceNumber: opt(str),
  extraText: opt(str),
  defaultVatMethod: opt(vatMethodSchema),
  customFieldList: opt(z.array(customFieldSchema)),
  /** Contact persons: nested relations. */
  contactList: opt(z.array(z.record(z.string(), z.unknown()))),
  companyName: opt(str),
  cardNumbers: many(str),
  invoiceCredit: opt(centsSchema),
  accountBalance: opt(centsSchema),
});
export type MplusRelation = z.output<typeof relationSchema>;
export type MplusRelationInput = z.input<typeof relationSchema>;

export const employeeSchema = z.looseObject({
  employeeNumber: opt(int),
  extEmployeeId: opt(str),
  syncMarker: opt(int),
  createTimestamp: opt(isoDateTimeSchema),
  changeTimestamp: opt(isoDateTimeSchema),
  name: opt(str),
  username: opt(str),
  phoneWork: opt(str),
  phoneMobile: opt(str),
  email: opt(str),
  active: opt(z.boolean()),
  personNumber: opt(str),
});
export type MplusEmployee = z.output<typeof employeeSchema>;

// ---------------------------------------------------------------- products, articles, groups

export const articleSchema = z.looseObject({
  /** Numeric only: MplusKASSA refuses alphanumeric article numbers; put SKUs like "TEA-8" in pluNumber. */
  articleNumber: opt(int),
  extArticleId: opt(str),
  pluNumber: opt(str),
  syncMarker: opt(int),
  changeTimestamp: opt(isoDateTimeSchema),
  createTimestamp: opt(isoDateTimeSchema),
  active: opt(z.boolean()),
  description: opt(str),
  colour: opt(str),
  size: opt(str),
  invoiceText: opt(str),
  receiptText: opt(str),
  displayText: opt(str),
  barcode: opt(str),
  contentUnit: opt(str),
  contentQuantity: opt(quantitySchema),
  brandName: opt(str),
  extraText: opt(str),
  turnoverGroup: opt(int.min(0).max(999)),
  vatCode: opt(int),
  vatPercentage: opt(int),
  purchasePrice: opt(centsSchema),
  priceIncl: opt(centsSchema),
  priceExcl: opt(centsSchema),
  unit: opt(str),
  supplierRelationNumber: opt(int),
  supplierArticleNumber: opt(str),
  webshop: opt(z.boolean()),
  categoryIds: opt(z.array(int)),
  stockArticle: opt(z.boolean()),
  customFieldList: opt(z.array(customFieldSchema)),
  discontinued: opt(z.boolean()),
});
export type MplusArticle = z.output<typeof articleSchema>;
export type MplusArticleInput = z.input<typeof articleSchema>;

export const productSchema = z.looseObject({
  productNumber: opt(int),
  syncMarker: opt(int),
  description: opt(str),
  extraText: opt(str),
  articleList: opt(z.array(articleSchema)),
  groupNumbers: many(int),
  sortOrderGroupList: opt(z.array(z.object({ groupNumber: int, sortOrder: int }))),
});
export type MplusProduct = z.output<typeof productSchema>;
export type MplusProductInput = z.input<typeof productSchema>;

/** A node of the article-group tree (getArticleGroups). */
export interface MplusArticleGroup {
  groupNumber: number;
  syncMarker?: number;
  name: string;
  text: string;
  subGroupList: MplusArticleGroup[];
  sortOrder: number;
  productNumbers?: number[];
  articleNumbers?: number[];
  isDeleted?: boolean;
  [field: string]: unknown;
}
export const articleGroupSchema: z.ZodType<MplusArticleGroup> = z.looseObject({
  groupNumber: int,
  syncMarker: opt(int),
  name: str,
  text: str,
  get subGroupList() {
    return z.array(articleGroupSchema);
  },
  sortOrder: int,
  productNumbers: opt(z.array(int)),
  articleNumbers: opt(z.array(int)),
  isDeleted: opt(z.boolean()),
});

/** A flat article-group change record (getArticleGroupChanges), for incremental sync. */
export const changedArticleGroupSchema = z.looseObject({
  groupNumber: int,
  parentGroupNumber: opt(int),
  syncMarker: opt(int),
  name: str,
  text: str,
  subGroupNumbers: opt(z.array(int)),
  sortOrder: int,
  productNumbers: opt(z.array(int)),
  isDeleted: opt(z.boolean()),
});
export type MplusChangedArticleGroup = z.output<typeof changedArticleGroupSchema>;

// ---------------------------------------------------------------- orders, invoices

export const addressSchema = z.looseObject({
  addressId: opt(str),
  name: opt(str),
  contact: opt(str),
  address: opt(str),
  zipcode: opt(str),
  city: opt(str),
  country: opt(str),
  label: opt(str),
  companyName: opt(str),
});

export const lineDataSchema = z.looseObject({
  quantity: quantitySchema,
  deliveredQuantity: opt(quantitySchema),
  cancelledQuantity: opt(quantitySchema),
  /** Unit price incl. VAT in cents (read with the document's vatMethod [INFERRED]). */
  price: opt(centsSchema),
  /** Unit price excl. VAT in cents. */
  priceExcl: opt(centsSchema),
  originalPrice: opt(centsSchema),
  originalPriceExcl: opt(centsSchema),
  purchasePrice: opt(centsSchema),
  turnoverGroup: opt(int),
  vatCode: opt(int),
  vatPercentage: opt(int),
  discountType: opt(wireEnum(xsdEnums.DiscountType)),
  discountPercentage: opt(int),
  discountAmount: opt(centsSchema),
  discountAmountExcl: opt(centsSchema),
  totalInclAmount: opt(centsSchema),
  totalExclAmount: opt(centsSchema),
});

export const lineSchema = z.looseObject({
  lineId: opt(str),
  employeeNumber: opt(int),
  articleNumber: int,
  pluNumber: opt(str),
  text: opt(str),
  data: opt(lineDataSchema),
  lineType: opt(wireEnum(xsdEnums.LineType)),
  sequenceNumber: opt(int),
});
export type MplusLine = z.output<typeof lineSchema>;
export type MplusLineInput = z.input<typeof lineSchema>;

export const paymentSchema = z.looseObject({
  paymentId: opt(str),
  financialDate: opt(isoDateSchema),
  entryTimestamp: opt(isoDateTimeSchema),
  branchNumber: opt(int),
  employeeNumber: opt(int),
  method: str,
  description: opt(str),
  amount: centsSchema,
  paymentMethodType: opt(wireEnum(xsdEnums.PaymentMethodType)),
  externalPaymentId: opt(str),
  externalReference: opt(str),
});
export type MplusPayment = z.output<typeof paymentSchema>;

export const vatGroupSchema = z.looseObject({
  branchNumber: opt(int),
  countryCode: opt(int),
  countryIso3: opt(str),
  vatCode: int,
  /** Whole percent (21 = 21 %) [INFERRED: the unit is undocumented]. */
  vatPercentage: int,
  exclAmount: opt(centsSchema),
  vatAmount: opt(centsSchema),
  accountNumber: opt(int),
});
export type MplusVatGroup = z.output<typeof vatGroupSchema>;

export const orderSchema = z.looseObject({
  /** 32 hex digits, assigned by MplusKASSA; leave empty or out on create. */
  orderId: opt(str),
  /** Unique forever; the link to the other system (e.g. the Teamleader invoice id). */
  extOrderId: opt(str),
  invoiceIds: opt(z.array(str)),
  extInvoiceIds: opt(z.array(str)),
  syncMarker: opt(int),
  orderType: opt(wireEnum(xsdEnums.OrderType)),
  entryBranchNumber: opt(int),
  employeeNumber: opt(int),
  employeeName: opt(str),
  entryTimestamp: opt(isoDateTimeSchema),
  relationNumber: opt(int),
  relationName: opt(str),
  relationVatNumber: opt(str),
  deliveryAddress: opt(addressSchema),
  invoiceAddress: opt(addressSchema),
  financialDate: opt(isoDateSchema),
  financialBranchNumber: opt(int),
  workplaceNumber: opt(int),
  reference: opt(str),
  totalInclAmount: opt(centsSchema),
  totalExclAmount: opt(centsSchema),
  vatMethod: opt(vatMethodSchema),
  vatGroupList: opt(z.array(vatGroupSchema)),
  deliveryMethod: opt(str),
  deliveryDate: opt(isoDateSchema),
  paymentMethod: opt(str),
  changeCounter: opt(int),
  versionNumber: opt(int),
  prepaidAmount: opt(centsSchema),
  fullyPaid: opt(z.boolean()),
  deliveryState: opt(wireEnum(xsdEnums.OrderDeliveryState)),
  cancelState: opt(wireEnum(xsdEnums.OrderCancelState)),
  completeState: opt(wireEnum(xsdEnums.OrderCompleteState)),
  orderNumber: opt(yearNumberSchema),
  orderBarcode: opt(str),
  lineList: opt(z.array(lineSchema)),
  paymentList: opt(z.array(paymentSchema)),
  vatCountryIso3: opt(str),
});
export type MplusOrder = z.output<typeof orderSchema>;
export type MplusOrderInput = z.input<typeof orderSchema>;

export const invoiceSchema = z.looseObject({
  invoiceId: opt(str),
  extInvoiceId: opt(str),
  orderIds: opt(z.array(str)),
  extOrderIds: opt(z.array(str)),
  syncMarker: opt(int),
  invoiceNumber: opt(yearNumberSchema),
  invoiceType: opt(wireEnum(xsdEnums.InvoiceType)),
  employeeNumber: opt(int),
  employeeName: opt(str),
  entryTimestamp: opt(isoDateTimeSchema),
  relationNumber: opt(int),
  relationName: opt(str),
  deliveryAddress: opt(addressSchema),
  invoiceAddress: opt(addressSchema),
  financialDate: opt(isoDateSchema),
  financialBranchNumber: opt(int),
  entryBranchNumber: opt(int),
  reference: opt(str),
  dueDate: opt(isoDateSchema),
  totalInclAmount: opt(centsSchema),
  totalExclAmount: opt(centsSchema),
  vatMethod: opt(vatMethodSchema),
  vatGroupList: opt(z.array(vatGroupSchema)),
  changeCounter: opt(int),
  versionNumber: opt(int),
  paidAmount: opt(centsSchema),
  state: opt(wireEnum(xsdEnums.InvoiceState)),
  finalized: opt(z.boolean()),
  lineList: opt(z.array(lineSchema)),
  paymentList: opt(z.array(paymentSchema)),
  vatCountryIso3: opt(str),
  creditedInvoiceId: opt(str),
});
export type MplusInvoice = z.output<typeof invoiceSchema>;
export type MplusInvoiceInput = z.input<typeof invoiceSchema>;

// ---------------------------------------------------------------- reference data, stock, meta

export const paymentMethodSchema = z.looseObject({
  method: str,
  description: str,
  buttonText: str,
  allowNegativeAmount: z.boolean(),
  active: opt(z.boolean()),
  type: opt(wireEnum(xsdEnums.PaymentMethodType)),
  accountNumber: opt(int),
});
export type MplusPaymentMethod = z.output<typeof paymentMethodSchema>;

export const deliveryMethodSchema = z.looseObject({ deliveryMethod: str, description: str, buttonText: str, enabled: opt(z.boolean()) });
export type MplusDeliveryMethod = z.output<typeof deliveryMethodSchema>;

export const turnoverGroupSchema = z.looseObject({
  turnoverGroupType: wireEnum(xsdEnums.TurnoverGroupType),
  turnoverGroup: int,
  turnoverGroupName: str,
  inclAmount: opt(centsSchema),
  exclAmount: opt(centsSchema),
  accountNumber: opt(int),
  defaultVatCode: opt(int),
});
export type MplusTurnoverGroup = z.output<typeof turnoverGroupSchema>;

export const articleStockSchema = z.looseObject({
  branchNumber: opt(int),
  articleNumber: int,
  changeTimestamp: opt(isoDateTimeSchema),
  stockId: int,
  amountFree: quantitySchema,
  amountReserved: quantitySchema,
  amountIncoming: quantitySchema,
  isDayStockArticle: z.boolean(),
});
export type MplusArticleStock = z.output<typeof articleStockSchema>;

export const apiVersionSchema = z.looseObject({
  majorNumber: int,
  minorNumber: int,
  revisionNumber: int,
  inDebugMode: z.boolean(),
  serviceVersionDisplayString: opt(str),
});
export type MplusApiVersion = z.output<typeof apiVersionSchema>;

export const syncMarkersSchema = z.looseObject({
  articleSyncMarker: int,
  articleGroupSyncMarker: opt(int),
  relationSyncMarker: int,
  employeeSyncMarker: int,
  invoiceSyncMarker: int,
  receiptSyncMarker: int,
  orderSyncMarker: int,
  stockId: opt(int),
});
export type MplusSyncMarkers = z.output<typeof syncMarkersSchema>;

// ---------------------------------------------------------------- request filters

const syncWindow = { syncMarker: opt(int), syncMarkerLimit: opt(int.positive()) };

export const getRelationsRequestSchema = z.object({ relationNumbers: opt(z.array(int)), categoryId: opt(int), ...syncWindow });
export const getEmployeesRequestSchema = z.object({ employeeNumbers: opt(z.array(int)), ...syncWindow });
export const getProductsRequestSchema = z.object({
  articleNumbers: opt(z.array(int)),
  groupNumbers: opt(z.array(int)),
  pluNumbers: opt(z.array(str)),
  onlyWebshop: opt(z.boolean()),
  onlyActive: opt(z.boolean()),
  ...syncWindow,
  includeAllArticlesOfSelectedProducts: opt(z.boolean()),
  productNumbers: opt(z.array(int)),
});
export const getArticleGroupsRequestSchema = z.object({ ...syncWindow, groupNumbers: opt(z.array(int)), retrieveArticleNumbers: opt(z.boolean()) });
export const getArticleGroupChangesRequestSchema = z.object({ ...syncWindow, groupNumbers: opt(z.array(int)) });
const documentFilter = {
  ...syncWindow,
  fromFinancialDate: opt(isoDateSchema),
  throughFinancialDate: opt(isoDateSchema),
  branchNumbers: opt(z.array(int)),
  employeeNumbers: opt(z.array(int)),
  relationNumbers: opt(z.array(int)),
  articleNumbers: opt(z.array(int)),
  /** false = headers only (much faster); default true. */
  includeLineList: opt(z.boolean()),
};
export const getOrdersRequestSchema = z.object({
  ...documentFilter,
  orderIds: opt(z.array(str)),
  orderTypeList: opt(z.array(wireEnum(xsdEnums.OrderType))),
});
export const getInvoicesRequestSchema = z.object({ ...documentFilter, invoiceIds: opt(z.array(str)), finalizeInvoices: opt(z.boolean()) });
export const newArticleGroupRequestSchema = z.object({ parentGroupNumber: int, name: str, text: str, sortOrder: opt(int) });
export const updateArticleGroupRequestSchema = z.object({
  groupNumber: int,
  name: opt(str),
  text: opt(str),
  sortOrder: opt(int),
  parentGroupNumber: opt(int),
});
export const getStockRequestSchema = z.object({ branchNumber: int, articleNumbers: z.array(int), stockId: opt(int) });
export const updateStockRequestSchema = z.object({
  branchNumber: int,
  articleNumber: int,
  /** Relative change, may be decimal (-0.5). */
  amountChanged: quantitySchema,
  employeeNumber: opt(int),
  reference: opt(str),
});

export type GetRelationsRequest = z.input<typeof getRelationsRequestSchema>;
export type GetEmployeesRequest = z.input<typeof getEmployeesRequestSchema>;
export type GetProductsRequest = z.input<typeof getProductsRequestSchema>;
export type GetArticleGroupsRequest = z.input<typeof getArticleGroupsRequestSchema>;
export type GetArticleGroupChangesRequest = z.input<typeof getArticleGroupChangesRequestSchema>;
export type GetOrdersRequest = z.input<typeof getOrdersRequestSchema>;
export type GetInvoicesRequest = z.input<typeof getInvoicesRequestSchema>;
export type NewArticleGroupRequest = z.input<typeof newArticleGroupRequestSchema>;
export type UpdateArticleGroupRequest = z.input<typeof updateArticleGroupRequestSchema>;
export type GetStockRequest = z.input<typeof getStockRequestSchema>;
export type UpdateStockRequest = z.input<typeof updateStockRequestSchema>;
