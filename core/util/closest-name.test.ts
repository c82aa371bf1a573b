import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from './closest-name';

describe('closestName', () => {
  it('finds a typo, ignoring case and separators, and suggests nothing far off', () => {
    const known = ['employeeNumber', 'useDefaultDebtor', 'defaultDebtorNumber', 'sendInvoices'];
    expect(closestName('employeNumber', known)).toBe('employeeNumber');
    expect(closestName('employee_number', known)).toBe('employeeNumber');
    expect(closestName('SENDINVOICE', known)).toBe('sendInvoices');
    expect(closestName('colour', known)).toBeUndefined();
    expect(didYouMean('employeNumber', known)).toBe(' (did you mean "employeeNumber"?)');
    expect(didYouMean('xyz', known)).toBe('');
  });

  it('measures edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
