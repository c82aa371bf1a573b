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
 *   must return every documented property, except those the blueprint marks optional/conditional,
 *   and, for records that leave optional data empty, those in `leftOutWithoutValue`.
 * - `repairFixedTypeArtifacts`: marking arrays `fixed-type` (see the extract script) gives two
 *   artifacts: `array[enum]` whose members drafter does not attach becomes `anyOf: [{enum: []}, …]`,
 *   and an array documented without any member type (taxRates.list `sort`) becomes `anyOf: []`,
 *   which would refuse everything. Empty enums are dropped and an empty anyOf means "anything".
 *   One slip of the blueprint text is repaired too: invoices.update writes `+ name \`Finance Dept.\``
 *   without the colon, so drafter names the property "name `Finance Dept.`"; it is `name`.
 * - `dataAsObject`: responses only. creditNotes.info documents `data` as an array of credit notes,
 *   where every other `.info` has one object; the reference calls it a likely documentation slip
 *   and expects an object [I], which the sandbox answers. The expected schema takes the array's item
 *   schema as `data`, so every documented property of the credit note is still checked.
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

/** Endpoints whose documented response `data` is an array where an object is meant (see `dataAsObject`). */
export const dataDocumentedAsArray: ReadonlySet<SincroEndpoint> = new Set<SincroEndpoint>(['creditNotes.info']);

export function dataAsObject(schema: JsonSchema): JsonSchema {
  const data = isSchema(schema.properties) ? schema.properties.data : undefined;
  if (!isSchema(data) || data.type !== 'array' || !isSchema(data.items)) throw new Error('dataAsObject: the schema has no `data` array to repair');
  const item = data.items;
  // Drafter writes the one member type of a fixed-type array as `anyOf: [schema]`.
  const only = Array.isArray(item.anyOf) && item.anyOf.length === 1 && isSchema(item.anyOf[0]) ? item.anyOf[0] : item;
  (schema.properties as Record<string, unknown>).data = only;
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

/**
 * Response properties the blueprint types non-nullable (no `nullable`), which the sandbox leaves out
 * when the record has no value for them. Teamleader itself sends `null` there ([G]), which the
 * blueprint does not allow; what it does allow is reasoned per kind of property in
 * `sandbox/render-common.ts`: text becomes `""` (and so is never listed here), while a date, a
 * number, an amount or a relation has no empty value that is not a made-up one, so it is left out
 * (MSON makes every property optional unless marked `required`, and no response property is).
 * These are the only properties a record with empty optional data may lack; with every field filled,
 * each must be present.
 */
const dealLeftOut = [
  'lead.contact_person',
  'department',
  'estimated_value',
  'estimated_closing_date',
  'estimated_probability',
  'weighted_value',
  'current_phase',
  'responsible_user',
  'closed_at',
  'source',
  'pipeline',
];
export const leftOutWithoutValue: Partial<Record<SincroEndpoint, readonly string[]>> = {
  'contacts.list': ['data[].primary_address', 'data[].birthdate'],
  'contacts.info': ['data.birthdate'],
  'companies.list': ['data[].business_type', 'data[].primary_address', 'data[].responsible_user'],
  'companies.info': ['data.business_type', 'data.responsible_user'],
  'paymentTerms.list': ['meta.default'],
  'deals.list': dealLeftOut.map((p) => `data[].${p}`),
  'deals.info': dealLeftOut.map((p) => `data.${p}`),
  'quotations.list': ['data[].expiry.expires_after'],
  'quotations.info': ['data.grouped_lines[].section', 'data.document_template', 'data.expiry.expires_after'],
  'invoices.info': ['data.grouped_lines[].section', 'data.document_template'],
  'creditNotes.info': ['data.grouped_lines[].section', 'data.document_template'],
};

/** Every documented property is required, except conditional ones and the paths in `mayBeLeftOut`. */
export function requireDocumented(schema: JsonSchema, mayBeLeftOut: readonly string[] = []): JsonSchema {
  const leftOut = new Set(mayBeLeftOut);
  walk(schema, (s, path) => {
    if (!isSchema(s.properties)) return;
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    const at = (k: string) => (path ? `${path}.${k}` : k);
    s.required = [...new Set([...required, ...Object.keys(s.properties)])].filter((k) => !conditional(at(k)) && !leftOut.has(at(k)));
  });
  return schema;
}

/**
 * The schema a sandbox answer must satisfy (draft-07, `$schema` kept for dredd's validator):
 * the blueprint's, repaired (creditNotes.info's `data` an object, `dataAsObject`), with every
 * documented property required. `requiredOnly`: the records
 * may have only their required fields, so the properties of `leftOutWithoutValue` may be missing.
 */
export function expectedResponseSchema(endpoint: SincroEndpoint, opts: { requiredOnly?: boolean } = {}): JsonSchema {
  const documented = blueprintEndpoint(endpoint).responseSchema;
  if (!documented) throw new Error(`the blueprint documents no response body for ${endpoint}`);
  const schema = dataDocumentedAsArray.has(endpoint) ? dataAsObject(documented) : documented;
  return requireDocumented(repairFixedTypeArtifacts(oneOfAsAnyOf(schema)), opts.requiredOnly ? (leftOutWithoutValue[endpoint] ?? []) : []);
}

export function withoutMetaSchema(schema: JsonSchema): JsonSchema {
  delete schema.$schema;
  return schema;
}
