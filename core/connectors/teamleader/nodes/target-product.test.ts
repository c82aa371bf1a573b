import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, nodeTestEnv, sampleInto, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeEach(async () => {
  env = await nodeTestEnv();
});
afterEach(() => env.close());

const target = (config: Record<string, unknown> = {}) => ({ type: 'teamleader.target.product', config: { connection: env.connection, payload: 'product', ...config } });

describe('teamleader.target.product (golden)', () => {
  it('creates new products by code, with the tax rate of a percentage and the category of a name', async () => {
    const run = await env.run(
      sampleInto(target(), [
        { id: 'a1', product: { code: '2001', name: 'Espresso 1kg', description: 'Vers gebrand', selling_price: 19.95, tax_rate: '9%', category: 'koffie', stock: 12 } },
        { id: 'a2', product: { code: 2002, name: 'Sjaal', selling_price: { amount: 15, currency: 'EUR' }, tax_rate: 21, category: 'Kleding' } },
      ]),
    );
    expect(run.summary.status).toBe('succeeded');
    const products = env.sandbox.state().products;
    const espresso = products.find((p) => p.code === '2001');
    expect(espresso).toMatchObject({ name: 'Espresso 1kg', selling_price: { amount: 19.95, currency: 'EUR' }, tax_rate_id: ids.taxRate(9), product_category_id: ids.category('Koffie'), stock: { amount: 12 } });
    // Teamleader cannot make categories: the product is saved without one, and the record says so.
    expect(products.find((p) => p.code === '2002')).toMatchObject({ tax_rate_id: ids.taxRate(21), product_category_id: null });
    expect(run.records[1]).toMatchObject({ status: 'ok', action: 'create' });
    expect(run.records[1]?.lineage.at(-1)?.note).toBe('there is no product category "Kleding" in Teamleader, and Teamleader\'s API cannot make one; the product was saved without a category');
    expect(run.records[0]?.data).toMatchObject({ teamleaderProductId: espresso?.id });
  });

  it('updates the product with the same code, or leaves it alone when "update product information" is off', async () => {
    const off = await env.run(sampleInto(target({ updateProductInformation: false }), [{ id: 'a1', product: { code: '1000', name: 'Kopje (nieuw)', selling_price: 5 } }]));
    expect(off.records[0]).toMatchObject({ status: 'ok', action: 'unchanged', data: expect.objectContaining({ teamleaderProductId: ids.kopje }) });
    expect(env.sandbox.state().products.find((p) => p.id === ids.kopje)?.name).toBe('Kopje');

    const on = await env.run(sampleInto(target(), [{ id: 'a1', product: { code: '1000', name: 'Kopje (nieuw)', selling_price: 5 } }]));
    expect(on.records[0]).toMatchObject({ action: 'update', targetId: ids.kopje });
    expect(env.sandbox.state().products.find((p) => p.id === ids.kopje)).toMatchObject({ name: 'Kopje (nieuw)', selling_price: { amount: 5 }, product_category_id: ids.category('Servies') });
    expect(env.sandbox.state().products).toHaveLength(2);
  });

  it('fails a record with a VAT percentage the department does not have, naming it', async () => {
    const run = await env.run(sampleInto(target(), [{ id: 'a1', product: { code: '3001', name: 'Boek', tax_rate: 6 } }]));
    expect(run.records[0]).toMatchObject({ status: 'failed', message: 'there is no tax rate of 6% in the Teamleader department "Demowinkel BV" (it has 0%, 9%, 21%)' });
    expect(run.records[0]?.lineage.at(-1)?.field).toBe('product.tax_rate');
    expect(env.sandbox.state().products).toHaveLength(2);
  });
});
