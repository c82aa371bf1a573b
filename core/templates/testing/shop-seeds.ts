/**
 * A shop described once, as both sandboxes' seeds: for the tests of the guarantees (accounting.test.ts)
 * and the generated shops of the invariant tests (shop-arbitraries.ts). Unlike the demo shop, every
 * amount, name, code and country is the test's to choose: prices incl. or excl. VAT, quantities with
 * decimals, discounts, emails spelled differently on each side, codes with leading zeros.
 *
 * Ids come from `demoId('test.<entity>', key)`; relation numbers are 1000 + the customer's index;
 * an MplusKASSA article number is its product code (so only products whose code is a plain number
 * can be in MplusKASSA).
 */
import { demoId } from '../../connectors/demo-shop';
import { parseMplusSeed, type MplusSeedInput } from '../../connectors/mplus/sandbox/seed';
import type { SandboxSeeds } from '../../connectors/sandbox-seed-file';
import { splitPersonName } from '../../connectors/shared/person-name';
import { parseTeamleaderSeed, type TeamleaderSeedInput } from '../../connectors/teamleader/sandbox/seed-schema';

/** Dutch (9, 21) and Belgian (6, 12, 21) rates, and none. */
export type VatPercentage = 0 | 6 | 9 | 12 | 21;
export const VAT_PERCENTAGES = [21, 12, 9, 6, 0] as const satisfies readonly VatPercentage[];

export interface CustomerSpec {
  key: string;
  kind: 'person' | 'company';
  /** A person's whole name, or the company's name. */
  name: string;
  /** As MplusKASSA has it. */
  email?: string;
  /** As Teamleader has it, when spelled differently (capitals, spaces). */
  teamleaderEmail?: string;
  country?: string;
  /** A company's people; the first is its contact person. */
  contacts?: Array<{ name: string; email?: string }>;
  inMplus: boolean;
  inTeamleader: boolean;
}

export interface ProductSpec {
  key: string;
  /** The SKU: Teamleader's code; the MplusKASSA article number when it is a plain number. */
  code: string;
  name: string;
  priceExclCents: number;
  /** A Teamleader-only price with a fraction of a cent (€0.125 as 125), which MplusKASSA cannot hold. */
  teamleaderPriceMills?: number;
  /** An MplusKASSA-only article priced at the till, incl. VAT (MplusKASSA computes its excl. price). */
  mplusPriceInclCents?: number;
  vat: VatPercentage;
  inMplus: boolean;
  inTeamleader: boolean;
}

/** The product's price in Teamleader, in euros without VAT. */
export const teamleaderPrice = (p: ProductSpec): number => (p.teamleaderPriceMills === undefined ? p.priceExclCents / 100 : p.teamleaderPriceMills / 1000);

export interface MplusDocumentSpec {
  key: string;
  type: 'order' | 'invoice';
  customerKey: string;
  /** SHIFTED: VAT reverse-charged (a business customer abroad), so none is charged. */
  vatMethod: 'VAT-METHOD-INCLUSIVE' | 'VAT-METHOD-EXCLUSIVE' | 'VAT-METHOD-SHIFTED';
  /** priceCents is incl. VAT with VAT-METHOD-INCLUSIVE, excl. otherwise. */
  lines: Array<{ productKey: string; quantity: number; priceCents: number; discount?: number }>;
  /** Invoices: made at the till from this order (its key). */
  fromOrder?: string;
  /** Credit invoices: made at the till to credit this invoice (its key), with its lines negated. */
  credits?: string;
}

export interface TeamleaderDocumentSpec {
  key: string;
  type: 'invoice' | 'quotation';
  customerKey: string;
  /** Invoices: draft, outstanding (booked) or matched (booked and paid). */
  status?: 'draft' | 'outstanding' | 'matched';
  /** Discounts on the whole document, in percent (Teamleader's commercial discounts). */
  discounts?: number[];
  /** unitPrice in euros without VAT. */
  lines: Array<{ productKey: string; quantity: number; unitPrice: number; discount?: number }>;
  /** Invoices: made from the deal of this quotation (its key). */
  dealOf?: string;
  /**
   * Booked invoices: credited in Teamleader, in full or its first line only, before the first sync
   * (in the seed) or after the first round (by the test, as a person would).
   */
  credited?: { lines: 'all' | 'first'; when: 'before' | 'after' };
}

export interface ShopSpec {
  customers: CustomerSpec[];
  products: ProductSpec[];
  mplusDocuments: MplusDocumentSpec[];
  teamleaderDocuments: TeamleaderDocumentSpec[];
}

export const testIds = {
  department: demoId('test.department', 'main'),
  taxRate: (p: VatPercentage) => demoId('test.taxRate', String(p)),
  contact: (key: string) => demoId('test.contact', key),
  company: (key: string) => demoId('test.company', key),
  product: (key: string) => demoId('test.product', key),
  document: (key: string) => demoId('test.document', key),
  deal: (key: string) => demoId('test.deal', key),
  mplusOrder: (key: string) => demoId('test.mplus.order', key).replaceAll('-', ''),
  mplusInvoice: (key: string) => demoId('test.mplus.invoice', key),
  creditNote: (key: string) => demoId('test.creditNote', key),
};

export const vatCodes: Record<VatPercentage, number> = { 9: 1, 21: 2, 0: 3, 6: 4, 12: 5 };
export const relationNumberOf = (spec: ShopSpec, customerKey: string) => 1000 + spec.customers.findIndex((c) => c.key === customerKey) + 1;
/** Codes MplusKASSA can hold as an article number. */
export const isArticleNumber = (code: string) => /^[1-9]\d{0,14}$/.test(code);

const DATE = '2026-11-20';

const teamleaderName = (name: string) => {
  const split = splitPersonName(name);
  return { ...(split?.firstName ? { first_name: split.firstName } : {}), last_name: split?.lastName ?? name };
};

export function mplusSeedOf(spec: ShopSpec): MplusSeedInput {
  const products = new Map(spec.products.map((p) => [p.key, p]));
  const documentOf = (d: MplusDocumentSpec) => ({
    relationNumber: relationNumberOf(spec, d.customerKey),
    employeeNumber: 999999,
    financialDate: DATE,
    reference: `Kassa ${d.key}`,
    vatMethod: d.vatMethod,
    lines: d.lines.map((l) => {
      const p = products.get(l.productKey);
      if (!p?.inMplus) throw new Error(`MplusKASSA document ${d.key} sells ${l.productKey}, which is not in MplusKASSA`);
      return {
        articleNumber: Number(p.code),
        quantity: l.quantity,
        ...(d.vatMethod === 'VAT-METHOD-INCLUSIVE' ? { price: l.priceCents } : { priceExcl: l.priceCents }),
        ...(l.discount ? { discountPercentage: l.discount } : {}),
        vatCode: vatCodes[p.vat],
      };
    }),
  });
  return {
    vatGroups: VAT_PERCENTAGES.map((p) => ({ vatCode: vatCodes[p], vatPercentage: p })),
    employees: [{ employeeNumber: 999999, name: 'Superuser', active: true }],
    paymentMethods: [{ method: 'PIN', description: 'Pin' }, { method: 'OVERBOEKING', description: 'Overboeking' }],
    deliveryMethods: [{ deliveryMethod: 'AFHALEN', description: 'Afhalen' }],
    turnoverGroups: [1, 2, 3, 4, 5].map((n) => ({ turnoverGroup: n, turnoverGroupName: `Omzet ${n}` })),
    relations: spec.customers
      .filter((c) => c.inMplus)
      .map((c) => ({
        relationNumber: relationNumberOf(spec, c.key),
        name: c.name,
        ...(c.kind === 'company' ? { companyName: c.name, ...(c.contacts?.[0] ? { contact: c.contacts[0].name } : {}) } : {}),
        ...(c.email ? { email: c.email } : {}),
        ...(c.country ? { country: c.country, address: 'Straat 1', zipcode: '1000', city: 'Stad' } : {}),
      })),
    products: spec.products
      .filter((p) => p.inMplus)
      .map((p) => ({
        productNumber: Number(p.code),
        description: p.name,
        articles: [{ articleNumber: Number(p.code), description: p.name, ...(p.mplusPriceInclCents === undefined ? { priceExcl: p.priceExclCents } : { priceIncl: p.mplusPriceInclCents }), vatCode: vatCodes[p.vat], turnoverGroup: 1 }],
      })),
    orders: spec.mplusDocuments.filter((d) => d.type === 'order').map((d) => ({ orderId: testIds.mplusOrder(d.key), ...documentOf(d) })),
    invoices: spec.mplusDocuments.filter((d) => d.type === 'invoice').map((d) => ({ invoiceId: testIds.mplusInvoice(d.key), ...documentOf(d), ...(d.fromOrder ? { orderIds: [testIds.mplusOrder(d.fromOrder)] } : {}), ...(d.credits ? { creditedInvoiceId: testIds.mplusInvoice(d.credits) } : {}) })),
  };
}

export function teamleaderSeedOf(spec: ShopSpec): TeamleaderSeedInput {
  const products = new Map(spec.products.map((p) => [p.key, p]));
  const customers = new Map(spec.customers.map((c) => [c.key, c]));
  const customerRef = (key: string) => {
    const c = customers.get(key);
    if (!c?.inTeamleader) throw new Error(`Teamleader document for ${key}, who is not in Teamleader`);
    return c.kind === 'company' ? { type: 'company' as const, id: testIds.company(c.key) } : { type: 'contact' as const, id: testIds.contact(c.key) };
  };
  const lineItems = (d: TeamleaderDocumentSpec) =>
    d.lines.map((l) => {
      const p = products.get(l.productKey);
      return {
        quantity: l.quantity,
        description: p?.name ?? l.productKey,
        unit_price: { amount: l.unitPrice, tax: 'excluding' as const },
        tax_rate_id: testIds.taxRate(p?.vat ?? 21),
        ...(l.discount ? { discount: { value: l.discount, type: 'percentage' as const } } : {}),
        ...(p?.inTeamleader ? { product_id: testIds.product(p.key) } : {}),
      };
    });
  const documentDiscounts = (d: TeamleaderDocumentSpec) => (d.discounts ?? []).map((value) => ({ type: 'percentage' as const, value }));
  const emails = (email: string | undefined) => (email ? [{ type: 'primary' as const, email }] : []);
  const address = (country: string | undefined) => (country ? [{ type: 'primary' as const, address: { line_1: 'Straat 1', postal_code: '1000', city: 'Stad', country } }] : []);
  const people = spec.customers.filter((c) => c.inTeamleader);
  const invoices = spec.teamleaderDocuments
    .filter((d) => d.type === 'invoice')
    .map((d) => ({
      d,
      invoice: {
        id: testIds.document(d.key),
        department_id: testIds.department,
        invoicee: { customer: customerRef(d.customerKey) },
        payment_term: { type: 'cash' as const },
        grouped_lines: [{ line_items: lineItems(d) }],
        discounts: documentDiscounts(d),
        invoice_date: DATE,
        status: d.status ?? 'outstanding',
        ...(d.dealOf ? { deal_id: testIds.deal(d.dealOf) } : {}),
        ...(d.status === 'matched' ? { paid: true, paid_at: `${DATE}T12:00:00+00:00` } : {}),
      },
    }));
  return {
    departments: [{ id: testIds.department, name: 'Testwinkel', currency: 'EUR' }],
    taxRates: VAT_PERCENTAGES.map((p) => ({ id: testIds.taxRate(p), description: `${p}%`, rate: p / 100, department_id: testIds.department })),
    paymentTerms: [{ id: demoId('test.paymentTerm', 'cash'), type: 'cash' }],
    contacts: [
      ...people.filter((c) => c.kind === 'person').map((c) => ({ id: testIds.contact(c.key), ...teamleaderName(c.name), emails: emails(c.teamleaderEmail ?? c.email), addresses: address(c.country) })),
      ...people.flatMap((c) =>
        (c.contacts ?? []).map((person, i) => ({
          id: testIds.contact(`${c.key}.${i}`),
          ...teamleaderName(person.name),
          emails: emails(person.email),
          companies: [{ company_id: testIds.company(c.key), decision_maker: i === 0 }],
        })),
      ),
    ],
    companies: people.filter((c) => c.kind === 'company').map((c) => ({ id: testIds.company(c.key), name: c.name, emails: emails(c.teamleaderEmail ?? c.email), addresses: address(c.country) })),
    products: spec.products
      .filter((p) => p.inTeamleader)
      .map((p) => ({ id: testIds.product(p.key), name: p.name, code: p.code, selling_price: { amount: teamleaderPrice(p), currency: 'EUR' }, tax_rate_id: testIds.taxRate(p.vat) })),
    deals: spec.teamleaderDocuments
      .filter((d) => d.type === 'quotation')
      .map((d, i) => ({ id: testIds.deal(d.key), title: `Offerte ${d.key}`, reference: `2026/${i + 1}`, lead: { customer: customerRef(d.customerKey) } })),
    quotations: spec.teamleaderDocuments.filter((d) => d.type === 'quotation').map((d) => ({ id: testIds.document(d.key), deal_id: testIds.deal(d.key), grouped_lines: [{ line_items: lineItems(d) }], discounts: documentDiscounts(d) })),
    invoices: invoices.map(({ invoice }) => invoice),
    creditNotes: invoices.filter(({ d }) => d.credited?.when === 'before').map(({ d, invoice }) => creditNoteOf(invoice, testIds.creditNote(d.key), { date: DATE, lines: creditedLines(d, invoice.grouped_lines) })),
  };
}

/**
 * What a person crediting an invoice in Teamleader leaves there, as invoices.credit and
 * invoices.creditPartially make it: a booked credit note of `lines` (all the invoice's when not
 * given) on `date`, changed at `stamp` when given (the sandbox dates what a seed leaves out).
 */
export function creditNoteOf<G>(
  invoice: { id: string; department_id: string; invoicee: { customer: { type: 'contact' | 'company'; id: string } }; grouped_lines: G[]; discounts?: Array<{ type: 'percentage'; value: number }> },
  id: string,
  opts: { date: string; lines?: G[]; stamp?: string },
) {
  return {
    id,
    department_id: invoice.department_id,
    invoice_id: invoice.id,
    credit_note_date: opts.date,
    invoicee: { customer: invoice.invoicee.customer },
    grouped_lines: opts.lines ?? invoice.grouped_lines,
    discounts: invoice.discounts ?? [],
    ...(opts.stamp ? { created_at: opts.stamp, updated_at: opts.stamp } : {}),
  };
}

/** The lines a shop credits of its invoice (`credited.lines`): all of them, or its first line. */
export function creditedLines<G extends { line_items: unknown[] }>(d: TeamleaderDocumentSpec, groups: G[]): G[] {
  const [first] = groups;
  return d.credited?.lines === 'first' && first ? [{ ...first, line_items: first.line_items.slice(0, 1) }] : groups;
}

/** Both sandboxes' seeds, checked by their own schemas. */
export function shopSeeds(spec: ShopSpec): SandboxSeeds {
  return { mplus: parseMplusSeed(mplusSeedOf(spec)), teamleader: parseTeamleaderSeed(teamleaderSeedOf(spec)) };
}
