import { describe, expect, it } from 'vitest';
import { recordTitle } from './fields';

describe('a record’s name', () => {
  it('is its reference and its customer, never a GUID', () => {
    expect(recordTitle({ orderId: 'c1c6271f08514c448b1acb5a7a4692e6', reference: 'WEB-20000', relationName: 'Koffiebar Laurent', relationNumber: 1007 })).toBe('WEB-20000 · Koffiebar Laurent');
    expect(recordTitle({ id: '5c8bba37-66ed-499e-bc84-490ab6b1dc17', invoice_number: '2026 / 1', invoicee: { name: 'Koffiebar Laurent' } })).toBe('2026 / 1 · Koffiebar Laurent');
    expect(recordTitle({ id: '7b6a5a99-e6af-4eaa-9d2a-ec53d000ef27', name: 'Atelier Dubois', emails: [] })).toBe('Atelier Dubois');
    expect(recordTitle({ id: 'cd9f8473-4e50-416a-9093-1d48c463ef3c', first_name: 'Anna', last_name: 'Maes' })).toBe('Anna Maes');
    expect(recordTitle({ articleNumber: 1001, description: 'T-shirt 2' })).toBe('1001 · T-shirt 2');
    expect(recordTitle({ orderNumber: 'WEB-1001', firstName: 'Anna', lastName: 'de Vries' })).toBe('WEB-1001 · Anna de Vries');
  });
});
