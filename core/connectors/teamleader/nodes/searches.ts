/**
 * Finding records in Teamleader by their natural keys (email, product code, purchase order number),
 * once per run and key: the lookups and the targets of one run share these caches, and a target
 * that creates a record tells the cache, so a later record of the same run finds it.
 */
import type { NodeRunContext } from '../../../nodes/define-node';
import { findFirst } from '../../shared/origin-marker';
import { collect } from '../paging';
import { cached } from '../../shared/run-cache';
import type { TeamleaderCompanyListItem, TeamleaderContactListItem, TeamleaderInvoiceListItem, TeamleaderProductListItem } from '../schemas-responses';
import { callOptions, teamleaderClientFor } from './client-for';

/** Emails are compared without surrounding spaces and capitals. */
export const normaliseEmail = (email: unknown) => String(email ?? '').trim().toLowerCase();

const primaryEmail = (emails: { type: string; email: string | null }[]) =>
  (emails.find((e) => e.type === 'primary') ?? emails[0])?.email ?? null;

export interface FoundCustomer {
  type: 'company' | 'contact';
  id: string;
  name: string;
  email: string | null;
  [field: string]: unknown;
}

export function companyAsCustomer(c: TeamleaderCompanyListItem): FoundCustomer {
  return { ...c, type: 'company', id: c.id, name: c.name, email: primaryEmail(c.emails) };
}

export function contactAsCustomer(c: TeamleaderContactListItem): FoundCustomer {
  return { ...c, type: 'contact', id: c.id, name: [c.first_name, c.last_name].filter(Boolean).join(' '), email: primaryEmail(c.emails) };
}

/** Teamleader's email filter is exact on the sandbox; the answer is checked again here in case it is looser. */
const sameEmail = (emails: { email: string | null }[], email: string) => emails.some((e) => normaliseEmail(e.email) === email);

export interface CustomerSearch {
  company(email: string): Promise<FoundCustomer | null>;
  contact(email: string): Promise<FoundCustomer | null>;
  remember(email: string, found: FoundCustomer): void;
}

export function customerSearch(ctx: NodeRunContext<unknown>, connectionId: string): CustomerSearch {
  return ctx.memo(`teamleader:${connectionId}:customer-search`, () => {
    const companies = new Map<string, Promise<FoundCustomer | null>>();
    const contacts = new Map<string, Promise<FoundCustomer | null>>();
    const client = () => teamleaderClientFor(ctx, connectionId);
    return {
      company: (email) =>
        cached(companies, normaliseEmail(email), async () => {
          const wanted = normaliseEmail(email);
          const teamleader = await client();
          const found = await teamleader.companies.findByEmail(wanted, callOptions(ctx));
          if (found && sameEmail(found.emails, wanted)) return companyAsCustomer(found);
          // An address stored as typed (" Anna@X.nl"): the free-text search finds it.
          const typed = (await collect(teamleader.companies.list({ filter: { term: wanted } }, callOptions(ctx)))).find((c) => sameEmail(c.emails, wanted));
          return typed ? companyAsCustomer(typed) : null;
        }),
      contact: (email) =>
        cached(contacts, normaliseEmail(email), async () => {
          const wanted = normaliseEmail(email);
          const teamleader = await client();
          const found = await teamleader.contacts.findByEmail(wanted, callOptions(ctx));
          if (found && sameEmail(found.emails, wanted)) return contactAsCustomer(found);
          const typed = (await collect(teamleader.contacts.list({ filter: { term: wanted } }, callOptions(ctx)))).find((c) => sameEmail(c.emails, wanted));
          return typed ? contactAsCustomer(typed) : null;
        }),
      remember: (email, found) => void (found.type === 'company' ? companies : contacts).set(normaliseEmail(email), Promise.resolve(found)),
    };
  });
}

export interface ProductSearch {
  byCode(code: string): Promise<TeamleaderProductListItem | null>;
  remember(code: string, product: TeamleaderProductListItem): void;
}

export function productSearch(ctx: NodeRunContext<unknown>, connectionId: string): ProductSearch {
  return ctx.memo(`teamleader:${connectionId}:product-search`, () => {
    const byCode = new Map<string, Promise<TeamleaderProductListItem | null>>();
    return {
      byCode: (code) => cached(byCode, code, async () => (await teamleaderClientFor(ctx, connectionId)).products.findByCode(code, callOptions(ctx))),
      remember: (code, product) => void byCode.set(code, Promise.resolve(product)),
    };
  });
}

export interface InvoiceSearch {
  byPurchaseOrderNumber(number: string): Promise<TeamleaderInvoiceListItem | null>;
  /** The invoice of the first of these numbers Teamleader has (the origin marker, then an older form). */
  byFirstPurchaseOrderNumber(numbers: string[]): Promise<TeamleaderInvoiceListItem | null>;
  /** After a write: the next look asks Teamleader again. */
  forget(number: string): void;
}

export function invoiceSearch(ctx: NodeRunContext<unknown>, connectionId: string): InvoiceSearch {
  return ctx.memo(`teamleader:${connectionId}:invoice-search`, () => {
    const byNumber = new Map<string, Promise<TeamleaderInvoiceListItem | null>>();
    const byPurchaseOrderNumber = (number: string) =>
      cached(byNumber, number, async () => (await teamleaderClientFor(ctx, connectionId)).invoices.findByPurchaseOrderNumber(number, callOptions(ctx)));
    return {
      byPurchaseOrderNumber,
      byFirstPurchaseOrderNumber: async (numbers) => (await findFirst(numbers, byPurchaseOrderNumber)) ?? null,
      forget: (number) => void byNumber.delete(number),
    };
  });
}
