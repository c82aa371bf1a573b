/**
 * What the client actually sends, checked with ajv against the request-body JSON Schemas of the
 * official blueprint (extracted by scripts/extract-blueprint-schemas.ts). The client is driven
 * against the sandbox with inputs that use every field its types allow, the sandbox records the
 * bodies, and each body must validate; keys the blueprint does not document are refused.
 */
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueprintEndpoint, blueprintMd5, forbidUnknownProperties, oneOfAsAnyOf, repairFixedTypeArtifacts, withoutMetaSchema, type JsonSchema } from './blueprint/schema-tools';
import { sincroEndpoints, type SincroEndpoint } from './blueprint/sincro-endpoints';
import { collect } from './paging';
import { demoId } from '../demo-shop';
import { demoIds } from './sandbox/demo-seed';
import { md5 } from './scripts/extract-blueprint-schemas';
import { connectToSandbox, type Connected } from './test-support';

const ajv = new Ajv2019({ allErrors: true, strict: false });

/**
 * products.list: `page` is not in the blueprint (archived 2025) but is in the current developer
 * portal ([P]); the client sends it, see paging.ts.
 */
const documentedElsewhere: Partial<Record<SincroEndpoint, Record<string, JsonSchema>>> = {
  'products.list': { page: { type: 'object', properties: { size: { type: 'number' }, number: { type: 'number' } } } },
};

function validatorFor(endpoint: SincroEndpoint) {
  const schema = blueprintEndpoint(endpoint).requestSchema;
  if (!schema) return null;
  return ajv.compile(forbidUnknownProperties(repairFixedTypeArtifacts(oneOfAsAnyOf(withoutMetaSchema(schema))), documentedElsewhere[endpoint]));
}

const cf = [{ id: '0da89a10-794d-021d-9b2c-1f71dcd22489', value: 'a value' }];
const address = { line_1: 'Veldstraat 1', postal_code: '9000', city: 'Gent', country: 'BE', area_level_two_id: 'db232cf8-ad4a-024b-941f-15a7a74f0fd2' };
const unit = 'f79d3e04-b8dc-0637-8f18-ca7c8fc63b71';

let c: Connected;
beforeAll(async () => {
  c = await connectToSandbox({ recordRequests: true });
  const { client } = c;
  const contactId = await client.contacts.add({
    first_name: 'Jan',
    last_name: 'Peeters',
    emails: [{ type: 'primary', email: 'jan@example.be' }],
    salutation: 'Mr',
    telephones: [{ type: 'mobile', number: '+32 470 00 00 00' }],
    website: 'https://jan.example.be',
    addresses: [{ type: 'primary', address }, { type: 'delivery', address: { ...address, addressee: 'Magazijn' } }],
    language: 'nl',
    gender: 'male',
    birthdate: '1980-01-31',
    iban: 'BE12123412341234',
    bic: 'GEBABEBB',
    national_identification_number: '80013112345',
    remarks: 'Kassaklant',
    tags: ['pos'],
    custom_fields: cf,
    marketing_mails_consent: false,
  });
  await client.contacts.update({
    id: contactId,
    first_name: null,
    last_name: 'Peeters',
    salutation: null,
    emails: [{ type: 'primary', email: 'jan@peeters.be' }],
    telephones: null,
    website: null,
    addresses: [{ type: 'invoicing', address }],
    language: 'fr',
    gender: null,
    birthdate: null,
    iban: null,
    bic: null,
    national_identification_number: '80013112345',
    remarks: null,
    tags: [],
    custom_fields: cf,
    marketing_mails_consent: true,
  });
  const companyId = await client.companies.add({
    name: 'Peeters BV',
    business_type_id: 'fd48d4a3-b9dc-4eac-8071-5889c9f21e5d',
    vat_number: 'BE0477472701',
    national_identification_number: '0477472701',
    emails: [{ type: 'primary', email: 'info@peeters.be' }, { type: 'invoicing', email: 'facturen@peeters.be' }],
    telephones: [{ type: 'phone', number: '09 123 45 67' }],
    website: 'https://peeters.be',
    addresses: [{ type: 'primary', address }],
    iban: 'BE12123412341234',
    bic: 'GEBABEBB',
    language: 'nl',
    responsible_user_id: demoIds.user,
    remarks: 'Groothandel',
    tags: ['b2b'],
    custom_fields: cf,
    marketing_mails_consent: false,
    preferred_currency: 'EUR',
  });
  await client.companies.update({
    id: companyId,
    name: 'Peeters NV',
    business_type_id: null,
    vat_number: null,
    national_identification_number: null,
    emails: [{ type: 'primary', email: 'info@peeters.be' }],
    telephones: [],
    website: 'https://peeters.be',
    addresses: [],
    iban: null,
    bic: null,
    language: null,
    responsible_user_id: null,
    remarks: null,
    tags: ['b2b', 'vip'],
    custom_fields: cf,
    marketing_mails_consent: true,
    preferred_currency: null,
  });
  await client.contacts.linkToCompany({ id: contactId, company_id: companyId, position: 'Zaakvoerder', decision_maker: true });

  const product = {
    description: 'Bonen',
    purchase_price: { amount: 5, currency: 'EUR' as const },
    selling_price: { amount: 9.5, currency: 'EUR' as const },
    unit_of_measure_id: unit,
    stock: { amount: 12 },
    configuration: { stock_threshold: { minimum: 2, action: 'notify' as const } },
    department_id: demoIds.department,
    product_category_id: demoIds.productCategory('Koffie'),
    tax_rate_id: demoIds.taxRate(9),
    custom_fields: cf,
  };
  const productId = await client.products.add({ name: 'Espresso 1kg', code: '3001', ...product });
  await client.products.add({ code: '3002' });
  await client.products.update({ id: productId, name: null, code: '3001', ...product, description: null, purchase_price: null, unit_of_measure_id: null, configuration: null });

  const dealId = await client.deals.create({
    lead: { customer: { type: 'company', id: companyId }, contact_person_id: contactId },
    title: 'Koffiemachine',
    summary: 'Voor kantoor',
    source_id: 'b38ebb9b-6e46-4bf4-a1e2-af747d6b64ae',
    department_id: demoIds.department,
    responsible_user_id: demoIds.user,
    estimated_value: { amount: 1000, currency: 'EUR' },
    estimated_probability: 0.25,
    estimated_closing_date: '2026-06-30',
    custom_fields: cf,
    currency: { code: 'EUR', exchange_rate: 1 },
  });
  const line = {
    quantity: 2,
    description: 'Espresso 1kg',
    extended_description: 'Vers gebrand',
    unit_of_measure_id: unit,
    unit_price: { amount: 9.5, tax: 'excluding' as const },
    tax_rate_id: demoIds.taxRate(9),
    discount: { value: 10, type: 'percentage' as const },
    product_id: productId,
  };
  const quotationId = await client.quotations.create({
    deal_id: dealId,
    currency: { code: 'EUR', exchange_rate: 1 },
    grouped_lines: [{ section: { title: 'Koffie' }, line_items: [{ ...line, purchase_price: { amount: 5, currency: 'EUR' }, periodicity: { unit: 'month', period: 1 } }] }],
    discounts: [{ type: 'percentage', value: 5, description: 'Vaste klant' }],
    text: 'Offerte',
    document_template_id: '179e1564-493b-4305-8c54-a34fc80920fc',
    expiry: { expires_after: '2026-07-31', action_after_expiry: 'lock' },
  });

  const invoiceLine = { ...line, withholding_tax_rate_id: 'c0c03f1e-77e3-402c-a713-30ea1c585824', product_category_id: demoIds.productCategory('Koffie') };
  const invoiceId = await client.invoices.draft({
    invoicee: { customer: { type: 'company', id: companyId }, for_attention_of: { contact_id: contactId } },
    department_id: demoIds.department,
    payment_term: { type: 'after_invoice_date', days: 14 },
    currency: { code: 'EUR', exchange_rate: 1 },
    project_id: '624ca743-8998-4f8c-add1-c427bb022166',
    purchase_order_number: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    grouped_lines: [{ section: { title: 'Koffie' }, line_items: [invoiceLine] }],
    invoice_date: '2026-03-01',
    discounts: [{ type: 'percentage', value: 5, description: 'Vaste klant' }],
    note: 'Kassabon 123',
    expected_payment_method: { method: 'payment_card' },
    custom_fields: cf,
    document_template_id: '179e1564-493b-4305-8c54-a34fc80920fc',
  });
  await client.invoices.update({
    id: invoiceId,
    invoicee: { customer: { type: 'contact', id: contactId }, for_attention_of: { name: 'Boekhouding' } },
    payment_term: { type: 'cash' },
    currency: { code: 'EUR' },
    project_id: '624ca743-8998-4f8c-add1-c427bb022166',
    purchase_order_number: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    grouped_lines: [{ line_items: [line] }],
    invoice_date: '2026-03-02',
    note: null,
    discounts: [],
    expected_payment_method: { method: 'sepa_direct_debit', reference: 'MANDATE-1' },
    custom_fields: [],
    document_template_id: '179e1564-493b-4305-8c54-a34fc80920fc',
  });
  await client.invoices.book({ id: invoiceId, on: '2026-03-02' });
  const creditNoteId = await client.invoices.creditPartially({
    id: invoiceId,
    credit_note_date: '2026-03-03',
    grouped_lines: [{ section: { title: 'Koffie' }, line_items: [invoiceLine] }],
    discounts: [{ type: 'percentage', value: 5, description: 'Vaste klant' }],
  });
  const bookedDemoInvoice = c.sandbox.state().invoices.find((i) => i.status !== 'draft')?.id ?? '';
  await client.invoices.credit({ id: bookedDemoInvoice, credit_note_date: '2026-03-04' });

  const since = new Date('2026-01-01T00:00:00Z');
  await collect(client.departments.list({ filter: { ids: [demoIds.department], status: ['active'] }, sort: [{ field: 'name', order: 'asc' }] }));
  await collect(
    client.contacts.list({
      filter: { email: { type: 'primary', email: 'jan@peeters.be' }, ids: [contactId], company_id: companyId, term: 'Peeters', updated_since: since, tags: [], status: 'active' },
      sort: [{ field: 'updated_at', order: 'desc' }],
      includes: 'custom_fields',
    }),
  );
  await collect(
    client.companies.list({
      filter: { email: { type: 'primary', email: 'info@peeters.be' }, ids: [companyId], term: 'Peeters', updated_since: since, tags: ['b2b'], vat_number: 'BE0477472701', status: 'active' },
      sort: [{ field: 'added_at' }],
      includes: 'custom_fields',
    }),
  );
  await collect(client.products.list({ filter: { ids: [productId], term: '3001', updated_since: since } }));
  await collect(client.productCategories.list({ filter: { department_id: demoIds.department } }));
  await collect(client.taxRates.list({ filter: { department_id: demoIds.department }, sort: [{ field: 'rate', order: 'desc' }] }));
  await collect(client.paymentTerms.list());
  await collect(client.paymentMethods.list({ filter: { ids: [demoIds.paymentMethod('cash')], status: ['active', 'archived'] } }));
  await collect(
    client.invoices.list({
      filter: {
        ids: [invoiceId],
        term: 'Peeters',
        invoice_number: '2026 / 1',
        department_id: demoIds.department,
        deal_id: dealId,
        project_id: '624ca743-8998-4f8c-add1-c427bb022166',
        subscription_id: '8631bbbf-bead-4f6e-a2ab-58ec9bbd997a',
        status: ['draft', 'outstanding', 'matched'],
        updated_since: since,
        purchase_order_number: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        payment_reference: '+++084/2613/66074+++',
        invoice_date_after: '2026-01-01',
        invoice_date_before: '2026-12-31',
        customer: { type: 'contact', id: contactId },
      },
      sort: [{ field: 'invoice_date', order: 'asc' }],
      includes: 'late_fees',
    }),
  );
  await collect(
    client.deals.list({
      filter: {
        ids: [dealId],
        term: 'Koffie',
        customer: { type: 'company', id: companyId },
        phase_id: demoId('teamleader.dealPhase', 'Nieuw'),
        estimated_closing_date: '2026-04-30',
        estimated_closing_date_from: '2026-01-01',
        estimated_closing_date_until: '2026-12-31',
        responsible_user_id: [demoIds.user],
        updated_since: since,
        created_before: new Date('2030-01-01T00:00:00Z'),
        status: ['open', 'won', 'lost'],
        pipeline_ids: [demoId('teamleader.dealPipeline', 'sales')],
      },
      sort: [{ field: 'weighted_value', order: 'desc' }],
      includes: 'custom_fields',
    }),
  );
  await collect(client.deals.list({ filter: { responsible_user_id: demoIds.user } }));
  await collect(client.quotations.list({ filter: { ids: [quotationId] } }));
  await client.users.me();
  await client.contacts.info(contactId);
  await client.companies.info(companyId, { includes: 'related_contacts' });
  await client.products.info(productId, { includes: 'suppliers' });
  await client.deals.info(dealId);
  await client.quotations.info(quotationId);
  await client.invoices.info(invoiceId);
  await collect(
    client.creditNotes.list({
      filter: {
        ids: [creditNoteId],
        department_id: demoIds.department,
        updated_since: since,
        invoice_id: invoiceId,
        project_id: '624ca743-8998-4f8c-add1-c427bb022166',
        customer: { type: 'contact', id: contactId },
        credit_note_date_after: '2026-03-01',
        credit_note_date_before: '2026-04-01',
      },
    }),
  );
  await client.creditNotes.info(creditNoteId);
});
afterAll(async () => {
  await c.sandbox.close();
});

it('the extracted schemas belong to this blueprint (rerun scripts/extract-blueprint-schemas.ts otherwise)', () => {
  const apib = readFileSync(new URL('./blueprint/apiary.apib', import.meta.url), 'utf8');
  expect(blueprintMd5).toBe(md5(apib));
});

it('the sandbox accepted every maximal request', () => {
  const refused = c.sandbox.requestLog().filter((r) => r.status >= 400);
  expect(refused).toEqual([]);
});

describe('every body the client sent validates against the blueprint', () => {
  for (const endpoint of sincroEndpoints) {
    it(endpoint, () => {
      const sent = c.sandbox.requestLog().filter((r) => r.endpoint === endpoint);
      expect(sent.length, `the client never called ${endpoint}`).toBeGreaterThan(0);
      const validate = validatorFor(endpoint);
      if (!validate) {
        // users.me and paymentTerms.list document no request body; the client sends `{}`.
        for (const r of sent) expect(r.body).toEqual({});
        return;
      }
      for (const r of sent) {
        const ok = validate(r.body);
        expect(ok ? [] : validate.errors, JSON.stringify(r.body)).toEqual([]);
      }
    });
  }
});

describe('the check itself', () => {
  it('refuses keys the blueprint does not document and missing required fields', () => {
    const validate = validatorFor('contacts.add');
    expect(validate?.({ last_name: 'A', lastname: 'typo' })).toBe(false);
    expect(validate?.({ first_name: 'A' })).toBe(false);
    const line = validatorFor('invoices.draft');
    const body = blueprintEndpoint('invoices.draft').requestExample as { grouped_lines: { line_items: Record<string, unknown>[] }[] };
    const first = body.grouped_lines[0]?.line_items[0];
    if (first) delete first.tax_rate_id;
    expect(line?.(body)).toBe(false);
  });

  it('accepts products.add with both name and code (see oneOfAsAnyOf)', () => {
    expect(validatorFor('products.add')?.({ name: 'Koffie', code: '1000' })).toBe(true);
    expect(validatorFor('products.add')?.({ description: 'neither' })).toBe(false);
  });
});
