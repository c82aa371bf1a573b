/**
 * Turns the blueprint's JSON Schemas (`schemas.generated.json`, drafter output) into the validators
 * the fidelity tests use. Each adjustment is a named, explained transformation:
 *
 * - `forbidUnknownProperties`: requests only. Teamleader silently ignores unknown keys, so a
 *   misspelled field would be lost without an error; the test therefore refuses any key the
 *   blueprint does not document (JSON Schema 2019-09 `unevaluatedProperties`).
 * - `oneOfAsAnyOf`: MSON "One Of" means "one of these property sets applies". Drafter writes it as
 *   JSON Schema `oneOf`, which rejects a body matching two sets, e.g. products.add with both `name`
 *   and `code` (the normal case). `anyOf` says what the blueprint means.
 * - `requireDocumented`: responses only. Drafter marks no response property required; the sandbox
 *   must return every documented property, except those the blueprint marks optional/conditional.
 * - `allowNull`: responses with realistic data. Teamleader returns `null` for a property without a
 *   value ([G]) even where the blueprint's example shows a string.
 * - `repairFixedTypeArtifacts`: marking arrays `fixed-type` (see the extract script) gives two
 *   artifacts: `array[enum]` whose members drafter does not attach becomes `anyOf: [{enum: []}, …]`,
 *   and an array documented without any member type (taxRates.list `sort`) becomes `anyOf: []`,
 *   which would refuse everything. Empty enums are dropped and an empty anyOf means "anything".
 *   One slip of the blueprint text is repaired too: invoices.update writes `+ name \`Finance Dept.\``
 *   without the colon, so drafter names the property "name `Finance Dept.`"; it is `name`.
 */
import { readFileSync } from 'node:fs';
import type { SincroEndpoint } from './sincro-endpoints';

export type JsonSchema = Record<string, unknown>;

export interface BlueprintEndpoint {
  method: string;
  status: number;
  requestSchema: JsonSchema | null;
  requestExample: unknown;
  responseSchema: JsonSchema | null;
  responseExample: unknown;
}

interface GeneratedFile {
  md5: string;
  endpoints: Record<string, BlueprintEndpoint>;
}

// Read at run time: importing 240 kB of JSON would make TypeScript infer a type for all of it.
const generated = JSON.parse(readFileSync(new URL('./schemas.generated.json', import.meta.url), 'utf8')) as GeneratedFile;

export const blueprintMd5: string = generated.md5;

export function blueprintEndpoint(name: SincroEndpoint): BlueprintEndpoint {
  const found = generated.endpoints[name];
  if (!found) throw new Error(`${name} is not in schemas.generated.json; rerun scripts/extract-blueprint-schemas.ts`);
  return structuredClone(found);
}

function isSchema(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Visits every subschema (properties, items, anyOf/oneOf/allOf branches), parents first. */
export function walk(schema: JsonSchema, visit: (s: JsonSchema, path: string) => void, path = ''): void {
  visit(schema, path);
  if (isSchema(schema.properties)) {
    for (const [k, sub] of Object.entries(schema.properties)) if (isSchema(sub)) walk(sub, visit, path ? `${path}.${k}` : k);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const sub of list) if (isSchema(sub)) walk(sub, visit, path);
  }
  const items = schema.items;
  if (isSchema(items)) walk(items, visit, `${path}[]`);
  if (Array.isArray(items)) for (const sub of items) if (isSchema(sub)) walk(sub, visit, `${path}[]`);
}

export function oneOfAsAnyOf(schema: JsonSchema): JsonSchema {
  walk(schema, (s) => {
    if (Array.isArray(s.oneOf)) {
      s.anyOf = [...(Array.isArray(s.anyOf) ? s.anyOf : []), ...s.oneOf];
      delete s.oneOf;
    }
  });
  return schema;
}

export function repairFixedTypeArtifacts(schema: JsonSchema): JsonSchema {
  walk(schema, (s) => {
    if (isSchema(s.properties)) {
      for (const key of Object.keys(s.properties)) {
        const m = /^(\w+) `[^`]*`$/.exec(key);
        if (!m?.[1]) continue;
        s.properties[m[1]] = s.properties[key];
        delete s.properties[key];
        if (Array.isArray(s.required)) s.required = s.required.map((r) => (r === key ? m[1] : r));
      }
    }
    if (!Array.isArray(s.anyOf)) return;
    s.anyOf = s.anyOf.filter((b) => !(isSchema(b) && Array.isArray(b.enum) && b.enum.length === 0));
    if ((s.anyOf as unknown[]).length === 0) delete s.anyOf;
  });
  return schema;
}

/**
 * Only object nodes (`type: "object"`) are closed: the branches of a One Of describe part of their
 * parent object (CustomFieldValue's `value` next to its `id`) and must not refuse the other part.
 */
export function forbidUnknownProperties(schema: JsonSchema, allowedExtra: Record<string, JsonSchema> = {}): JsonSchema {
  walk(schema, (s, path) => {
    if (s.type !== 'object') return;
    if (path === '' && isSchema(s.properties)) Object.assign(s.properties, allowedExtra);
    s.unevaluatedProperties = false;
  });
  // The top level of products.add has its name/code only inside the One Of; make sure it is an object schema.
  if (!isSchema(schema.properties)) schema.properties = { ...allowedExtra };
  schema.unevaluatedProperties = false;
  return schema;
}

/** Response properties the blueprint marks optional or conditional; `*.x` means x anywhere. */
export const conditionalResponseProperties = new Set([
  '*.days',
  '*.addressee',
  '*.stock',
  'data.purchase_price',
  'data.suppliers',
  'data.configuration',
  'data.expiry',
  'data[].expiry',
  // Only with request parameter `includes=…`:
  'data[].custom_fields',
  'data.related_companies',
  'data.related_contacts',
  '*.due_incasso_inclusive',
  '*.fixed_late_fee',
  '*.interest',
  // Changelog 2023-09-26: "unit_price.currency is no longer returned for line items on the response
  // of invoices.info, subscriptions.info, quotations.info"; the quotations.info section still shows it.
  'data.grouped_lines[].line_items[].unit_price.currency',
]);

function conditional(path: string): boolean {
  const last = path.slice(path.lastIndexOf('.') + 1);
  return conditionalResponseProperties.has(path) || conditionalResponseProperties.has(`*.${last}`);
}

export function requireDocumented(schema: JsonSchema): JsonSchema {
  walk(schema, (s, path) => {
    if (!isSchema(s.properties)) return;
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    s.required = [...new Set([...required, ...Object.keys(s.properties)])].filter((k) => !conditional(path ? `${path}.${k}` : k));
  });
  return schema;
}

export function allowNull(schema: JsonSchema): JsonSchema {
  walk(schema, (s, path) => {
    if (path === '' || path === 'data' || path === 'data[]') return;
    if (typeof s.type === 'string' && s.type !== 'null') s.type = [s.type, 'null'];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
    if ('const' in s && s.const !== null) {
      s.enum = [s.const, null];
      delete s.const;
    }
  });
  return schema;
}

export function withoutMetaSchema(schema: JsonSchema): JsonSchema {
  delete schema.$schema;
  return schema;
}
