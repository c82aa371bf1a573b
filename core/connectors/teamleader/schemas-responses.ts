/**
 * Response shapes of the endpoints Sincro uses, from the API Blueprint, written as tolerant readers:
 * - ids and the fields a sync cannot do without are required;
 * - other scalars are `nullish`: Teamleader returns `null` for a property without a value ([G]) even
 *   where the blueprint types it non-nullable, and leaves out properties the user may not see;
 * - a property the blueprint types non-nullable may also come without a value the way the blueprint
 *   allows it (the sandbox answers so): left out, or `""` for text. Those are read as `null` too
 *   (`noText`, `orNull`), so a flow sees one shape whichever the server chose;
 * - objects keep unknown keys (`looseObject`), so fields Teamleader adds later reach the flows.
 * `response-shapes.test.ts` parses the blueprint's own example responses with these schemas;
 * `schemas-responses.test.ts` parses every empty shape of the properties read with `noText`/`orNull`.
 */
import { z } from 'zod';
import { countryCode } from '../shared/country-code';
import { money, relation } from './schemas-common';

const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? []);
const rel = relation.nullish();
const moneyOut = money.extend({ currency: z.string() }).loose();
/** Text typed non-nullable by the blueprint: `null`, left out and `""` all mean "no value". */
const noText = z
  .string()
  .nullish()
  .transform((v) => (v === '' || v === undefined ? null : v));
/** A property typed non-nullable by the blueprint, which the sandbox leaves out when it has no value. */
const orNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
const noRel = orNull(relation);

export const paymentTermOut = z.looseObject({ type: z.string(), days: num });
export const emailOut = z.looseObject({ type: z.string(), email: z.string().nullable() });
export const telephoneOut = z.looseObject({ type: z.string(), number: z.string() });
export const addressOut = z.looseObject({
  line_1: str,
  postal_code: str,
  city: str,
  /** As every template compares it (shared/country-code.ts): "nl" is NL, "" no country. */
  country: str.transform(countryCode),
  area_level_two: rel,
  addressee: str,
});
export const addressEntryOut = z.looseObject({ type: z.string(), address: addressOut });
export const customFieldOut = z.looseObject({ definition: relation, value: z.unknown() });

// ---------------------------------------------------------------- general

export const userOut = z.looseObject({
  id: z.string(),
  account: relation,
  first_name: str,
  last_name: str,
  email: str,
  email_verification_status: str,
  telephones: list(telephoneOut),
  language: str,
  function: noText,
  time_zone: str,
});
export type TeamleaderUser = z.infer<typeof userOut>;

export const departmentOut = z.looseObject({
  id: z.string(),
  name: z.string(),
  vat_number: noText,
  currency: str,
  emails: list(emailOut),
  status: str,
});
export type TeamleaderDepartment = z.infer<typeof departmentOut>;

// ---------------------------------------------------------------- contacts and companies

const partyCommon = {
  id: z.string(),
  status: str,
  emails: list(emailOut),
  telephones: list(telephoneOut),
  website: noText,
  iban: noText,
  bic: noText,
  national_identification_number: noText,
  language: noText,
  payment_term: paymentTermOut.nullish(),
  invoicing_preferences: z.looseObject({ electronic_invoicing_address: str }).nullish(),
  tags: list(z.string()),
  added_at: str,
  updated_at: str,
  web_url: str,
  custom_fields: list(customFieldOut),
  marketing_mails_consent: bool,
};

export const contactListItemOut = z.looseObject({
  ...partyCommon,
  first_name: noText,
  last_name: str,
  salutation: noText,
  primary_address: orNull(addressOut),
  gender: str,
  birthdate: orNull(z.string()),
});
export type TeamleaderContactListItem = z.infer<typeof contactListItemOut>;

export const contactInfoOut = z.looseObject({
  ...partyCommon,
  first_name: noText,
  last_name: str,
  salutation: noText,
  vat_number: str,
  addresses: list(addressEntryOut),
  gender: str,
  birthdate: orNull(z.string()),
  companies: list(
    z.looseObject({ position: noText, secondary_position: noText, division: noText, decision_maker: bool, company: relation }),
  ),
  remarks: noText,
});
export type TeamleaderContact = z.infer<typeof contactInfoOut>;

const companyCommon = {
  ...partyCommon,
  name: z.string(),
  business_type: noRel,
  vat_number: noText,
  preferred_currency: str,
  responsible_user: noRel,
};

export const companyListItemOut = z.looseObject({ ...companyCommon, primary_address: orNull(addressOut) });
export type TeamleaderCompanyListItem = z.infer<typeof companyListItemOut>;

export const companyInfoOut = z.looseObject({
  ...companyCommon,
  addresses: list(addressEntryOut),
  remarks: noText,
  related_companies: z.array(relation).optional(),
  related_contacts: z
    .array(z.looseObject({ type: z.string(), id: z.string(), position: str, secondary_position: str, division: str, is_decision_maker: bool }))
    .optional(),
});
export type TeamleaderCompany = z.infer<typeof companyInfoOut>;

// ---------------------------------------------------------------- products

const stockOut = z.looseObject({ amount: num }).nullish();
const productConfigurationOut = orNull(z.looseObject({ stock_threshold: z.looseObject({ minimum: z.number(), action: z.string() }).nullish() }));

export const productListItemOut = z.looseObject({
  id: z.string(),
  name: str,
  description: str,
  code: str,
  unit: rel,
  added_at: str,
  updated_at: str,
  stock: stockOut,
  configuration: productConfigurationOut,
});
export type TeamleaderProductListItem = z.infer<typeof productListItemOut>;

export const productInfoOut = productListItemOut.extend({
  purchase_price: moneyOut.nullish(),
  selling_price: moneyOut.nullish(),
  tax: rel,
  custom_fields: list(customFieldOut),
  price_list_prices: list(z.unknown()),
  product_category: rel,
});
export type TeamleaderProduct = z.infer<typeof productInfoOut>;

export const productCategoryOut = z.looseObject({
  id: z.string(),
  name: z.string(),
  ledgers: list(z.looseObject({ department: relation, ledger_account_number: str })),
});
export type TeamleaderProductCategory = z.infer<typeof productCategoryOut>;

// ---------------------------------------------------------------- invoicing lookups

export const taxRateOut = z.looseObject({ id: z.string(), description: str, rate: z.number(), department: rel });
export type TeamleaderTaxRate = z.infer<typeof taxRateOut>;

export const paymentTermListItemOut = z.looseObject({ id: z.string(), type: z.string(), days: num });
export type TeamleaderPaymentTerm = z.infer<typeof paymentTermListItemOut>;
export const paymentTermsListOut = z.looseObject({
  data: z.array(paymentTermListItemOut),
  meta: z.looseObject({ default: str }).nullish(),
});

export const paymentMethodOut = z.looseObject({ id: z.string(), name: z.string(), status: str });
export type TeamleaderPaymentMethod = z.infer<typeof paymentMethodOut>;

// ---------------------------------------------------------------- documents (deals, quotations, invoices)

const lineTotalsOut = z.looseObject({
  tax_exclusive: moneyOut.nullish(),
  tax_exclusive_before_discount: moneyOut.nullish(),
  tax_inclusive: moneyOut.nullish(),
  tax_inclusive_before_discount: moneyOut.nullish(),
});

export const lineItemOut = z.looseObject({
  product: rel,
  product_category: rel,
  quantity: z.number(),
  description: str,
  extended_description: noText,
  unit: rel,
  unit_price: z.looseObject({ amount: z.number(), tax: str }),
  tax: rel,
  discount: z.looseObject({ type: z.string(), value: z.number() }).nullish(),
  total: lineTotalsOut.nullish(),
});
export type TeamleaderLineItem = z.infer<typeof lineItemOut>;

export const groupedLinesOut = list(
  z.looseObject({ section: orNull(z.looseObject({ title: str })), line_items: list(lineItemOut) }),
);

const taxLineOut = z.looseObject({ rate: z.number(), taxable: moneyOut, tax: moneyOut });
const exchangeRateOut = z.looseObject({ from: str, to: str, rate: num }).nullish();

export const dealOut = z.looseObject({
  id: z.string(),
  title: str,
  summary: str,
  reference: str,
  status: str,
  lead: z.looseObject({ customer: relation, contact_person: noRel }),
  department: noRel,
  estimated_value: orNull(moneyOut),
  estimated_closing_date: orNull(z.string()),
  estimated_probability: orNull(z.number()),
  weighted_value: orNull(moneyOut),
  purchase_order_number: str,
  current_phase: noRel,
  responsible_user: noRel,
  closed_at: orNull(z.string()),
  source: noRel,
  quotations: list(relation),
  created_at: str,
  updated_at: str,
  web_url: str,
  custom_fields: list(customFieldOut),
  currency_exchange_rate: exchangeRateOut,
  pipeline: noRel,
});
export type TeamleaderDeal = z.infer<typeof dealOut>;

/** deals.list items: the info fields without `quotations` and `phase_history`. */
export const dealListItemOut = dealOut.omit({ quotations: true });
export type TeamleaderDealListItem = z.infer<typeof dealListItemOut>;

export const quotationOut = z.looseObject({
  id: z.string(),
  deal: relation,
  grouped_lines: groupedLinesOut,
  currency: str,
  currency_exchange_rate: exchangeRateOut,
  total: z.looseObject({ tax_exclusive: moneyOut, tax_inclusive: moneyOut, taxes: list(taxLineOut) }),
  discounts: list(z.unknown()),
  created_at: str,
  updated_at: str,
  status: str,
  name: str,
  text: str,
  document_template: noRel,
});
export type TeamleaderQuotation = z.infer<typeof quotationOut>;

/** quotations.list items: no lines, discounts or text (quotations.info has those). */
export const quotationListItemOut = quotationOut.omit({ grouped_lines: true, discounts: true, text: true, currency: true, document_template: true });
export type TeamleaderQuotationListItem = z.infer<typeof quotationListItemOut>;

const invoiceeOut = z.looseObject({
  name: str,
  vat_number: str,
  customer: relation,
  for_attention_of: z.looseObject({ name: str, contact: rel }).nullish(),
  email: str,
  national_identification_number: str,
});

const invoiceCommon = {
  id: z.string(),
  department: rel,
  invoice_number: str,
  invoice_date: str,
  status: z.string(),
  due_on: str,
  paid: bool,
  paid_at: str,
  sent: bool,
  purchase_order_number: str,
  payment_reference: str,
  invoicee: invoiceeOut,
  currency_exchange_rate: exchangeRateOut,
  created_at: str,
  updated_at: str,
  web_url: str,
  file: rel,
  deal: rel,
  project: rel,
};

export const invoiceListItemOut = z.looseObject({
  ...invoiceCommon,
  total: z.looseObject({
    tax_exclusive: moneyOut,
    tax_inclusive: moneyOut,
    payable: moneyOut.nullish(),
    taxes: list(taxLineOut),
    due: moneyOut.nullish(),
  }),
});
export type TeamleaderInvoiceListItem = z.infer<typeof invoiceListItemOut>;

export const invoiceInfoOut = z.looseObject({
  ...invoiceCommon,
  total: z.looseObject({
    tax_exclusive: moneyOut,
    tax_exclusive_before_discount: moneyOut.nullish(),
    tax_inclusive: moneyOut,
    tax_inclusive_before_discount: moneyOut.nullish(),
    taxes: list(taxLineOut),
    payable: moneyOut.nullish(),
    due: moneyOut.nullish(),
  }),
  discounts: list(z.unknown()),
  grouped_lines: groupedLinesOut,
  payment_term: paymentTermOut.nullish(),
  payments: list(z.looseObject({ paid_at: str, payment: moneyOut })),
  note: str,
  currency: str,
  expected_payment_method: z.looseObject({ method: z.string() }).nullish(),
  on_hold_since: str,
  custom_fields: list(customFieldOut),
  document_template: noRel,
});
export type TeamleaderInvoice = z.infer<typeof invoiceInfoOut>;

// ---------------------------------------------------------------- credit notes

/** A credit note's invoicee: an invoice's without `for_attention_of`. */
const creditNoteInvoiceeOut = invoiceeOut.omit({ for_attention_of: true });

/** creditNotes.list items. The only status is `booked`; `invoice` is null for a credit note of no invoice. */
export const creditNoteListItemOut = z.looseObject({
  id: z.string(),
  department: rel,
  credit_note_number: str,
  credit_note_date: str,
  status: z.string(),
  invoice: rel,
  paid: bool,
  paid_at: str,
  invoicee: creditNoteInvoiceeOut,
  total: z.looseObject({
    tax_exclusive: moneyOut,
    tax_inclusive: moneyOut,
    payable: moneyOut.nullish(),
    taxes: list(taxLineOut),
  }),
  created_at: str,
  updated_at: str,
});
export type TeamleaderCreditNoteListItem = z.infer<typeof creditNoteListItemOut>;

/** creditNotes.info: the list item plus the lines (§6.2), discounts, currency and template. */
export const creditNoteInfoOut = creditNoteListItemOut.extend({
  discounts: list(z.unknown()),
  grouped_lines: groupedLinesOut,
  currency: str,
  currency_exchange_rate: exchangeRateOut,
  document_template: noRel,
});
export type TeamleaderCreditNote = z.infer<typeof creditNoteInfoOut>;

/**
 * creditNotes.info's `data`. The blueprint shows an array of credit notes here, where every other
 * `.info` has one object; the reference calls it a likely documentation slip and expects an object
 * [I]. Both are read: an object, or an array of exactly one credit note, taken as that one. Any
 * other array (empty, or more than one) is an unexpected shape, not a guess at which one was meant.
 */
export const creditNoteInfoData = z.union([creditNoteInfoOut, z.tuple([creditNoteInfoOut]).transform(([only]) => only)]);

/** `{ data: { type, id } }` of the create endpoints (201). */
export const createdOut = z.looseObject({ data: z.looseObject({ type: z.string(), id: z.string() }) });

export const envelope = <T extends z.ZodType>(data: T) => z.looseObject({ data });
