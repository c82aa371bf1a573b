import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../test-support';
import { ids, nodeTestEnv, sourceOnly, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

describe('teamleader.source.products (golden)', () => {
  it('reads products with prices, VAT percentage and category name, then only the changed ones', async () => {
    const doc = sourceOnly('teamleader.source.products', { connection: env.connection });
    const first = await env.run(doc, { batchSize: 1 });
    expect(first.records.map((r) => r.key).sort()).toEqual([ids.kopje, ids.theepot].sort());
    expect(first.records.find((r) => r.key === ids.kopje)?.data).toMatchObject({
      id: ids.kopje,
      code: '1000',
      name: 'Kopje',
      selling_price: { amount: 4.5, currency: 'EUR' },
      tax: { type: 'taxRate', id: ids.taxRate(21), rate: 0.21, percentage: 21, description: '21%' },
      product_category: { id: ids.category('Servies'), name: 'Servies' },
    });

    const { client } = await clientFor(env.sandbox);
    const added = await client.products.add({ name: 'Melkkan', code: '1003', selling_price: { amount: 9, currency: 'EUR' } });
    const second = await env.run(doc);
    expect(second.records.map((r) => r.key)).toEqual([added]);
    expect(second.records[0]?.data).toMatchObject({ code: '1003', tax: null, product_category: null });
  });

  it('starts from now when asked, reading nothing on the first run', async () => {
    const run = await env.run(sourceOnly('teamleader.source.products', { connection: env.connection, firstRun: 'from-now' }));
    expect(run.records).toEqual([]);
  });
});
