import { describe, expect, it } from 'vitest';
import { dueDate, structuredReference } from './totals';

describe('sandbox document rules', () => {
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
