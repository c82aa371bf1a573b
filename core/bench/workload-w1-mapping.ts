/**
 * W1-mapping: the realistic mapping of the shared benchmark kit (w1-mapping-reference.ts). Orders
 * from an NDJSON file → the 17 datamapper fields of w1-mapping-fields.json → the country as an ISO
 * code (value map) → the contact looked up by email among 10,000 (found: its CRM id, segment and
 * owner; missing: "new", "unassigned") → NDJSON file. The baseline is the kit's plain Node loop
 * with the same NDJSON input and output, in the same process, keeping no history.
 * Every record the engine writes is checked against the kit's reference transform.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FlowDocument } from '../api/flow-document';
import type { RunSummary } from '../api/run-model';
import { createRegistry } from '../catalog';
import type { RunRecorder } from '../engine/services';
import { runFlow } from '../engine/run-flow';
import { checkFlow } from '../flow/validate-flow';
import type { HistoryLevel } from '../store/lineage-compact';
import { Store } from '../store/store';
import { genCustomers, lookupContact, orders, transformOrder, W1_CUSTOMERS, W1_SEED, type Contact, type Order } from './w1-mapping-reference';

export const W1_MAPPING_FIELDS = JSON.parse(readFileSync(new URL('./w1-mapping-fields.json', import.meta.url), 'utf8')) as Array<{ target: string; expr: string }>;

const ORDERS = 'w1m-orders.ndjson';
const CONTACTS = 'w1m-contacts.ndjson';

async function writeNdjson(file: string, rows: Iterable<unknown>): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (const row of rows) {
    chunk += `${JSON.stringify(row)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}

/** The input files: `records` orders and the 10,000 contacts. */
export async function writeW1MappingData(dir: string, records: number): Promise<void> {
  await writeNdjson(join(dir, CONTACTS), genCustomers(W1_CUSTOMERS));
  await writeNdjson(join(dir, ORDERS), orders(records, W1_SEED));
}

const node = (id: string, type: string, x: number, config: Record<string, unknown>) => ({ id, type, typeVersion: 1, position: { x, y: 0 }, config });

export function w1MappingFlow(dir: string, outFile: string): FlowDocument {
  const dealFields = W1_MAPPING_FIELDS.map((f) => ({ target: f.target, expr: f.target }));
  return {
    schemaVersion: 1,
    id: 'bench-w1-mapping',
    name: 'Benchmark W1-mapping',
    settings: {},
    nodes: [
      node('orders', 'file.source.read', 0, { path: join(dir, ORDERS), format: 'ndjson', keyField: 'id' }),
      node('deal', 'core.transform.map', 200, { fields: W1_MAPPING_FIELDS }),
      node('country', 'core.transform.valueMap', 400, {
        field: 'countryCode',
        table: [{ from: 'Germany', to: 'DE' }, { from: 'Austria', to: 'AT' }, { from: 'Switzerland', to: 'CH' }],
        caseSensitive: true,
        whenMissing: 'keep',
      }),
      node('contact', 'core.lookup.table', 600, { key: 'contactEmail', keyColumn: 'email', as: 'contact', table: { from: 'file', path: join(dir, CONTACTS), format: 'ndjson' } }),
      node('known', 'core.transform.map', 800, {
        fields: [...dealFields, { target: 'crmContactId', expr: 'contact.crmId' }, { target: 'segment', expr: 'contact.segment' }, { target: 'owner', expr: 'contact.owner' }, { target: 'isNewContact', expr: 'false' }],
      }),
      node('new', 'core.transform.map', 800, {
        keepOtherFields: true,
        fields: [{ target: 'crmContactId', expr: 'null' }, { target: 'segment', expr: '"new"' }, { target: 'owner', expr: '"unassigned"' }, { target: 'isNewContact', expr: 'true' }],
      }),
      node('out', 'file.target.write', 1000, { path: outFile, format: 'ndjson' }),
    ],
    edges: [
      { from: { node: 'orders', port: 'out' }, to: { node: 'deal', port: 'in' } },
      { from: { node: 'deal', port: 'out' }, to: { node: 'country', port: 'in' } },
      { from: { node: 'country', port: 'out' }, to: { node: 'contact', port: 'in' } },
      { from: { node: 'contact', port: 'found' }, to: { node: 'known', port: 'in' } },
      { from: { node: 'contact', port: 'missing' }, to: { node: 'new', port: 'in' } },
      { from: { node: 'known', port: 'out' }, to: { node: 'out', port: 'in' } },
      { from: { node: 'new', port: 'out' }, to: { node: 'out', port: 'in' } },
    ],
  };
}

/**
 * The flow cut short, to see what each part costs (`sincro bench --workload W1-mapping --stages`):
 * the orders read and written as they are, then with the datamapper, then with the value map too;
 * the whole flow is the last stage.
 */
export const W1_MAPPING_STAGES = ['read and write', '+ datamapper', '+ value map', 'whole flow'] as const;
export type W1MappingStage = (typeof W1_MAPPING_STAGES)[number];

function w1MappingStageFlow(doc: FlowDocument, stage: W1MappingStage): FlowDocument {
  const chain = { 'read and write': ['orders', 'out'], '+ datamapper': ['orders', 'deal', 'out'], '+ value map': ['orders', 'deal', 'country', 'out'] }[stage as Exclude<W1MappingStage, 'whole flow'>];
  if (!chain) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => chain.includes(n.id)),
    edges: chain.slice(1).map((to, i) => ({ from: { node: chain[i] as string, port: 'out' }, to: { node: to, port: 'in' } })),
  };
}

/**
 * The flow through the engine. With `history: false` the records' lineage is built as always but
 * not written to the store: what the engine itself costs, without the history.
 */
export async function runW1MappingEngine(dir: string, dataDir: string, outFile: string, opts: { history: boolean; historyLevel?: HistoryLevel; stage?: W1MappingStage }): Promise<RunSummary> {
  const store = Store.open({ dataDir });
  try {
    const doc = { ...w1MappingStageFlow(w1MappingFlow(dir, outFile), opts.stage ?? 'whole flow'), ...(opts.historyLevel ? { historyLevel: opts.historyLevel } : {}) };
    const checked = await checkFlow(doc, createRegistry(), { baseDir: dir, connection: () => undefined });
    if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join('\n'));
    const services = store.runServices();
    const recorder: RunRecorder = opts.history ? services.recorder : { start: (r) => services.recorder.start(r), record: () => {}, finish: (id, s) => services.recorder.finish(id, s) };
    return await runFlow({ flow: checked.flow, services: { ...services, recorder }, baseDir: dir, trigger: 'bench', });
  } finally {
    store.close();
  }
}

async function readContacts(dir: string): Promise<Map<string, Contact>> {
  const byEmail = new Map<string, Contact>();
  for await (const line of createInterface({ input: createReadStream(join(dir, CONTACTS), 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    const c = JSON.parse(line) as Contact;
    byEmail.set(c.email, c);
  }
  return byEmail;
}

/** The kit's plain Node loop: same input file, same output, no history. Returns the number of records. */
export async function runW1MappingBaseline(dir: string, outFile: string): Promise<number> {
  const byEmail = await readContacts(dir);
  const out = await open(outFile, 'w');
  let chunk = '';
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, ORDERS), 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    chunk += `${JSON.stringify(lookupContact(transformOrder(JSON.parse(line) as Order), byEmail))}\n`;
    n++;
    if (chunk.length > 1 << 16) {
      await out.write(chunk);
      chunk = '';
    }
  }
  await out.write(chunk);
  await out.close();
  return n;
}

/**
 * Checks an output file against the reference transform, record by record: every order must be
 * there exactly once and byte-identical to the reference. Records that took different branches
 * (found / missing) may arrive out of order, so the expected ones are generated ahead as far as
 * needed and held until they are seen; memory stays bounded by how far the order drifts.
 * Throws on the first difference, naming the record and the field.
 */
export async function checkW1MappingOutput(dir: string, outFile: string, records: number): Promise<void> {
  const byEmail = await readContacts(dir);
  const expected = orders(records, W1_SEED);
  const pending = new Map<string, string>();
  let lineNo = 0;
  for await (const line of createInterface({ input: createReadStream(outFile, 'utf8'), crlfDelay: Infinity })) {
    lineNo++;
    let id: unknown;
    try {
      id = (JSON.parse(line) as { externalId?: unknown }).externalId;
    } catch {
      throw new Error(`W1-mapping output ${outFile}, line ${lineNo}, is not JSON: ${line.slice(0, 200)}`);
    }
    while (typeof id === 'string' && !pending.has(id)) {
      const next = expected.next();
      if (next.done) break;
      pending.set(next.value.id, JSON.stringify(lookupContact(transformOrder(next.value), byEmail)));
    }
    const want = typeof id === 'string' ? pending.get(id) : undefined;
    if (want === undefined) throw new Error(`W1-mapping output ${outFile}, line ${lineNo}: record ${JSON.stringify(id)} is not one of the ${records} orders, or was written twice`);
    if (line !== want) throw new Error(`W1-mapping output differs from the reference transform at record ${id} (line ${lineNo}): ${describeDifference(line, want)}`);
    pending.delete(id as string);
  }
  let missing = pending.size;
  for (let next = expected.next(); !next.done; next = expected.next()) missing++;
  if (lineNo !== records || missing) throw new Error(`W1-mapping output ${outFile} has ${lineNo} records, expected ${records}; ${missing} orders are missing`);
}

function describeDifference(got: string, want: string): string {
  const g = JSON.parse(got) as Record<string, unknown>;
  const w = JSON.parse(want) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(w), ...Object.keys(g)])) {
    const gv = JSON.stringify(g[key]);
    const wv = JSON.stringify(w[key]);
    if (gv !== wv) return `field "${key}" is ${gv ?? 'missing'}, the reference has ${wv ?? 'nothing'}`;
  }
  return `the fields are in another order:\n  got       ${got}\n  reference ${want}`;
}
