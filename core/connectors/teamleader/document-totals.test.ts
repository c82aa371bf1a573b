import { describe, expect, it } from 'vitest';
import { documentTotals, lineTotals } from './document-totals';

describe('Teamleader money rules', () => {
  it('line discount first, then commercial discounts, taxes grouped by rate', () => {
    expect(lineTotals({ quantity: 3, unit_price: { amount: 123.3 }, tax_rate_id: 'a', discount: { value: 10 } }, 0.21)).toEqual({
      tax_exclusive_before_discount: 369.9,
      tax_exclusive: 332.91,
      tax_inclusive_before_discount: 447.58,
      tax_inclusive: 402.82,
    });
    const rates: Record<string, number> = { high: 0.21, low: 0.09 };
    const t = documentTotals(
      [{ line_items: [{ quantity: 2, unit_price: { amount: 10 }, tax_rate_id: 'high' }, { quantity: 1, unit_price: { amount: 5 }, tax_rate_id: 'low' }] }],
      [{ value: 10 }],
      (id) => rates[id] ?? 0,
    );
    expect(t.taxes).toEqual([
      { rate: 0.21, taxable: 18, tax: 3.78 },
      { rate: 0.09, taxable: 4.5, tax: 0.41 },
    ]);
    expect(t).toMatchObject({ tax_exclusive_before_discount: 25, tax_exclusive: 22.5, tax_inclusive: 26.69 });
  });

  it('rounds as the decimals are written, not as binary floats', () => {
    // 10 × 16.4875 = 164.875 → 164.88 (floats make it 164.87499999999997 → 164.87)
    expect(lineTotals({ quantity: 10, unit_price: { amount: 16.4875 }, tax_rate_id: 'x' }, 0.21).tax_exclusive).toBe(164.88);
    expect(lineTotals({ quantity: 1, unit_price: { amount: 1.005 }, tax_rate_id: 'x' }, 0).tax_exclusive).toBe(1.01);
  });
});
