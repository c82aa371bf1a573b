/**
 * Totals drift by cents with quantity, the other way (issue 8.2): a Teamleader invoice, converted
 * line by line into MplusKASSA prices incl. VAT and fitted, comes to Teamleader's total to the cent
 * per VAT rate; for every quantity, price, rate, discount and number of lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentTotalsInCents } from '../teamleader/document-totals';
import { cents } from '../shared/money';
import { priceLine } from './document-pricing';
import { fitLines } from './document-fitting';
import type { MplusLineInput } from './schemas';

const rateOf = (id: string) => Number(id.slice(1)) / 100;

interface InvoiceLine {
  quantity: number;
  unit: number;
  discount: number;
  percentage: 0 | 9 | 21;
}

function convert(lines: InvoiceLine[]) {
  const items = lines.map((l) => ({ quantity: l.quantity, unit_price: { amount: l.unit }, tax_rate_id: `r${l.percentage}`, ...(l.discount ? { discount: { value: l.discount } } : {}) }));
  const t = documentTotalsInCents([{ line_items: items }], [], rateOf);
  const mplus: MplusLineInput[] = lines.map((l, i) => ({ articleNumber: 100 + i, data: { quantity: l.quantity, price: cents(l.unit * (1 + l.percentage / 100)), discountPercentage: l.discount || undefined, vatCode: l.percentage } }));
  const byPercentage = new Map(t.taxes.map((x) => [Math.round(x.rate * 100), x.taxable + x.tax]));
  return { mplus, total: t.excl + t.tax, byPercentage };
}

const percentageOf = (line: MplusLineInput) => line.data?.vatCode ?? 0;
const totalOf = (lines: MplusLineInput[], p?: number) =>
  lines.filter((l) => p === undefined || percentageOf(l) === p).reduce((s, l) => s + priceLine({ ...l.data, quantity: l.data?.quantity ?? 1, percentage: percentageOf(l) }, 'VAT-METHOD-INCLUSIVE').totalIncl, 0);

const invoiceLine = fc.record({
  quantity: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2500 }).map((k) => k / 1000), fc.integer({ min: 1, max: 400 }).map((k) => k / 4)),
  unit: fc.oneof(fc.integer({ min: 1, max: 200_000 }).map((c) => c / 100), fc.integer({ min: 1, max: 2_000_000 }).map((c) => c / 1000)),
  discount: fc.constantFrom(0, 0, 0, 5, 10, 12.5, 33),
  percentage: fc.constantFrom(0 as const, 9 as const, 21 as const),
});

describe('Totals drift by cents with quantity: MplusKASSA lines are fitted', () => {
  it('10 × 16.49 excl. 21 % is 199.53 in Teamleader; in MplusKASSA 9 × 19.95 and 1 × 19.98 make 199.53 too', () => {
    const { mplus, total, byPercentage } = convert([{ quantity: 10, unit: 16.49, discount: 0, percentage: 21 }]);
    expect(total).toBe(19953);
    expect(totalOf(mplus)).toBe(19950);
    const fitted = fitLines(mplus, 'VAT-METHOD-INCLUSIVE', percentageOf, { totalInclAmount: total, byPercentage });
    expect(fitted.lines.map((l) => [l.data?.quantity, l.data?.price])).toEqual([
      [9, 1995],
      [1, 1998],
    ]);
    expect(totalOf(fitted.lines)).toBe(19953);
    expect(fitted.note).toBe("to match the source's total of 199.53: line 1 split, one unit at 19.98 (+0.03)");
  });

  it('every invoice comes to Teamleader’s total to the cent, per VAT rate, with the same quantities and articles', () => {
    fc.assert(
      fc.property(fc.array(invoiceLine, { minLength: 1, maxLength: 12 }), (lines) => {
        const { mplus, total, byPercentage } = convert(lines);
        const fitted = fitLines(mplus, 'VAT-METHOD-INCLUSIVE', percentageOf, { totalInclAmount: total, byPercentage });
        expect(totalOf(fitted.lines)).toBe(total);
        for (const [p, incl] of byPercentage) expect(totalOf(fitted.lines, p)).toBe(incl);
        for (const article of new Set(mplus.map((l) => l.articleNumber))) {
          const q = (ls: MplusLineInput[]) => ls.filter((l) => l.articleNumber === article).reduce((s, l) => s + (l.data?.quantity ?? 0), 0);
          expect(q(fitted.lines)).toBeCloseTo(q(mplus), 9);
        }
      }),
      { seed: 8_02, numRuns: 2000, verbose: 1 },
    );
  });

  it('refuses a difference larger than rounding, naming both amounts', () => {
    const { mplus } = convert([{ quantity: 2, unit: 10, discount: 0, percentage: 21 }]);
    expect(() => fitLines(mplus, 'VAT-METHOD-INCLUSIVE', percentageOf, { totalInclAmount: 1500 })).toThrow(/the lines come to 24\.20 in MplusKASSA but the source's total is 15\.00/);
  });
});
