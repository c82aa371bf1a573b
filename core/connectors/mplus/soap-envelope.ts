/**
 * SOAP 1.1 envelopes for the MplusKASSA API, built and read with fast-xml-parser.
 *
 * Requests look like the official PHP client's (`SOAP-ENV:` + `ns1:` prefixes, empty Header);
 * responses like the live gSOAP server's (`SOAP-ENV:` + `ns:`). Reading is prefix-agnostic: names
 * are matched on their local part, so any prefix choice of the other side works.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXmlText, elementsOf, encodeElement, textOf, type OrderedNode, type XmlElement } from './xml-codec';
import { operationElements, type MplusOperation } from './xsd-model';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MPLUS_NS = 'urn:mplusqapi';

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: true, processEntities: true });

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // No DTD/entity expansion (a SOAP message has no DOCTYPE); xml-codec decodes the standard entities.
  processEntities: false,
});

const declaration = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

function envelope(prefix: string, element: string, content: unknown, withHeader: boolean): string {
  return builder.build({
    ...declaration,
    'SOAP-ENV:Envelope': {
      '@_xmlns:SOAP-ENV': SOAP_ENV_NS,
      [`@_xmlns:${prefix}`]: MPLUS_NS,
      ...(withHeader ? { 'SOAP-ENV:Header': '' } : {}),
      'SOAP-ENV:Body': { [`${prefix}:${element}`]: content },
    },
  }) as string;
}

/** The request envelope for an operation; throws MplusShapeError when the payload does not fit the XSD. */
export function buildRequestEnvelope(op: MplusOperation, payload: unknown): string {
  const { request } = operationElements(op);
  return envelope('ns1', request, encodeElement(request, payload, 'ns1'), true);
}

/** The response envelope of an operation (the sandbox's answer). */
export function buildResponseEnvelope(op: MplusOperation, payload: unknown): string {
  const { response } = operationElements(op);
  return envelope('ns', response, encodeElement(response, payload, 'ns'), false);
}

export function buildFaultEnvelope(faultCode: string, faultString: string): string {
  return builder.build({
    ...declaration,
    'SOAP-ENV:Envelope': {
      '@_xmlns:SOAP-ENV': SOAP_ENV_NS,
      'SOAP-ENV:Body': { 'SOAP-ENV:Fault': { faultcode: `SOAP-ENV:${faultCode}`, faultstring: faultString } },
    },
  }) as string;
}

export type ParsedEnvelope =
  | { kind: 'body'; element: XmlElement }
  | { kind: 'fault'; faultCode: string; faultString: string; detail: string };

/** The XML is not a readable SOAP envelope. */
export class MalformedEnvelopeError extends Error {}

export function parseEnvelope(xml: string): ParsedEnvelope {
  const text = xml.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new MalformedEnvelopeError('the body is empty');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new MalformedEnvelopeError(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const roots = elementsOf(parser.parse(text) as OrderedNode[]);
  const root = roots[0];
  if (!root || root.name !== 'Envelope') throw new MalformedEnvelopeError(`expected a SOAP Envelope, found <${root?.name ?? 'nothing'}>`);
  const body = elementsOf(root.children).find((e) => e.name === 'Body');
  if (!body) throw new MalformedEnvelopeError('the SOAP envelope has no Body');
  const first = elementsOf(body.children)[0];
  if (!first) throw new MalformedEnvelopeError('the SOAP Body is empty');
  if (first.name !== 'Fault') return { kind: 'body', element: first };
  const parts = elementsOf(first.children);
  const part = (name: string) => {
    const el = parts.find((p) => p.name === name);
    return el ? flatText(el).trim() : '';
  };
  return { kind: 'fault', faultCode: part('faultcode'), faultString: part('faultstring'), detail: part('detail') };
}

function flatText(el: XmlElement): string {
  const own = decodeXmlText(textOf(el));
  return own + elementsOf(el.children).map(flatText).join(' ');
}
