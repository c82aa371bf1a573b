/**
 * How the sandbox answers a property without a value (render-common.ts), in the places dredd's
 * example requests do not reach (dredd.test.ts runs every endpoint on records with only their
 * required fields): optional parts holding only their own required fields, `includes` that add
 * properties, an email entry without an address, an account without payment terms. Each answer must
 * satisfy the blueprint's response schema with no `null` where it allows none
 * (`expectedResponseSchema`, array items checked), and the empty values are the chosen ones.
 */
import Ajv2019 from 'ajv/dist/2019';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../demo-shop';
import { expectedResponseSchema, withoutMetaSchema } from '../blueprint/schema-tools';
import type { SincroEndpoint } from '../blueprint/sincro-endpoints';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './server';

const id = (kind: string) => demoId('teamleader.empty-values', kind);
const line = { quantity: 2, description: 'Cookies', unit_price: { amount: 2.5, tax: 'excluding' }, tax_rate_id: id('taxRate') };
const seed = {
  users: [{ id: id('user'), first_name: 'Jo', last_name: 'Maes', email: 'jo@example.com' }],
  departments: [{ id: id('department'), name: 'Shop' }],
  taxRates: [{ id: id('taxRate'), description: '21%', rate: 0.21, department_id: id('department') }],
  companies: [{ id: id('company'), name: 'Bakery' }],
  contacts: [
    {
      id: id('contact'),
      last_name: 'Maes',
      emails: [{ type: 'primary', email: null }],
      companies: [{ company_id: id('company') }],
    },
  ],
  products: [{ id: id('product'), code: 'COOK-1', configuration: { stock_threshold: null } }],
  deals: [{ id: id('deal'), title: 'Order', reference: '2026/1', lead: { customer: { type: 'company', id: id('company') } }, estimated_value: { amount: 100, currency: 'EUR' } }],
  quotations: [
    {
      id: id('quotation'),
      deal_id: id('deal'),
      grouped_lines: [{ line_items: [line] }],
      discounts: [{ type: 'percentage', value: 5 }],
      expiry: { action_after_expiry: 'none' },
    },
  ],
  invoices: [
    {
      id: id('invoice'),
      department_id: id('department'),
      invoicee: { customer: { type: 'contact', id: id('contact') } },
      payment_term: { type: 'cash' },
      grouped_lines: [{ section: { title: 'Bakery' }, line_items: [line] }],
      discounts: [{ type: 'percentage', value: 5 }],
      status: 'outstanding',
    },
  ],
  creditNotes: [
    {
      id: id('creditNote'),
      department_id: id('department'),
      invoice_id: id('invoice'),
      invoicee: { customer: { type: 'contact', id: id('contact') } },
      grouped_lines: [{ line_items: [line] }],
      discounts: [{ type: 'percentage', value: 5 }],
    },
  ],
};

const calls: [SincroEndpoint, Record<string, unknown>][] = [
  ['users.me', {}],
  ['departments.list', {}],
  ['paymentTerms.list', {}],
  ['contacts.list', { includes: 'custom_fields' }],
  ['contacts.info', { id: id('contact') }],
  ['companies.list', { includes: 'custom_fields' }],
  ['companies.info', { id: id('company'), includes: 'related_companies,related_contacts' }],
  ['products.list', {}],
  ['products.info', { id: id('product'), includes: 'suppliers' }],
  ['deals.list', { includes: 'custom_fields' }],
  ['deals.info', { id: id('deal') }],
  ['quotations.list', { includes: 'expiry' }],
  ['quotations.info', { id: id('quotation'), includes: 'expiry' }],
  ['invoices.list', { includes: 'late_fees' }],
  ['invoices.info', { id: id('invoice'), includes: 'late_fees' }],
  ['creditNotes.list', {}],
  ['creditNotes.info', { id: id('creditNote') }],
];

const ajv = new Ajv2019({ allErrors: true, strict: false });
let sandbox: TeamleaderSandbox;
let token: string;
const answers = new Map<SincroEndpoint, { data: Record<string, unknown> | Record<string, unknown>[]; meta?: unknown }>();

async function post(endpoint: SincroEndpoint, body: Record<string, unknown>) {
  const res = await fetch(`${sandbox.url}/${endpoint}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { data: Record<string, unknown> | Record<string, unknown>[]; meta?: unknown };
}

beforeAll(async () => {
  sandbox = await startTeamleaderSandbox({ seed });
  token = (await sandbox.issueTokens()).accessToken;
  for (const [endpoint, body] of calls) answers.set(endpoint, await post(endpoint, body));
});
afterAll(async () => {
  await sandbox?.close();
});

const info = (endpoint: SincroEndpoint) => answers.get(endpoint)?.data as Record<string, unknown>;

describe('a property without a value, as the blueprint allows it', () => {
  it('every answer matches the blueprint, with no null where it allows none', () => {
    const problems: Record<string, unknown> = {};
    for (const [endpoint] of calls) {
      const validate = ajv.compile(withoutMetaSchema(expectedResponseSchema(endpoint, { requiredOnly: true })));
      if (!validate(answers.get(endpoint))) problems[endpoint] = validate.errors?.slice(0, 5);
    }
    expect(problems).toEqual({});
  });

  it('text is "", anything else is left out', () => {
    const contact = info('contacts.info');
    expect(contact).toMatchObject({ first_name: '', salutation: '', remarks: '', website: '', language: '', vat_number: null, gender: null });
    expect(contact).not.toHaveProperty('birthdate');
    expect(contact.companies).toEqual([{ position: '', secondary_position: '', division: '', decision_maker: false, company: { type: 'company', id: id('company') } }]);
    const company = info('companies.info');
    expect(company).toMatchObject({ remarks: '', vat_number: '', preferred_currency: null });
    expect(company).not.toHaveProperty('business_type');
    expect(company).not.toHaveProperty('responsible_user');
    expect(company.related_contacts).toEqual([{ type: 'contact', id: id('contact'), position: null, secondary_position: null, division: null, is_decision_maker: false }]);
    expect(info('users.me')).toMatchObject({ function: '' });
  });

  it('an email entry without an address is not an email', () => {
    expect(info('contacts.info').emails).toEqual([]);
  });

  it('products: configuration is null in the list and left out of products.info when there is none', async () => {
    expect(info('products.info')).toMatchObject({ name: null, code: 'COOK-1', configuration: { stock_threshold: null } });
    sandbox.reset({ ...seed, products: [{ id: id('product'), name: 'Cookies' }] });
    expect((await post('products.info', { id: id('product') })).data).not.toHaveProperty('configuration');
    expect((await post('products.list', {})).data).toEqual([expect.objectContaining({ configuration: null })]);
  });

  it('a deal with a value but no probability or phase', () => {
    const deal = info('deals.info');
    expect(deal).toMatchObject({ estimated_value: { amount: 100, currency: 'EUR' }, weighted_value: { amount: 0, currency: 'EUR' }, summary: null, lost_reason: null });
    for (const key of ['estimated_probability', 'estimated_closing_date', 'closed_at', 'current_phase', 'pipeline', 'source', 'department', 'responsible_user']) expect(deal).not.toHaveProperty(key);
    expect(deal.lead).toEqual({ customer: { type: 'company', id: id('company') } });
  });

  it('documents: a discount without description, a line without section or extended description, an expiry without date', () => {
    const quotation = info('quotations.info');
    expect(quotation.discounts).toEqual([{ type: 'percentage', value: 5, description: '' }]);
    expect(quotation).toMatchObject({ expiry: { action_after_expiry: 'none' }, grouped_lines: [{ line_items: [expect.objectContaining({ extended_description: '' })] }] });
    expect(quotation.expiry).not.toHaveProperty('expires_after');
    expect((quotation.grouped_lines as object[])[0]).not.toHaveProperty('section');
    expect(quotation).not.toHaveProperty('document_template');
    const invoice = info('invoices.info');
    expect(invoice).toMatchObject({ grouped_lines: [{ section: { title: 'Bakery' }, line_items: [expect.objectContaining({ extended_description: null })] }] });
    expect(invoice.discounts).toEqual([{ type: 'percentage', value: 5, description: '' }]);
    expect(invoice).not.toHaveProperty('document_template');
    const creditNote = info('creditNotes.info');
    expect(creditNote.grouped_lines).toEqual([{ line_items: [expect.objectContaining({ extended_description: '', product: null, product_category: null, unit: null, discount: null })] }]);
    expect(creditNote.discounts).toEqual([{ type: 'percentage', value: 5, description: '' }]);
    expect(creditNote).toMatchObject({ paid_at: null, invoicee: { vat_number: null, email: null, national_identification_number: null } });
    expect(creditNote).not.toHaveProperty('document_template');
  });

  it('an account without payment terms has no default one', () => {
    expect(answers.get('paymentTerms.list')).toEqual({ data: [], meta: {} });
  });
});
