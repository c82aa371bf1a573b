import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION, sample, startNodeHarness, type NodeHarness } from '../testing/node-harness';

let h: NodeHarness;
beforeAll(async () => (h = await startNodeHarness()));
afterAll(() => h.close());

const target = (config: Record<string, unknown> = {}) => ({ id: 'product', type: 'mplus.target.product', config: { connection: CONNECTION, payload: 'mplus', ...config } });
const article = (articleNumber: number) => h.sandbox.state().products.flatMap((p) => (p.articleList ?? []).map((a) => ({ ...a, groupNumbers: p.groupNumbers }))).find((a) => a.articleNumber === articleNumber);

describe('mplus.target.product (golden)', () => {
  it('creates a new article, updates an existing one by SKU, and fails a SKU that is not digits only', async () => {
    const existing = h.sandbox.state().products[0]?.articleList?.[0];
    const group = h.sandbox.state().articleGroups[1]?.groupNumber;
    const run = await h.run([
      sample([
        { id: 'tl-p1', mplus: { articleNumber: '880001', description: 'Theepot 0,8 l', priceExcl: 2495, vatCode: 2, barcode: '8712345678906', product: { groupNumbers: [group] } } },
        { id: 'tl-p2', mplus: { articleNumber: String(existing?.articleNumber), description: existing?.description, priceExcl: 999 } },
        { id: 'tl-p3', mplus: { articleNumber: 'TEA-POT-8', description: 'Theepot' } },
      ]),
      target(),
    ]);
    expect(run.records.map((r) => [r.key, r.status, r.action])).toEqual([['tl-p1', 'ok', 'create'], ['tl-p2', 'ok', 'update'], ['tl-p3', 'failed', null]]);
    expect(run.records[2]?.message).toBe('SKU TEA-POT-8 is not a number; MplusKASSA article numbers are digits only');
    expect(article(880001)).toMatchObject({ description: 'Theepot 0,8 l', priceExcl: 2495, priceIncl: 3019, barcode: '8712345678906', groupNumbers: [group] });
    expect(article(existing?.articleNumber ?? 0)).toMatchObject({ priceExcl: 999, description: existing?.description });
    expect(run.records[0]?.data).toMatchObject({ mplusArticleNumber: 880001 });
  });

  it('takes prices computed from euros as the whole cents they mean, and refuses a fraction of a cent, never rounding it', async () => {
    const run = await h.run([
      sample([
        { id: 'float', mplus: { articleNumber: '880101', description: 'Schroef', priceExcl: 19.99 * 100 } },
        { id: 'mills', mplus: { articleNumber: '880102', description: 'Moer', priceExcl: 0.125 * 100 } },
        { id: 'purchase', mplus: { articleNumber: '880103', description: 'Bout', priceExcl: 50, purchasePrice: 4.5 } },
      ]),
      target(),
    ]);
    expect(19.99 * 100).not.toBe(1999);
    expect(run.records.map((r) => [r.key, r.status, r.message ?? null])).toEqual([
      ['float', 'ok', null],
      ['mills', 'failed', 'the price €0.125 has a fraction of a cent; MplusKASSA holds prices in whole cents, so it would change: give the product a price in whole cents'],
      ['purchase', 'failed', 'the price €0.045 has a fraction of a cent; MplusKASSA holds prices in whole cents, so it would change: give the product a price in whole cents'],
    ]);
    expect(article(880101)).toMatchObject({ priceExcl: 1999 });
    expect(article(880102)).toBeUndefined();
    expect(article(880103)).toBeUndefined();
  });

  it('sends an unchanged excl. price with the till price as it stands, so MplusKASSA does not recompute it; a changed one alone', async () => {
    const create = await h.run([sample([{ id: 'cake', mplus: { articleNumber: '880201', description: 'Taart', priceIncl: 1000, vatCode: 2 } }]), target()]);
    expect(create.records[0]?.action).toBe('create');
    expect(article(880201)).toMatchObject({ priceIncl: 1000, priceExcl: 826 });
    await h.run([sample([{ id: 'cake', mplus: { articleNumber: '880201', description: 'Taart (heel)', priceExcl: 826 } }]), target()]);
    expect(article(880201)).toMatchObject({ description: 'Taart (heel)', priceIncl: 1000, priceExcl: 826 });
    await h.run([sample([{ id: 'cake', mplus: { articleNumber: '880201', description: 'Taart (heel)', priceExcl: 900 } }]), target()]);
    expect(article(880201)).toMatchObject({ priceIncl: 1089, priceExcl: 900 });
  });

  it('with "update product information" off, only creates: existing articles keep their fields', async () => {
    const existing = h.sandbox.state().products[1]?.articleList?.[0];
    const store = h.freshStore();
    try {
      const run = await h.run(
        [sample([{ id: 'a', mplus: { articleNumber: existing?.articleNumber, description: 'Overwritten?' } }, { id: 'b', mplus: { articleNumber: 880002, description: 'Nieuw' } }]), target({ updateProductInformation: false })],
        { store },
      );
      expect(run.records.map((r) => [r.key, r.action])).toEqual([['a', 'unchanged'], ['b', 'create']]);
      expect(article(existing?.articleNumber ?? 0)?.description).toBe(existing?.description);
      expect(article(880002)?.description).toBe('Nieuw');
    } finally {
      store.dispose();
    }
  });
});
