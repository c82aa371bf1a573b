/**
 * The fields of sample records, for the datamapper's source column: every path with an example
 * value. Arrays of objects list their item fields as "lines.sku", which is how JSONata reads them.
 */
export interface SourceField {
  path: string;
  example: string;
  type: 'text' | 'number' | 'yes/no' | 'list' | 'group' | 'empty';
}

const MAX_DEPTH = 4;
const MAX_FIELDS = 300;

function typeOf(v: unknown): SourceField['type'] {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'group';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'yes/no';
  return 'text';
}

function example(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return `${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return '';
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

export function sourceFields(records: readonly unknown[]): SourceField[] {
  const found = new Map<string, SourceField>();
  const walk = (v: unknown, path: string, depth: number) => {
    if (found.size >= MAX_FIELDS) return;
    if (path) {
      const prev = found.get(path);
      if (!prev || (prev.type === 'empty' && typeOf(v) !== 'empty')) found.set(path, { path, example: example(v), type: typeOf(v) });
    }
    if (depth >= MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (const item of v.slice(0, 3)) if (item && typeof item === 'object' && !Array.isArray(item)) walk(item, path, depth + 1);
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const safe = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `\`${k}\``;
        walk(child, path ? `${path}.${safe}` : safe, depth + 1);
      }
    }
  };
  for (const r of records.slice(0, 20)) walk(r, '', 0);
  return [...found.values()];
}

/** A value shown in one line (preview cells, examples). */
export function shortValue(v: unknown, max = 80): string {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Reads "billing.city" out of a record. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const TITLE_KEYS = ['name', 'title', 'companyName', 'company_name', 'description', 'email', 'orderNumber', 'invoice_number', 'number', 'sku'];
/** A document's own reference: what people call it ("WEB-20000", "2026 / 1"), not its id. */
const REFERENCE_KEYS = ['reference', 'orderNumber', 'invoiceNumber', 'invoice_number', 'quotationNumber', 'quotation_number', 'number', 'articleNumber', 'sku', 'code'];
/** Who a document is for, or what a record is called. */
const NAME_KEYS = ['relationName', 'customerName', 'companyName', 'company_name', 'name', 'title', 'description'];
const PARTY_KEYS = ['invoicee', 'customer', 'relation', 'contact', 'company', 'lead'];

const text = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? x.trim() : typeof x === 'number' ? String(x) : null);
const looksLikeId = (s: string) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s);

function nameOf(o: Record<string, unknown>): string | null {
  const person = [o.first_name ?? o.firstName, o.last_name ?? o.lastName].filter((x) => typeof x === 'string' && x).join(' ');
  if (person) return person;
  for (const k of NAME_KEYS) {
    const x = text(o[k]);
    if (x && !looksLikeId(x)) return x;
  }
  return null;
}

/**
 * A human name for a record, from what its source read (issue 11: by its reference and its
 * customer, not a GUID): "WEB-20000 · Koffiebar Laurent", "2026 / 1 · Anna Maes", "Atelier Dubois",
 * "1001 · T-shirt 2".
 */
export function recordTitle(data: unknown): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const o = data as Record<string, unknown>;
  const reference = REFERENCE_KEYS.map((k) => text(o[k])).find((x) => x && !looksLikeId(x)) ?? null;
  let name = nameOf(o);
  for (const k of PARTY_KEYS) {
    if (name && name !== reference) break;
    const party = o[k];
    if (party && typeof party === 'object' && !Array.isArray(party)) name = nameOf(party as Record<string, unknown>) ?? name;
  }
  const t = [reference, name !== reference ? name : null].filter(Boolean).join(' · ') || oldTitle(data);
  return t && t.length > 60 ? `${t.slice(0, 59)}…` : t;
}

/** Whether a record key is a machine id (a GUID), which a list need not show beside the record's name. */
export function isMachineId(key: string): boolean {
  return looksLikeId(key);
}

function oldTitle(data: unknown): string | null {
  const visit = (v: unknown, depth: number): string | null => {
    if (!v || typeof v !== 'object' || Array.isArray(v) || depth > 1) return null;
    const o = v as Record<string, unknown>;
    const person = [o.first_name ?? o.firstName, o.last_name ?? o.lastName].filter((x) => typeof x === 'string' && x).join(' ');
    if (person) return person;
    for (const k of TITLE_KEYS) {
      const x = o[k];
      if ((typeof x === 'string' && x.trim()) || typeof x === 'number') return String(x);
    }
    for (const x of Object.values(o)) {
      const inner = visit(x, depth + 1);
      if (inner) return inner;
    }
    return null;
  };
  return visit(data, 0);
}
