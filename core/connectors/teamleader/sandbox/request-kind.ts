/**
 * What kind of request an API call is, for `GET /__sandbox/stats` and `sincro demo`: Teamleader
 * allows 200 requests a minute, so a sync's time is its number of requests, and what matters is
 * which of them it could have done without.
 *
 * - write: a call that changes something (`add`, `update`, `draft`, `book`, `create`,
 *   `linkToCompany`, …: every action but `list`, `info` and `me`).
 * - page: one page of a bulk read: a `list` call that reads a collection, whole or by change date,
 *   status or department, or by several ids (`filter.ids` with two or more).
 * - lookup: a `list` call that searches one record by a key: a filter on `email`, `term`,
 *   `purchase_order_number`, `invoice_number`, `payment_reference`, `vat_number`,
 *   `national_identification_number`, or `filter.ids` with one id. A bulk read makes these
 *   unnecessary.
 * - detail: a read of one known record: `info` and `users.me`, and the list of one record's
 *   relations (`filter.company_id`: the people of one company; `customer`, `deal_id`, `project_id`,
 *   `subscription_id`). What it reads no list gives (a product's prices, an invoice's lines, every
 *   address of a contact, who a company's contact people are).
 */
export type RequestKind = 'write' | 'page' | 'lookup' | 'detail';

export const REQUEST_KINDS: readonly RequestKind[] = ['write', 'page', 'lookup', 'detail'];

const SEARCH_FILTERS = ['email', 'term', 'purchase_order_number', 'invoice_number', 'payment_reference', 'vat_number', 'national_identification_number'];
const RELATION_FILTERS = ['company_id', 'customer', 'deal_id', 'project_id', 'subscription_id'];

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

export function requestKind(endpoint: string, body: unknown): RequestKind {
  const action = endpoint.slice(endpoint.lastIndexOf('.') + 1);
  if (action === 'info' || action === 'me') return 'detail';
  if (action !== 'list') return 'write';
  const raw = typeof body === 'object' && body !== null ? (body as { filter?: unknown }).filter : undefined;
  const filter = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (SEARCH_FILTERS.some((k) => given(filter[k]))) return 'lookup';
  const ids = filter['ids'];
  if (Array.isArray(ids) && ids.length === 1) return 'lookup';
  if (RELATION_FILTERS.some((k) => given(filter[k]))) return 'detail';
  return 'page';
}
