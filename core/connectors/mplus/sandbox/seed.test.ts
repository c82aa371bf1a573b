/**
 * The seed format and the demo seed derived from the demo shop.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemoShop, demoId } from '../../demo-shop';
import { demoMplusOrderId, demoMplusSeed, demoRelationNumber } from './demo-seed';
import { storeFromSeed } from './load-seed';
import { MplusSeedError, parseMplusSeed } from './seed';

const shop = buildDemoShop();
const seed = parseMplusSeed(demoMplusSeed(shop));

describe('demoMplusSeed', () => {
  it('has a relation for every customer in MplusKASSA, plus the customer of the order synced from Teamleader', () => {
    const synced = shop.orders.find((o) => o.origin === 'teamleader' && o.alreadySynced);
    const expected = shop.customers.filter((c) => c.inMplus || c.key === synced?.customerKey).map((c) => demoRelationNumber(c.key));
    expect(seed.relations.map((r) => r.relationNumber)).toEqual(expected);
    expect(seed.relations.find((r) => r.relationNumber === demoRelationNumber('c04'))).toMatchObject({ companyName: 'Brasserie Maes', vatNumber: 'FR100314187B01' });
    expect(seed.relations.find((r) => r.relationNumber === demoRelationNumber('c04'))?.contact).toBeUndefined();
  });

  it('keeps the customer whose address changed at the old address (MplusKASSA is behind)', () => {
    const moved = shop.customers.find((c) => c.edge === 'address-changed');
    const relation = seed.relations.find((r) => r.relationNumber === demoRelationNumber(moved?.key ?? ''));
    expect(relation?.address).toBe(`${moved?.address.street} ${moved?.address.houseNumber}`);
  });

  it('has numeric articles for the MplusKASSA products only (no non-numeric SKU, no Teamleader-only product)', () => {
    const articles = seed.products.flatMap((p) => p.articles);
    expect(articles.map((a) => a.articleNumber)).toEqual(shop.products.filter((p) => p.inMplus).map((p) => Number(p.sku)));
    expect(articles.every((a) => Number.isInteger(a.articleNumber))).toBe(true);
    expect(articles.some((a) => String(a.articleNumber) === shop.products.find((p) => p.edge === 'only-in-mplus')?.sku)).toBe(true);
  });

  it('has VAT 21/9/0, employee 999999, payment and delivery methods, turnover groups per country', () => {
    expect(seed.vatGroups.map((v) => v.vatPercentage).sort()).toEqual([0, 21, 9]);
    expect(seed.employees.map((e) => e.employeeNumber)).toContain(999999);
    expect(seed.paymentMethods).toHaveLength(5);
    expect(seed.deliveryMethods).toHaveLength(3);
    expect(seed.turnoverGroups.map((t) => t.turnoverGroupName)).toEqual(['Omzet NL', 'Omzet BE', 'Omzet DE', 'Omzet FR', 'Omzet LU']);
  });

  it('has the MplusKASSA orders with demo ids and the synced Teamleader order linked by extOrderId', () => {
    const tillOrders = shop.orders.filter((o) => o.origin === 'mplus');
    expect(seed.orders.slice(0, tillOrders.length).map((o) => o.orderId)).toEqual(tillOrders.map((o) => demoId('mplus.order', o.key).replaceAll('-', '')));
    const synced = shop.orders.filter((o) => o.origin === 'teamleader' && o.alreadySynced);
    expect(seed.orders.slice(tillOrders.length).map((o) => [o.orderId, o.extOrderId])).toEqual(synced.map((o) => [demoMplusOrderId(o.key), demoId('teamleader.invoice', o.key)]));
  });

  it('loads into a store with totals for every order', () => {
    const store = storeFromSeed(seed, () => new Date('2026-11-29T10:00:00Z'));
    expect(store.orders.size).toBe(seed.orders.length);
    expect([...store.orders.values()].every((o) => (o.totalInclAmount ?? 0) >= (o.totalExclAmount ?? 0) && (o.totalExclAmount ?? 0) > 0)).toBe(true);
    expect(store.markers).toMatchObject({ order: seed.orders.length, relation: seed.relations.length, article: 98 });
  });
});

describe('parseMplusSeed', () => {
  it('accepts the example in SEED.md', () => {
    const doc = readFileSync(new URL('./SEED.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const parsed = parseMplusSeed(JSON.parse(example));
    const store = storeFromSeed(parsed, () => new Date());
    expect([...store.orders.values()][0]).toMatchObject({ totalExclAmount: 3990, totalInclAmount: 4349, fullyPaid: true });
  });

  it('names the path of every problem', () => {
    const bad = {
      vatGroups: [{ vatCode: 1, vatPercentage: 9 }],
      relations: [{ relationNumber: 1 }],
      products: [{ productNumber: 1, description: 'x', groupNumbers: [7], articles: [{ articleNumber: 1, description: 'x', vatCode: 5 }] }],
      orders: [{ relationNumber: 2, financialDate: '2026-01-01', lines: [{ articleNumber: 9, quantity: 1 }] }],
    };
    let error: unknown;
    try {
      parseMplusSeed(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MplusSeedError);
    expect((error as MplusSeedError).problems).toEqual([
      'mplus.products[0].groupNumbers[0]: article group 7 does not exist',
      'mplus.products[0].articles[0].vatCode: VAT code 5 is not in vatGroups',
      'mplus.orders[0].relationNumber: relation 2 does not exist',
      'mplus.orders[0].lines[0].articleNumber: article 9 does not exist',
    ]);
    expect(() => parseMplusSeed({ vatGroups: [{ vatCode: 'one', vatPercentage: 9 }] })).toThrow(/mplus\.vatGroups\[0\]\.vatCode: /);
    expect(() => parseMplusSeed({ vatGroups: [] }, 'seed.mplus')).toThrow(/seed\.mplus\.vatGroups: /);
    expect(() => parseMplusSeed({ vatGroups: [{ vatCode: 1, vatPercentage: 9 }], colour: 'red' })).toThrow(/mplus: Unrecognized key: "colour"/);
  });
});
