import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, nodeTestEnv, sampleInto, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

const lookup = (config: Record<string, unknown> = {}) => ({ type: 'teamleader.lookup.product', config: { connection: env.connection, ...config } });

describe('teamleader.lookup.product (golden)', () => {
  it('finds a product by its exact code, with its details', async () => {
    const run = await env.run(sampleInto(lookup(), [{ id: 'a1', sku: 'TEA-POT-8' }, { id: 'a2', sku: 'TEA' }, { id: 'a3', sku: 1000 }]));
    expect(run.records.map((r) => r.port)).toEqual(['found', 'missing', 'found']);
    expect(run.records[0]?.data).toMatchObject({ teamleaderProduct: { id: ids.theepot, code: 'TEA-POT-8', name: 'Theepot', selling_price: { amount: 24 }, tax: { id: ids.taxRate(21), percentage: 21 } } });
    expect(run.records[2]?.data).toMatchObject({ teamleaderProduct: { id: ids.kopje, product_category: { id: ids.category('Servies'), name: 'Servies' } } });
    expect(run.records[1]?.lineage.at(-1)?.note).toBe('no product with code TEA in Teamleader');
  });

  it('checks every product of an order: found only when all are there', async () => {
    const run = await env.run(
      sampleInto(lookup({ key: 'lines.sku', as: 'products' }), [
        { id: 'o1', lines: [{ sku: '1000' }, { sku: 'TEA-POT-8' }] },
        { id: 'o2', lines: [{ sku: '1000' }, { sku: '9999' }, { sku: '8888' }] },
      ]),
    );
    expect(run.records.map((r) => r.port)).toEqual(['found', 'missing']);
    expect((run.records[0]?.data as { products: Array<{ id: string }> }).products.map((p) => p.id)).toEqual([ids.kopje, ids.theepot]);
    expect(run.records[1]?.lineage.at(-1)?.note).toBe('no product with code 9999, 8888 in Teamleader');
  });
});
