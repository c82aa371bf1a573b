/**
 * The Teamleader sources after a partial run: the cursor moves on, and the next run reads the failed
 * records again by id, and nothing else, at the cost of one request per failed record (or per list
 * of ids) beside the changes. One sandbox for the five sources, which records every request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../api/flow-document';
import { flow } from '../../../testing/golden';
import type { TeamleaderClient } from '../client';
import { clientFor } from '../test-support';
import { ids, nodeTestEnv, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
let client: TeamleaderClient;
beforeAll(async () => {
  env = await nodeTestEnv({ recordRequests: true });
  ({ client } = await clientFor(env.sandbox));
  // Two of everything, so two records can fail.
  await client.companies.add({ name: 'Koffiebar Noord', emails: [{ type: 'primary', email: 'noord@koffiebar.example.com' }] });
  const dealId = await client.deals.create({ lead: { customer: { type: 'company', id: ids.bakery }, contact_person_id: ids.bram }, title: 'Servies voor het terras' });
  for (const quantity of [12, 24]) {
    await client.quotations.create({
      deal_id: dealId,
      grouped_lines: [{ line_items: [{ quantity, description: 'Kopje', unit_price: { amount: 4, tax: 'excluding' }, tax_rate_id: ids.taxRate(21), product_id: ids.kopje }] }],
    });
  }
});
afterAll(() => env.close());

let flows = 0;

/** The source, then a filter whose rejects are failed: the records the condition rejects fail. */
function failingUnless(type: string, config: Record<string, unknown>, condition: string, flowId = `reread-${++flows}`): FlowDocument {
  return flow({
    id: flowId,
    nodes: [
      { id: 'src', type, config: { connection: env.connection, ...config } },
      { id: 'check', type: 'core.transform.filter', config: { condition } },
      { id: 'no', type: 'core.transform.fail', config: { reason: 'not this time' } },
    ],
    edges: [
      { from: { node: 'src', port: 'out' }, to: { node: 'check', port: 'in' } },
      { from: { node: 'check', port: 'reject' }, to: { node: 'no', port: 'in' } },
    ],
  });
}

/** The endpoints the sandbox was asked for while `run` ran. */
async function requestsOf<T>(run: () => Promise<T>): Promise<{ result: T; endpoints: string[] }> {
  const before = env.sandbox.requestLog().length;
  const result = await run();
  return { result, endpoints: env.sandbox.requestLog().slice(before).map((r) => r.endpoint) };
}

const countOf = (endpoints: string[], wanted: string[]) => Object.fromEntries(wanted.map((e) => [e, endpoints.filter((x) => x === e).length]));

interface RereadCase {
  type: string;
  config?: Record<string, unknown>;
  /** The list of changes. */
  list: string;
  /** How a failed record is read by id: `.info` once per id, or the list once with all ids. */
  byId: { endpoint: string; perId: boolean };
  /** Another list a run with nothing to read asks too (the companies: the people changed). */
  also?: string;
}

const cases: RereadCase[] = [
  { type: 'teamleader.source.invoices', config: { includeDrafts: true }, list: 'invoices.list', byId: { endpoint: 'invoices.info', perId: true } },
  { type: 'teamleader.source.quotations', list: 'quotations.list', byId: { endpoint: 'quotations.info', perId: true } },
  { type: 'teamleader.source.contacts', config: { details: true }, list: 'contacts.list', byId: { endpoint: 'contacts.list', perId: false } },
  { type: 'teamleader.source.companies', list: 'companies.list', byId: { endpoint: 'companies.list', perId: false }, also: 'contacts.list' },
  { type: 'teamleader.source.products', list: 'products.list', byId: { endpoint: 'products.info', perId: true } },
];

describe('the Teamleader sources read the records that failed last time again, by id', () => {
  it.each(cases)('$type: after a partial run the cursor moves on and the next run reads just the failed records, by id', async (c) => {
    const all = (await env.run(failingUnless(c.type, c.config ?? {}, 'true'), { dryRun: true })).records;
    const failed = [all[0], all.at(-1)].filter((r) => r !== undefined);
    const keys = failed.map((r) => r.key).sort();
    expect(new Set(keys).size).toBe(2);
    const failing = failingUnless(c.type, c.config ?? {}, `$not(id in ${JSON.stringify(keys)})`);

    const first = await env.run(failing);
    expect(first.summary).toMatchObject({ status: 'partial', read: all.length, failed: 2 });
    expect(env.store.cursors.get(failing.id, 'src', 'updatedSince')).toMatch(/^\d{4}-/);
    // Every record has its human key beside its id (labelOf); a draft invoice has no number yet.
    expect(first.records.filter((r) => !r.label && (r.data as { status?: string }).status !== 'draft')).toEqual([]);

    // A retry of that run reads the failed records by id and nothing else, and moves no cursor.
    const cursors = () => ['updatedSince', 'updatedSinceIds', 'failedKeys'].map((name) => env.store.cursors.get(failing.id, 'src', name));
    const before = cursors();
    const retried = await requestsOf(() => env.retry(first.summary.runId, failing));
    expect(retried.result.records.map((r) => [r.key, r.status]).sort()).toEqual(keys.map((k) => [k, 'failed']));
    // No page of changes: the list only when it is how the failed records are read by id.
    const retriedById = c.byId.perId ? keys.length : 1;
    expect(countOf(retried.endpoints, [c.list, c.byId.endpoint])).toEqual(c.list === c.byId.endpoint ? { [c.list]: retriedById } : { [c.list]: 0, [c.byId.endpoint]: retriedById });
    expect(cursors()).toEqual(before);

    const second = await requestsOf(() => env.run(failing));
    expect(second.result.records.map((r) => [r.key, r.status]).sort()).toEqual(keys.map((k) => [k, 'failed']));
    // The same record as a normal read gives, details and all.
    for (const r of second.result.records) expect(r.data).toEqual(all.find((a) => a.key === r.key)?.data);
    // One (empty) page of changes, and the failed ones by id.
    const byId = c.byId.perId ? keys.length : 1;
    expect(countOf(second.endpoints, [c.list, c.byId.endpoint])).toEqual(c.list === c.byId.endpoint ? { [c.list]: 1 + byId } : { [c.list]: 1, [c.byId.endpoint]: byId });

    const succeeding = { ...failing, nodes: failing.nodes.map((n) => (n.id === 'check' ? { ...n, config: { condition: 'true' } } : n)) };
    expect((await env.run(succeeding)).records.map((r) => [r.key, r.status]).sort()).toEqual(keys.map((k) => [k, 'ok']));
    const after = await requestsOf(() => env.run(succeeding));
    expect(after.result.records).toEqual([]);
    expect(after.endpoints).toEqual(c.also ? [c.list, c.also] : [c.list]);
  });

  it('a failed record that changed since comes once; one deleted since is left out with a warning; a dry run reads the same', async () => {
    const changed = await client.products.add({ name: 'Melkkan', code: '2001' });
    const deleted = await client.products.add({ name: 'Suikerpot', code: '2002' });
    const failing = failingUnless('teamleader.source.products', {}, `$not(id in ${JSON.stringify([changed, deleted])})`);
    expect((await env.run(failing)).summary.status).toBe('partial');

    const state = env.sandbox.state();
    env.sandbox.reset({ ...env.sandbox.snapshot(), products: state.products.filter((p) => p.id !== deleted) });
    await client.products.update({ id: changed, name: 'Melkkan groot' });
    const succeeding = failingUnless('teamleader.source.products', {}, 'true', failing.id);
    const dry = await env.run(succeeding, { dryRun: true });
    const next = await requestsOf(() => env.run(succeeding));
    for (const run of [dry, next.result]) {
      expect(run.records.map((r) => [r.key, (r.data as { name?: string }).name])).toEqual([[changed, 'Melkkan groot']]);
      expect(run.events.flatMap((e) => (e.type === 'log' && e.level === 'warn' ? [e.message] : []))).toEqual([expect.stringContaining(`product ${deleted} failed last time`)]);
    }
    expect(countOf(next.endpoints, ['products.list', 'products.info'])).toEqual({ 'products.list': 1, 'products.info': 2 });
  });
});
