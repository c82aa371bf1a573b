/**
 * W1: orders from an NDJSON file → map fields → look the customer up by email in 10,000
 * customers → NDJSON file, with every record's history kept in the store as in a normal run.
 * The baseline is a hand-written loop doing the same work in the same process: same output file,
 * same run-record rows written to SQLite in batched transactions.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FlowDocument } from '../api/flow-document';
import type { RunSummary } from '../api/run-model';
import { createRegistry } from '../catalog';
import { executeFlow } from '../engine/execute-flow';
import { newRunId } from '../engine/run-flow';
import { capLineage } from '../store/runs';
import { Store } from '../store/store';

export function w1Flow(dir: string): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'bench-w1',
    name: 'Benchmark W1',
    settings: {},
    nodes: [
      { id: 'orders', type: 'file.source.read', typeVersion: 1, position: { x: 0, y: 0 }, config: { path: join(dir, 'orders.ndjson'), format: 'ndjson', keyField: 'id' } },
      {
        id: 'map',
        type: 'core.transform.map',
        typeVersion: 1,
        position: { x: 250, y: 0 },
        config: {
          fields: [
            { target: 'orderId', expr: 'id' },
            { target: 'email', expr: 'customer.email' },
            { target: 'name', expr: 'firstName & " " & lastName' },
            { target: 'city', expr: 'billing.city' },
            { target: 'country', expr: 'billing.country' },
            { target: 'currency', expr: 'currency' },
            { target: 'status', expr: 'status' },
            { target: 'total', expr: '$sum(lines.(quantity * price))' },
            { target: 'lineCount', expr: '$count(lines)' },
            { target: 'orderDate', expr: '$substring(createdAt, 0, 10)' },
          ],
        },
      },
      { id: 'customer', type: 'core.lookup.table', typeVersion: 1, position: { x: 500, y: 0 }, config: { key: 'email', keyColumn: 'email', as: 'customer', table: { from: 'file', path: join(dir, 'customers.ndjson'), format: 'ndjson' } } },
      { id: 'out', type: 'file.target.write', typeVersion: 1, position: { x: 750, y: 0 }, config: { path: join(dir, 'out-engine.ndjson'), format: 'ndjson' } },
    ],
    edges: [
      { from: { node: 'orders', port: 'out' }, to: { node: 'map', port: 'in' } },
      { from: { node: 'map', port: 'out' }, to: { node: 'customer', port: 'in' } },
      { from: { node: 'customer', port: 'found' }, to: { node: 'out', port: 'in' } },
      { from: { node: 'customer', port: 'missing' }, to: { node: 'out', port: 'in' } },
    ],
  };
}

export async function runW1Engine(dir: string, dataDir: string): Promise<RunSummary> {
  const store = Store.open({ dataDir });
  try {
    const result = await executeFlow(store, createRegistry(), w1Flow(dir), { trigger: 'bench' });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    return result.summary;
  } finally {
    store.close();
  }
}

interface Order {
  id: string;
  createdAt: string;
  status: string;
  currency: string;
  firstName: string;
  lastName: string;
  customer: { email: string };
  billing: { city: string; country: string };
  lines: Array<{ quantity: number; price: number }>;
}

/** The same work as the flow, written by hand. Returns the number of records. */
export async function runW1Baseline(dir: string, dataDir: string): Promise<number> {
  const store = Store.open({ dataDir });
  const db = store.db;
  const customers = new Map<string, unknown>();
  for await (const line of createInterface({ input: createReadStream(join(dir, 'customers.ndjson'), 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    const c = JSON.parse(line) as { email: string };
    customers.set(c.email.trim().toLowerCase(), c);
  }
  const runId = newRunId();
  db.prepare("INSERT INTO runs (id, flow_id, flow_version, flow_name, status, dry_run, trigger, started_at) VALUES (?, 'bench-w1-baseline', NULL, 'baseline', 'running', 0, 'bench', ?)").run(runId, new Date().toISOString());
  const insert = db.prepare('INSERT INTO run_records (run_id, seq, source_key, source_node, status, node, port, action, target_id, message, lineage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const flush = db.transaction((rows: unknown[][]) => {
    for (const r of rows) insert.run(r);
  });
  const out = await open(join(dir, 'out-baseline.ndjson'), 'w');
  let rows: unknown[][] = [];
  let chunk = '';
  let seq = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, 'orders.ndjson'), 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    const o = JSON.parse(line) as Order;
    let total = 0;
    for (const l of o.lines) total += l.quantity * l.price;
    const mapped: Record<string, unknown> = {
      orderId: o.id,
      email: o.customer.email,
      name: `${o.firstName} ${o.lastName}`,
      city: o.billing.city,
      country: o.billing.country,
      currency: o.currency,
      status: o.status,
      total,
      lineCount: o.lines.length,
      orderDate: o.createdAt.slice(0, 10),
    };
    const match = customers.get(o.customer.email.trim().toLowerCase());
    const trail: unknown[] = [{ node: 'orders', port: 'out', data: o }, { node: 'map', port: 'out', data: mapped }];
    let final = mapped;
    if (match) {
      final = { ...mapped, customer: match };
      trail.push({ node: 'customer', port: 'found', data: final });
    } else trail.push({ node: 'customer', port: 'missing', note: `no row with email = ${o.customer.email}` });
    trail.push({ node: 'out', port: 'out', action: 'create' });
    chunk += `${JSON.stringify(final)}\n`;
    rows.push([runId, seq++, o.id, 'orders', 'ok', 'out', 'out', 'create', null, null, capLineage(trail)]);
    if (rows.length >= 2000) {
      await out.write(chunk);
      flush(rows);
      rows = [];
      chunk = '';
    }
  }
  await out.write(chunk);
  flush(rows);
  await out.close();
  db.prepare("UPDATE runs SET status = 'succeeded', finished_at = ? WHERE id = ?").run(new Date().toISOString(), runId);
  store.close();
  return seq;
}
