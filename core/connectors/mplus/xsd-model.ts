/**
 * Read access to the generated XSD table (`xsd-model.generated.ts`): which fields a complex type has
 * and in which order, which ones repeat, which types are enums, and which complex types are mere
 * wrapper lists (`<lineList><line/>…</lineList>`) that the JS shapes flatten into arrays.
 */
import { xsdComplexTypes, xsdElements, xsdEnums, xsdOperations } from './xsd-model.generated';

export type MplusOperation = keyof typeof xsdOperations;
export type MplusEnumName = keyof typeof xsdEnums;

export interface XsdField {
  name: string;
  /** `xs:long`, an enum name or a complex type name. */
  type: string;
  required: boolean;
  repeated: boolean;
}

export interface XsdType {
  name: string;
  /** Base-type fields first (xsd:extension), then the type's own, in sequence order. */
  fields: XsdField[];
  byName: Map<string, XsdField>;
  /** Set for `…List`/`…Set` types whose only content is one repeated child. */
  listItem?: XsdField;
}

const cache = new Map<string, XsdType>();

function parseField(spec: string): XsdField {
  const m = /^([A-Za-z_][\w.-]*)(\?|\[\*\]|\[\+\])?: (\S+)$/.exec(spec);
  if (!m) throw new Error(`bad field spec in xsd-model.generated.ts: ${spec}`);
  const mark = m[2] ?? '';
  return { name: m[1] ?? '', type: m[3] ?? '', required: mark === '' || mark === '[+]', repeated: mark.startsWith('[') };
}

export function complexType(name: string): XsdType | undefined {
  const hit = cache.get(name);
  if (hit) return hit;
  const spec = xsdComplexTypes[name];
  if (!spec) return undefined;
  const own = spec.fields.map(parseField);
  const base = spec.base ? complexType(spec.base) : undefined;
  const fields = [...(base?.fields ?? []), ...own];
  const type: XsdType = { name, fields, byName: new Map(fields.map((f) => [f.name, f])) };
  const only = fields[0];
  if (!spec.base && fields.length === 1 && only?.repeated && /(List|Set)$/.test(name)) type.listItem = only;
  cache.set(name, type);
  return type;
}

export function isBuiltinType(type: string): boolean {
  return type.startsWith('xs:');
}

export function enumValues(type: string): readonly string[] | undefined {
  return (xsdEnums as Record<string, readonly string[]>)[type];
}

export function elementType(element: string): string {
  const type = xsdElements[element];
  if (!type) throw new Error(`element ${element} is not in the MplusKASSA model`);
  return type;
}

export function operationElements(op: MplusOperation): { request: string; response: string } {
  const [request, response] = xsdOperations[op];
  return { request, response };
}

const operationByRequest = new Map<string, MplusOperation>(
  (Object.keys(xsdOperations) as MplusOperation[]).map((op) => [xsdOperations[op][0], op]),
);

/** The operation whose request element has this local name (the sandbox dispatches on it). */
export function operationForRequestElement(element: string): MplusOperation | undefined {
  return operationByRequest.get(element);
}

export const mplusOperations = Object.keys(xsdOperations) as MplusOperation[];
