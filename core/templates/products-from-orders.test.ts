/**
 * A product an MplusKASSA order makes in Teamleader (“A product Teamleader does not have”: create)
 * is the article as MplusKASSA has it, with its name and price, as the products flow would make
 * it. The line's price belongs to that sale only: a discount, or a price typed at the till. Made
 * the product's price, the products flow Teamleader → MplusKASSA carried it back and changed the
 * till's price. Found by the generated shops once a shop's product filter left a product to the
 * orders flow (invariants.test.ts, seed 777).
 */
import { describe, expect, it } from 'vitest';
import { anna, startShop } from './testing/small-shop';

const start = startShop();
/** Priced at the till incl. VAT; Teamleader does not have it yet. */
const cake = { key: 'cake', code: '301', name: 'Taart', priceExclCents: 1200, mplusPriceInclCents: 1395, vat: 9 as const, inMplus: true, inTeamleader: false };

describe('A product an order makes in Teamleader', () => {
  it('has the article’s name and price, not a line’s, and the products flow back changes nothing at the till', async () => {
    const e = await start({
      customers: [anna],
      products: [cake],
      mplusDocuments: [{ key: 'sale', type: 'order', customerKey: 'anna', vatMethod: 'VAT-METHOD-INCLUSIVE', lines: [{ productKey: 'cake', quantity: 2, priceCents: 999, discount: 10 }] }],
      teamleaderDocuments: [],
    });
    const articleNow = async () => (await e.mplus()).products.flatMap((p) => p.articleList).find((a) => a.articleNumber === 301);
    const before = await articleNow();

    const orders = await e.run('orders-mplus-to-teamleader');
    expect(orders.summary.failed, JSON.stringify(orders.failures)).toBe(0);
    const product = (await e.teamleader()).products.find((p) => p.code === '301');
    expect([product?.['name'], product?.['selling_price']]).toEqual([before?.['description'], { amount: Number(before?.['priceExcl']) / 100, currency: 'EUR' }]);

    const back = await e.run('products-teamleader-to-mplus');
    expect(back.summary.failed, JSON.stringify(back.failures)).toBe(0);
    const after = await articleNow();
    expect([after?.['description'], after?.['priceIncl'], after?.['priceExcl']], 'the article after the products flow back').toEqual([before?.['description'], 1395, before?.['priceExcl']]);
  }, 60_000);
});
