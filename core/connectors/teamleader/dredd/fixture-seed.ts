/**
 * The two sandbox seeds the dredd run uses, with the same ids:
 * - `dreddFixtureSeed`: one of everything, with every optional field filled in, so that each answer
 *   carries every property the blueprint documents. Contact, company and product also match the
 *   example filters of the blueprint's list requests ("James", info@piedpiper.eu, tags
 *   expo/prospect, "cookies"), so those lists return a record instead of an empty page.
 * - `dreddRequiredOnlyFixtureSeed`: the same records with only their required fields, so that each answer
 *   shows how the sandbox renders a property without a value (the blueprint types many of them
 *   non-nullable, so `null` is wrong there).
 * Each credit endpoint gets its own booked invoice, because a credit note lowers what is left to
 * credit: invoices.credit credits `invoiceToCredit`, invoices.creditPartially `invoiceBooked`, and the
 * seeded `creditNote` already credits `invoiceCredited`.
 */
import { demoId } from '../../demo-shop';
import { parseTeamleaderSeed, type TeamleaderSeed } from '../sandbox/seed-schema';

const id = (kind: string) => demoId(`teamleader.dredd.${kind}`, '1');

export const dreddIds = {
  account: id('account'),
  user: id('user'),
  department: id('department'),
  taxRate: id('taxRate'),
  paymentTerm: id('paymentTerm'),
  paymentMethod: id('paymentMethod'),
  productCategory: id('productCategory'),
  pipeline: id('pipeline'),
  phase: id('phase'),
  contact: id('contact'),
  company: id('company'),
  product: id('product'),
  deal: id('deal'),
  quotation: id('quotation'),
  invoiceBooked: id('invoiceBooked'),
  invoiceDraft: id('invoiceDraft'),
  /** Credited completely by the blueprint's invoices.credit example (invoices.creditPartially credits invoiceBooked). */
  invoiceToCredit: id('invoiceToCredit'),
  /** The invoice `creditNote` credits; creditNotes.list's example filters on it. */
  invoiceCredited: id('invoiceCredited'),
  creditNote: id('creditNote'),
  businessType: id('businessType'),
  source: id('source'),
  documentTemplate: id('documentTemplate'),
  customField: id('customField'),
};

const stamp = '2024-02-05T16:44:33+00:00';
const line = {
  quantity: 3,
  description: 'An awesome product',
  extended_description: 'Some more information about this awesome product',
  unit_price: { amount: 123.3, tax: 'excluding' as const },
  tax_rate_id: dreddIds.taxRate,
  discount: { value: 10, type: 'percentage' as const },
  product_id: dreddIds.product,
};

const creditedLines = [{ section: { title: 'Hardware' }, line_items: [{ ...line, product_category_id: dreddIds.productCategory, unit_of_measure_id: 'f79d3e04-b8dc-0637-8f18-ca7c8fc63b71' }] }];

export function dreddFixtureSeed(): TeamleaderSeed {
  return parseTeamleaderSeed({
    account: { id: dreddIds.account },
    users: [
      {
        id: dreddIds.user,
        first_name: 'John',
        last_name: 'Smith',
        email: 'john@example.com',
        telephones: [{ type: 'phone', number: '092980615' }],
        language: 'nl-BE',
        function: 'Sales',
        time_zone: 'Europe/Brussels',
      },
    ],
    departments: [{ id: dreddIds.department, name: 'Pied Piper', vat_number: 'BE0899623035', currency: 'EUR', emails: [{ type: 'primary', email: 'info@piedpiper.eu' }] }],
    taxRates: [{ id: dreddIds.taxRate, description: '21%', rate: 0.21, department_id: dreddIds.department }],
    paymentTerms: [{ id: dreddIds.paymentTerm, type: 'cash' }],
    paymentMethods: [{ id: dreddIds.paymentMethod, name: 'Coupons' }],
    productCategories: [{ id: dreddIds.productCategory, name: 'Asian Flowers', ledgers: [{ department_id: dreddIds.department, ledger_account_number: '70100' }] }],
    dealPipelines: [{ id: dreddIds.pipeline, name: 'Sales', phases: [{ id: dreddIds.phase, name: 'New' }] }],
    companies: [
      {
        id: dreddIds.company,
        name: 'Acme Pied Piper',
        business_type_id: dreddIds.businessType,
        vat_number: 'BE0899623035',
        national_identification_number: '63326426',
        emails: [{ type: 'primary', email: 'info@piedpiper.eu' }],
        telephones: [{ type: 'phone', number: '092980615' }],
        website: 'https://piedpiper.com',
        addresses: [{ type: 'primary', address: { line_1: 'Dok Noord 3A 101', postal_code: '9000', city: 'Ghent', country: 'BE' } }],
        iban: 'BE12123412341234',
        bic: 'BICBANK',
        language: 'nl',
        preferred_currency: 'EUR',
        payment_term: { type: 'cash' },
        responsible_user_id: dreddIds.user,
        remarks: 'First contact at expo',
        tags: ['expo', 'lead', 'prospect'],
        custom_fields: [{ id: dreddIds.customField, value: '092980616' }],
        added_at: stamp,
        updated_at: stamp,
      },
    ],
    contacts: [
      {
        id: dreddIds.contact,
        first_name: 'James',
        last_name: 'Bachman',
        salutation: 'Mr',
        emails: [{ type: 'primary', email: 'info@piedpiper.eu' }],
        telephones: [{ type: 'phone', number: '092980615' }],
        website: 'https://piedpiper.com',
        addresses: [
          { type: 'primary', address: { line_1: 'Dok Noord 3A 101', postal_code: '9000', city: 'Ghent', country: 'BE' } },
          { type: 'invoicing', address: { addressee: 'Teamleader HQ', line_1: 'Dok Noord 3A 101', postal_code: '9000', city: 'Ghent', country: 'BE' } },
        ],
        language: 'en',
        gender: 'unknown',
        birthdate: '1987-04-25',
        iban: 'BE12123412341234',
        bic: 'BICBANK',
        national_identification_number: '00051730-A',
        vat_number: 'BE0899623034',
        payment_term: { type: 'cash' },
        remarks: 'First contact at expo',
        tags: ['expo', 'prospect'],
        custom_fields: [{ id: dreddIds.customField, value: '092980616' }],
        companies: [{ company_id: dreddIds.company, position: 'Developer', secondary_position: 'Technical lead', division: 'Engineering', decision_maker: true }],
        added_at: stamp,
        updated_at: stamp,
      },
    ],
    products: [
      {
        id: dreddIds.product,
        name: 'cookies',
        code: 'COOK-DARKCHOC-42',
        description: 'dark chocolate',
        purchase_price: { amount: 50, currency: 'EUR' },
        selling_price: { amount: 123.3, currency: 'EUR' },
        stock: { amount: 123 },
        configuration: { stock_threshold: { minimum: 4, action: 'notify' } },
        department_id: dreddIds.department,
        product_category_id: dreddIds.productCategory,
        tax_rate_id: dreddIds.taxRate,
        custom_fields: [{ id: dreddIds.customField, value: '092980616' }],
        added_at: stamp,
        updated_at: stamp,
      },
    ],
    deals: [
      {
        id: dreddIds.deal,
        title: 'Interesting deal',
        summary: 'Additional information',
        reference: '2024/1',
        status: 'won',
        lead: { customer: { type: 'company', id: dreddIds.company }, contact_person_id: dreddIds.contact },
        source_id: dreddIds.source,
        department_id: dreddIds.department,
        responsible_user_id: dreddIds.user,
        phase_id: dreddIds.phase,
        estimated_value: { amount: 1000, currency: 'EUR' },
        estimated_probability: 0.5,
        estimated_closing_date: '2024-05-09',
        purchase_order_number: '000023',
        currency: { code: 'EUR', exchange_rate: 1 },
        custom_fields: [{ id: dreddIds.customField, value: '092980616' }],
        closed_at: '2024-05-09T11:31:30+00:00',
        created_at: stamp,
        updated_at: stamp,
      },
    ],
    quotations: [
      {
        id: dreddIds.quotation,
        deal_id: dreddIds.deal,
        name: 'Webdevelopment',
        currency: { code: 'EUR', exchange_rate: 1 },
        grouped_lines: [{ section: { title: 'Hardware' }, line_items: [{ ...line, purchase_price: { amount: 50, currency: 'EUR' }, periodicity: { unit: 'month', period: 1 } }] }],
        discounts: [{ type: 'percentage', value: 15.5, description: 'winter promotion' }],
        text: 'Quotation text',
        document_template_id: dreddIds.documentTemplate,
        created_at: stamp,
        updated_at: stamp,
      },
    ],
    invoices: [
      {
        id: dreddIds.invoiceBooked,
        department_id: dreddIds.department,
        invoicee: { customer: { type: 'company', id: dreddIds.company }, for_attention_of: { contact_id: dreddIds.contact } },
        payment_term: { type: 'after_invoice_date', days: 30 },
        currency: { code: 'EUR', exchange_rate: 1 },
        purchase_order_number: '000023',
        grouped_lines: [{ section: { title: 'Hardware' }, line_items: [{ ...line, product_category_id: dreddIds.productCategory }] }],
        invoice_date: '2024-02-04',
        discounts: [{ type: 'percentage', value: 15.5, description: 'winter promotion' }],
        note: 'Some extra remarks about the invoice',
        expected_payment_method: { method: 'bank_transfer' },
        custom_fields: [{ id: dreddIds.customField, value: '092980616' }],
        document_template_id: dreddIds.documentTemplate,
        status: 'outstanding',
        invoice_number: '2024 / 1',
        payment_reference: '+++084/2613/66074+++',
        deal_id: dreddIds.deal,
        created_at: stamp,
        updated_at: stamp,
      },
      {
        id: dreddIds.invoiceDraft,
        department_id: dreddIds.department,
        invoicee: { customer: { type: 'contact', id: dreddIds.contact } },
        payment_term: { type: 'cash' },
        grouped_lines: [{ line_items: [line] }],
        document_template_id: dreddIds.documentTemplate,
        created_at: stamp,
        updated_at: stamp,
      },
      {
        id: dreddIds.invoiceToCredit,
        department_id: dreddIds.department,
        invoicee: { customer: { type: 'contact', id: dreddIds.contact } },
        payment_term: { type: 'cash' },
        grouped_lines: [{ line_items: [line] }],
        invoice_date: '2024-02-04',
        status: 'outstanding',
        invoice_number: '2024 / 2',
        created_at: stamp,
        updated_at: stamp,
      },
      {
        id: dreddIds.invoiceCredited,
        department_id: dreddIds.department,
        invoicee: { customer: { type: 'company', id: dreddIds.company } },
        payment_term: { type: 'cash' },
        currency: { code: 'EUR', exchange_rate: 1 },
        // The project of creditNotes.list's example filter: a credit note's project is its invoice's.
        project_id: '082e6289-30c5-45ad-bcd0-190b02d21e81',
        grouped_lines: creditedLines,
        invoice_date: '2022-06-01',
        status: 'outstanding',
        invoice_number: '2022 / 1',
        created_at: stamp,
        updated_at: stamp,
      },
    ],
    creditNotes: [
      {
        id: dreddIds.creditNote,
        department_id: dreddIds.department,
        invoice_id: dreddIds.invoiceCredited,
        credit_note_number: '2022 / 1',
        // Within creditNotes.list's example dates (2022-01-01 inclusive to 2023-01-01 exclusive).
        credit_note_date: '2022-06-15',
        invoicee: { customer: { type: 'company', id: dreddIds.company } },
        currency: { code: 'EUR', exchange_rate: 1 },
        grouped_lines: creditedLines,
        discounts: [{ type: 'percentage', value: 15.5, description: 'winter promotion' }],
        document_template_id: dreddIds.documentTemplate,
        paid: true,
        paid_at: '2022-07-01T10:00:00+00:00',
        created_at: stamp,
        updated_at: stamp,
      },
    ],
  });
}

const requiredLine = { quantity: 1, description: 'Cookies', unit_price: { amount: 2.5, tax: 'excluding' as const }, tax_rate_id: dreddIds.taxRate };

const requiredBooked = {
  department_id: dreddIds.department,
  invoicee: { customer: { type: 'company' as const, id: dreddIds.company } },
  payment_term: { type: 'cash' as const },
  grouped_lines: [{ line_items: [requiredLine] }],
  status: 'outstanding' as const,
};

/**
 * Only what the seed format requires (the API's required fields, plus what Teamleader itself always
 * keeps: a deal's reference, a booked invoice's status). The pipeline keeps one phase because the
 * blueprint's deals.create example starts the deal in it.
 */
export function dreddRequiredOnlyFixtureSeed(): TeamleaderSeed {
  return parseTeamleaderSeed({
    account: { id: dreddIds.account },
    users: [{ id: dreddIds.user, first_name: 'John', last_name: 'Smith', email: 'john@example.com' }],
    departments: [{ id: dreddIds.department, name: 'Pied Piper' }],
    taxRates: [{ id: dreddIds.taxRate, description: '21%', rate: 0.21, department_id: dreddIds.department }],
    paymentTerms: [{ id: dreddIds.paymentTerm, type: 'cash' }],
    paymentMethods: [{ id: dreddIds.paymentMethod, name: 'Coupons' }],
    productCategories: [{ id: dreddIds.productCategory, name: 'Asian Flowers' }],
    dealPipelines: [{ id: dreddIds.pipeline, name: 'Sales', phases: [{ id: dreddIds.phase, name: 'New' }] }],
    companies: [{ id: dreddIds.company, name: 'Acme Pied Piper' }],
    contacts: [{ id: dreddIds.contact, last_name: 'Bachman' }],
    products: [{ id: dreddIds.product, name: 'cookies' }],
    deals: [{ id: dreddIds.deal, title: 'Interesting deal', reference: '2024/1', lead: { customer: { type: 'company', id: dreddIds.company } } }],
    quotations: [{ id: dreddIds.quotation, deal_id: dreddIds.deal, grouped_lines: [{ line_items: [requiredLine] }] }],
    invoices: [
      {
        id: dreddIds.invoiceBooked,
        department_id: dreddIds.department,
        invoicee: { customer: { type: 'company', id: dreddIds.company } },
        payment_term: { type: 'cash' },
        // Enough to cover invoices.creditPartially's example lines (3 × 123.30 less 10 % and 15.5 %, with VAT: 340.39).
        grouped_lines: [{ line_items: [{ ...requiredLine, quantity: 200 }] }],
        status: 'outstanding',
      },
      {
        id: dreddIds.invoiceDraft,
        department_id: dreddIds.department,
        invoicee: { customer: { type: 'contact', id: dreddIds.contact } },
        payment_term: { type: 'cash' },
        grouped_lines: [{ line_items: [requiredLine] }],
      },
      { ...requiredBooked, id: dreddIds.invoiceToCredit },
      { ...requiredBooked, id: dreddIds.invoiceCredited },
    ],
    // No lines, no invoice: a credit note's required fields only.
    creditNotes: [{ id: dreddIds.creditNote, department_id: dreddIds.department, invoicee: { customer: { type: 'company', id: dreddIds.company } } }],
  });
}
