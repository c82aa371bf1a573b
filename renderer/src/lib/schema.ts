/**
 * The slice of JSON Schema that node configs, connection kinds and template settings use, with the
 * UI hints core attaches (label, help, widget, showWhen, …), and helpers to read it.
 */
import type { UiHints } from '../../../core/api/node-type';

export interface JsonSchema extends UiHints {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  /** Labels for enum values, when a schema gives them. */
  enumLabels?: Record<string, string>;
}

export function asSchema(value: unknown): JsonSchema {
  return value && typeof value === 'object' ? (value as JsonSchema) : {};
}

/** "keyField" → "Key field", "employee_number" → "Employee number". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  const withAcronyms = words.replace(/\b(vat|sku|ean|gtin|id|url|api|csv|json|ndjson|http|iban|btw|pos)\b/g, (w) => w.toUpperCase());
  return withAcronyms.charAt(0).toUpperCase() + withAcronyms.slice(1);
}

export function fieldLabel(name: string, schema: JsonSchema): string {
  return schema.label ?? schema.title ?? humanize(name);
}

export function fieldHelp(schema: JsonSchema): string | undefined {
  return schema.help ?? schema.description;
}

/**
 * A choice's help names its options by the values a flow file and the CLI use ("from-now: only what
 * is added…"); on screen they read as the labels the list shows ("From now: only what is added…").
 */
export function choiceHelp(help: string | undefined, options: ReadonlyArray<{ value: string; label: string }>): string | undefined {
  if (!help) return help;
  return options.reduce((text, o) => text.replace(new RegExp(`(^|[;.] )${o.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'g'), `$1${o.label}:`), help);
}

/** The type the form should treat the field as (the first non-null one of a union). */
export function primaryType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null') ?? schema.type[0];
  if (schema.type) return schema.type;
  if (schema.enum) return 'string';
  if (schema.properties) return 'object';
  return undefined;
}

/** showWhen: { format: ['csv'] } shows the field only while the sibling "format" is "csv". */
export function isShown(schema: JsonSchema, values: Record<string, unknown>): boolean {
  if (!schema.showWhen) return true;
  return Object.entries(schema.showWhen).every(([field, allowed]) => allowed.includes(values[field]));
}

/** The config a fresh node starts with: every default the schema declares, at any depth. */
export function defaultsFor(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.default !== undefined) out[name] = structuredClone(prop.default);
    else if (primaryType(prop) === 'object' && prop.properties && schema.required?.includes(name)) out[name] = defaultsFor(prop);
    else if (prop.oneOf && schema.required?.includes(name)) {
      const first = prop.oneOf[0];
      if (first) out[name] = defaultsFor(first);
    } else if (primaryType(prop) === 'array' && schema.required?.includes(name)) out[name] = [];
  }
  // A oneOf variant is chosen by its const discriminator.
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.const !== undefined && out[name] === undefined) out[name] = prop.const;
  }
  return out;
}

/** The variant of a oneOf that fits a value: the one whose const discriminator matches. */
export function discriminator(variants: JsonSchema[]): string | undefined {
  const first = variants[0]?.properties ?? {};
  return Object.keys(first).find((k) => variants.every((v) => v.properties?.[k]?.const !== undefined));
}

/** Config values written as "{{settings.x}}" take a flow setting (templates do this). */
const SETTING_REF = /^\{\{\s*settings\.([\w.]+)\s*\}\}$/;
export function settingRef(value: unknown): string | null {
  return typeof value === 'string' ? (SETTING_REF.exec(value)?.[1] ?? null) : null;
}
