/**
 * Contacts, companies and products as the blueprint's list and info endpoints return them. A
 * property without a value follows render-common.ts: non-nullable text is `""`, other non-nullable
 * properties are left out, nullable ones are `null`.
 */
import type { CompanyRecord, ContactRecord, ProductRecord } from './seed-schema';
import { addresses, customFields, includes, present, primaryAddress, rel, text, webUrl, type RenderContext } from './render-common';

/** An email entry without an address (the seed allows one for contacts) is no email: `email` is a non-nullable string. */
const withAddress = <T extends { email: string | null }>(emails: T[]) => emails.filter((e): e is T & { email: string } => e.email !== null);

// ---------------------------------------------------------------- contacts and companies

function contactCommon(ctx: RenderContext, c: ContactRecord) {
  return {
    id: c.id,
    first_name: text(c.first_name),
    last_name: c.last_name,
    status: c.status,
    salutation: text(c.salutation),
    emails: withAddress(c.emails),
    telephones: c.telephones,
    website: text(c.website),
    gender: c.gender,
    // A date: "" is not one, so no birthdate is no property.
    ...present('birthdate', c.birthdate),
    iban: text(c.iban),
    bic: text(c.bic),
    national_identification_number: text(c.national_identification_number),
    language: text(c.language),
    payment_term: c.payment_term,
    invoicing_preferences: { electronic_invoicing_address: null },
    tags: c.tags,
    marketing_mails_consent: c.marketing_mails_consent,
    added_at: c.added_at,
    updated_at: c.updated_at,
    web_url: webUrl(ctx, 'contact_detail.php', c.id),
  };
}

export function contactListItem(ctx: RenderContext, c: ContactRecord, include?: string) {
  return {
    ...contactCommon(ctx, c),
    ...primaryAddress(c.addresses),
    ...(includes(include, 'custom_fields') ? { custom_fields: customFields(c.custom_fields) } : {}),
  };
}

export function contactInfo(ctx: RenderContext, c: ContactRecord) {
  return {
    ...contactCommon(ctx, c),
    vat_number: c.vat_number,
    addresses: addresses(c.addresses),
    // Typed plain strings here, unlike companies.info's related_contacts, where they are nullable.
    companies: c.companies.map((l) => ({
      position: text(l.position),
      secondary_position: text(l.secondary_position),
      division: text(l.division),
      decision_maker: l.decision_maker,
      company: { type: 'company', id: l.company_id },
    })),
    remarks: text(c.remarks),
    custom_fields: customFields(c.custom_fields),
  };
}

function companyCommon(ctx: RenderContext, c: CompanyRecord) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    ...present('business_type', rel('businessType', c.business_type_id)),
    vat_number: text(c.vat_number),
    national_identification_number: text(c.national_identification_number),
    emails: c.emails,
    telephones: c.telephones,
    website: text(c.website),
    iban: text(c.iban),
    bic: text(c.bic),
    language: text(c.language),
    preferred_currency: c.preferred_currency,
    payment_term: c.payment_term,
    invoicing_preferences: { electronic_invoicing_address: null },
    ...present('responsible_user', rel('user', c.responsible_user_id)),
    added_at: c.added_at,
    updated_at: c.updated_at,
    web_url: webUrl(ctx, 'company_detail.php', c.id),
    tags: c.tags,
    marketing_mails_consent: c.marketing_mails_consent,
  };
}

export function companyListItem(ctx: RenderContext, c: CompanyRecord, include?: string) {
  return {
    ...companyCommon(ctx, c),
    ...primaryAddress(c.addresses),
    ...(includes(include, 'custom_fields') ? { custom_fields: customFields(c.custom_fields) } : {}),
  };
}

export function companyInfo(ctx: RenderContext, c: CompanyRecord, include?: string) {
  const out: Record<string, unknown> = {
    ...companyCommon(ctx, c),
    addresses: addresses(c.addresses),
    remarks: text(c.remarks),
    custom_fields: customFields(c.custom_fields),
  };
  // Related companies are not modelled by the sandbox: always none.
  if (includes(include, 'related_companies')) out.related_companies = [];
  if (includes(include, 'related_contacts')) {
    out.related_contacts = ctx.store.state.contacts.flatMap((contact) =>
      contact.companies
        .filter((l) => l.company_id === c.id)
        .map((l) => ({
          type: 'contact',
          id: contact.id,
          position: l.position,
          secondary_position: l.secondary_position,
          division: l.division,
          is_decision_maker: l.decision_maker,
        })),
    );
  }
  return out;
}

// ---------------------------------------------------------------- products

/** products.list types `configuration` nullable; products.info types it `optional` (below). */
export function productListItem(_ctx: RenderContext, p: ProductRecord) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    code: p.code,
    unit: rel('unitOfMeasure', p.unit_of_measure_id),
    added_at: p.added_at,
    updated_at: p.updated_at,
    // "Only available when stock management feature is enabled": present when the record has stock.
    ...(p.stock ? { stock: p.stock } : {}),
    configuration: p.configuration ? { stock_threshold: p.configuration.stock_threshold ?? null } : null,
  };
}

export function productInfo(ctx: RenderContext, p: ProductRecord, include?: string) {
  const { configuration, ...listed } = productListItem(ctx, p);
  return {
    ...listed,
    ...present('configuration', configuration),
    purchase_price: p.purchase_price,
    selling_price: p.selling_price,
    tax: rel('taxRate', p.tax_rate_id),
    ...(includes(include, 'suppliers') ? { suppliers: [] } : {}),
    custom_fields: customFields(p.custom_fields),
    price_list_prices: p.price_list_prices.map((x) => ({ price_list: { type: 'priceList', id: x.price_list_id }, price: x.price })),
    product_category: rel('productCategory', p.product_category_id),
  };
}
