/**
 * Finding records in Teamleader by their natural keys (email, product code, purchase order number),
 * shared by the lookups and the targets of one run, per connection. A run that needs a few keys
 * asks Teamleader once per key; a run that needs many reads the collection once, in pages of 100,
 * and answers every key from it (../../shared/collection-index.ts). A target that creates a record
 * tells the search, so a later record of the same run finds it; writes go through the search so a
 * bulk read never pages past a record that moves.
 */
import type { NodeRunContext } from '../../../nodes/define-node';
import { CollectionIndex } from '../../shared/collection-index';
import { joinPersonName } from '../../shared/person-name';
import { findFirst } from '../../shared/origin-marker';
import { cached } from '../../shared/run-cache';
import { collect } from '../paging';
import type { TeamleaderCompanyListItem, TeamleaderContactListItem, TeamleaderDealListItem, TeamleaderInvoiceListItem, TeamleaderProductListItem } from '../schemas-responses';
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
  return { ...c, type: 'contact', id: c.id, name: joinPersonName(c.first_name, c.last_name), email: primaryEmail(c.emails) };
}

type Party = { emails: { email: string | null }[] };

/** Teamleader's email filter is exact on the sandbox; the answer is checked again here in case it is looser. */
const sameEmail = (emails: { email: string | null }[], email: string) => emails.some((e) => normaliseEmail(e.email) === email);
const emailKeys = (p: Party) => p.emails.map((e) => normaliseEmail(e.email)).filter(Boolean);
/** What the email filter answers first: an address stored exactly so (only capitals differ); else one stored as typed (" Anna@X.nl"). */
const exactFirst = <P extends Party>(email: string, found: P[]) => found.find((p) => p.emails.some((e) => e.email?.toLowerCase() === email)) ?? found[0];

export interface CustomerSearch {
  company(email: string): Promise<FoundCustomer | null>;
  contact(email: string): Promise<FoundCustomer | null>;
  remember(email: string, found: FoundCustomer): void;
  /** The emails records coming soon look up (a run with many reads companies and contacts in bulk). */
  expect(emails: Iterable<string>): void;
  /** Writes to Teamleader's contacts / companies (never while they are read in bulk). */
  writeContact<R>(send: () => Promise<R>): Promise<R>;
  writeCompany<R>(send: () => Promise<R>): Promise<R>;
  /** The contacts with these ids, when this run reads contacts in bulk and has them all; else undefined. */
  contactsById(ids: string[]): Promise<TeamleaderContactListItem[] | undefined>;
}

export function customerSearch(ctx: NodeRunContext<unknown>, connectionId: string): CustomerSearch {
  return ctx.memo(`teamleader:${connectionId}:customer-search`, () => {
    const client = () => teamleaderClientFor(ctx, connectionId);
    const companies = new CollectionIndex<TeamleaderCompanyListItem>({
      readAll: async () => collect((await client()).companies.list({}, callOptions(ctx))),
      keysOf: emailKeys,
      choose: exactFirst,
      lookUp: async (wanted) => {
        const teamleader = await client();
        const found = await teamleader.companies.findByEmail(wanted, callOptions(ctx));
        if (found && sameEmail(found.emails, wanted)) return [found];
        // An address stored as typed (" Anna@X.nl"): the free-text search finds it.
        return (await collect(teamleader.companies.list({ filter: { term: wanted } }, callOptions(ctx)))).filter((c) => sameEmail(c.emails, wanted));
      },
    });
    const contacts = new CollectionIndex<TeamleaderContactListItem>({
      readAll: async () => collect((await client()).contacts.list({}, callOptions(ctx))),
      keysOf: emailKeys,
      choose: exactFirst,
      lookUp: async (wanted) => {
        const teamleader = await client();
        const found = await teamleader.contacts.findByEmail(wanted, callOptions(ctx));
        if (found && sameEmail(found.emails, wanted)) return [found];
        return (await collect(teamleader.contacts.list({ filter: { term: wanted } }, callOptions(ctx)))).filter((c) => sameEmail(c.emails, wanted));
      },
    });
    const made = new Map<string, FoundCustomer>();
    return {
      company: async (email) => {
        const wanted = normaliseEmail(email);
        const mine = made.get(`company:${wanted}`);
        if (mine) return mine;
        const found = await companies.find(wanted);
        return found ? companyAsCustomer(found) : null;
      },
      contact: async (email) => {
        const wanted = normaliseEmail(email);
        const mine = made.get(`contact:${wanted}`);
        if (mine) return mine;
        const found = await contacts.find(wanted);
        return found ? contactAsCustomer(found) : null;
      },
      remember: (email, found) => void made.set(`${found.type}:${normaliseEmail(email)}`, found),
      expect: (emails) => {
        const keys = [...emails].map(normaliseEmail);
        companies.expect(keys);
        contacts.expect(keys);
      },
      writeContact: (send) => contacts.write(send),
      writeCompany: (send) => companies.write(send),
      contactsById: async (ids) => {
        if (!contacts.readsInBulk) return undefined;
        const all = new Map((await contacts.records()).map((c) => [c.id, c]));
        const found = ids.map((id) => all.get(id)).filter((c) => c !== undefined);
        // One made or linked in this run is not among those read: ask Teamleader then.
        return found.length === ids.length ? found : undefined;
      },
    };
  });
}

export interface ProductSearch {
  byCode(code: string): Promise<TeamleaderProductListItem | null>;
  remember(code: string, product: TeamleaderProductListItem): void;
  /** The codes records coming soon look up (a run with many reads the products in bulk). */
  expect(codes: Iterable<string>): void;
  /** A write to Teamleader's products (never while they are read in bulk). */
  write<R>(send: () => Promise<R>): Promise<R>;
}

export function productSearch(ctx: NodeRunContext<unknown>, connectionId: string): ProductSearch {
  return ctx.memo(`teamleader:${connectionId}:product-search`, () => {
    const client = () => teamleaderClientFor(ctx, connectionId);
    // Codes are compared exactly: "000123" is not "123".
    const products = new CollectionIndex<TeamleaderProductListItem>({
      readAll: async () => collect((await client()).products.list({}, callOptions(ctx))),
      keysOf: (p) => (p.code ? [p.code] : []),
      lookUp: async (code) => {
        const found = await (await client()).products.findByCode(code, callOptions(ctx));
        return found ? [found] : [];
      },
    });
    return {
      byCode: (code) => products.find(code),
      remember: (code, product) => products.remember(code, product),
      expect: (codes) => products.expect(codes),
      write: (send) => products.write(send),
    };
  });
}

export interface InvoiceSearch {
  byPurchaseOrderNumber(number: string): Promise<TeamleaderInvoiceListItem | null>;
  /** The invoice of the first of these numbers Teamleader has (the origin marker, then an older form). */
  byFirstPurchaseOrderNumber(numbers: string[]): Promise<TeamleaderInvoiceListItem | null>;
  /** After a write: the next look asks Teamleader again. */
  forget(number: string): void;
  /** The purchase order numbers records coming soon look for (a run with many reads the invoices in bulk). */
  expect(numbers: Iterable<string>): void;
  /** A write to Teamleader's invoices (never while they are read in bulk). */
  write<R>(send: () => Promise<R>): Promise<R>;
}

export function invoiceSearch(ctx: NodeRunContext<unknown>, connectionId: string): InvoiceSearch {
  return ctx.memo(`teamleader:${connectionId}:invoice-search`, () => {
    const client = () => teamleaderClientFor(ctx, connectionId);
    // Compared exactly, as Teamleader's purchase_order_number filter does.
    const invoices = new CollectionIndex<TeamleaderInvoiceListItem>({
      readAll: async () => collect((await client()).invoices.list({}, callOptions(ctx))),
      keysOf: (i) => (i.purchase_order_number ? [i.purchase_order_number] : []),
      lookUp: async (number) => {
        const found = await (await client()).invoices.findByPurchaseOrderNumber(number, callOptions(ctx));
        return found ? [found] : [];
      },
    });
    return {
      byPurchaseOrderNumber: (number) => invoices.find(number),
      byFirstPurchaseOrderNumber: async (numbers) => (await findFirst(numbers, (n) => invoices.find(n))) ?? null,
      forget: (number) => invoices.forget(number),
      expect: (numbers) => invoices.expect(numbers),
      write: (send) => invoices.write(send),
    };
  });
}

export interface DealSearch {
  /** The customer's deals whose title ends with this marker ("[MplusKASSA order …]"), newest first. */
  byMarker(customer: { type: string; id: string }, marker: string): Promise<TeamleaderDealListItem[]>;
  /** The markers records coming soon look for, with their customers (a run with many reads the deals in bulk). */
  expect(keys: Iterable<{ customer: { type: string; id: string }; marker: string }>): void;
  write<R>(send: () => Promise<R>): Promise<R>;
}

/** The bracketed marker a deal's title ends with: "Order 1042 [MplusKASSA order 0a1b…]" → "[MplusKASSA order 0a1b…]". */
const titleMarker = (title: string | null | undefined) => /\[[^[\]]*\]$/.exec(title ?? '')?.[0];
const dealKey = (customer: { type: string; id: string }, marker: string) => `${customer.type}:${customer.id} ${marker}`;

export function dealSearch(ctx: NodeRunContext<unknown>, connectionId: string): DealSearch {
  return ctx.memo(`teamleader:${connectionId}:deal-search`, () => {
    const client = () => teamleaderClientFor(ctx, connectionId);
    /** One request per customer and id: the markers of one order (its origin marker, the bare id) share it. */
    const searched = new Map<string, Promise<TeamleaderDealListItem[]>>();
    const deals = new CollectionIndex<TeamleaderDealListItem>({
      readAll: async () => collect((await client()).deals.list({}, callOptions(ctx))),
      keysOf: (d) => {
        const marker = titleMarker(d.title);
        return marker ? [dealKey(d.lead.customer, marker)] : [];
      },
      lookUp: async (key) => {
        const m = /^(contact|company):(\S+) (\[.*\])$/.exec(key);
        if (!m?.[1] || !m[2] || !m[3]) return [];
        const customer = { type: m[1] as 'contact' | 'company', id: m[2] };
        const marker = m[3];
        // The id a marker ends with ("[MplusKASSA order <id>]", or an older Sincro's "[<id>]") finds it by text.
        const term = marker.slice(1, -1).split(' ').at(-1) ?? '';
        const found = await cached(searched, `${customer.type}:${customer.id} ${term}`, async () => collect((await client()).deals.list({ filter: { term, customer } }, callOptions(ctx))));
        return found.filter((d) => d.title?.endsWith(marker));
      },
    });
    return {
      byMarker: (customer, marker) => deals.findAll(dealKey(customer, marker)),
      expect: (keys) => deals.expect([...keys].map((k) => dealKey(k.customer, k.marker))),
      write: (send) => deals.write(send),
    };
  });
}
