import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRequestEnvelope } from '../soap-envelope';
import { extractSchema, validateEnvelopes, wsdlFile } from './xsd-validator';

describe('the xmllint schema check itself', () => {
  it('extracts a standalone schema from the WSDL', () => {
    const xsd = extractSchema(readFileSync(wsdlFile, 'utf8'));
    expect(xsd).toMatch(/^<\?xml[^>]*>\n<xsd:schema xmlns:tns="urn:mplusqapi"[^>]* targetNamespace="urn:mplusqapi" elementFormDefault="qualified"/);
    expect(xsd).not.toContain('SOAP-ENC:base64');
  });

  it('accepts valid envelopes and reports invalid ones with the reason, many per run', async () => {
    const good = buildRequestEnvelope('getRelations', { request: { syncMarker: 1, syncMarkerLimit: 10 } });
    const reordered = good.replace(/(<ns1:syncMarker>1<\/ns1:syncMarker>)(<ns1:syncMarkerLimit>10<\/ns1:syncMarkerLimit>)/, '$2$1');
    const wrongType = good.replace('<ns1:syncMarker>1<', '<ns1:syncMarker>one<');
    const unqualified = good.replace('<ns1:syncMarker>1</ns1:syncMarker>', '<syncMarker>1</syncMarker>');
    const docs = [good, reordered, wrongType, unqualified, ...Array.from({ length: 200 }, () => good)].map((xml, i) => ({ label: String(i), xml }));
    const started = Date.now();
    const outcomes = await validateEnvelopes(docs);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcomes.slice(0, 4).map((o) => o.valid)).toEqual([true, false, false, false]);
    expect(outcomes[1]?.errors).toEqual([":1: element syncMarker: Schemas validity error : Element '{urn:mplusqapi}syncMarker': This element is not expected."]);
    expect(outcomes[2]?.errors.join()).toMatch(/'one' is not a valid value of the atomic type 'xs:long'/);
    expect(outcomes.slice(4).every((o) => o.valid)).toBe(true);
  });
});
