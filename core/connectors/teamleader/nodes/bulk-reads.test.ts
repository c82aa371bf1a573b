/**
 * A run that needs many keys reads Teamleader's collections in bulk (pages of 100) instead of one
 * look-up per record (../../shared/collection-index.ts), and finds exactly what the look-ups find:
 * emails trimmed and in any capitals (also one stored as typed, with spaces), codes and purchase
 * order numbers exactly, records on a later page, records made earlier in the run, and records
 * another writer made before the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_FROM_KEYS } from '../../shared/collection-index';
import { parseTeamleaderSeed } from '../sandbox/seed-schema';
import type { RequestKind } from '../sandbox/request-kind';
import { demoId } from '../../demo-shop';
import { flow } from '../../../testing/golden';
import { ids, nodeTestEnv, sampleInto, smallSeed, type NodeTestEnv } from './test-support';

const small = smallSeed();
const id = (kind: string, key: string) => demoId(`teamleader.test.bulk.${kind}`, key);
/** 150 more contacts, so contacts take two pages; "Zz Page Two" sorts last, on the second. */
const crowd = Array.from({ length: 150 }, (_, i) => ({ id: id('contact', String(i)), first_name: 'Crowd', last_name: `Member ${String(i).padStart(3, '0')}`, emails: [{ type: 'primary' as const, email: `crowd${i}@example.com` }] }));
const seed = parseTeamleaderSeed({
  ...small,
  contacts: [
    ...small.contacts,
    ...crowd,
    { id: id('contact', 'typed'), first_name: 'Tim', last_name: 'Typed', emails: [{ type: 'primary', email: ' Typed@Example.COM ' }] },
    { id: id('contact', 'page-two'), first_name: 'Zz', last_name: 'Page Two', emails: [{ type: 'primary', email: 'page2@example.com' }] },
  ],
  products: [...small.products, { id: id('product', 'zeros'), name: 'Schoteltje', code: '000123', selling_price: { amount: 2, currency: 'EUR' }, tax_rate_id: ids.taxRate(21) }],
  invoices: [
    ...small.invoices,
    { ...small.invoices[0], id: id('invoice', 'marked'), purchase_order_number: 'MplusKASSA order 0123456789abcdef0123456789abcdef', status: 'draft', invoice_number: null },
  ],
});

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv({ seed });
});
afterAll(() => env.close());

/** The requests of each kind the sandbox answered while `run` ran. */
async function kindsDuring<T>(run: () => Promise<T>): Promise<{ result: T; kinds: Record<RequestKind, number> }> {
  const before = env.sandbox.stats().byKind;
  const result = await run();
  const after = env.sandbox.stats().byKind;
  return { result, kinds: { write: after.write - before.write, page: after.page - before.page, lookup: after.lookup - before.lookup, detail: after.detail - before.detail } };
}

const unknown = (n: number, what: string) => Array.from({ length: n }, (_, i) => `${what}-${i}`);
const lookupOf = (type: string, config: Record<string, unknown> = {}) => ({ type, config: { connection: env.connection, ...config } });

/** Each record alone in a run of its own: below the bulk threshold, so one look-up each. */
async function oneByOne(node: { type: string; config: Record<string, unknown> }, records: Array<{ id: string }>) {
  const out: Array<{ port: string | null | undefined; data: unknown }> = [];
  for (const r of records) {
    const run = await env.run(sampleInto(node, [r]));
    out.push({ port: run.records[0]?.port, data: run.records[0]?.data });
  }
  return out;
}

describe('bulk reads of Teamleader in a run with many keys', () => {
  it('customers by email: companies and contacts read once (two pages of contacts), the same answers as looked up one by one', async () => {
    const emails = [' INFO@bakkerij.example.com', 'anna@EXAMPLE.com', 'typed@example.com', 'page2@example.com', ...unknown(BULK_FROM_KEYS, 'nobody@example.com')];
    const records = emails.map((email, i) => ({ id: `r${i}`, email }));
    const node = lookupOf('teamleader.lookup.customer');
    const { result: run, kinds } = await kindsDuring(() => env.run(sampleInto(node, records)));
    expect(kinds).toEqual({ write: 0, page: 3, lookup: 0, detail: 0 });
    const bulk = run.records.map((r) => ({ port: r.port, data: r.data }));
    expect(bulk.slice(0, 4).map((r) => [r.port, (r.data as { teamleaderCustomer: { type: string; id: string } }).teamleaderCustomer])).toEqual([
      ['found', expect.objectContaining({ type: 'company', id: ids.bakery })],
      ['found', expect.objectContaining({ type: 'contact', id: ids.anna })],
      ['found', expect.objectContaining({ type: 'contact', id: id('contact', 'typed') })],
      ['found', expect.objectContaining({ type: 'contact', id: id('contact', 'page-two') })],
    ]);
    expect(bulk.slice(4).every((r) => r.port === 'missing')).toBe(true);
    const { result: single, kinds: singleKinds } = await kindsDuring(() => oneByOne(node, records));
    expect(single).toEqual(bulk);
    expect(singleKinds.page).toBe(0);
    expect(singleKinds.lookup).toBeGreaterThanOrEqual(records.length);
  });

  it('invoices by purchase order number, exactly: one page, the same answers as looked up one by one', async () => {
    const numbers = [ids.syncedOrder, 'MplusKASSA order 0123456789abcdef0123456789abcdef', 'mpluskassa order 0123456789abcdef0123456789abcdef', ...unknown(BULK_FROM_KEYS, 'order')];
    const records = numbers.map((orderId, i) => ({ id: `r${i}`, orderId }));
    const node = lookupOf('teamleader.lookup.invoice', { key: 'orderId' });
    const { result: run, kinds } = await kindsDuring(() => env.run(sampleInto(node, records)));
    expect(kinds).toEqual({ write: 0, page: 1, lookup: 0, detail: 0 });
    const bulk = run.records.map((r) => ({ port: r.port, data: r.data }));
    expect(bulk.map((r) => r.port)).toEqual(['found', 'found', ...Array(numbers.length - 2).fill('missing')]);
    expect(await oneByOne(node, records)).toEqual(bulk);
  });

  it('products by code, exactly ("000123" is not "123"): one page, the same answers as looked up one by one', async () => {
    const codes = ['000123', '123', '1000', 'TEA-POT-8', 'tea-pot-8', ...unknown(BULK_FROM_KEYS, 'SKU')];
    const records = codes.map((sku, i) => ({ id: `r${i}`, sku }));
    const node = lookupOf('teamleader.lookup.product');
    const { result: run, kinds } = await kindsDuring(() => env.run(sampleInto(node, records)));
    // The three found products' prices are details: only products.info has them.
    expect(kinds).toEqual({ write: 0, page: 1 + 2, lookup: 0, detail: 3 });
    const bulk = run.records.map((r) => ({ port: r.port, data: r.data }));
    expect(bulk.map((r) => r.port)).toEqual(['found', 'missing', 'found', 'found', ...Array(codes.length - 4).fill('missing')]);
    expect((bulk[0]?.data as { teamleaderProduct: { id: string } }).teamleaderProduct.id).toBe(id('product', 'zeros'));
    expect(await oneByOne(node, records)).toEqual(bulk);
  });

  it('a customer made earlier in the run is found by a later node of the run, without asking Teamleader again', async () => {
    const customers = Array.from({ length: BULK_FROM_KEYS }, (_, i) => ({ id: `n${i}`, customer: { email: `New${i}@Example.com `, first_name: 'New', last_name: `Customer ${i}` } }));
    const doc = flow({
      nodes: [
        { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: customers } },
        { id: 'write', type: 'teamleader.target.customer', config: { connection: env.connection, payload: 'customer', attachAs: 'made' } },
        { id: 'find', type: 'teamleader.lookup.customer', config: { connection: env.connection, key: 'customer.email', as: 'found' } },
      ],
      edges: [
        { from: { node: 'src', port: 'out' }, to: { node: 'write', port: 'in' } },
        { from: { node: 'write', port: 'out' }, to: { node: 'find', port: 'in' } },
      ],
    });
    const { result: run, kinds } = await kindsDuring(() => env.run(doc));
    expect(run.summary.nodes['write']).toMatchObject({ created: BULK_FROM_KEYS });
    expect(kinds).toEqual({ write: BULK_FROM_KEYS, page: 3, lookup: 0, detail: 0 });
    for (const r of run.records) {
      const data = r.data as { made: { type: string; id: string }; found: { type: string; id: string } };
      expect(r.port).toBe('found');
      expect(data.found).toMatchObject(data.made);
    }
  });

  it('a customer another writer made before the run is found: nothing is kept from one run to the next', async () => {
    const records = unknown(BULK_FROM_KEYS, 'later@example.com').map((email, i) => ({ id: `r${i}`, email }));
    const node = lookupOf('teamleader.lookup.customer');
    const first = await env.run(sampleInto(node, records));
    expect(first.records.every((r) => r.port === 'missing')).toBe(true);
    const state = env.sandbox.state();
    env.sandbox.reset({ ...state, contacts: [...state.contacts, { id: id('contact', 'later'), last_name: 'Later', emails: [{ type: 'primary', email: 'later@example.com-3' }] }] });
    const { result: second, kinds } = await kindsDuring(() => env.run(sampleInto(node, records)));
    expect(kinds.lookup).toBe(0);
    expect(second.records.map((r) => r.port)).toEqual(records.map((_, i) => (i === 3 ? 'found' : 'missing')));
  });
});
