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
