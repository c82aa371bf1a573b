/**
 * Every field the zod schemas name must exist in the WSDL type they describe, so a typo in
 * schemas.ts cannot silently drop data.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { scaledPairs } from './convert';
import * as s from './schemas';
import { complexType } from './xsd-model';

const pairs: [string, z.ZodType, string][] = [
  ['relationSchema', s.relationSchema, 'Relation'],
  ['employeeSchema', s.employeeSchema, 'Employee'],
  ['articleSchema', s.articleSchema, 'Article'],
  ['productSchema', s.productSchema, 'Product'],
  ['articleGroupSchema', s.articleGroupSchema, 'ArticleGroup'],
  ['changedArticleGroupSchema', s.changedArticleGroupSchema, 'ChangedArticleGroup'],
  ['customFieldSchema', s.customFieldSchema, 'CustomField'],
  ['addressSchema', s.addressSchema, 'Address'],
  ['lineDataSchema', s.lineDataSchema, 'LineData'],
  ['lineSchema', s.lineSchema, 'Line'],
  ['paymentSchema', s.paymentSchema, 'Payment'],
  ['vatGroupSchema', s.vatGroupSchema, 'VatGroup'],
  ['yearNumberSchema', s.yearNumberSchema, 'YearNumber'],
  ['orderSchema', s.orderSchema, 'Order'],
  ['invoiceSchema', s.invoiceSchema, 'Invoice'],
  ['paymentMethodSchema', s.paymentMethodSchema, 'PaymentMethod'],
  ['deliveryMethodSchema', s.deliveryMethodSchema, 'DeliveryMethod'],
  ['turnoverGroupSchema', s.turnoverGroupSchema, 'TurnoverGroup'],
  ['articleStockSchema', s.articleStockSchema, 'ArticleStock'],
  ['apiVersionSchema', s.apiVersionSchema, 'getApiVersionResponse'],
  ['syncMarkersSchema', s.syncMarkersSchema, 'getCurrentSyncMarkersResponse'],
  ['getRelationsRequestSchema', s.getRelationsRequestSchema, 'GetRelationsRequest'],
  ['getEmployeesRequestSchema', s.getEmployeesRequestSchema, 'getEmployeesRequest'],
  ['getProductsRequestSchema', s.getProductsRequestSchema, 'GetProductsRequest'],
  ['getArticleGroupsRequestSchema', s.getArticleGroupsRequestSchema, 'GetArticleGroupsRequest'],
  ['getArticleGroupChangesRequestSchema', s.getArticleGroupChangesRequestSchema, 'GetArticleGroupChangesRequest'],
  ['getOrdersRequestSchema', s.getOrdersRequestSchema, 'GetOrdersRequest'],
  ['getInvoicesRequestSchema', s.getInvoicesRequestSchema, 'GetInvoicesRequest'],
  ['newArticleGroupRequestSchema', s.newArticleGroupRequestSchema, 'NewArticleGroupRequest'],
  ['updateArticleGroupRequestSchema', s.updateArticleGroupRequestSchema, 'UpdateArticleGroupRequest'],
  ['getStockRequestSchema', s.getStockRequestSchema, 'GetStockRequest'],
  ['updateStockRequestSchema', s.updateStockRequestSchema, 'UpdateStockRequest'],
];

describe('schemas.ts', () => {
  it.each(pairs)('%s names only fields of %s', (_name, schema, typeName) => {
    const type = complexType(typeName);
    const placesFields = new Set((scaledPairs[typeName] ?? []).map(([, places]) => places));
    const keys = Object.keys((schema as unknown as z.ZodObject).shape);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !type?.byName.has(k) || placesFields.has(k))).toEqual([]);
  });
});
