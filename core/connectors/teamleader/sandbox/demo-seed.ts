/**
 * The Teamleader side of the demo shop (`buildDemoShop()`), as a sandbox seed. Every id comes from
 * `demoId('teamleader.<entity>', key)` so the MplusKASSA sandbox and tests can compute them:
 *
 * - contacts: person customers with inTeamleader → `demoId('teamleader.contact', customerKey)`;
 *   a company customer's contact person also gets `demoId('teamleader.contact', customerKey)` and is
 *   linked to the company (the company-without-contact edge case has none);
 * - companies: `demoId('teamleader.company', customerKey)`; the address-changed customer has its
 *   `teamleaderAddress` here;
 * - products with inTeamleader: `demoId('teamleader.product', productKey)`, code = SKU;
 * - product categories = the shop's groups (`demoId('teamleader.productCategory', group)`);
 * - tax rates 21/9/0 % (`demoId('teamleader.taxRate', '21')`), one department, the users.me user,
 *   payment terms and payment methods;
 * - invoices for the orders made in Teamleader (`demoId('teamleader.invoice', orderKey)`): every
 *   third a draft, the others booked (half of those paid); the already-synced one is booked;
 * - for the MplusKASSA order marked alreadySynced, a booked invoice whose `purchase_order_number` is
 *   the MplusKASSA order id, `demoId('mplus.order', orderKey)` without dashes.
 */
import { buildDemoShop, demoId, type DemoAddress, type DemoCustomer, type DemoOrder, type DemoShop } from '../../demo-shop';
import { parseTeamleaderSeed, type TeamleaderSeed, type TeamleaderSeedInput } from './seed-schema';
import { documentTotals } from '../document-totals';
import { structuredReference } from './totals';

type InvoiceInput = NonNullable<TeamleaderSeedInput['invoices']>[number];

export const demoIds = {
  account: demoId('teamleader.account', 'demo'),
  user: demoId('teamleader.user', 'owner'),
  department: demoId('teamleader.department', 'main'),
  taxRate: (percent: 21 | 9 | 0) => demoId('teamleader.taxRate', String(percent)),
  contact: (customerKey: string) => demoId('teamleader.contact', customerKey),
  company: (customerKey: string) => demoId('teamleader.company', customerKey),
  product: (productKey: string) => demoId('teamleader.product', productKey),
  productCategory: (group: string) => demoId('teamleader.productCategory', group),
  invoice: (orderKey: string) => demoId('teamleader.invoice', orderKey),
  paymentTerm: (key: string) => demoId('teamleader.paymentTerm', key),
  paymentMethod: (key: string) => demoId('teamleader.paymentMethod', key),
  /** The MplusKASSA order id as Teamleader stores it in `purchase_order_number` (32 hex digits). */
  mplusOrderNumber: (orderKey: string) => demoId('mplus.order', orderKey).replaceAll('-', ''),
};

const paymentMethodNames: Record<DemoOrder['paymentMethod'], string> = {
  cash: 'Contant',
  pin: 'Pin',
  ideal: 'iDEAL',
  bank_transfer: 'Overschrijving',
  credit_card: 'Creditcard',
};

const expectedMethod: Record<DemoOrder['paymentMethod'], 'cash' | 'payment_card' | 'bank_transfer' | 'credit_card'> = {
  cash: 'cash',
  pin: 'payment_card',
  ideal: 'bank_transfer',
  bank_transfer: 'bank_transfer',
  credit_card: 'credit_card',
};

function address(a: DemoAddress) {
  return { type: 'primary' as const, address: { line_1: `${a.street} ${a.houseNumber}`, postal_code: a.postcode, city: a.city, country: a.country } };
}

function language(a: DemoAddress): string {
  return a.country === 'DE' ? 'de' : a.country === 'FR' || a.country === 'LU' ? 'fr' : 'nl';
}

export function demoTeamleaderSeed(shop: DemoShop = buildDemoShop()): TeamleaderSeed {
  const seed: TeamleaderSeedInput = {
    account: { id: demoIds.account },
    users: [
      {
        id: demoIds.user,
        first_name: 'Sanne',
        last_name: 'Verbeek',
        email: 'sanne@demowinkel.example.com',
        function: 'Zaakvoerder',
        language: 'nl-BE',
        time_zone: 'Europe/Brussels',
      },
    ],
    departments: [
      {
        id: demoIds.department,
        name: 'Demowinkel BV',
        vat_number: 'BE0123456749',
        currency: 'EUR',
        emails: [{ type: 'primary', email: 'info@demowinkel.example.com' }],
      },
    ],
    taxRates: ([21, 9, 0] as const).map((p) => ({ id: demoIds.taxRate(p), description: `${p}%`, rate: p / 100, department_id: demoIds.department })),
    paymentTerms: [
      { id: demoIds.paymentTerm('cash'), type: 'cash' },
      { id: demoIds.paymentTerm('after-14'), type: 'after_invoice_date', days: 14 },
      { id: demoIds.paymentTerm('after-30'), type: 'after_invoice_date', days: 30 },
      { id: demoIds.paymentTerm('eom-30'), type: 'end_of_month', days: 30 },
    ],
    defaultPaymentTermId: demoIds.paymentTerm('after-14'),
    paymentMethods: (Object.keys(paymentMethodNames) as DemoOrder['paymentMethod'][]).map((k) => ({ id: demoIds.paymentMethod(k), name: paymentMethodNames[k] })),
    productCategories: shop.groups.map((g, i) => ({
      id: demoIds.productCategory(g),
      name: g,
      ledgers: [{ department_id: demoIds.department, ledger_account_number: String(70000 + i * 100) }],
    })),
    dealPipelines: [
      {
        id: demoId('teamleader.dealPipeline', 'sales'),
        name: 'Verkoop',
        phases: ['Nieuw', 'Offerte verstuurd', 'Onderhandeling'].map((name) => ({ id: demoId('teamleader.dealPhase', name), name })),
      },
    ],
    contacts: [],
    companies: [],
    products: [],
    invoices: [],
  };

  const contacts = seed.contacts ?? [];
  const companies = seed.companies ?? [];
  for (const c of shop.customers.filter((x) => x.inTeamleader)) {
    const addr = address(c.teamleaderAddress ?? c.address);
    const lang = language(c.teamleaderAddress ?? c.address);
    if (c.kind === 'person') {
      contacts.push({
        id: demoIds.contact(c.key),
        first_name: c.firstName ?? null,
        last_name: c.lastName ?? c.key,
        emails: c.email ? [{ type: 'primary', email: c.email }] : [],
        telephones: c.phone ? [{ type: 'mobile', number: c.phone }] : [],
        addresses: [addr],
        language: lang,
      });
      continue;
    }
    companies.push({
      id: demoIds.company(c.key),
      name: c.companyName ?? c.key,
      vat_number: c.vatNumber ?? null,
      emails: c.email ? [{ type: 'primary', email: c.email }] : [],
      telephones: c.phone ? [{ type: 'phone', number: c.phone }] : [],
      addresses: [addr],
      language: lang,
    });
    if (c.contact) {
      contacts.push({
        id: demoIds.contact(c.key),
        first_name: c.contact.firstName,
        last_name: c.contact.lastName,
        emails: c.contact.email ? [{ type: 'primary', email: c.contact.email }] : [],
        language: lang,
        companies: [{ company_id: demoIds.company(c.key), position: 'Zaakvoerder', decision_maker: true }],
      });
    }
  }

  const products = seed.products ?? [];
  for (const p of shop.products.filter((x) => x.inTeamleader)) {
    products.push({
      id: demoIds.product(p.key),
      name: p.name,
      code: p.sku,
      description: p.description,
      selling_price: { amount: p.priceExclCents / 100, currency: 'EUR' },
      tax_rate_id: demoIds.taxRate(p.vatPercent),
      product_category_id: demoIds.productCategory(p.group),
    });
  }

  const customers = new Map(shop.customers.map((c) => [c.key, c]));
  const productsByKey = new Map(shop.products.map((p) => [p.key, p]));
  const rateOf = new Map(([21, 9, 0] as const).map((p) => [demoIds.taxRate(p), p / 100]));
  const invoices: InvoiceInput[] = [];
  const booked: InvoiceInput[] = [];

  const invoiceFor = (order: DemoOrder, customer: DemoCustomer, status: 'draft' | 'outstanding' | 'matched'): InvoiceInput => {
    const lineItems = order.lines.map((l) => {
      const p = productsByKey.get(l.productKey);
      return {
        quantity: l.quantity,
        description: p?.name ?? l.productKey,
        unit_price: { amount: l.priceExclCents / 100, tax: 'excluding' as const },
        tax_rate_id: demoIds.taxRate(p?.vatPercent ?? 21),
        // A product that is not in Teamleader is invoiced as a free-text line.
        ...(p?.inTeamleader ? { product_id: demoIds.product(p.key) } : {}),
      };
    });
    const grouped = [{ line_items: lineItems }];
    const invoice: InvoiceInput = {
      id: demoIds.invoice(order.key),
      department_id: demoIds.department,
      invoicee:
        customer.kind === 'company'
          ? { customer: { type: 'company', id: demoIds.company(customer.key) }, ...(customer.contact ? { for_attention_of: { contact_id: demoIds.contact(customer.key) } } : {}) }
          : { customer: { type: 'contact', id: demoIds.contact(customer.key) } },
      payment_term: order.paymentMethod === 'cash' || order.paymentMethod === 'pin' ? { type: 'cash' } : { type: 'after_invoice_date', days: 14 },
      currency: { code: 'EUR', exchange_rate: 1 },
      grouped_lines: grouped,
      invoice_date: order.date,
      note: `Bestelling ${order.reference}`,
      expected_payment_method: { method: expectedMethod[order.paymentMethod] },
      status,
      created_at: `${order.date}T09:00:00+00:00`,
      updated_at: `${order.date}T${status === 'draft' ? '09' : '10'}:00:00+00:00`,
    };
    if (status === 'matched') {
      const total = documentTotals(grouped, [], (id) => rateOf.get(id) ?? 0).tax_inclusive;
      Object.assign(invoice, {
        paid: true,
        paid_at: `${order.date}T12:00:00+00:00`,
        payments: [{ paid_at: `${order.date}T12:00:00+00:00`, payment: { amount: total, currency: 'EUR' } }],
      });
    }
    return invoice;
  };

  shop.orders
    .filter((o) => o.origin === 'teamleader')
    .forEach((order, j) => {
      const customer = customers.get(order.customerKey);
      if (!customer?.inTeamleader) return;
      const status = order.alreadySynced ? 'outstanding' : j % 3 === 0 ? 'draft' : j % 3 === 1 ? 'outstanding' : 'matched';
      const invoice = invoiceFor(order, customer, status);
      invoices.push(invoice);
      if (status !== 'draft') booked.push(invoice);
    });

  for (const order of shop.orders.filter((o) => o.origin === 'mplus' && o.alreadySynced)) {
    const customer = customers.get(order.customerKey);
    if (!customer?.inTeamleader) continue; // cannot be invoiced in Teamleader without the customer there
    const invoice = invoiceFor(order, customer, 'matched');
    invoice.purchase_order_number = demoIds.mplusOrderNumber(order.key);
    invoice.note = `Kassabon ${order.reference}`;
    invoices.push(invoice);
    booked.push(invoice);
  }

  // Invoice numbers in booking (date) order, as Teamleader numbers them per fiscal year ([I]).
  booked
    .sort((a, b) => String(a.invoice_date).localeCompare(String(b.invoice_date)) || a.id.localeCompare(b.id))
    .forEach((inv, i) => {
      inv.invoice_number = `${String(inv.invoice_date).slice(0, 4)} / ${i + 1}`;
      inv.payment_reference = structuredReference(Number(String(inv.invoice_date).slice(0, 4)) * 1e5 + i + 1);
    });
  seed.invoices = invoices;

  return parseTeamleaderSeed(seed);
}
