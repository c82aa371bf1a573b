import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedModelPath, generateXsdModel, wsdlPath } from './scripts/generate-xsd-model';
import { catalogOperations, documentOperations } from './testing/operation-coverage';
import { complexType, mplusOperations, operationElements, operationForRequestElement } from './xsd-model';

describe('the XSD model', () => {
  it('is up to date with the WSDL (rerun scripts/generate-xsd-model.ts otherwise)', () => {
    expect(readFileSync(generatedModelPath, 'utf8')).toBe(generateXsdModel(readFileSync(wsdlPath, 'utf8')));
  });

  it('knows the irregular response element names', () => {
    expect(operationElements('getApiVersion').response).toBe('getApiVersionResponse');
    expect(operationElements('getVatGroupList').response).toBe('getVatGroupListResponse');
    expect(operationElements('findOrder').response).toBe('GetOrderResponse');
    expect(operationElements('findInvoice').response).toBe('GetInvoiceResponse');
    expect(operationElements('getRelations').response).toBe('GetRelationsResponse');
    expect(operationForRequestElement('createOrderV3')).toBe('createOrderV3');
    expect(operationForRequestElement('GetRelationsResponse')).toBeUndefined();
  });

  it('tells wrapper lists (flattened) from bare repeated elements and from plain types', () => {
    expect(complexType('LineList')?.listItem?.name).toBe('line');
    expect(complexType('ArticleGroupList')?.listItem?.name).toBe('articleGroups');
    expect(complexType('ArticleNumberList')?.listItem?.name).toBe('articleNumbers');
    expect(complexType('TextList')?.listItem?.type).toBe('Text');
    expect(complexType('GetStockResponse')?.listItem).toBeUndefined();
    expect(complexType('getVatGroupListResponse')?.byName.get('vatGroup')).toMatchObject({ repeated: true, required: false });
    expect(complexType('Order')?.byName.get('orderId')).toMatchObject({ required: true, repeated: false, type: 'xs:string' });
  });

  it('puts base-type fields first (idempotencyKey of createOrderV3)', () => {
    expect(complexType('CreateOrderV3Request')?.fields.slice(0, 2).map((f) => f.name)).toEqual(['idempotencyKey', 'order']);
    expect(complexType('CreateOrderV3Response')?.fields[0]?.name).toBe('idempotencyResult');
  });

  it('has every operation covered by an integration test file', () => {
    expect([...catalogOperations, ...documentOperations].sort()).toEqual([...mplusOperations].sort());
  });
});
