/**
 * Completing what Teamleader's answers only refer to, so the next system gets words and numbers
 * instead of ids: a relation `{ type, id }` keeps its fields and gains the ones a flow needs.
 *
 * - `tax: { type, id }` gains `rate` (0.21), `percentage` (21) and `description`;
 * - a product gains `code` (the SKU) and `name`; a product category gains `name`;
 * - a customer `{ type, id }` becomes the contact or company itself with `type`, `name`, `email`;
 * - a deal is read whole (its title carries the origin marker of a deal Sincro made);
 * - every quotation, listed once per run (Teamleader lists them only whole: no filter by deal or
 *   change date), for the quotations source and the invoices source alike.
 * Each is read once per run and id. The products of document lines are read with products.list by
 * their ids, up to 100 a request (`preloadLines` does it for a whole batch of documents at once),
 * as the list has their code and name; `product` reads one product's prices, which only
 * products.info has.
 */
import type { NodeRunContext } from '../../../nodes/define-node';
import { joinPersonName } from '../../shared/person-name';
import { byIds, cached } from '../../shared/run-cache';
import { collect } from '../paging';
import type { Relation } from '../schemas-common';
import type { TeamleaderCompany, TeamleaderContact, TeamleaderDeal, TeamleaderProduct, TeamleaderQuotationListItem } from '../schemas-responses';
import { callOptions, teamleaderClientFor } from './client-for';
import { referenceData } from './reference-data';

export interface CustomerDetails {
  type: 'company' | 'contact';
  id: string;
  name: string;
  email: string | null;
  [field: string]: unknown;
}

export interface Details {
  product(id: string): Promise<TeamleaderProduct & { tax: TaxRateDetails | null; product_category: (Relation & { name: string | null }) | null }>;
  customer(ref: { type: string; id: string }): Promise<CustomerDetails>;
  contact(id: string): Promise<TeamleaderContact>;
  deal(id: string): Promise<TeamleaderDeal>;
  quotations(): Promise<TeamleaderQuotationListItem[]>;
  /** A `tax` relation with its rate, or null. */
  taxRate(ref: Relation | null | undefined): Promise<TaxRateDetails | null>;
  /** Document lines with their products' codes and their tax rates. */
  lines<G extends LineGroup>(groups: G[]): Promise<G[]>;
  /** Reads the products of these lines (of a batch of documents) in as few requests as the ids allow. */
  preloadLines(groups: LineGroup[]): Promise<void>;
}

type LineGroup = { line_items: Array<{ product?: Relation | null; tax?: Relation | null }> };
type ProductRef = { code: string | null; name: string | null };
/** Teamleader reads up to 100 a page; `filter.ids` asks for exactly these. */
export const IDS_PER_REQUEST = 100;

export type TaxRateDetails = Relation & { rate: number | null; percentage: number | null; description: string | null };

const primaryEmail = (emails: { type: string; email: string | null }[]) => (emails.find((e) => e.type === 'primary') ?? emails[0])?.email ?? null;

export function details(ctx: NodeRunContext<unknown>, connectionId: string): Details {
  return ctx.memo(`teamleader:${connectionId}:details`, () => {
    const client = () => teamleaderClientFor(ctx, connectionId);
    const reference = referenceData(ctx, connectionId);
    const products = new Map<string, Promise<Awaited<ReturnType<Details['product']>>>>();
    const contacts = new Map<string, Promise<TeamleaderContact>>();
    const companies = new Map<string, Promise<TeamleaderCompany>>();
    const deals = new Map<string, Promise<TeamleaderDeal>>();

    const taxRate = async (ref: Relation | null | undefined): Promise<TaxRateDetails | null> => {
      if (!ref) return null;
      const rate = (await reference.taxRates()).find((t) => t.id === ref.id);
      return { ...ref, rate: rate?.rate ?? null, percentage: rate ? Math.round(rate.rate * 10000) / 100 : null, description: rate?.description ?? null };
    };

    const product: Details['product'] = (id) =>
      cached(products, id, async () => {
        const info = await (await client()).products.info(id, {}, callOptions(ctx));
        const category = info.product_category ? (await reference.categories()).find((c) => c.id === info.product_category?.id) : undefined;
        return {
          ...info,
          tax: await taxRate(info.tax),
          product_category: info.product_category ? { ...info.product_category, name: category?.name ?? null } : null,
        };
      });

    const contact = (id: string) => cached(contacts, id, async () => (await client()).contacts.info(id, callOptions(ctx)));
    const deal = (id: string) => cached(deals, id, async () => (await client()).deals.info(id, callOptions(ctx)));
    const listed = new Map<'all', Promise<TeamleaderQuotationListItem[]>>();
    const quotations = () => cached(listed, 'all', async () => collect((await client()).quotations.list({}, callOptions(ctx))));

    const customer: Details['customer'] = async (ref) => {
      if (ref.type === 'company') {
        const c = await cached(companies, ref.id, async () => (await client()).companies.info(ref.id, {}, callOptions(ctx)));
        return { ...c, type: 'company', id: c.id, name: c.name, email: primaryEmail(c.emails) };
      }
      const c = await contact(ref.id);
      return { ...c, type: 'contact', id: c.id, name: joinPersonName(c.first_name, c.last_name), email: primaryEmail(c.emails) };
    };

    /** Code and name of products by id, read with products.list's filter.ids; a product Teamleader no longer has is null. */
    const productRefs = byIds<ProductRef>(async (ids) => (await collect((await client()).products.list({ filter: { ids } }, callOptions(ctx)))).map((p) => ({ id: p.id, code: p.code ?? null, name: p.name ?? null })), IDS_PER_REQUEST);
    const productIds = (groups: LineGroup[]) => groups.flatMap((g) => g.line_items.flatMap((l) => (l.product ? [l.product.id] : [])));

    const lines: Details['lines'] = async (groups) => {
      await productRefs.preload(productIds(groups));
      return Promise.all(
        groups.map(async (g) => ({
          ...g,
          line_items: await Promise.all(
            g.line_items.map(async (l) => {
              const p = l.product ? await productRefs.get(l.product.id) : undefined;
              return {
                ...l,
                ...(l.product ? { product: { ...l.product, code: p?.code ?? null, name: p?.name ?? null } } : {}),
                ...(l.tax ? { tax: await taxRate(l.tax) } : {}),
              };
            }),
          ),
        })),
      );
    };

    return { product, customer, contact, deal, quotations, taxRate, lines, preloadLines: (groups) => productRefs.preload(productIds(groups)) };
  });
}
