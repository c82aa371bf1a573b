/**
 * The Teamleader sandbox's seed format, which is also its state (`GET /__sandbox/state` returns a
 * valid seed). Collections are named like the API resources (`contacts`, `taxRates`) and records
 * use the API's own write fields (snake_case, `tax_rate_id`, `addresses[{type,address}]`), plus the
 * id, timestamps and the read-only fields Teamleader keeps itself (status, invoice_number, …).
 * Everything but ids and the API's required fields has a default, so a seed can be small.
 * SEED.md describes it for people.
 */
import { z } from 'zod';
import {
  addressEntryRequest,
  commercialDiscount,
  companyTelephone,
  currency,
  customFieldValue,
  customerRef,
  date,
  dateTime,
  expectedPaymentMethod,
  id,
  money,
  paymentTerm,
  telephone,
} from '../schemas-common';
import { invoiceGroupedLines, quotationLineItem } from '../schemas-requests';
import { demoId } from '../../demo-shop';

/** Timestamp given to seeded records that do not say. */
export const SEED_TIME = '2026-01-01T09:00:00+00:00';

const text = z.string().nullable().default(null);
const stamps = { added_at: dateTime.default(SEED_TIME), updated_at: dateTime.default(SEED_TIME) };
const customFields = z.array(customFieldValue).default([]);
const tags = z.array(z.string()).default([]);

export const userSeed = z.object({
  id,
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  email_verification_status: z.enum(['pending', 'confirmed']).default('confirmed'),
  telephones: z.array(telephone).default([]),
  language: z.string().default('nl-BE'),
  function: text,
  time_zone: z.string().default('Europe/Brussels'),
});

export const departmentSeed = z.object({
  id,
  name: z.string(),
  vat_number: text,
  currency: currency.default('EUR'),
  emails: z.array(z.object({ type: z.enum(['primary', 'invoicing']), email: z.string() })).default([]),
  status: z.enum(['active', 'archived']).default('active'),
});

export const taxRateSeed = z.object({ id, description: z.string(), rate: z.number().min(0).max(1), department_id: id });
export const paymentTermSeed = z.object({ id, type: z.enum(['cash', 'end_of_month', 'after_invoice_date']), days: z.number().int().min(0).optional() });
export const paymentMethodSeed = z.object({ id, name: z.string(), status: z.enum(['active', 'archived']).default('active') });
export const productCategorySeed = z.object({
  id,
  name: z.string(),
  ledgers: z.array(z.object({ department_id: id, ledger_account_number: z.string() })).default([]),
});
export const dealPipelineSeed = z.object({ id, name: z.string(), phases: z.array(z.object({ id, name: z.string() })).default([]) });

export const contactSeed = z.object({
  id,
  first_name: text,
  last_name: z.string(),
  status: z.enum(['active', 'deactivated']).default('active'),
  salutation: text,
  emails: z.array(z.object({ type: z.literal('primary'), email: z.string().nullable() })).default([]),
  telephones: z.array(telephone).default([]),
  website: text,
  addresses: z.array(addressEntryRequest).default([]),
  language: text,
  gender: z.enum(['female', 'male', 'non_binary', 'prefers_not_to_say', 'unknown']).nullable().default(null),
  birthdate: date.nullable().default(null),
  iban: text,
  bic: text,
  national_identification_number: text,
  vat_number: text,
  payment_term: paymentTerm.nullable().default(null),
  remarks: text,
  tags,
  custom_fields: customFields,
  marketing_mails_consent: z.boolean().default(false),
  /** Links to companies (contacts.linkToCompany). */
  companies: z
    .array(
      z.object({
        company_id: id,
        position: text,
        secondary_position: text,
        division: text,
        decision_maker: z.boolean().default(false),
      }),
    )
    .default([]),
  ...stamps,
});

export const companySeed = z.object({
  id,
  name: z.string(),
  status: z.enum(['active', 'deactivated']).default('active'),
  business_type_id: id.nullable().default(null),
  vat_number: text,
  national_identification_number: text,
  emails: z.array(z.object({ type: z.enum(['primary', 'invoicing']), email: z.string() })).default([]),
  telephones: z.array(companyTelephone).default([]),
  website: text,
  addresses: z.array(addressEntryRequest).default([]),
  iban: text,
  bic: text,
  language: text,
  preferred_currency: currency.nullable().default(null),
  payment_term: paymentTerm.nullable().default(null),
  responsible_user_id: id.nullable().default(null),
  remarks: text,
  tags,
  custom_fields: customFields,
  marketing_mails_consent: z.boolean().default(false),
  ...stamps,
});

export const productSeed = z.object({
  id,
  name: text,
  code: text,
  description: text,
  purchase_price: money.nullable().default(null),
  selling_price: money.nullable().default(null),
  unit_of_measure_id: id.nullable().default(null),
  price_list_prices: z.array(z.object({ price_list_id: id, price: z.object({ amount: z.number(), currency: z.string() }) })).default([]),
  /** Set only when the account uses stock management. */
  stock: z.object({ amount: z.number().nullable() }).nullable().default(null),
  configuration: z
    .object({ stock_threshold: z.object({ minimum: z.number().min(0), action: z.literal('notify') }).nullable().optional() })
    .nullable()
    .default(null),
  department_id: id.nullable().default(null),
  product_category_id: id.nullable().default(null),
  tax_rate_id: id.nullable().default(null),
  custom_fields: customFields,
  ...stamps,
});

const documentCurrency = z.object({ code: currency, exchange_rate: z.number().optional() });

export const dealSeed = z.object({
  id,
  title: z.string(),
  summary: text,
  reference: z.string(),
  status: z.enum(['open', 'won', 'lost']).default('open'),
  lead: z.object({ customer: customerRef, contact_person_id: id.nullable().default(null) }),
  source_id: id.nullable().default(null),
  department_id: id.nullable().default(null),
  responsible_user_id: id.nullable().default(null),
  phase_id: id.nullable().default(null),
  estimated_value: money.nullable().default(null),
  estimated_probability: z.number().min(0).max(1).nullable().default(null),
  estimated_closing_date: date.nullable().default(null),
  purchase_order_number: text,
  currency: documentCurrency.nullable().default(null),
  custom_fields: customFields,
  closed_at: dateTime.nullable().default(null),
  created_at: dateTime.default(SEED_TIME),
  updated_at: dateTime.default(SEED_TIME),
});

export const quotationSeed = z.object({
  id,
  deal_id: id,
  name: text,
  status: z.enum(['open', 'accepted', 'expired', 'rejected', 'closed']).default('open'),
  currency: documentCurrency.nullable().default(null),
  grouped_lines: z
    .array(z.object({ section: z.object({ title: z.string() }).optional(), line_items: z.array(quotationLineItem) }))
    .default([]),
  discounts: z.array(commercialDiscount).default([]),
  text,
  document_template_id: id.nullable().default(null),
  expiry: z.object({ expires_after: date.nullable().optional(), action_after_expiry: z.enum(['lock', 'none']) }).nullable().default(null),
  created_at: dateTime.default(SEED_TIME),
  updated_at: dateTime.default(SEED_TIME),
});

export const invoiceSeed = z.object({
  id,
  department_id: id,
  invoicee: z.object({
    customer: customerRef,
    for_attention_of: z.union([z.object({ name: z.string() }), z.object({ contact_id: id })]).optional(),
  }),
  payment_term: paymentTerm,
  currency: documentCurrency.nullable().default(null),
  project_id: id.nullable().default(null),
  purchase_order_number: text,
  grouped_lines: z.array(invoiceGroupedLines).default([]),
  invoice_date: date.nullable().default(null),
  discounts: z.array(commercialDiscount).default([]),
  note: text,
  expected_payment_method: expectedPaymentMethod.nullable().default(null),
  custom_fields: customFields,
  document_template_id: id.nullable().default(null),
  /** draft → (invoices.book) → outstanding → (paid) → matched. */
  status: z.enum(['draft', 'outstanding', 'matched']).default('draft'),
  /** "2026 / 4"; given to booked invoices that have none when the seed is loaded. */
  invoice_number: text,
  paid: z.boolean().default(false),
  paid_at: dateTime.nullable().default(null),
  payments: z.array(z.object({ paid_at: dateTime, payment: money })).default([]),
  sent: z.boolean().default(false),
  payment_reference: text,
  deal_id: id.nullable().default(null),
  created_at: dateTime.default(SEED_TIME),
  updated_at: dateTime.default(SEED_TIME),
});

/**
 * A credit note. There is no direct create: invoices.credit and invoices.creditPartially make them
 * ([S]), copying the invoice's department, invoicee, currency and template. Credit notes are always
 * `booked` (the only status the blueprint has). Whether a credit note can itself be paid is not
 * modelled: no endpoint Sincro uses pays one, so `paid` stays as seeded.
 */
export const creditNoteSeed = z.object({
  id,
  department_id: id,
  /** The credited invoice; null for a credit note of no invoice (the API's `invoice` is nullable). */
  invoice_id: id.nullable().default(null),
  /**
   * "<year> / <n>" per department and year of `credit_note_date`, like booked invoices ([I]: the
   * blueprint's example shows "2017/5", without spaces; the invoice format is kept so that both
   * numberings look alike). Given to credit notes that have none when the seed is loaded.
   */
  credit_note_number: text,
  /** YYYY-MM-DD; when left out, the day of `created_at` is given on load. */
  credit_note_date: date.nullable().default(null),
  status: z.literal('booked').default('booked'),
  invoicee: invoiceSeed.shape.invoicee,
  currency: documentCurrency.nullable().default(null),
  grouped_lines: z.array(invoiceGroupedLines).default([]),
  discounts: z.array(commercialDiscount).default([]),
  document_template_id: id.nullable().default(null),
  paid: z.boolean().default(false),
  paid_at: dateTime.nullable().default(null),
  created_at: dateTime.default(SEED_TIME),
  updated_at: dateTime.default(SEED_TIME),
});

/**
 * The sandbox's OAuth state, so that a sandbox saved to a file and started again keeps its
 * connections: the registered integrations (clients) and the tokens valid when it was saved.
 * `expires_at` keeps milliseconds, so a saved and reloaded token expires at the same instant.
 */
export const oauthSeed = z.object({
  clients: z.array(z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) })).default([]),
  access_tokens: z.array(z.object({ token: z.string().min(1), expires_at: dateTime })).default([]),
  refresh_tokens: z.array(z.object({ token: z.string().min(1) })).default([]),
});
export type OAuthSeed = z.output<typeof oauthSeed>;
export const emptyOAuthSeed = (): OAuthSeed => ({ clients: [], access_tokens: [], refresh_tokens: [] });

export const defaultSandboxUserId = demoId('teamleader.user', 'sandbox');
export const defaultSandboxAccountId = demoId('teamleader.account', 'sandbox');

const seedObject = z.object({
  /** The Teamleader account; `users.me` returns it as `account`. */
  account: z.object({ id }).default({ id: defaultSandboxAccountId }),
  /** The first user is the one `users.me` returns (the user who connected Sincro). */
  users: z
    .array(userSeed)
    .min(1)
    .default([{ id: defaultSandboxUserId, first_name: 'Sandbox', last_name: 'User', email: 'sandbox@example.com', email_verification_status: 'confirmed', telephones: [], language: 'nl-BE', function: null, time_zone: 'Europe/Brussels' }]),
  departments: z.array(departmentSeed).default([]),
  taxRates: z.array(taxRateSeed).default([]),
  paymentTerms: z.array(paymentTermSeed).default([]),
  /** `meta.default` of paymentTerms.list; the first term when left out. */
  defaultPaymentTermId: id.nullable().default(null),
  paymentMethods: z.array(paymentMethodSeed).default([]),
  productCategories: z.array(productCategorySeed).default([]),
  dealPipelines: z.array(dealPipelineSeed).default([]),
  contacts: z.array(contactSeed).default([]),
  companies: z.array(companySeed).default([]),
  products: z.array(productSeed).default([]),
  deals: z.array(dealSeed).default([]),
  quotations: z.array(quotationSeed).default([]),
  invoices: z.array(invoiceSeed).default([]),
  creditNotes: z.array(creditNoteSeed).default([]),
  /** Clients and tokens; absent in hand-written seeds (the sandbox registers its own client). */
  oauth: oauthSeed.default(emptyOAuthSeed),
});

type SeedShape = z.output<typeof seedObject>;

/** Ids must be unique per collection and references must point at seeded records. */
function checkReferences(seed: SeedShape, ctx: z.RefinementCtx): void {
  const ids = <T extends { id: string }>(name: keyof SeedShape, list: T[]) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message: `duplicate id ${r.id}` });
      seen.add(r.id);
    });
    return seen;
  };
  const departments = ids('departments', seed.departments);
  const taxRates = ids('taxRates', seed.taxRates);
  const paymentTerms = ids('paymentTerms', seed.paymentTerms);
  ids('paymentMethods', seed.paymentMethods);
  const categories = ids('productCategories', seed.productCategories);
  const contacts = ids('contacts', seed.contacts);
  const companies = ids('companies', seed.companies);
  const products = ids('products', seed.products);
  const deals = ids('deals', seed.deals);
  ids('quotations', seed.quotations);
  const invoices = ids('invoices', seed.invoices);
  ids('creditNotes', seed.creditNotes);
  const users = ids('users', seed.users);
  const clients = new Set<string>();
  seed.oauth.clients.forEach((c, i) => {
    if (clients.has(c.client_id)) ctx.addIssue({ code: 'custom', path: ['oauth', 'clients', i, 'client_id'], message: `duplicate client id ${c.client_id}` });
    clients.add(c.client_id);
  });
  const phases = new Set(seed.dealPipelines.flatMap((p) => p.phases.map((ph) => ph.id)));

  const need = (ok: boolean, path: (string | number)[], what: string, value: string) => {
    if (!ok) ctx.addIssue({ code: 'custom', path, message: `refers to ${what} ${value}, which is not in the seed` });
  };
  const customer = (c: { type: 'contact' | 'company'; id: string }) => (c.type === 'contact' ? contacts : companies).has(c.id);

  if (seed.defaultPaymentTermId) need(paymentTerms.has(seed.defaultPaymentTermId), ['defaultPaymentTermId'], 'payment term', seed.defaultPaymentTermId);
  seed.taxRates.forEach((t, i) => need(departments.has(t.department_id), ['taxRates', i, 'department_id'], 'department', t.department_id));
  seed.productCategories.forEach((c, i) =>
    c.ledgers.forEach((l, j) => need(departments.has(l.department_id), ['productCategories', i, 'ledgers', j, 'department_id'], 'department', l.department_id)),
  );
  seed.contacts.forEach((c, i) =>
    c.companies.forEach((l, j) => need(companies.has(l.company_id), ['contacts', i, 'companies', j, 'company_id'], 'company', l.company_id)),
  );
  seed.companies.forEach((c, i) => {
    if (c.responsible_user_id) need(users.has(c.responsible_user_id), ['companies', i, 'responsible_user_id'], 'user', c.responsible_user_id);
  });
  seed.products.forEach((p, i) => {
    if (p.tax_rate_id) need(taxRates.has(p.tax_rate_id), ['products', i, 'tax_rate_id'], 'tax rate', p.tax_rate_id);
    if (p.product_category_id) need(categories.has(p.product_category_id), ['products', i, 'product_category_id'], 'product category', p.product_category_id);
    if (p.department_id) need(departments.has(p.department_id), ['products', i, 'department_id'], 'department', p.department_id);
  });
  seed.deals.forEach((d, i) => {
    need(customer(d.lead.customer), ['deals', i, 'lead', 'customer', 'id'], d.lead.customer.type, d.lead.customer.id);
    if (d.lead.contact_person_id) need(contacts.has(d.lead.contact_person_id), ['deals', i, 'lead', 'contact_person_id'], 'contact', d.lead.contact_person_id);
    if (d.department_id) need(departments.has(d.department_id), ['deals', i, 'department_id'], 'department', d.department_id);
    if (d.phase_id) need(phases.has(d.phase_id), ['deals', i, 'phase_id'], 'deal phase', d.phase_id);
    if (d.responsible_user_id) need(users.has(d.responsible_user_id), ['deals', i, 'responsible_user_id'], 'user', d.responsible_user_id);
  });
  const lines = (
    path: (string | number)[],
    groups: { line_items: { tax_rate_id: string; product_id?: string | undefined; product_category_id?: string | undefined }[] }[],
  ) =>
    groups.forEach((g, gi) =>
      g.line_items.forEach((l, li) => {
        const at = [...path, 'grouped_lines', gi, 'line_items', li];
        need(taxRates.has(l.tax_rate_id), [...at, 'tax_rate_id'], 'tax rate', l.tax_rate_id);
        if (l.product_id) need(products.has(l.product_id), [...at, 'product_id'], 'product', l.product_id);
        if (l.product_category_id) need(categories.has(l.product_category_id), [...at, 'product_category_id'], 'product category', l.product_category_id);
      }),
    );
  seed.quotations.forEach((q, i) => {
    need(deals.has(q.deal_id), ['quotations', i, 'deal_id'], 'deal', q.deal_id);
    lines(['quotations', i], q.grouped_lines);
  });
  seed.invoices.forEach((inv, i) => {
    need(departments.has(inv.department_id), ['invoices', i, 'department_id'], 'department', inv.department_id);
    need(customer(inv.invoicee.customer), ['invoices', i, 'invoicee', 'customer', 'id'], inv.invoicee.customer.type, inv.invoicee.customer.id);
    if (inv.deal_id) need(deals.has(inv.deal_id), ['invoices', i, 'deal_id'], 'deal', inv.deal_id);
    lines(['invoices', i], inv.grouped_lines);
  });
  seed.creditNotes.forEach((cn, i) => {
    need(departments.has(cn.department_id), ['creditNotes', i, 'department_id'], 'department', cn.department_id);
    if (cn.invoice_id) need(invoices.has(cn.invoice_id), ['creditNotes', i, 'invoice_id'], 'invoice', cn.invoice_id);
    need(customer(cn.invoicee.customer), ['creditNotes', i, 'invoicee', 'customer', 'id'], cn.invoicee.customer.type, cn.invoicee.customer.id);
    lines(['creditNotes', i], cn.grouped_lines);
  });
}

export const teamleaderSeedSchema = seedObject.superRefine(checkReferences);

export type TeamleaderSeed = z.output<typeof teamleaderSeedSchema>;
/** What a seed file may contain (defaults not yet applied). */
export type TeamleaderSeedInput = z.input<typeof teamleaderSeedSchema>;
export type ContactRecord = TeamleaderSeed['contacts'][number];
export type CompanyRecord = TeamleaderSeed['companies'][number];
export type ProductRecord = TeamleaderSeed['products'][number];
export type DealRecord = TeamleaderSeed['deals'][number];
export type QuotationRecord = TeamleaderSeed['quotations'][number];
export type InvoiceRecord = TeamleaderSeed['invoices'][number];
export type CreditNoteRecord = TeamleaderSeed['creditNotes'][number];
export type TaxRateRecord = TeamleaderSeed['taxRates'][number];

export class TeamleaderSeedError extends Error {
  override readonly name = 'TeamleaderSeedError';
}

/**
 * Parses a seed (a JSON string or an already parsed value). Errors name the path, e.g.
 * `teamleader.contacts[3].last_name: required`.
 */
export function parseTeamleaderSeed(json: unknown, label = 'teamleader'): TeamleaderSeed {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new TeamleaderSeedError(`${label}: the seed is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const parsed = teamleaderSeedSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`), label);
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    return `${path}: ${missing ? 'required' : issue.message.replace(/^Invalid input: /, '')}`;
  });
  const more = parsed.error.issues.length > 20 ? `\n… and ${parsed.error.issues.length - 20} more` : '';
  throw new TeamleaderSeedError(`The Teamleader seed is not valid:\n${lines.join('\n')}${more}`);
}
