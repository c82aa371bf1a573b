import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, nodeTestEnv, sampleInto, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeEach(async () => {
  env = await nodeTestEnv();
});
afterEach(() => env.close());

const order = (id: string, codes: string[]) => ({ id, lines: codes.map((code) => ({ quantity: 1, product: { code, name: `Article ${code}`, selling_price: 2.5, tax_rate: 21 } })) });
const target = (config: Record<string, unknown> = {}) => ({ type: 'teamleader.target.orderProducts', config: { connection: env.connection, ...config } });

describe('teamleader.target.orderProducts (golden)', () => {
  it('creates the products an order has that Teamleader lacks, once, and links every line', async () => {
    const run = await env.run(sampleInto(target(), [order('o1', ['1000', '5001']), order('o2', ['5001'])]));
    expect(run.summary.status).toBe('succeeded');
    const made = env.sandbox.state().products.filter((p) => p.code === '5001');
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ name: 'Article 5001', tax_rate_id: ids.taxRate(21) });
    expect(run.records[0]?.data).toMatchObject({ lines: [{ product_id: ids.kopje }, { product_id: made[0]?.id }] });
    expect(run.records[1]?.data).toMatchObject({ lines: [{ product_id: made[0]?.id }] });
    // Whichever order came first made the product; the other found it.
    expect(run.records.map((r) => r.action).sort()).toEqual(['create', 'unchanged']);
    expect(run.records.find((r) => r.action === 'create')?.lineage.at(-1)?.note).toBe('created the product 5001 in Teamleader');
    // An existing product is not changed by an order.
    expect(env.sandbox.state().products.find((p) => p.id === ids.kopje)?.name).toBe('Kopje');
  });

  it('fails the order naming the missing products when told not to create them', async () => {
    const run = await env.run(sampleInto(target({ whenMissing: 'fail' }), [order('o1', ['1000', '5001', '5002'])]));
    expect(run.records[0]).toMatchObject({ status: 'failed', message: 'the products 5001, 5002 are not in Teamleader; add them (the products flow does) or let this node create missing products' });
    expect(env.sandbox.state().products).toHaveLength(2);
  });
});
