import { describe, expect, it } from 'vitest';
import { requestKind } from './request-kind';

describe('requestKind: what a Teamleader request is, for the sandbox stats', () => {
  it.each([
    ['contacts.add', { last_name: 'Jansen' }, 'write'],
    ['invoices.draft', {}, 'write'],
    ['invoices.book', { id: 'x', on: '2026-01-01' }, 'write'],
    ['contacts.linkToCompany', {}, 'write'],
    ['deals.create', {}, 'write'],
    ['contacts.list', {}, 'page'],
    ['contacts.list', { filter: { updated_since: '2026-01-01T00:00:00+00:00' }, page: { size: 100, number: 3 } }, 'page'],
    ['invoices.list', { filter: { status: ['outstanding', 'matched'] } }, 'page'],
    ['products.list', { filter: { ids: ['a', 'b'] } }, 'page'],
    ['departments.list', undefined, 'page'],
    ['contacts.list', { filter: { email: { type: 'primary', email: 'anna@example.com' } } }, 'lookup'],
    ['companies.list', { filter: { term: 'anna@example.com' } }, 'lookup'],
    ['invoices.list', { filter: { purchase_order_number: 'MplusKASSA order 1' } }, 'lookup'],
    ['products.list', { filter: { term: '1000' } }, 'lookup'],
    ['products.list', { filter: { ids: ['a'] } }, 'lookup'],
    ['deals.list', { filter: { term: '1', customer: { type: 'contact', id: 'c' } } }, 'lookup'],
    ['contacts.list', { filter: { company_id: 'c' } }, 'detail'],
    ['products.info', { id: 'p' }, 'detail'],
    ['companies.info', { id: 'c', includes: 'related_contacts' }, 'detail'],
    ['users.me', {}, 'detail'],
  ] as const)('%s %j is a %s', (endpoint, body, kind) => {
    expect(requestKind(endpoint, body)).toBe(kind);
  });

  it('reads a body that is not an object as a list without filters', () => {
    expect(requestKind('contacts.list', 'garbage')).toBe('page');
    expect(requestKind('contacts.list', { filter: 'x' })).toBe('page');
  });
});
