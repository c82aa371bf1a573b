/** Which integration test file exercises which operation (xsd-model.test.ts checks that together they cover all). */
import type { MplusOperation } from '../xsd-model';

export const catalogOperations: readonly MplusOperation[] = [
  'getApiVersion',
  'getCurrentSyncMarkers',
  'getRelations',
  'findRelation',
  'findRelationV2',
  'createRelation',
  'updateRelation',
  'getProducts',
  'createProduct',
  'updateProduct',
  'getArticleGroups',
  'getArticleGroupChanges',
  'newArticleGroup',
  'updateArticleGroup',
  'getEmployees',
  'getVatGroupList',
  'getPaymentMethods',
  'getDeliveryMethods',
  'getTurnoverGroups',
  'getStock',
  'updateStock',
];

export const documentOperations: readonly MplusOperation[] = [
  'getOrders',
  'findOrder',
  'createOrder',
  'createOrderV3',
  'updateOrder',
  'getInvoices',
  'findInvoice',
  'saveInvoice',
];
