/**
 * Response shapes both ways:
 * - the blueprint's own example responses parse with the client's tolerant zod readers (the client
 *   accepts what Teamleader documents);
 * - the sandbox's answers, with the realistic demo data, validate against the blueprint's response
 *   JSON Schemas with array items checked and every documented property required, apart from those
 *   the sandbox leaves out when a record has no value for them (`leftOutWithoutValue`); no `null`
 *   where the blueprint types a property non-nullable (the sandbox answers like Teamleader documents).
 *   dredd.test.ts checks the same with the blueprint's example requests, on records with every field
 *   filled in and on records with only their required fields.
 */
import Ajv2019 from 'ajv/dist/2019';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueprintEndpoint, expectedResponseSchema, withoutMetaSchema } from './blueprint/schema-tools';
import type { SincroEndpoint } from './blueprint/sincro-endpoints';
import { demoIds } from './sandbox/demo-seed';
import {
  companyInfoOut,
  companyListItemOut,
  contactInfoOut,
  contactListItemOut,
  createdOut,
  creditNoteInfoData,
  creditNoteListItemOut,
  dealListItemOut,
  dealOut,
  departmentOut,
  envelope,
  invoiceInfoOut,
  invoiceListItemOut,
  paymentMethodOut,
  paymentTermsListOut,
  productCategoryOut,
  productInfoOut,
  productListItemOut,
  quotationListItemOut,
  quotationOut,
  taxRateOut,
  userOut,
} from './schemas-responses';
import { connectToSandbox, type Connected } from './test-support';

const readers: Partial<Record<SincroEndpoint, z.ZodType>> = {
  'users.me': envelope(userOut),
  'departments.list': envelope(z.array(departmentOut)),
  'contacts.list': envelope(z.array(contactListItemOut)),
  'contacts.info': envelope(contactInfoOut),
  'contacts.add': createdOut,
  'companies.list': envelope(z.array(companyListItemOut)),
  'companies.info': envelope(companyInfoOut),
  'companies.add': createdOut,
  'products.list': envelope(z.array(productListItemOut)),
  'products.info': envelope(productInfoOut),
  'products.add': createdOut,
  'productCategories.list': envelope(z.array(productCategoryOut)),
  'taxRates.list': envelope(z.array(taxRateOut)),
  'paymentTerms.list': paymentTermsListOut,
  'paymentMethods.list': envelope(z.array(paymentMethodOut)),
  'deals.create': createdOut,
  'deals.list': envelope(z.array(dealListItemOut)),
  'deals.info': envelope(dealOut),
  'quotations.create': createdOut,
  'quotations.list': envelope(z.array(quotationListItemOut)),
  'quotations.info': envelope(quotationOut),
  'invoices.list': envelope(z.array(invoiceListItemOut)),
  'invoices.info': envelope(invoiceInfoOut),
  'invoices.draft': createdOut,
  'invoices.credit': createdOut,
  'invoices.creditPartially': createdOut,
  'creditNotes.list': envelope(z.array(creditNoteListItemOut)),
  // The blueprint's example has `data` as an array of one credit note (a slip, see creditNoteInfoData).
  'creditNotes.info': envelope(creditNoteInfoData),
};

describe("the client's readers accept the blueprint's example responses", () => {
  for (const [endpoint, reader] of Object.entries(readers) as [SincroEndpoint, z.ZodType][]) {
    it(endpoint, () => {
      const example = blueprintEndpoint(endpoint).responseExample;
      const parsed = reader.safeParse(example);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    });
  }
});

const ajv = new Ajv2019({ allErrors: true, strict: false });
/** `requiredOnly`: the demo data leaves optional fields empty on many records. */
function responseValidator(endpoint: SincroEndpoint, requiredOnly = true) {
  return ajv.compile(withoutMetaSchema(expectedResponseSchema(endpoint, { requiredOnly })));
}

let c: Connected;
const calls: [SincroEndpoint, Record<string, unknown>][] = [];
beforeAll(async () => {
  c = await connectToSandbox();
  const dealId = await c.client.deals.create({ lead: { customer: { type: 'company', id: demoIds.company('c02') } }, title: 'Inrichting', estimated_value: { amount: 500, currency: 'EUR' } });
  const quotationId = await c.client.quotations.create({
    deal_id: dealId,
    grouped_lines: [{ line_items: [{ quantity: 1, description: 'Kopje', unit_price: { amount: 4, tax: 'excluding' }, tax_rate_id: demoIds.taxRate(21) }] }],
  });
  const booked = c.sandbox.state().invoices.find((i) => i.status === 'matched');
  const creditNoteId = await c.client.invoices.credit({ id: booked?.id ?? '' });
  calls.push(
    ['users.me', {}],
    ['departments.list', {}],
    ['contacts.list', { includes: 'custom_fields', page: { size: 100 } }],
    ['contacts.info', { id: demoIds.contact('c02') }],
    ['companies.list', { includes: 'custom_fields' }],
    ['companies.info', { id: demoIds.company('c02'), includes: 'related_companies,related_contacts' }],
    ['products.list', { page: { size: 100 } }],
    ['products.info', { id: demoIds.product('p001') }],
    ['productCategories.list', {}],
    ['taxRates.list', {}],
    ['paymentTerms.list', {}],
    ['paymentMethods.list', {}],
    ['deals.list', { includes: 'custom_fields' }],
    ['deals.info', { id: dealId }],
    ['quotations.list', {}],
    ['quotations.info', { id: quotationId }],
    ['invoices.list', { page: { size: 100 } }],
    ['invoices.info', { id: booked?.id ?? '' }],
    ['creditNotes.list', {}],
    ['creditNotes.info', { id: creditNoteId }],
  );
});
afterAll(async () => {
  await c.sandbox.close();
});

describe("the sandbox's answers match the blueprint's response schemas", () => {
  it('for every read endpoint', async () => {
    const problems: Record<string, unknown> = {};
    for (const [endpoint, body] of calls) {
      const validate = responseValidator(endpoint);
      const answer = await c.client.request(endpoint, body, z.unknown());
      if (!validate(answer)) problems[endpoint] = validate.errors?.slice(0, 5);
    }
    expect(problems).toEqual({});
  });

  it('for create answers', async () => {
    const validate = responseValidator('contacts.add');
    expect(validate(await c.client.request('contacts.add', { last_name: 'Test' }, z.unknown()))).toBe(true);
  });

  it("creditNotes.info is checked as an object, the blueprint's array being a documentation slip", () => {
    const validate = responseValidator('creditNotes.info', false);
    const example = blueprintEndpoint('creditNotes.info').responseExample as { data: Record<string, unknown>[] };
    const [note] = example.data;
    expect(validate(example)).toBe(false);
    expect(validate({ data: note })).toBe(true);
    delete note?.credit_note_number;
    expect(validate({ data: note })).toBe(false);
  });

  it('and the check notices a missing property, and a null where the blueprint allows none', () => {
    const validate = responseValidator('contacts.info');
    const example = blueprintEndpoint('contacts.info').responseExample as { data: Record<string, unknown> };
    expect(validate(example)).toBe(true);
    expect(validate({ data: { ...example.data, remarks: null } })).toBe(false);
    expect(validate({ data: { ...example.data, remarks: '' } })).toBe(true);
    delete example.data.remarks;
    expect(validate(example)).toBe(false);
  });

  it('a property the sandbox leaves out without a value may be missing only on records with empty data', () => {
    const example = blueprintEndpoint('companies.info').responseExample as { data: Record<string, unknown> };
    delete example.data.business_type;
    expect(responseValidator('companies.info', true)(example)).toBe(true);
    expect(responseValidator('companies.info', false)(example)).toBe(false);
  });
});
