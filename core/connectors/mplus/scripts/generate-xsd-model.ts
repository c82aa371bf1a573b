/**
 * Generates `../xsd-model.generated.ts` from the official WSDL: for the operations Sincro uses, the
 * request/response element names and every complex type and enum they reach, with the children in
 * XSD sequence order. The client and the sandbox serialise and parse through this table, so element
 * order, list shapes and scalar types come from the WSDL instead of a hand-kept copy.
 *
 *   npx tsx core/connectors/mplus/scripts/generate-xsd-model.ts
 *
 * `xsd-model.test.ts` regenerates in memory and fails when the checked-in file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

/** The operations the connector implements; add one here and rerun to extend the model. */
export const modelOperations = [
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
  'getOrders',
  'findOrder',
  'createOrder',
  'createOrderV3',
  'updateOrder',
  'getInvoices',
  'findInvoice',
  'saveInvoice',
  'getEmployees',
  'getVatGroupList',
  'getPaymentMethods',
  'getDeliveryMethods',
  'getTurnoverGroups',
  'getStock',
  'updateStock',
] as const;

type Node = Record<string, unknown>;

const asNodes = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v === undefined ? [] : [v as Node]);
const attr = (n: Node, name: string): string | undefined => {
  const v = n[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
};
const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/** `xsd:long` → `xs:long`; `SOAP-ENC:base64` → `xs:base64Binary`; `tns:Order` → `Order`. */
function typeRef(qname: string): string {
  if (qname.startsWith('xsd:')) return `xs:${localName(qname)}`;
  if (qname === 'SOAP-ENC:base64') return 'xs:base64Binary';
  if (qname.startsWith('tns:') || qname.startsWith('ns:')) return localName(qname);
  throw new Error(`unexpected type reference ${qname}`);
}

interface TypeSpec {
  base?: string;
  fields: string[];
}

export function generateXsdModel(wsdlText: string): string {
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => ['element', 'complexType', 'simpleType', 'enumeration', 'message', 'operation', 'part'].includes(name),
  });
  const doc = parser.parse(wsdlText.replace(/^\uFEFF/, '')) as Node;
  const definitions = doc['definitions'] as Node;
  const schema = (definitions['types'] as Node)['schema'] as Node;

  const complexByName = new Map(asNodes(schema['complexType']).map((t) => [attr(t, 'name') ?? '', t]));
  const enumByName = new Map(
    asNodes(schema['simpleType']).map((t) => [
      attr(t, 'name') ?? '',
      asNodes((t['restriction'] as Node)['enumeration']).map((e) => attr(e, 'value') ?? ''),
    ]),
  );
  const elementByName = new Map(asNodes(schema['element']).map((e) => [attr(e, 'name') ?? '', e]));

  const messages = new Map(
    asNodes(definitions['message']).map((m) => [attr(m, 'name') ?? '', localName(attr(asNodes(m['part'])[0] ?? {}, 'element') ?? '')]),
  );
  const portOps = new Map(asNodes((definitions['portType'] as Node)['operation']).map((o) => [attr(o, 'name') ?? '', o]));

  const types = new Map<string, TypeSpec>();
  const enums = new Map<string, string[]>();
  const elements = new Map<string, string>();
  const operations = new Map<string, [string, string]>();

  function fieldsOf(complexType: Node, owner: string): TypeSpec {
    let body = complexType;
    let base: string | undefined;
    const content = complexType['complexContent'] as Node | undefined;
    if (content) {
      const ext = content['extension'] as Node;
      base = typeRef(attr(ext, 'base') ?? '');
      visit(base);
      body = ext;
    }
    const sequence = (body['sequence'] as Node | string | undefined) ?? {};
    const fields: string[] = [];
    for (const el of asNodes(typeof sequence === 'string' ? undefined : sequence['element'])) {
      const name = attr(el, 'name') ?? '';
      let ref = attr(el, 'type');
      let type: string;
      if (ref) {
        type = typeRef(ref);
      } else {
        const inline = asNodes(el['complexType'])[0];
        if (!inline) throw new Error(`${owner}.${name} has neither a type nor an inline complex type`);
        type = `${owner}.${name}`;
        types.set(type, fieldsOf(inline, type));
        ref = undefined;
      }
      visit(type);
      const min = attr(el, 'minOccurs') ?? '1';
      const max = attr(el, 'maxOccurs') ?? '1';
      if (max !== '1' && max !== 'unbounded') throw new Error(`${owner}.${name}: maxOccurs=${max} is not supported`);
      if (min !== '0' && min !== '1') throw new Error(`${owner}.${name}: minOccurs=${min} is not supported`);
      const mark = max === 'unbounded' ? (min === '0' ? '[*]' : '[+]') : min === '0' ? '?' : '';
      fields.push(`${name}${mark}: ${type}`);
    }
    return base ? { base, fields } : { fields };
  }

  function visit(type: string): void {
    if (type.startsWith('xs:') || types.has(type) || enums.has(type) || type.includes('.')) return;
    const values = enumByName.get(type);
    if (values) {
      enums.set(type, values);
      return;
    }
    const complex = complexByName.get(type);
    if (!complex) throw new Error(`type ${type} not found in the WSDL`);
    types.set(type, { fields: [] }); // placeholder against cycles (Relation.contactList → RelationList → Relation)
    types.set(type, fieldsOf(complex, type));
  }

  function visitElement(name: string): void {
    if (elements.has(name)) return;
    const el = elementByName.get(name);
    if (!el) throw new Error(`element ${name} not found in the WSDL`);
    const ref = attr(el, 'type');
    if (ref) {
      const type = typeRef(ref);
      elements.set(name, type);
      visit(type);
    } else {
      const type = `#${name}`;
      elements.set(name, type);
      types.set(type, fieldsOf(asNodes(el['complexType'])[0] ?? {}, type));
    }
  }

  for (const op of modelOperations) {
    const portOp = portOps.get(op);
    if (!portOp) throw new Error(`operation ${op} not found in the WSDL`);
    const input = messages.get(localName(attr(portOp['input'] as Node, 'message') ?? ''));
    const output = messages.get(localName(attr(portOp['output'] as Node, 'message') ?? ''));
    if (!input || !output) throw new Error(`operation ${op} has no input/output element`);
    visitElement(input);
    visitElement(output);
    operations.set(op, [input, output]);
  }

  const q = (s: string) => `'${s}'`;
  const sortedKeys = <T>(m: Map<string, T>) => [...m.keys()].sort((a, b) => a.localeCompare(b, 'en'));
  const lines: string[] = [];
  lines.push('// GENERATED by scripts/generate-xsd-model.ts from wsdl/mplusqapi.wsdl (API v67.1.3). Do not edit;');
  lines.push('// add an operation to `modelOperations` there and rerun instead. Field notation: `name: type` is');
  lines.push('// required, `name?` optional, `name[*]` repeated 0..n, `name[+]` repeated 1..n; `xs:` = XML Schema');
  lines.push('// built-in, `#el` = the anonymous type of global element `el`, children in XSD sequence order.');
  lines.push('');
  lines.push('/** operation → [request element, response element] */');
  lines.push('export const xsdOperations = {');
  for (const op of modelOperations) {
    const [i, o] = operations.get(op) ?? ['', ''];
    lines.push(`  ${op}: [${q(i)}, ${q(o)}],`);
  }
  lines.push('} as const;');
  lines.push('');
  lines.push('/** global element → its type */');
  lines.push('export const xsdElements: Readonly<Record<string, string>> = {');
  for (const name of sortedKeys(elements)) lines.push(`  ${name}: ${q(elements.get(name) ?? '')},`);
  lines.push('};');
  lines.push('');
  lines.push('export interface XsdComplexTypeSpec {');
  lines.push('  readonly base?: string;');
  lines.push('  readonly fields: readonly string[];');
  lines.push('}');
  lines.push('');
  lines.push('export const xsdComplexTypes: Readonly<Record<string, XsdComplexTypeSpec>> = {');
  for (const name of sortedKeys(types)) {
    const t = types.get(name) ?? { fields: [] };
    const base = t.base ? `base: ${q(t.base)}, ` : '';
    if (t.fields.length === 0) {
      lines.push(`  ${q(name)}: { ${base}fields: [] },`);
      continue;
    }
    lines.push(`  ${q(name)}: {`);
    if (t.base) lines.push(`    base: ${q(t.base)},`);
    lines.push('    fields: [');
    for (const f of t.fields) lines.push(`      ${q(f)},`);
    lines.push('    ],');
    lines.push('  },');
  }
  lines.push('};');
  lines.push('');
  lines.push('export const xsdEnums = {');
  for (const name of sortedKeys(enums)) lines.push(`  ${name}: [${(enums.get(name) ?? []).map(q).join(', ')}],`);
  lines.push('} as const;');
  lines.push('');
  return lines.join('\n');
}

export const wsdlPath = fileURLToPath(new URL('../wsdl/mplusqapi.wsdl', import.meta.url));
export const generatedModelPath = fileURLToPath(new URL('../xsd-model.generated.ts', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(generatedModelPath, generateXsdModel(readFileSync(wsdlPath, 'utf8')));
  console.log(`wrote ${generatedModelPath}`);
}
