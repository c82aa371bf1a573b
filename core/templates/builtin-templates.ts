/** The five seed flows of the MplusKASSA ⇄ Teamleader integration (MISSION ORD-*, CUS-*, PRD-*). */
import { z } from 'zod';
import { ui } from '../nodes/define-node';
import { defineTemplate, type TemplateDef } from './define-template';
import { firstRun, updateExistingCustomers, valueTable, vatMethod } from './settings-fields';

export const customersTeamleaderToMplus = defineTemplate({
  id: 'customers-teamleader-to-mplus',
  version: 1,
  name: 'Customers: Teamleader → MplusKASSA',
  description: 'People and companies from Teamleader become customers in MplusKASSA, matched by email: created when new, updated when changed.',
  apps: ['teamleader', 'mplus'],
  file: 'customers-teamleader-to-mplus.flow.json',
  settings: z.object({
    firstRun,
    updateExistingCustomers,
    vatMethodByCountry: valueTable('VAT method per country', 'How MplusKASSA charges VAT to customers from each country (country code → VAT method), e.g. shifted (reverse charge) for business customers abroad.', [
      { from: 'NL', to: 'VAT-METHOD-INCLUSIVE' },
      { from: 'BE', to: 'VAT-METHOD-INCLUSIVE' },
      { from: 'DE', to: 'VAT-METHOD-INCLUSIVE' },
      { from: 'FR', to: 'VAT-METHOD-INCLUSIVE' },
      { from: 'LU', to: 'VAT-METHOD-INCLUSIVE' },
    ]),
    otherCountries: z
      .enum(['fail', 'default'])
      .default('fail')
      .meta(ui({ label: 'A customer from a country not in the table', help: 'fail: the customer fails, naming the country, so no one gets a VAT method by accident; default: such customers get the VAT method below.' })),
    defaultVatMethod: vatMethod.default('VAT-METHOD-INCLUSIVE').meta(ui({ label: 'VAT method for other countries', showWhen: { otherCountries: ['default'] } })),
  }),
});

export const ordersTeamleaderToMplus = defineTemplate({
  id: 'orders-teamleader-to-mplus',
  version: 1,
  name: 'Orders: Teamleader → MplusKASSA',
  description: 'Invoices (and quotations, if you like) made in Teamleader become orders or invoices in MplusKASSA, with the customer found by email and every product checked.',
  apps: ['teamleader', 'mplus'],
  file: 'orders-teamleader-to-mplus.flow.json',
  settings: z.object({
    firstRun,
    sendInvoices: z.boolean().default(true).meta(ui({ label: 'Send Teamleader invoices', help: 'Booked invoices made in Teamleader go to MplusKASSA.' })),
    sendQuotations: z.boolean().default(false).meta(ui({ label: 'Send Teamleader quotations', help: 'Quotations made in Teamleader go to MplusKASSA too. A quotation and the invoice made from its deal are one sale, booked once: a quotation whose deal is invoiced is skipped (the invoice goes instead); an invoice whose deal’s quotation is already in MplusKASSA is skipped when its total is the same, and fails naming both totals when not.' })),
    sendCreditNotes: z.boolean().default(true).meta(ui({ label: 'Send Teamleader credit notes', help: 'A credit note booked in Teamleader goes to MplusKASSA as a document of negative amounts, once, when the invoice it credits is there. One whose invoice is not there yet fails, and is tried again at every run.' })),
    onlyPaidInvoices: z.boolean().default(false).meta(ui({ label: 'Only paid invoices', help: 'On: an invoice is sent once it is paid. Off: as soon as it is booked.' })),
    mplusDocument: z.enum(['order', 'invoice']).default('order').meta(ui({ label: 'Create them in MplusKASSA as', help: 'An order (to deliver and settle at the till) or an invoice.' })),
    employeeNumber: z.number({ error: 'must be a number (the MplusKASSA employee number)' }).int('must be a whole number').min(1, 'must be 1 or more').default(999999).meta(ui({ label: 'Employee number', help: 'The MplusKASSA employee the orders are booked by (required by MplusKASSA; 999999 is the standard one).' })),
    useDefaultDebtor: z.boolean().default(false).meta(ui({ label: 'Book every order on one customer', help: 'On: all orders go on the default customer below instead of each customer’s own.' })),
    defaultDebtorNumber: z.number().int().min(1).default(1).meta(ui({ label: 'Default customer (MplusKASSA customer number)', showWhen: { useDefaultDebtor: [true] } })),
    updateExistingCustomers,
    paymentMethods: valueTable('Payment methods (Teamleader → MplusKASSA)', 'Each payment method Teamleader expects and the MplusKASSA payment method it becomes.', [
      { from: 'cash', to: 'CONTANT' },
      { from: 'payment_card', to: 'PIN' },
      { from: 'bank_transfer', to: 'OVERBOEKING' },
      { from: 'credit_card', to: 'CREDITCARD' },
      { from: 'direct_debit', to: 'OVERBOEKING' },
    ]),
    paymentTerms: valueTable('Payment terms (Teamleader → days in MplusKASSA)', 'Each Teamleader payment term and the number of days the customer has to pay in MplusKASSA.', [
      { from: 'cash', to: 0 },
      { from: 'after_invoice_date', to: 14 },
      { from: 'end_of_month', to: 30 },
    ]),
    deliveryMethod: z.string().default('AFHALEN').meta(ui({ label: 'Shipping method in MplusKASSA', help: 'The MplusKASSA delivery method the orders get (Teamleader invoices carry none).' })),
    vatCodes: valueTable('VAT codes (percentage → MplusKASSA VAT code)', 'Which MplusKASSA VAT code each VAT percentage on a Teamleader line is. A percentage that is not here fails the order, naming it.', [
      { from: '21', to: 2 },
      { from: '9', to: 1 },
      { from: '0', to: 3 },
    ]),
    vatCodeByCountry: valueTable('VAT code per country', 'For customers in these countries every line gets this VAT code instead (e.g. 0 % for exports).', []),
    revenueAccountByCountry: valueTable('Revenue account per country', 'The MplusKASSA turnover group the lines of customers in each country are booked on. An order from a country that is not here fails, naming the country, unless “Book other countries on one revenue account” is on.', [
      { from: 'NL', to: 1 },
      { from: 'BE', to: 2 },
      { from: 'DE', to: 3 },
      { from: 'FR', to: 4 },
      { from: 'LU', to: 5 },
    ]),
    useDefaultRevenueAccount: z
      .boolean()
      .default(false)
      .meta(ui({ label: 'Book other countries on one revenue account', help: 'Off: an order from a country that is not in “Revenue account per country” fails, naming the country, so nothing is booked on the wrong account. On: such orders are booked on the account below.' })),
    defaultRevenueAccount: z.number().int().min(1).default(1).meta(ui({ label: 'Revenue account for other countries', showWhen: { useDefaultRevenueAccount: [true] } })),
  }),
});

const department = z.string().default('').meta(ui({ label: 'Teamleader department', placeholder: '(the default department)', help: 'The department (company) documents and products are made in: its name. Empty: the default one.' }));
const updateProductInformation = z
  .boolean()
  .default(true)
  .meta(ui({ label: 'Update product information', help: 'On: existing products follow the other app (name, price, VAT). Off: existing products keep their fields, so what you added later is not overwritten; only new products are created.' }));
const productFilter = z
  .string()
  .min(1)
  .default('true')
  .meta(ui({ label: 'Which products sync', widget: 'jsonata', help: 'A condition each product must meet, e.g. active = true, or $substring($string(articleNumber), 0, 1) = "1". true: all of them.' }));

export const ordersMplusToTeamleader = defineTemplate({
  id: 'orders-mplus-to-teamleader',
  version: 2,
  changes: {
    2: 'A refund made at the till (a credit invoice) goes to Teamleader only once the sale it refunds is there, and not at all when sales go as quotations; before, it could arrive without its sale and lower the books. A product an order makes in Teamleader gets the MplusKASSA article’s name and price, no longer the order line’s, which the products flow could carry back over the till’s price.',
  },
  name: 'Orders: MplusKASSA → Teamleader',
  description: 'Orders made at the till (or MplusKASSA invoices) become invoices or quotations in Teamleader, with the customer found by email and every product made sure of.',
  apps: ['mplus', 'teamleader'],
  file: 'orders-mplus-to-teamleader.flow.json',
  settings: z.object({
    firstRun,
    sendOrders: z.boolean().default(true).meta(ui({ label: 'Send MplusKASSA orders', help: 'Orders made in MplusKASSA go to Teamleader.' })),
    sendInvoices: z.boolean().default(false).meta(ui({ label: 'Send MplusKASSA invoices', help: 'Invoices made in MplusKASSA go to Teamleader too. An order and the invoice made from it are one sale, sent once: an invoiced order is skipped (the invoice goes instead); an invoice whose order is already in Teamleader is skipped when its total is the same, and fails naming both totals when not.' })),
    teamleaderDocument: z.enum(['invoice', 'quotation']).default('invoice').meta(ui({ label: 'Create them in Teamleader as', help: 'An invoice, or a quotation (in a deal for the customer).' })),
    invoiceState: z.enum(['draft', 'book']).default('draft').meta(ui({ label: 'Invoices are', help: 'draft: left as drafts to check in Teamleader; book: booked at once, which gives them their number.', showWhen: { teamleaderDocument: ['invoice'] } })),
    updateExistingCustomers,
    missingProducts: z.enum(['create', 'fail']).default('create').meta(ui({ label: 'A product Teamleader does not have', help: 'create: make it from the order line; fail: fail the order and name the product, so it can be added first.' })),
    department,
    paymentTerm: z.enum(['account-default', 'cash', 'after_invoice_date', 'end_of_month']).default('account-default').meta(ui({ label: 'Payment term', help: 'The account’s default term, cash, or a number of days after the invoice date or after the end of the month.' })),
    paymentTermDays: z.number().int().min(0).default(14).meta(ui({ label: 'Days to pay', showWhen: { paymentTerm: ['after_invoice_date', 'end_of_month'] } })),
  }),
});

export const productsMplusToTeamleader = defineTemplate({
  id: 'products-mplus-to-teamleader',
  version: 1,
  name: 'Products: MplusKASSA → Teamleader',
  description: 'Articles from MplusKASSA become products in Teamleader, matched by SKU, with their price without VAT and their category.',
  apps: ['mplus', 'teamleader'],
  file: 'products-mplus-to-teamleader.flow.json',
  settings: z.object({
    firstRun,
    updateProductInformation,
    productFilter,
    priceIncludesVat: z.boolean().default(false).meta(ui({ label: 'Use the price including VAT', help: 'On: MplusKASSA’s price with VAT is converted to the price without VAT that Teamleader takes. Off: the price without VAT is used as it is.' })),
    categories: valueTable('Article groups → Teamleader categories', 'Each MplusKASSA article group number and the existing Teamleader product category it becomes. Teamleader cannot make categories through its API: a group without one is reported on the product.', [
      { from: '1', to: 'Koffie' },
      { from: '2', to: 'Thee' },
      { from: '3', to: 'Gebak' },
      { from: '4', to: 'Servies' },
      { from: '5', to: 'Cadeaus' },
      { from: '6', to: 'Kleding' },
    ]),
    department,
  }),
});

export const productsTeamleaderToMplus = defineTemplate({
  id: 'products-teamleader-to-mplus',
  version: 1,
  name: 'Products: Teamleader → MplusKASSA',
  description: 'Products from Teamleader become articles in MplusKASSA (SKUs must be digits only), and their categories become article groups.',
  apps: ['teamleader', 'mplus'],
  file: 'products-teamleader-to-mplus.flow.json',
  settings: z.object({
    firstRun,
    updateProductInformation,
    productFilter,
    vatCodes: valueTable('VAT codes (percentage → MplusKASSA VAT code)', 'Which MplusKASSA VAT code each VAT percentage is. A percentage that is not here fails the product, naming it.', [
      { from: '21', to: 2 },
      { from: '9', to: 1 },
      { from: '0', to: 3 },
    ]),
    revenueAccount: z.number().int().min(1).default(1).meta(ui({ label: 'Revenue account (MplusKASSA turnover group)', help: 'The turnover group new articles are booked on.' })),
  }),
});

export const builtinTemplates: TemplateDef[] = [ordersMplusToTeamleader, ordersTeamleaderToMplus, customersTeamleaderToMplus, productsMplusToTeamleader, productsTeamleaderToMplus];
