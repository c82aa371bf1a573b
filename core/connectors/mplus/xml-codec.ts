/**
 * XSD-driven conversion between the JS shapes and fast-xml-parser trees, shared by the client and
 * the sandbox so both speak exactly the schema's element names, order and types.
 *
 * JS shape rules (what `decode` produces and `encode` expects):
 * - field names are the XSD element names; children are written in XSD sequence order;
 * - repeated elements (maxOccurs=unbounded) are arrays, also when there is one or none;
 * - wrapper lists (`…List`/`…Set` types, e.g. `lineList`) are flattened to arrays; an optional
 *   wrapper that is absent stays `undefined`, so a read-modify-write does not send an empty list
 *   that could clear data; `TextList` becomes `string[]`;
 * - dates, date-times, quantities and decimal money go through convert.ts.
 *
 * Decoding is lenient by default (unknown elements from a newer API version are ignored, order is
 * not checked) and strict for the sandbox (order, unknown elements and required fields enforced).
 */
import {
  decimalMoneyFields,
  formatScalar,
  isoToMplusDate,
  isoToMplusDateTime,
  mplusDateTimeToIso,
  mplusDateToIso,
  parseScalar,
  scaledPairs,
  scaleQuantity,
  unscaleQuantity,
  eurosToCents,
  type MplusDate,
  type MplusDateTime,
} from './convert';
import { MplusShapeError } from './errors';
import { complexType, elementType, enumValues, isBuiltinType, type XsdType } from './xsd-model';

/** One node of fast-xml-parser's `preserveOrder` output: `{ tag: children, ':@'?: attributes }` or `{ '#text': … }`. */
export type OrderedNode = Record<string, unknown>;

export interface XmlElement {
  name: string;
  children: OrderedNode[];
  attrs: Record<string, unknown>;
}

export type JsObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsObject => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------- reading the parser's tree

export function elementsOf(children: readonly OrderedNode[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of children) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && !k.startsWith('?') && !k.startsWith('!'));
    if (!name) continue;
    const kids = node[name];
    out.push({ name, children: Array.isArray(kids) ? (kids as OrderedNode[]) : [], attrs: isObject(node[':@']) ? node[':@'] : {} });
  }
  return out;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The parser runs with entity processing off (no DTD expansion); the five XML entities and character references are decoded here. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function textOf(el: XmlElement): string {
  return el.children.map((n) => (typeof n['#text'] === 'string' || typeof n['#text'] === 'number' ? String(n['#text']) : '')).join('');
}

const isNil = (el: XmlElement) => el.attrs['@_nil'] === 'true' || el.attrs['@_nil'] === '1';

// ---------------------------------------------------------------- decode

export interface DecodeOptions {
  /** Enforce element order, known elements and required fields (the sandbox reading requests). */
  strict?: boolean;
}

/** Decodes the content of a global element (e.g. `GetRelationsResponse`) into its JS shape. */
export function decodeElement(element: string, el: XmlElement, opts: DecodeOptions = {}): JsObject {
  const value = decodeValue(elementType(element), el, element, opts);
  return isObject(value) ? value : {};
}

function decodeValue(type: string, el: XmlElement, path: string, opts: DecodeOptions): unknown {
  if (isNil(el)) return undefined;
  if (isBuiltinType(type)) {
    if (opts.strict && elementsOf(el.children).length > 0) throw new MplusShapeError(path, 'expected a value, found child elements');
    return parseScalar(type, decodeXmlText(textOf(el)), path);
  }
  if (enumValues(type)) {
    const text = decodeXmlText(textOf(el)).trim();
    // Lenient on read: a newer server may know values this WSDL does not; strict (sandbox) refuses them.
    if (opts.strict && !enumValues(type)?.includes(text)) throw new MplusShapeError(path, `"${text}" is not a valid ${type}`);
    return text;
  }
  const t = complexType(type);
  if (!t) throw new MplusShapeError(path, `type ${type} is not in the model`);
  if (t.listItem) {
    // Flattened: paths name the JS array (lineList[0]), not the XML wrapper (lineList.line[0]).
    if (opts.strict) checkSequence(t, elementsOf(el.children), path);
    const item = t.listItem;
    return elementsOf(el.children)
      .filter((c) => c.name === item.name)
      .map((c, i) => decodeValue(item.type, c, `${path}[${i}]`, opts))
      .filter((v) => v !== undefined);
  }
  const obj = decodeComplex(t, el, path, opts);
  if (type === 'SoapMplusDate') return mplusDateToIso(obj as unknown as MplusDate, path);
  if (type === 'SoapMplusDateTime') return mplusDateTimeToIso(obj as unknown as MplusDateTime, path);
  if (type === 'Text') return obj['text'] ?? '';
  return obj;
}

function decodeComplex(t: XsdType, el: XmlElement, path: string, opts: DecodeOptions): JsObject {
  const children = elementsOf(el.children);
  if (opts.strict) checkSequence(t, children, path);
  const byName = new Map<string, XmlElement[]>();
  for (const c of children) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  const out: JsObject = {};
  for (const f of t.fields) {
    const found = byName.get(f.name) ?? [];
    const fieldPath = `${path}.${f.name}`;
    if (f.repeated) {
      out[f.name] = found.map((c, i) => decodeValue(f.type, c, `${fieldPath}[${i}]`, opts)).filter((v) => v !== undefined);
      continue;
    }
    const first = found[0];
    if (first) {
      const v = decodeValue(f.type, first, fieldPath, opts);
      if (v !== undefined) out[f.name] = v;
    } else if (f.required && complexType(f.type)?.listItem) {
      out[f.name] = []; // a required list the server left out: "absent" and "empty" mean the same
    }
  }
  for (const [amount, places] of scaledPairs[t.name] ?? []) {
    const a = out[amount];
    const p = out[places];
    if (typeof a === 'number') out[amount] = unscaleQuantity(a, typeof p === 'number' ? p : 0);
    delete out[places];
  }
  for (const field of decimalMoneyFields[t.name] ?? []) {
    const v = out[field];
    if (typeof v === 'number') out[field] = eurosToCents(v);
  }
  return out;
}

function checkSequence(t: XsdType, children: readonly XmlElement[], path: string): void {
  let cursor = 0;
  let countAtCursor = 0;
  for (const c of children) {
    let j = cursor;
    while (j < t.fields.length && t.fields[j]?.name !== c.name) j++;
    const field = t.fields[j];
    if (!field) {
      const known = t.byName.has(c.name);
      throw new MplusShapeError(`${path}.${c.name}`, known ? `element is out of order (the XSD sequence of ${t.name} puts it earlier)` : `${t.name} has no element ${c.name}`);
    }
    for (let k = cursor + (countAtCursor > 0 ? 1 : 0); k < j; k++) {
      const skipped = t.fields[k];
      if (!skipped?.required) continue;
      const later = children.some((other) => other.name === skipped.name);
      throw new MplusShapeError(`${path}.${skipped.name}`, later ? `element is out of order (the XSD sequence of ${t.name} puts it earlier)` : 'required element is missing');
    }
    countAtCursor = j === cursor ? countAtCursor + 1 : 1;
    if (!field.repeated && countAtCursor > 1) throw new MplusShapeError(`${path}.${c.name}`, 'element may occur only once');
    cursor = j;
  }
  for (let k = cursor + (countAtCursor > 0 ? 1 : 0); k < t.fields.length; k++) {
    const rest = t.fields[k];
    if (rest?.required) throw new MplusShapeError(`${path}.${rest.name}`, 'required element is missing');
  }
}

// ---------------------------------------------------------------- encode

/** fast-xml-parser builder value: text, a child object, or '' for an empty element. */
export type BuilderValue = string | JsObject;

/** Encodes a JS shape as the content of a global element, children prefixed with `prefix:`. */
export function encodeElement(element: string, value: unknown, prefix: string): BuilderValue {
  return encodeValue(elementType(element), value ?? {}, element, prefix);
}

function encodeValue(type: string, value: unknown, path: string, prefix: string): BuilderValue {
  if (isBuiltinType(type)) return formatScalar(type, value, path);
  const allowed = enumValues(type);
  if (allowed) {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new MplusShapeError(path, `${JSON.stringify(value)} is not a valid ${type} (expected one of ${allowed.slice(0, 6).join(', ')}${allowed.length > 6 ? ', …' : ''})`);
    }
    return value;
  }
  const t = complexType(type);
  if (!t) throw new MplusShapeError(path, `type ${type} is not in the model`);
  if (type === 'SoapMplusDate') return encodeComplex(t, expectString(value, path, isoToMplusDate), path, prefix);
  if (type === 'SoapMplusDateTime') return encodeComplex(t, expectString(value, path, isoToMplusDateTime), path, prefix);
  if (type === 'Text') return encodeComplex(t, { text: value }, path, prefix);
  if (t.listItem) {
    if (!Array.isArray(value)) throw new MplusShapeError(path, `expected a list, got ${JSON.stringify(value)}`);
    const item = t.listItem;
    return value.length === 0 ? '' : { [`${prefix}:${item.name}`]: value.map((v: unknown, i) => encodeValue(item.type, v, `${path}[${i}]`, prefix)) };
  }
  if (!isObject(value)) throw new MplusShapeError(path, `expected an object, got ${JSON.stringify(value)}`);
  return encodeComplex(t, value, path, prefix);
}

function expectString<T>(value: unknown, path: string, convert: (s: string, path: string) => T): JsObject {
  if (typeof value !== 'string') throw new MplusShapeError(path, `expected an ISO date string, got ${JSON.stringify(value)}`);
  return convert(value, path) as unknown as JsObject;
}

function encodeComplex(t: XsdType, input: object, path: string, prefix: string): BuilderValue {
  const value = input as JsObject;
  const pairs = scaledPairs[t.name] ?? [];
  const placesFields = new Set(pairs.map(([, places]) => places));
  for (const key of Object.keys(value)) {
    if (value[key] === undefined || value[key] === null) continue;
    if (placesFields.has(key)) throw new MplusShapeError(`${path}.${key}`, 'give the quantity as a decimal number instead of decimal places');
    if (!t.byName.has(key)) throw new MplusShapeError(`${path}.${key}`, `${t.name} has no field ${key}`);
  }
  const wire: JsObject = { ...value };
  for (const [amount, places] of pairs) {
    const v = value[amount];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number') throw new MplusShapeError(`${path}.${amount}`, `expected a number, got ${JSON.stringify(v)}`);
    const scaled = scaleQuantity(v, `${path}.${amount}`);
    wire[amount] = scaled.amount;
    wire[places] = scaled.decimalPlaces;
  }
  for (const field of decimalMoneyFields[t.name] ?? []) {
    const v = value[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new MplusShapeError(`${path}.${field}`, 'expected whole cents');
    wire[field] = v / 100;
  }
  const out: JsObject = {};
  for (const f of t.fields) {
    const v = wire[f.name];
    const key = `${prefix}:${f.name}`;
    const fieldPath = `${path}.${f.name}`;
    if (v === undefined || v === null) {
      if (!f.required) continue;
      // Required wrapper lists (e.g. GetProductsRequest.pluNumbers) are sent empty, as the official client does.
      if (!f.repeated && complexType(f.type)?.listItem) out[key] = '';
      else throw new MplusShapeError(fieldPath, 'required field is missing');
      continue;
    }
    if (f.repeated) {
      if (!Array.isArray(v)) throw new MplusShapeError(fieldPath, `expected a list, got ${JSON.stringify(v)}`);
      if (v.length === 0 && f.required) throw new MplusShapeError(fieldPath, 'needs at least one entry');
      if (v.length > 0) out[key] = v.map((item, i) => encodeValue(f.type, item, `${fieldPath}[${i}]`, prefix));
      continue;
    }
    out[key] = encodeValue(f.type, v, fieldPath, prefix);
  }
  return Object.keys(out).length > 0 ? out : '';
}
