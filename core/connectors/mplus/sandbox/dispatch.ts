/**
 * Operation → sandbox handler. Every operation the client implements has one (the Record type makes
 * a missing handler a compile error). A handler gets the decoded request element and returns the
 * response element's JS shape; rule violations come back as result enums, malformed requests as
 * SoapFault.
 */
import type { JsObject } from '../xml-codec';
import type { MplusOperation } from '../xsd-model';
import { getArticleGroupChanges, getArticleGroups, newArticleGroup, updateArticleGroup } from './article-groups';
import { findInvoice, getInvoices, saveInvoice } from './invoices';
import { createOrder, createOrderV3, findOrder, getOrders, updateOrder } from './orders';
import { createProduct, getProducts, getStock, updateProduct, updateStock } from './products';
import { createRelation, findRelation, getEmployees, getRelations, updateRelation } from './relations';
import { sandboxApiVersion, type MplusSandboxStore } from './store';

export type SandboxHandler = (store: MplusSandboxStore, body: JsObject) => JsObject;

const part = (body: JsObject, name: string): JsObject => {
  const v = body[name];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsObject) : {};
};

export const sandboxHandlers: Readonly<Record<MplusOperation, SandboxHandler>> = {
  getApiVersion: () => ({ ...sandboxApiVersion, inDebugMode: false, serviceVersionDisplayString: '67.1.3 (Sincro sandbox)' }),
  getCurrentSyncMarkers: (s) => ({
    articleSyncMarker: s.markers.article,
    articleGroupSyncMarker: s.markers.articleGroup,
    relationSyncMarker: s.markers.relation,
    employeeSyncMarker: s.markers.employee,
    invoiceSyncMarker: s.markers.invoice,
    receiptSyncMarker: s.markers.receipt,
    orderSyncMarker: s.markers.order,
    stockId: s.markers.stockId,
  }),
  getRelations,
  findRelation: (s, body) => findRelation(s, body['relation'], false),
  findRelationV2: (s, body) => findRelation(s, part(body, 'request')['relation'], part(body, 'request')['exactMatch'] === true),
  createRelation,
  updateRelation,
  getProducts,
  createProduct,
  updateProduct,
  getArticleGroups,
  getArticleGroupChanges,
  newArticleGroup,
  updateArticleGroup,
  getOrders,
  findOrder,
  createOrder,
  createOrderV3,
  updateOrder,
  getInvoices,
  findInvoice,
  saveInvoice,
  getEmployees,
  getVatGroupList: (s) => ({ vatGroup: s.vatGroups }),
  getPaymentMethods: (s) => ({ paymentMethodList: s.paymentMethods }),
  getDeliveryMethods: (s) => ({ deliveryMethodList: s.deliveryMethods }),
  // Turnover groups carry no active flag in the WSDL, so onlyActive filters nothing here.
  getTurnoverGroups: (s) => ({ turnoverGroupList: s.turnoverGroups }),
  getStock,
  updateStock,
};
