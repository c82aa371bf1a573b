/**
 * The sandbox's wire contract at the HTTP level (hand-written requests, no client): GET behaviour,
 * faults for bad requests, prefix-agnostic parsing, the control paths. Every SOAP answer is
 * validated against the WSDL schema at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaults } from '../../sandbox-faults';
import { expectSchemaValid, startHarness, type Harness } from '../testing/harness';

let h: Harness;
let vendorUrl: string;

beforeAll(async () => {
  h = await startHarness();
  vendorUrl = `${h.sandbox.url}/?ident=${h.sandbox.ident}&secret=${h.sandbox.secret}`;
});
afterAll(() => h.close());

const envelope = (body: string, ns = 'xmlns:ns1="urn:mplusqapi"') =>
  `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" ${ns}><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;

async function post(body: string, url = vendorUrl) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body });
  return { status: res.status, text: await res.text() };
}

describe('MplusKASSA sandbox over HTTP', () => {
  it('answers a plain GET with 405 and GET /?wsdl with the WSDL', async () => {
    const plain = await fetch(`${h.sandbox.url}/`);
    expect(plain.status).toBe(405);
    expect(plain.headers.get('allow')).toBe('POST');
    const wsdl = await fetch(`${h.sandbox.url}/?wsdl`);
    expect(wsdl.status).toBe(200);
    expect(await wsdl.text()).toContain('<definitions name="MplusQapi" targetNamespace="urn:mplusqapi"');
  });

  it('answers with SOAP-ENV/ns prefixes and the irregular response element name', async () => {
    const res = await post(envelope('<ns1:getVatGroupList/>'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('<ns:getVatGroupListResponse><ns:vatGroup><ns:branchNumber>1</ns:branchNumber>');
    expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/" xmlns:ns="urn:mplusqapi">/);
  });

  it('reads requests whatever the prefixes (default namespace, other envelope prefix)', async () => {
    const body = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><getRelations xmlns="urn:mplusqapi"><request><relationNumbers>1001</relationNumbers></request></getRelations></s:Body></s:Envelope>`;
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<ns:relationNumber>1001</ns:relationNumber>');
  });

  it('refuses wrong credentials with a Client fault and HTTP 500', async () => {
    const res = await post(envelope('<ns1:getApiVersion/>'), `${h.sandbox.url}/?ident=${h.sandbox.ident}&secret=wrong`);
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>SOAP-ENV:Client.Authentication</faultcode>');
  });

  it('refuses an unknown operation, malformed XML and a request that breaks the XSD', async () => {
    const unknown = await post(envelope('<ns1:deleteEverything/>'));
    expect([unknown.status, unknown.text]).toEqual([500, expect.stringContaining('<faultcode>SOAP-ENV:Client.UnknownOperation</faultcode><faultstring>Unknown operation deleteEverything.</faultstring>')]);
    const malformed = await post('<SOAP-ENV:Envelope><oops>');
    expect([malformed.status, malformed.text]).toEqual([500, expect.stringContaining('SOAP-ENV:Client.MalformedXml')]);
    const outOfOrder = await post(envelope('<ns1:getRelations><ns1:request><ns1:syncMarkerLimit>5</ns1:syncMarkerLimit><ns1:syncMarker>1</ns1:syncMarker></ns1:request></ns1:getRelations>'));
    expect(outOfOrder.text).toContain('getRelations.request.syncMarker: element is out of order');
    const nonNumeric = await post(envelope('<ns1:getProducts><ns1:request><ns1:articleNumbers>TEA-POT-8</ns1:articleNumbers><ns1:pluNumbers/></ns1:request></ns1:getProducts>'));
    expect(nonNumeric.text).toContain('getProducts.request.articleNumbers[0]: &quot;TEA-POT-8&quot; is not a whole number');
    const missing = await post(envelope('<ns1:getProducts><ns1:request/></ns1:getProducts>'));
    expect(missing.text).toContain('getProducts.request.pluNumbers: required element is missing');
  });

  it('serves the state and resets to a given seed or the demo seed', async () => {
    const state = (await (await fetch(`${h.sandbox.url}/__sandbox/state`)).json()) as { relations: unknown[]; syncMarkers: { order: number } };
    expect(state.relations.length).toBeGreaterThan(30);
    const seed = { mplus: { vatGroups: [{ vatCode: 1, vatPercentage: 21 }], relations: [{ relationNumber: 7, name: 'Enige klant' }] } };
    const reset = await fetch(`${h.sandbox.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify(seed) });
    expect(reset.status).toBe(200);
    expect(h.sandbox.state().relations.map((r) => r.name)).toEqual(['Enige klant']);
    const invalid = await fetch(`${h.sandbox.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify({ vatGroups: [] }) });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toMatch(/mplus\.vatGroups: /);
    await fetch(`${h.sandbox.url}/__sandbox/reset`, { method: 'POST' });
    expect(h.sandbox.state().syncMarkers.order).toBe(state.syncMarkers.order);
    expect((await fetch(`${h.sandbox.url}/__sandbox/nothing`)).status).toBe(404);
  });

  it('faults vendor paths only, never the control paths', async () => {
    h.sandbox.faults.configure(parseFaults('drop=1'));
    await expect(post(envelope('<ns1:getApiVersion/>'))).rejects.toThrow();
    expect((await fetch(`${h.sandbox.url}/__sandbox/state`)).status).toBe(200);
    h.sandbox.faults.configure(parseFaults('error5xx=1'));
    const fault = await post(envelope('<ns1:getApiVersion/>'));
    expect([fault.status, fault.text]).toEqual([500, expect.stringContaining('<faultcode>SOAP-ENV:Server.Unavailable</faultcode>')]);
    h.sandbox.faults.configure(parseFaults('burst429=1/1'));
    await fetch(vendorUrl, { method: 'POST', body: envelope('<ns1:getApiVersion/>') });
    const limited = await fetch(vendorUrl, { method: 'POST', body: envelope('<ns1:getApiVersion/>') });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
    h.sandbox.faults.configure(parseFaults(''));
  });

  it('every SOAP answer validates against the WSDL schema (faults included)', async () => {
    // The hand-written bad requests above are meant not to validate; the answers to them must.
    await expectSchemaValid(h.exchanges, { requests: false });
  });
});
