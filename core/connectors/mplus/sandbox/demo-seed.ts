/**
 * The MplusKASSA side of the demo shop (core/connectors/demo-shop.ts), in the sandbox seed format.
 * Numbers are derived, not stored, so other code (and the Teamleader sandbox) can compute them:
 * relation = 1000 + customer index (c07 → 1007), article = product = Number(sku), article group =
 * position in `shop.groups` + 1, order id = demoId('mplus.order', key) without dashes.
 */
import { buildDemoShop, demoId, type DemoCustomer, type DemoOrder, type DemoShop } from '../../demo-shop';
import type { MplusSeedInput } from './seed';

export const demoBranchNumber = 1;
export const demoSuperuserEmployee = 999999;

/** NL codes as MplusKASSA's docs number them (1 = low rate, 2 = high rate), plus a 0 % code. */
export const demoVatCodes = { 9: 1, 21: 2, 0: 3 } as const;

export const demoPaymentMethodCodes: Readonly<Record<DemoOrder['paymentMethod'], string>> = {
  cash: 'CONTANT',
  pin: 'PIN',
  ideal: 'IDEAL',
  bank_transfer: 'OVERBOEKING',
  credit_card: 'CREDITCARD',
};

export const demoDeliveryMethodCodes: Readonly<Record<DemoOrder['shippingMethod'], string>> = {
  pickup: 'AFHALEN',
  postnl: 'POSTNL',
  dhl: 'DHL',
};

const COUNTRIES = ['NL', 'BE', 'DE', 'FR', 'LU'] as const;

export function demoRelationNumber(customerKey: string): number {
  return 1000 + Number(customerKey.replace(/\D/g, ''));
}

export function demoMplusOrderId(orderKey: string): string {
  return demoId('mplus.order', orderKey).replaceAll('-', '');
}

function relationOf(c: DemoCustomer) {
  const address = `${c.address.street} ${c.address.houseNumber}`;
  const common = {
    relationNumber: demoRelationNumber(c.key),
    address,
    zipcode: c.address.postcode,
    city: c.address.city,
    country: c.address.country, // ISO 3166-1 alpha-2 [INFERRED: the WSDL's country is free text]
    telephone: c.phone,
    ...(c.email ? { email: c.email } : {}),
  };
  if (c.kind === 'company') {
    return {
      ...common,
      name: c.companyName ?? '',
      companyName: c.companyName,
      ...(c.contact ? { contact: `${c.contact.firstName} ${c.contact.lastName}` } : {}),
      ...(c.vatNumber ? { vatNumber: c.vatNumber } : {}),
    };
  }
  return { ...common, name: `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim() };
}

export function demoMplusSeed(shop: DemoShop = buildDemoShop()): MplusSeedInput {
  const groupNumber = (name: string) => shop.groups.indexOf(name) + 1;
  const productByKey = new Map(shop.products.map((p) => [p.key, p]));
  const articleNumberOf = (productKey: string) => Number(productByKey.get(productKey)?.sku);

  const mplusOrders = shop.orders.filter((o) => o.origin === 'mplus');
  // The Teamleader order that was synced earlier exists in MplusKASSA too, linked by its extOrderId.
  const syncedFromTeamleader = shop.orders.filter((o) => o.origin === 'teamleader' && o.alreadySynced);
  // MplusKASSA attaches every order to a relation, so a customer of a synced order is in MplusKASSA
  // even when the demo shop marks it as Teamleader-only (it was created by that earlier sync).
  const orderCustomers = new Set(syncedFromTeamleader.map((o) => o.customerKey));
  const relations = shop.customers.filter((c) => c.inMplus || orderCustomers.has(c.key)).map(relationOf);

  const orderOf = (o: DemoOrder) => ({
    orderId: demoMplusOrderId(o.key),
    ...(o.origin === 'teamleader' ? { extOrderId: demoId('teamleader.invoice', o.key) } : {}),
    relationNumber: demoRelationNumber(o.customerKey),
    employeeNumber: demoSuperuserEmployee,
    financialDate: o.date,
    entryTimestamp: `${o.date}T10:00:00`,
    reference: o.reference,
    // Demo prices are excl. VAT, so the orders are kept VAT-exclusive.
    vatMethod: 'VAT-METHOD-EXCLUSIVE' as const,
    paymentMethod: demoPaymentMethodCodes[o.paymentMethod],
    deliveryMethod: demoDeliveryMethodCodes[o.shippingMethod],
    lines: o.lines.map((l) => ({ articleNumber: articleNumberOf(l.productKey), quantity: l.quantity, priceExcl: l.priceExclCents })),
  });

  return {
    branchNumber: demoBranchNumber,
    vatGroups: [
      { vatCode: demoVatCodes[9], vatPercentage: 9 },
      { vatCode: demoVatCodes[21], vatPercentage: 21 },
      { vatCode: demoVatCodes[0], vatPercentage: 0 },
    ],
    employees: [
      { employeeNumber: demoSuperuserEmployee, name: 'Superuser', active: true },
      { employeeNumber: 1, name: 'Kassa 1', active: true },
    ],
    paymentMethods: [
      { method: demoPaymentMethodCodes.cash, description: 'Contant' },
      { method: demoPaymentMethodCodes.pin, description: 'Pin' },
      { method: demoPaymentMethodCodes.ideal, description: 'iDEAL' },
      { method: demoPaymentMethodCodes.bank_transfer, description: 'Overboeking' },
      { method: demoPaymentMethodCodes.credit_card, description: 'Creditcard' },
    ],
    deliveryMethods: [
      { deliveryMethod: demoDeliveryMethodCodes.pickup, description: 'Afhalen in de winkel' },
      { deliveryMethod: demoDeliveryMethodCodes.postnl, description: 'PostNL' },
      { deliveryMethod: demoDeliveryMethodCodes.dhl, description: 'DHL' },
    ],
    turnoverGroups: COUNTRIES.map((country, i) => ({ turnoverGroup: i + 1, turnoverGroupName: `Omzet ${country}`, accountNumber: 8000 + i * 10 })),
    articleGroups: shop.groups.map((name, i) => ({ groupNumber: i + 1, name, text: name, sortOrder: i + 1 })),
    relations,
    products: shop.products
      .filter((p) => p.inMplus)
      .map((p) => ({
        productNumber: Number(p.sku),
        description: p.name,
        groupNumbers: [groupNumber(p.group)],
        articles: [
          {
            articleNumber: Number(p.sku),
            description: p.name,
            invoiceText: p.name,
            receiptText: p.shortDescription,
            extraText: p.description,
            barcode: p.ean,
            priceExcl: p.priceExclCents,
            vatCode: demoVatCodes[p.vatPercent],
            turnoverGroup: 1, // Omzet NL: the shop is in the Netherlands
            stockArticle: true,
            stock: p.stock,
          },
        ],
      })),
    orders: [...mplusOrders, ...syncedFromTeamleader].map(orderOf),
    invoices: [],
  };
}
