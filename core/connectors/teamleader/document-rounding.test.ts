/**
 * Totals drift by cents with quantity (issue 8.2): a till's document, converted line by line into
 * Teamleader's prices without VAT, plus the planned rounding lines, comes to the till's total to the
 * cent, with the same amount without VAT per rate; for every quantity, price, rate, discount and
 * number of lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceLine } from '../mplus/document-pricing';
import { euros } from '../shared/money';
import { documentTotalsInCents, type PricedLine } from './document-totals';
import { roundingLines } from './document-rounding';

const rateOf = (id: string) => Number(id.slice(1)) / 100;

interface TillLine {
  quantity: number;
  price: number;
  discount: number;
  percentage: 0 | 9 | 21;
}

/** The till's document in Teamleader's shape, as the orders template converts it, and its totals. */
function convert(lines: TillLine[], method: 'VAT-METHOD-INCLUSIVE' | 'VAT-METHOD-EXCLUSIVE') {
  const groups = new Map<number, { excl: number; vat: number }>();
  let total = 0;
  const items: PricedLine[] = lines.map((l) => {
    const priced = priceLine({ quantity: l.quantity, ...(method === 'VAT-METHOD-INCLUSIVE' ? { price: l.price } : { priceExcl: l.price }), discountPercentage: l.discount, percentage: l.percentage }, method);
    const g = groups.get(l.percentage) ?? { excl: 0, vat: 0 };
    groups.set(l.percentage, { excl: g.excl + priced.totalExcl, vat: g.vat + priced.vat });
    total += priced.totalIncl;
    return { quantity: l.quantity, unit_price: { amount: euros(priced.unitExcl) }, tax_rate_id: `r${l.percentage}`, ...(l.discount ? { discount: { value: l.discount } } : {}) };
  });
  const expected = { tax_inclusive: euros(total), taxes: [...groups].map(([p, g]) => ({ rate: p / 100, taxable: euros(g.excl), tax: euros(g.vat) })) };
  return { items, expected, total, groups };
}

function withRounding(items: PricedLine[], expected: Parameters<typeof roundingLines>[3]) {
  const extra = roundingLines([{ line_items: items }], [], rateOf, expected);
  const all = [...items, ...extra.map((r) => ({ quantity: 1, unit_price: { amount: euros(r.amountCents) }, tax_rate_id: `r${Math.round(r.rate * 100)}` }))];
  return { extra, totals: documentTotalsInCents([{ line_items: all }], [], rateOf) };
}

const tillLine = fc.record({
  quantity: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2500 }).map((k) => k / 1000), fc.integer({ min: 1, max: 400 }).map((k) => k / 4)),
  price: fc.integer({ min: 1, max: 250_000 }),
  discount: fc.constantFrom(0, 0, 0, 5, 10, 12.5, 33, 50),
  percentage: fc.constantFrom(0 as const, 9 as const, 21 as const),
});

describe('Totals drift by cents with quantity: Teamleader gets rounding lines', () => {
  it('10 × 19.95 incl. 21 % is 199.50 in Teamleader too: a −0.02 line at 21 %, VAT 34.62 as at the till', () => {
    const { items, expected, total } = convert([{ quantity: 10, price: 1995, discount: 0, percentage: 21 }], 'VAT-METHOD-INCLUSIVE');
    expect(total).toBe(19950);
    expect(documentTotalsInCents([{ line_items: items }], [], rateOf)).toMatchObject({ excl: 16490, tax: 3463 }); // 199.53 without rounding
    const { extra, totals } = withRounding(items, expected);
    expect(extra).toEqual([{ rate: 0.21, amountCents: -2 }]);
    expect(totals).toMatchObject({ excl: 16488, tax: 3462 });
  });

  it('every document comes to the till’s total to the cent, with the same amount without VAT per rate', () => {
    fc.assert(
      fc.property(fc.array(tillLine, { minLength: 1, maxLength: 12 }), fc.constantFrom('VAT-METHOD-INCLUSIVE' as const, 'VAT-METHOD-EXCLUSIVE' as const), (lines, method) => {
        const { items, expected, total, groups } = convert(lines, method);
        const { totals } = withRounding(items, expected);
        expect(totals.excl + totals.tax).toBe(total);
        for (const [p, g] of groups) {
          const t = totals.taxes.find((x) => Math.abs(x.rate - p / 100) < 1e-9);
          if (p === 0) expect(t?.taxable).toBeDefined();
          else {
            expect(t?.taxable).toBe(g.excl);
            // Teamleader computes VAT once per rate, the till per line: at most a cent per line apart.
            expect(Math.abs((t?.tax ?? 0) - g.vat)).toBeLessThanOrEqual(lines.length);
          }
        }
      }),
      { seed: 8_02, numRuns: 2000, verbose: 1 },
    );
  });

  it('takes a rate the source lists twice as one: a reverse-charged till order lists each VAT code at 0 %', () => {
    // 5.25 × 84.55 reverse-charged: MplusKASSA lists its 12 % code (443.89) and its 9 % code (a free line, 0.00), both at 0 % here.
    const items: PricedLine[] = [
      { quantity: 2.665, unit_price: { amount: 0 }, tax_rate_id: 'r0', discount: { value: 25 } },
      { quantity: 5.25, unit_price: { amount: 84.55 }, tax_rate_id: 'r0' },
    ];
    const { extra, totals } = withRounding(items, { tax_inclusive: 443.89, taxes: [{ rate: 0, taxable: 0, tax: 0 }, { rate: 0, taxable: 443.89, tax: 0 }] });
    expect(extra).toEqual([]);
    expect(totals).toMatchObject({ excl: 44389, tax: 0 });
  });

  it('refuses a difference larger than rounding, naming both amounts', () => {
    const { items } = convert([{ quantity: 2, price: 1000, discount: 0, percentage: 21 }], 'VAT-METHOD-INCLUSIVE');
    expect(() => roundingLines([{ line_items: items }], [], rateOf, { tax_inclusive: 15 })).toThrow(/the lines come to 19\.99 in Teamleader but the source's total is 15\.00: a difference of -4\.99 is more than rounding/);
  });
});
