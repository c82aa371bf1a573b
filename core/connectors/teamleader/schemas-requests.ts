/**
 * Request bodies of the endpoints Sincro uses, field by field from the API Blueprint (required,
 * optional and nullable as documented there). The client parses its input through these before
 * sending (so a missing required field is reported without spending a request) and the sandbox
 * validates incoming bodies with the same schemas. `request-bodies.test.ts` checks what the client
 * sends against the blueprint's own JSON Schemas, so the two cannot drift apart unnoticed.
 *
 * Unknown keys are stripped, as Teamleader silently ignores them ([T] MCore SDK).
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
  dateTimeInput,
  expectedPaymentMethod,
  id,
  money,
  page,
  paymentTerm,
  periodicity,
  sortOf,
  telephone,
} from './schemas-common';

const nonEmpty = () => z.string().refine((s) => s.trim().length > 0, { message: 'must not be empty' });
const gender = z.enum(['female', 'male', 'non_binary', 'prefers_not_to_say', 'unknown']);
const tags = z.array(z.string());
const customFields = z.array(customFieldValue);

// ---------------------------------------------------------------- general

export const departmentsListRequest = z.object({
  filter: z.object({ ids: z.array(id).optional(), status: z.array(z.enum(['active', 'archived'])).optional() }).optional(),
  sort: sortOf(['default_department', 'name', 'created_at']).optional(),
});

// ---------------------------------------------------------------- contacts

export const contactsListRequest = z.object({
  filter: z
    .object({
      email: z.object({ type: z.literal('primary'), email: z.string() }).optional(),
      ids: z.array(id).optional(),
      company_id: id.optional(),
      term: z.string().optional(),
      updated_since: dateTimeInput.optional(),
      tags: tags.optional(),
      status: z.enum(['active', 'deactivated']).optional(),
    })
    .optional(),
  page: page.optional(),
  sort: sortOf(['added_at', 'name', 'updated_at']).optional(),
  includes: z.string().optional(),
});

export const infoRequest = z.object({ id });

const contactEmail = z.object({ type: z.literal('primary'), email: z.string() });

export const contactAddRequest = z.object({
  first_name: z.string().optional(),
  last_name: nonEmpty(),
  emails: z.array(contactEmail).optional(),
  salutation: z.string().optional(),
  telephones: z.array(telephone).optional(),
  website: z.string().optional(),
  addresses: z.array(addressEntryRequest).optional(),
  language: z.string().optional(),
  gender: gender.nullable().optional(),
  birthdate: date.optional(),
  iban: z.string().optional(),
  bic: z.string().optional(),
  national_identification_number: z.string().optional(),
  remarks: z.string().optional(),
  tags: tags.optional(),
  custom_fields: customFields.optional(),
  marketing_mails_consent: z.boolean().optional(),
});

export const contactUpdateRequest = z.object({
  id,
  first_name: z.string().nullable().optional(),
  last_name: nonEmpty().optional(),
  salutation: z.string().nullable().optional(),
  emails: z.array(z.object({ type: z.literal('primary'), email: z.string().nullable() })).optional(),
  telephones: z.array(telephone).nullable().optional(),
  website: z.string().nullable().optional(),
  addresses: z.array(addressEntryRequest).optional(),
  language: z.string().optional(),
  gender: gender.nullable().optional(),
  birthdate: date.nullable().optional(),
  iban: z.string().nullable().optional(),
  bic: z.string().nullable().optional(),
  national_identification_number: z.string().optional(),
  remarks: z.string().nullable().optional(),
  tags: tags.optional(),
  custom_fields: customFields.optional(),
  marketing_mails_consent: z.boolean().optional(),
});

export const contactLinkToCompanyRequest = z.object({
  id,
  company_id: id,
  position: z.string().optional(),
  decision_maker: z.boolean().optional(),
});

// ---------------------------------------------------------------- companies

export const companiesListRequest = z.object({
  filter: z
    .object({
      email: z.object({ type: z.literal('primary'), email: z.string() }).optional(),
      ids: z.array(id).optional(),
      term: z.string().optional(),
      updated_since: dateTimeInput.optional(),
      tags: tags.optional(),
      vat_number: z.string().optional(),
      status: z.enum(['active', 'deactivated']).optional(),
    })
    .optional(),
  page: page.optional(),
  sort: sortOf(['name', 'added_at', 'updated_at']).optional(),
  includes: z.string().optional(),
});

export const companyInfoRequest = z.object({ id, includes: z.string().optional() });

const companyEmail = z.object({ type: z.enum(['primary', 'invoicing']), email: z.string() });

export const companyAddRequest = z.object({
  name: nonEmpty(),
  business_type_id: id.optional(),
  vat_number: z.string().optional(),
  national_identification_number: z.string().optional(),
  emails: z.array(companyEmail).optional(),
  telephones: z.array(companyTelephone).optional(),
  website: z.string().optional(),
  addresses: z.array(addressEntryRequest).optional(),
  iban: z.string().optional(),
  bic: z.string().optional(),
  language: z.string().optional(),
  responsible_user_id: id.optional(),
  remarks: z.string().optional(),
  tags: tags.optional(),
  custom_fields: customFields.optional(),
  marketing_mails_consent: z.boolean().optional(),
  preferred_currency: currency.optional(),
});

export const companyUpdateRequest = z.object({
  id,
  name: nonEmpty().optional(),
  business_type_id: id.nullable().optional(),
  vat_number: z.string().nullable().optional(),
  national_identification_number: z.string().nullable().optional(),
  emails: z.array(companyEmail).optional(),
  telephones: z.array(companyTelephone).optional(),
  website: z.string().optional(),
  addresses: z.array(addressEntryRequest).optional(),
  iban: z.string().nullable().optional(),
  bic: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
  responsible_user_id: id.nullable().optional(),
  remarks: z.string().nullable().optional(),
  tags: tags.optional(),
  custom_fields: customFields.optional(),
  marketing_mails_consent: z.boolean().optional(),
  preferred_currency: currency.nullable().optional(),
});

// ---------------------------------------------------------------- products

export const productsListRequest = z.object({
  filter: z
    .object({ ids: z.array(id).optional(), term: z.string().optional(), updated_since: dateTimeInput.optional() })
    .optional(),
  // Not in the blueprint, but in the current portal ([P]); the client pages defensively (see paging.ts).
  page: page.optional(),
});

export const productInfoRequest = z.object({ id, includes: z.string().optional() });

const priceListPrice = z.object({ price_list_id: id, price: z.object({ amount: z.number(), currency: z.string() }) });
const stockThreshold = z.object({ minimum: z.number().min(0), action: z.literal('notify') });
const productConfiguration = z.object({ stock_threshold: stockThreshold.nullable().optional() });

const productFields = {
  description: z.string().optional(),
  purchase_price: money.optional(),
  selling_price: money.optional(),
  unit_of_measure_id: id.nullable().optional(),
  price_list_prices: z.array(priceListPrice).optional(),
  stock: z.object({ amount: z.number().nullable() }).optional(),
  configuration: productConfiguration.nullable().optional(),
  department_id: id.optional(),
  product_category_id: id.optional(),
  tax_rate_id: id.optional(),
  custom_fields: customFields.optional(),
};

/** "One Of: name required, or code required" ([S] products.add). */
export const productAddRequest = z
  .object({ name: z.string().optional(), code: z.string().optional(), ...productFields })
  .refine((p) => Boolean(p.name?.trim() || p.code?.trim()), { message: 'a product needs a name or a code' });

export const productUpdateRequest = z.object({
  id,
  ...productFields,
  name: z.string().nullable().optional(),
  code: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  purchase_price: money.nullable().optional(),
});

export const productCategoriesListRequest = z.object({ filter: z.object({ department_id: id.optional() }).optional() });

// ---------------------------------------------------------------- invoicing lookups

export const taxRatesListRequest = z.object({
  filter: z.object({ department_id: id.optional() }).optional(),
  page: page.optional(),
  sort: sortOf(['department_id', 'rate', 'description']).optional(),
});

export const paymentTermsListRequest = z.object({});

export const paymentMethodsListRequest = z.object({
  filter: z.object({ ids: z.array(id).optional(), status: z.array(z.enum(['active', 'archived'])).optional() }).optional(),
  page: page.optional(),
});

// ---------------------------------------------------------------- deals and quotations

export const dealCreateRequest = z.object({
  lead: z.object({ customer: customerRef, contact_person_id: id.optional() }),
  title: nonEmpty(),
  summary: z.string().optional(),
  source_id: id.optional(),
  department_id: id.optional(),
  responsible_user_id: id.optional(),
  phase_id: id.optional(),
  estimated_value: money.optional(),
  estimated_probability: z.number().min(0).max(1).optional(),
  estimated_closing_date: date.optional(),
  custom_fields: customFields.optional(),
  currency: z.object({ code: currency, exchange_rate: z.number() }).optional(),
});

export const dealsListRequest = z.object({
  filter: z
    .object({
      ids: z.array(id).optional(),
      /** Matches the title, the reference and the customer's name. */
      term: z.string().optional(),
      customer: customerRef.optional(),
      phase_id: id.optional(),
      estimated_closing_date: date.nullable().optional(),
      estimated_closing_date_from: date.optional(),
      estimated_closing_date_until: date.optional(),
      responsible_user_id: z.union([id, z.array(id)]).optional(),
      updated_since: dateTimeInput.optional(),
      created_before: dateTimeInput.optional(),
      status: z.array(z.enum(['open', 'won', 'lost'])).optional(),
      pipeline_ids: z.array(id).optional(),
    })
    .optional(),
  page: page.optional(),
  sort: sortOf(['created_at', 'weighted_value']).optional(),
  includes: z.string().optional(),
});

/** Only `filter.ids` and `page`: quotations cannot be listed by change date ([S]). */
export const quotationsListRequest = z.object({
  filter: z.object({ ids: z.array(id).optional() }).optional(),
  page: page.optional(),
});

const discountOnLine = z.object({ value: z.number().min(0).max(100), type: z.literal('percentage') });

export const quotationLineItem = z.object({
  quantity: z.number(),
  description: z.string(),
  extended_description: z.string().optional(),
  unit_of_measure_id: id.nullable().optional(),
  unit_price: z.object({ amount: z.number(), tax: z.literal('excluding') }),
  tax_rate_id: id,
  discount: discountOnLine.optional(),
  product_id: id.optional(),
  purchase_price: money.nullable().optional(),
  periodicity: periodicity.nullable().optional(),
});

export const quotationCreateRequest = z
  .object({
    deal_id: id,
    currency: z.object({ code: currency, exchange_rate: z.number().optional() }).optional(),
    grouped_lines: z
      .array(z.object({ section: z.object({ title: z.string() }).optional(), line_items: z.array(quotationLineItem) }))
      .optional(),
    discounts: z.array(commercialDiscount).optional(),
    text: z.string().optional(),
    document_template_id: id.optional(),
    expiry: z.object({ expires_after: date.nullable().optional(), action_after_expiry: z.enum(['lock', 'none']) }).optional(),
  })
  .refine((q) => q.grouped_lines !== undefined || q.text !== undefined, { message: 'a quotation needs grouped_lines and/or text' });

// ---------------------------------------------------------------- invoices

/**
 * A line of an invoice. `unit_price` is not marked required in the blueprint's
 * InvoiceGroupedLinesWrite, but Teamleader documented it as required "to reflect the reality"
 * (PR #603), so it is required here. Only `tax: "excluding"` exists: prices are sent without VAT.
 */
export const invoiceLineItem = z.object({
  quantity: z.number(),
  description: z.string(),
  extended_description: z.string().nullable().optional(),
  unit_of_measure_id: id.nullable().optional(),
  unit_price: z.object({ amount: z.number(), tax: z.literal('excluding').optional() }),
  tax_rate_id: id,
  withholding_tax_rate_id: id.optional(),
  discount: discountOnLine.optional(),
  product_category_id: id.optional(),
  product_id: id.optional(),
});
export type InvoiceLineItemInput = z.input<typeof invoiceLineItem>;

export const invoiceGroupedLines = z.object({
  section: z.object({ title: z.string() }).optional(),
  line_items: z.array(invoiceLineItem),
});

const forAttentionOf = z.union([z.object({ name: z.string() }), z.object({ contact_id: id })]);
/** `customer.type` and `.id` are not marked required in the blueprint, but an invoicee without them means nothing ([S] README §9). */
const invoicee = z.object({ customer: customerRef, for_attention_of: forAttentionOf.optional() });

export const invoiceDraftRequest = z.object({
  invoicee,
  department_id: id,
  payment_term: paymentTerm,
  currency: z.object({ code: currency, exchange_rate: z.number().optional() }).optional(),
  project_id: id.optional(),
  purchase_order_number: z.string().optional(),
  grouped_lines: z.array(invoiceGroupedLines),
  invoice_date: date.optional(),
  discounts: z.array(commercialDiscount).optional(),
  note: z.string().optional(),
  expected_payment_method: expectedPaymentMethod.optional(),
  custom_fields: customFields.optional(),
  document_template_id: id.optional(),
});

export const invoiceUpdateRequest = z.object({
  id,
  invoicee: invoicee.optional(),
  payment_term: paymentTerm.optional(),
  currency: z.object({ code: currency, exchange_rate: z.number().optional() }).optional(),
  project_id: id.optional(),
  purchase_order_number: z.string().optional(),
  grouped_lines: z.array(invoiceGroupedLines).optional(),
  invoice_date: date.optional(),
  note: z.string().nullable().optional(),
  discounts: z.array(commercialDiscount).optional(),
  expected_payment_method: expectedPaymentMethod.nullable().optional(),
  custom_fields: customFields.optional(),
  document_template_id: id.optional(),
});

export const invoiceBookRequest = z.object({ id, on: date });

export const invoicesListRequest = z.object({
  filter: z
    .object({
      ids: z.array(id).optional(),
      term: z.string().optional(),
      invoice_number: z.string().optional(),
      department_id: id.optional(),
      deal_id: id.optional(),
      project_id: id.optional(),
      subscription_id: id.optional(),
      status: z.array(z.enum(['draft', 'outstanding', 'matched'])).optional(),
      updated_since: dateTimeInput.optional(),
      purchase_order_number: z.string().optional(),
      payment_reference: z.string().optional(),
      invoice_date_after: date.optional(),
      invoice_date_before: date.optional(),
      customer: customerRef.optional(),
    })
    .optional(),
  page: page.optional(),
  sort: sortOf(['invoice_number', 'invoice_date']).optional(),
  includes: z.string().optional(),
});

// ---------------------------------------------------------------- credit notes

/**
 * invoices.credit: a full credit of a booked invoice. `credit_note_date` is a plain string in the
 * blueprint; a date is what it means (its example is `2016-02-04`), so it is checked as one.
 */
export const invoiceCreditRequest = z.object({ id, credit_note_date: date.optional() });

/** invoices.creditPartially: the lines credited, written like an invoice's (§6.1). */
export const invoiceCreditPartiallyRequest = z.object({
  id,
  credit_note_date: date.optional(),
  grouped_lines: z.array(invoiceGroupedLines),
  discounts: z.array(commercialDiscount).optional(),
});

/**
 * There is no direct create for credit notes ([S]); only a list and an info. The blueprint documents
 * no `sort` here. `credit_note_date_after` is inclusive and `credit_note_date_before` exclusive, as
 * documented (unlike the invoice date filters, which are both inclusive).
 */
export const creditNotesListRequest = z.object({
  filter: z
    .object({
      ids: z.array(id).optional(),
      department_id: id.optional(),
      updated_since: dateTimeInput.optional(),
      invoice_id: id.optional(),
      project_id: id.optional(),
      customer: customerRef.optional(),
      credit_note_date_after: date.optional(),
      credit_note_date_before: date.optional(),
    })
    .optional(),
  page: page.optional(),
});

export type DepartmentsListRequest = z.input<typeof departmentsListRequest>;
export type ContactsListRequest = z.input<typeof contactsListRequest>;
export type ContactAddInput = z.input<typeof contactAddRequest>;
export type ContactUpdateInput = z.input<typeof contactUpdateRequest>;
export type ContactLinkToCompanyInput = z.input<typeof contactLinkToCompanyRequest>;
export type CompaniesListRequest = z.input<typeof companiesListRequest>;
export type CompanyAddInput = z.input<typeof companyAddRequest>;
export type CompanyUpdateInput = z.input<typeof companyUpdateRequest>;
export type ProductsListRequest = z.input<typeof productsListRequest>;
export type ProductAddInput = z.input<typeof productAddRequest>;
export type ProductUpdateInput = z.input<typeof productUpdateRequest>;
export type ProductCategoriesListRequest = z.input<typeof productCategoriesListRequest>;
export type TaxRatesListRequest = z.input<typeof taxRatesListRequest>;
export type PaymentMethodsListRequest = z.input<typeof paymentMethodsListRequest>;
export type DealsListRequest = z.input<typeof dealsListRequest>;
export type QuotationsListRequest = z.input<typeof quotationsListRequest>;
export type DealCreateInput = z.input<typeof dealCreateRequest>;
export type QuotationCreateInput = z.input<typeof quotationCreateRequest>;
export type InvoiceDraftInput = z.input<typeof invoiceDraftRequest>;
export type InvoiceUpdateInput = z.input<typeof invoiceUpdateRequest>;
export type InvoiceBookInput = z.input<typeof invoiceBookRequest>;
export type InvoicesListRequest = z.input<typeof invoicesListRequest>;
export type InvoiceCreditInput = z.input<typeof invoiceCreditRequest>;
export type InvoiceCreditPartiallyInput = z.input<typeof invoiceCreditPartiallyRequest>;
export type CreditNotesListRequest = z.input<typeof creditNotesListRequest>;
