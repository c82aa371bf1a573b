/**
 * The XSD-driven codec and the envelope: element order, list shapes, prefix-agnostic reading,
 * strict checks, and rich request payloads validated against the WSDL schema with xmllint.
 */
import { describe, expect, it } from 'vitest';
import { MplusShapeError } from './errors';
import { buildRequestEnvelope, parseEnvelope } from './soap-envelope';
import { validateEnvelopes } from './testing/xsd-validator';
import { decodeElement, encodeElement, type JsObject } from './xml-codec';
import { operationElements, type MplusOperation } from './xsd-model';

function decodeResponse(xml: string, element: string, strict = false): JsObject {
  const parsed = parseEnvelope(xml);
  if (parsed.kind !== 'body') throw new Error('expected a body');
  expect(parsed.element.name).toBe(element);
  return decodeElement(element, parsed.element, { strict });
}

const soap = (body: string) => `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <soap:Body>
    ${body}
  </soap:Body>
</soap:Envelope>`;

describe('encode', () => {
  it('writes children in XSD sequence order whatever the JS key order', () => {
    const encoded = encodeElement('getRelations', { request: { syncMarkerLimit: 5, syncMarker: 1, relationNumbers: [3, 4] } }, 'ns1') as JsObject;
    expect(Object.keys(encoded['ns1:request'] as JsObject)).toEqual(['ns1:relationNumbers', 'ns1:syncMarker', 'ns1:syncMarkerLimit']);
  });

  it('sends required TextLists empty, and TextList values double-nested', () => {
    expect(buildRequestEnvelope('getProducts', { request: {} })).toContain('<ns1:getProducts><ns1:request><ns1:pluNumbers/></ns1:request></ns1:getProducts>');
    expect(buildRequestEnvelope('getProducts', { request: { pluNumbers: ['A&B'] } })).toContain('<ns1:pluNumbers><ns1:text><ns1:text>A&amp;B</ns1:text></ns1:text></ns1:pluNumbers>');
  });

  it('names the path of what does not fit the XSD', () => {
    const attempt = (op: MplusOperation, payload: JsObject) => () => encodeElement(operationElements(op).request, payload, 'ns1');
    expect(attempt('createRelation', { relation: { nmae: 'x' } })).toThrow('createRelation.relation.nmae: Relation has no field nmae');
    expect(attempt('createOrder', { order: { orderId: '', lineList: [{ articleNumber: 1, data: {} }] } })).toThrow('createOrder.order.lineList[0].data.quantity: required field is missing');
    expect(attempt('createOrder', { order: { orderId: '', vatMethod: 'INCLUSIVE' } })).toThrow(/createOrder\.order\.vatMethod: "INCLUSIVE" is not a valid VatMethod/);
    expect(attempt('createOrder', { order: { orderId: '', lineList: [{ articleNumber: 1, data: { quantity: 1, decimalPlaces: 2 } }] } })).toThrow(/give the quantity as a decimal number/);
    expect(attempt('createOrder', { order: { orderId: '', financialDate: '1-3-2026' } })).toThrow(MplusShapeError);
  });
});

describe('decode', () => {
  it('reads any prefixes, entities and character references, and a one-element list as an array', () => {
    const res = decodeResponse(
      soap(`<m:GetRelationsResponse xmlns:m="urn:mplusqapi"><m:relationList>
        <m:relation><m:relationNumber>681</m:relationNumber><m:name>Caf&#233; &amp; Co &#x2764;</m:name>
          <m:birthDate><m:day>0</m:day><m:mon>0</m:mon><m:year>0</m:year></m:birthDate>
          <m:email xsi:nil="true"/><m:invoiceCredit>12.5</m:invoiceCredit><m:unknownFutureField>x</m:unknownFutureField>
        </m:relation></m:relationList></m:GetRelationsResponse>`),
      'GetRelationsResponse',
    );
    expect(res).toEqual({ relationList: [{ relationNumber: 681, name: 'Café & Co ❤', invoiceCredit: 1250, cardNumbers: [], branchesNonPurchasable: [] }] });
  });

  it('reads bare repeated elements (irregular response name) as arrays', () => {
    const one = decodeResponse(soap('<getVatGroupListResponse xmlns="urn:mplusqapi"><vatGroup><vatCode>2</vatCode><vatPercentage>21</vatPercentage></vatGroup></getVatGroupListResponse>'), 'getVatGroupListResponse');
    expect(one).toEqual({ vatGroup: [{ vatCode: 2, vatPercentage: 21 }] });
    expect(decodeResponse(soap('<ns:getVatGroupListResponse xmlns:ns="urn:mplusqapi"/>'), 'getVatGroupListResponse')).toEqual({ vatGroup: [] });
  });

  it('treats an absent required list as empty, keeps an absent optional list undefined', () => {
    expect(decodeResponse(soap('<ns:GetProductsResponse xmlns:ns="urn:mplusqapi"/>'), 'GetProductsResponse')).toEqual({ productList: [] });
    const orders = decodeResponse(
      soap(`<ns:GetOrdersResponse xmlns:ns="urn:mplusqapi"><ns:orderList>
        <ns:order><ns:orderId>a</ns:orderId></ns:order>
        <ns:order><ns:orderId>b</ns:orderId><ns:lineList/></ns:order>
        <ns:order><ns:orderId>c</ns:orderId><ns:lineList><ns:line><ns:articleNumber>14</ns:articleNumber>
          <ns:data><ns:quantity>530</ns:quantity><ns:decimalPlaces>3</ns:decimalPlaces><ns:price>1995</ns:price></ns:data></ns:line></ns:lineList></ns:order>
      </ns:orderList></ns:GetOrdersResponse>`),
      'GetOrdersResponse',
    );
    const list = orders['orderList'] as JsObject[];
    expect(list.map((o) => o['lineList'])).toEqual([undefined, [], [{ articleNumber: 14, data: { quantity: 0.53, price: 1995 } }]]);
  });

  it('reads a SOAP fault', () => {
    const parsed = parseEnvelope(
      soap('<soap:Fault><faultcode>soap:Server.Busy</faultcode><faultstring>Try again</faultstring><detail><x>why</x></detail></soap:Fault>'),
    );
    expect(parsed).toEqual({ kind: 'fault', faultCode: 'soap:Server.Busy', faultString: 'Try again', detail: 'why' });
  });

  it('in strict mode (the sandbox) refuses order, unknown elements and missing required fields', () => {
    const request = (inner: string) => soap(`<ns1:getStock xmlns:ns1="urn:mplusqapi"><ns1:request>${inner}</ns1:request></ns1:getStock>`);
    expect(decodeResponse(request('<ns1:branchNumber>1</ns1:branchNumber><ns1:articleNumbers><ns1:articleNumbers>5</ns1:articleNumbers></ns1:articleNumbers>'), 'getStock', true)).toEqual({
      request: { branchNumber: 1, articleNumbers: [5] },
    });
    expect(() => decodeResponse(request('<ns1:articleNumbers/><ns1:branchNumber>1</ns1:branchNumber>'), 'getStock', true)).toThrow('getStock.request.branchNumber: element is out of order');
    expect(() => decodeResponse(request('<ns1:branchNumber>1</ns1:branchNumber>'), 'getStock', true)).toThrow('getStock.request.articleNumbers: required element is missing');
    expect(() => decodeResponse(request('<ns1:branchNumber>1</ns1:branchNumber><ns1:articleNumbers/><ns1:bogus/>'), 'getStock', true)).toThrow('GetStockRequest has no element bogus');
    expect(() => decodeResponse(request('<ns1:branchNumber>1</ns1:branchNumber><ns1:branchNumber>2</ns1:branchNumber><ns1:articleNumbers/>'), 'getStock', true)).toThrow('may occur only once');
  });

  it('refuses what is not XML or not SOAP', () => {
    expect(() => parseEnvelope('')).toThrow('the body is empty');
    expect(() => parseEnvelope('<html><body>502 Bad Gateway</body></html>')).toThrow('expected a SOAP Envelope, found <html>');
    expect(() => parseEnvelope('<Envelope><Body><a></Body></Envelope>')).toThrow(/not well-formed XML \(line 1/);
  });
});

describe('request fidelity with rich payloads', () => {
  it('validates against the WSDL schema', async () => {
    const address = { name: 'Anna', address: 'Oudegracht 1', zipcode: '3511 AB', city: 'Utrecht', country: 'NL' };
    const line = { articleNumber: 14, text: 'Espresso', data: { quantity: 1.25, price: 1995, priceExcl: 1650, vatCode: 2, discountPercentage: 10 } };
    const order = {
      orderId: '',
      extOrderId: 'tl-1',
      employeeNumber: 999999,
      entryTimestamp: '2026-06-01T09:00:00+02:00',
      relationNumber: 681,
      deliveryAddress: address,
      invoiceAddress: address,
      financialDate: '2026-06-01',
      financialBranchNumber: 1,
      reference: 'web <1359> & more',
      vatMethod: 'VAT-METHOD-EXCLUSIVE',
      deliveryMethod: 'POSTNL',
      deliveryDate: '2026-06-03',
      paymentMethod: 'IDEAL',
      changeCounter: 3,
      versionNumber: 2,
      lineList: [line, { articleNumber: 15, data: { quantity: -1 } }],
      paymentList: [{ method: 'IDEAL', amount: 1995, externalPaymentId: 'tr_1' }],
      vatCountryIso3: 'NLD',
    };
    const payloads: [MplusOperation, JsObject][] = [
      ['createOrder', { order }],
      ['updateOrder', { order: { ...order, orderId: 'a'.repeat(32) } }],
      ['createOrderV3', { request: { idempotencyKey: 'k', order, applySalesPrices: false, prepay: true, paymentList: [{ method: 'PIN', amount: 5 }] } }],
      ['saveInvoice', { invoice: { extInvoiceId: 'x', orderIds: ['a'], relationNumber: 1, dueDate: '2026-07-01', lineList: [line], paymentList: [] } }],
      ['createRelation', { relation: { name: 'Co', birthDate: '1980-01-31', categoryIds: [1, 2], cardNumbers: ['c1', 'c2'], customFieldList: [{ fieldName: 'vip', dataType: 'DATA-TYPE-DECIMAL', intValue: 2.5 }], invoiceCredit: 1250, contactList: [{ name: 'Contact' }] } }],
      ['findRelationV2', { request: { relation: { email: 'a@b.c' }, exactMatch: true } }],
      ['createProduct', { product: { description: 'P', groupNumbers: [1, 2], articleList: [{ articleNumber: 5, pluNumber: 'P-5', description: 'P', contentQuantity: 0.75, priceExcl: 100, vatCode: 1, turnoverGroup: 1, stockArticle: true, barcodeList: [{ barcode: '871', quantity: 6 }] }] } }],
      ['getOrders', { request: { syncMarker: 1, syncMarkerLimit: 10, fromFinancialDate: '2026-01-01', branchNumbers: [1], relationNumbers: [1], articlePluNumbers: ['X'], orderTypeList: ['ORDER-TYPE-SALES-ORDER'], orderIds: ['a'], includeLineList: false } }],
      ['getInvoices', { request: { invoiceIds: ['a'], finalizeInvoices: false } }],
      ['getArticleGroups', { request: { groupNumbers: [1], retrieveArticleNumbers: true } }],
      ['updateArticleGroup', { request: { groupNumber: 1, parentGroupNumber: 0 } }],
      ['getStock', { request: { branchNumber: 1, articleNumbers: [1, 2], stockId: 5 } }],
      ['updateStock', { request: { branchNumber: 1, articleNumber: 1, amountChanged: -0.125, employeeNumber: 999999 } }],
      ['getTurnoverGroups', { request: { onlyActive: true } }],
      ['getEmployees', {}],
    ];
    const outcomes = await validateEnvelopes(payloads.map(([op, payload]) => ({ label: op, xml: buildRequestEnvelope(op, payload) })));
    expect(outcomes.filter((o) => !o.valid)).toEqual([]);
  });
});
