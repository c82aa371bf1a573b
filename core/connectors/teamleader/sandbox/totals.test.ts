import { describe, expect, it } from 'vitest';
import { documentTotals, dueDate, lineTotals, structuredReference } from './totals';

describe('sandbox money rules', () => {
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

  it('due dates per payment term', () => {
    expect(dueDate('2026-01-20', { type: 'cash' })).toBe('2026-01-20');
    expect(dueDate('2026-01-20', { type: 'after_invoice_date', days: 14 })).toBe('2026-02-03');
    expect(dueDate('2026-01-20', { type: 'end_of_month', days: 30 })).toBe('2026-02-28');
  });

  it('structured payment references carry a mod-97 check', () => {
    const ref = structuredReference(202600005);
    expect(ref).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    const digits = ref.replace(/\D/g, '');
    expect(Number(BigInt(digits.slice(0, 10)) % 97n) || 97).toBe(Number(digits.slice(10)));
  });
});
