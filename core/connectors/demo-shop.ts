/**
 * The demo shop: one deterministic business (customers, products, orders) from which both sandboxes
 * derive their seed, so that the two systems agree on who is who (same emails, same SKUs) and the
 * edge cases the seed flows must handle exist on purpose:
 *
 * - a customer without email, a company without a contact person, customers in several countries;
 * - a product whose SKU is not digits only (Teamleader side; MplusKASSA refuses it);
 * - a product that exists only in MplusKASSA and one that exists only in Teamleader;
 * - an order that is already synced (present on both sides, linked by its external id);
 * - a customer whose address differs between the two systems (changed on one side).
 *
 * Nothing here is vendor-shaped: each sandbox maps these records into its own seed format.
 *
 * How the sides refer to each other: Sincro now writes an origin marker ("Teamleader invoice <id>",
 * "MplusKASSA order <id>", shared/origin-marker.ts); the demo's already-synced orders carry the bare
 * ids an older Sincro wrote, which are still recognised:
 * - an order made in Teamleader and synced to MplusKASSA carries `extOrderId` = the Teamleader
 *   invoice (or quotation) id;
 * - an order made in MplusKASSA and synced to Teamleader is an invoice whose
 *   `purchase_order_number` is the MplusKASSA order id (32 hex digits).
 * Ids of seeded records come from `demoId`, so both sandboxes can compute each other's ids.
 */
import { createHash } from 'node:crypto';

export type Country = 'NL' | 'BE' | 'DE' | 'FR' | 'LU';

export interface DemoAddress {
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  country: Country;
}

export interface DemoCustomer {
  key: string; // stable id inside the demo shop, e.g. "c07"
  kind: 'person' | 'company';
  firstName?: string;
  lastName?: string;
  /** For companies: the contact person, absent for the "company without contact" edge case. */
  contact?: { firstName: string; lastName: string; email?: string };
  companyName?: string;
  email?: string;
  phone?: string;
  vatNumber?: string;
  address: DemoAddress;
  /** Where this customer is stored at the start. */
  inMplus: boolean;
  inTeamleader: boolean;
  /** The Teamleader copy has a different address (the customer moved; MplusKASSA is behind). */
  teamleaderAddress?: DemoAddress;
  edge?: 'no-email' | 'company-without-contact' | 'address-changed';
}

export interface DemoProduct {
  key: string;
  /** The SKU as each side knows it; MplusKASSA needs digits only. */
  sku: string;
  name: string;
  description: string;
  shortDescription: string;
  priceExclCents: number;
  vatPercent: 21 | 9 | 0;
  ean: string;
  stock: number;
  group: string; // MplusKASSA article group / Teamleader product category name
  inMplus: boolean;
  inTeamleader: boolean;
  edge?: 'non-numeric-sku' | 'only-in-mplus' | 'only-in-teamleader';
}

export interface DemoOrderLine {
  productKey: string;
  quantity: number;
  /** Unit price excl. VAT in cents at the time of the order. */
  priceExclCents: number;
}

export interface DemoOrder {
  key: string;
  /** The system the order was made in. */
  origin: 'mplus' | 'teamleader';
  customerKey: string;
  date: string; // YYYY-MM-DD
  lines: DemoOrderLine[];
  paymentMethod: 'cash' | 'pin' | 'ideal' | 'bank_transfer' | 'credit_card';
  shippingMethod: 'pickup' | 'postnl' | 'dhl';
  reference: string;
  /** Already present in the other system too (synced earlier). */
  alreadySynced?: boolean;
}

export interface DemoShop {
  customers: DemoCustomer[];
  products: DemoProduct[];
  orders: DemoOrder[];
  groups: string[];
}

/** mulberry32: small, fast, deterministic; the demo must be the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Bram', 'Carla', 'Daan', 'Eva', 'Finn', 'Greet', 'Hugo', 'Iris', 'Jens', 'Kim', 'Lars', 'Mila', 'Noah', 'Olga', 'Pieter', 'Roos', 'Sem', 'Tess', 'Wout'];
const LAST = ['de Vries', 'Jansen', 'Peeters', 'Müller', 'Dubois', 'Bakker', 'Visser', 'Maes', 'Schmidt', 'Laurent', 'Smit', 'Claes', 'Meyer', 'Bernard', 'Mulder'];
const COMPANY = ['Bakkerij', 'Fietsenwinkel', 'Koffiebar', 'Boekhandel', 'Bloemist', 'Kapsalon', 'Slagerij', 'Atelier', 'Brasserie', 'Drogisterij'];
const CITY: Record<Country, { city: string; postcode: () => string; street: string[] }> = {
  NL: { city: 'Utrecht', postcode: () => '3511 AB', street: ['Oudegracht', 'Biltstraat', 'Nachtegaalstraat'] },
  BE: { city: 'Gent', postcode: () => '9000', street: ['Veldstraat', 'Korenmarkt', 'Kouter'] },
  DE: { city: 'Köln', postcode: () => '50667', street: ['Hohe Straße', 'Schildergasse', 'Breite Straße'] },
  FR: { city: 'Lille', postcode: () => '59000', street: ['Rue de Béthune', 'Rue Esquermoise', 'Rue Nationale'] },
  LU: { city: 'Luxembourg', postcode: () => 'L-1111', street: ['Grand-Rue', 'Rue Philippe II', 'Avenue de la Gare'] },
};
const COUNTRIES: Country[] = ['NL', 'NL', 'NL', 'BE', 'BE', 'DE', 'FR', 'LU'];
const GROUPS = ['Koffie', 'Thee', 'Gebak', 'Servies', 'Cadeaus', 'Kleding'];
const ITEMS = ['Espresso bonen', 'Filterkoffie', 'Groene thee', 'Rooibos', 'Appeltaart', 'Croissant', 'Kopje', 'Schotel', 'Cadeaubon', 'T-shirt', 'Mok', 'Theepot'];
const PAY: DemoOrder['paymentMethod'][] = ['cash', 'pin', 'ideal', 'bank_transfer', 'credit_card'];
const SHIP: DemoOrder['shippingMethod'][] = ['pickup', 'postnl', 'dhl'];

export interface DemoShopSize {
  customers: number;
  products: number;
  orders: number;
}

export const demoShopSize: DemoShopSize = { customers: 50, products: 100, orders: 200 };

export function buildDemoShop(size: DemoShopSize = demoShopSize, seed = 20261129): DemoShop {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const address = (): DemoAddress => {
    const country = pick(COUNTRIES);
    const c = CITY[country];
    return { street: pick(c.street), houseNumber: String(1 + Math.floor(rnd() * 180)), postcode: c.postcode(), city: c.city, country };
  };
  const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');

  const customers: DemoCustomer[] = [];
  for (let i = 0; i < size.customers; i++) {
    const key = `c${String(i + 1).padStart(2, '0')}`;
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const isCompany = i % 5 === 1 || i % 5 === 3; // 40 % companies
    const addr = address();
    const email = `${slug(firstName)}.${slug(lastName)}.${key}@example.com`;
    // 80 % in MplusKASSA, 70 % in Teamleader, every customer on at least one side.
    const inMplus = i % 5 !== 4;
    const inTeamleader = i % 10 < 7 || !inMplus;
    const base = { key, address: addr, inMplus, inTeamleader, phone: `+31 6 ${String(10000000 + i * 7919).slice(0, 8)}` };
    if (isCompany) {
      const companyName = `${pick(COMPANY)} ${lastName}`;
      customers.push({
        ...base,
        kind: 'company',
        companyName,
        email: `info@${slug(companyName)}.${key}.example.com`,
        vatNumber: `${addr.country}${String(100000000 + i * 104729).slice(0, 9)}B01`,
        contact: { firstName, lastName, email },
      });
    } else {
      customers.push({ ...base, kind: 'person', firstName, lastName, email });
    }
  }
  // Edge cases at fixed places so tests can name them.
  const noEmail = customers[4];
  if (noEmail) Object.assign(noEmail, { email: undefined, edge: 'no-email' });
  const lonelyCompany = customers.find((c) => c.kind === 'company' && c.key !== 'c02');
  if (lonelyCompany) Object.assign(lonelyCompany, { contact: undefined, edge: 'company-without-contact' });
  const moved = customers.find((c) => c.inMplus && c.inTeamleader && !c.edge && c.kind === 'person');
  if (moved) {
    moved.edge = 'address-changed';
    moved.teamleaderAddress = { ...moved.address, street: 'Nieuwe Gracht', houseNumber: '12' };
  }

  const products: DemoProduct[] = [];
  for (let i = 0; i < size.products; i++) {
    const key = `p${String(i + 1).padStart(3, '0')}`;
    const vatPercent = pick([21, 21, 9, 9, 0] as const);
    const priceExclCents = 150 + Math.floor(rnd() * 9850);
    const name = `${pick(ITEMS)} ${i + 1}`;
    products.push({
      key,
      sku: String(1000 + i),
      name,
      description: `${name}: zorgvuldig geselecteerd voor onze winkel.`,
      shortDescription: name,
      priceExclCents,
      vatPercent,
      ean: ean13(`871234${String(100000 + i).slice(-6)}`),
      stock: Math.floor(rnd() * 60),
      group: pick(GROUPS),
      inMplus: true,
      inTeamleader: i % 4 !== 3, // 75 % already in Teamleader
    });
  }
  const nonNumeric = products[7];
  if (nonNumeric) Object.assign(nonNumeric, { sku: 'TEA-POT-8', inMplus: false, inTeamleader: true, edge: 'non-numeric-sku' });
  const onlyMplus = products[11];
  if (onlyMplus) Object.assign(onlyMplus, { inMplus: true, inTeamleader: false, edge: 'only-in-mplus' });
  const onlyTeamleader = products[12];
  if (onlyTeamleader) Object.assign(onlyTeamleader, { inMplus: false, inTeamleader: true, edge: 'only-in-teamleader' });

  const orders: DemoOrder[] = [];
  for (let i = 0; i < size.orders; i++) {
    const origin = i % 5 < 3 ? 'mplus' : 'teamleader'; // 60 % made at the till
    const candidates = customers.filter((c) => (origin === 'mplus' ? c.inMplus : c.inTeamleader));
    const customer = pick(candidates);
    const sellable = products.filter((p) => (origin === 'mplus' ? p.inMplus : p.inTeamleader) && p.edge !== 'non-numeric-sku');
    const lineCount = 1 + Math.floor(rnd() * 4);
    const lines: DemoOrderLine[] = [];
    for (let l = 0; l < lineCount; l++) {
      const p = pick(sellable);
      lines.push({ productKey: p.key, quantity: 1 + Math.floor(rnd() * 5), priceExclCents: p.priceExclCents });
    }
    const day = 1 + (i % 28);
    orders.push({
      key: `o${String(i + 1).padStart(3, '0')}`,
      origin,
      customerKey: customer.key,
      date: `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      lines,
      paymentMethod: pick(PAY),
      shippingMethod: pick(SHIP),
      reference: `WEB-${20000 + i}`,
    });
  }
  // One Teamleader order that sells the non-numeric SKU (MplusKASSA must refuse it with a reason),
  // one that sells a product MplusKASSA does not have, and one order of each origin already synced.
  const tlOrders = orders.filter((o) => o.origin === 'teamleader');
  if (tlOrders[0] && nonNumeric) tlOrders[0].lines.push({ productKey: nonNumeric.key, quantity: 1, priceExclCents: nonNumeric.priceExclCents });
  if (tlOrders[1] && onlyTeamleader) tlOrders[1].lines.push({ productKey: onlyTeamleader.key, quantity: 2, priceExclCents: onlyTeamleader.priceExclCents });
  if (tlOrders[2]) tlOrders[2].alreadySynced = true;
  const mplusOrders = orders.filter((o) => o.origin === 'mplus');
  if (mplusOrders[0]) mplusOrders[0].alreadySynced = true;
  if (mplusOrders[1] && onlyMplus) mplusOrders[1].lines.push({ productKey: onlyMplus.key, quantity: 1, priceExclCents: onlyMplus.priceExclCents });

  return { customers, products, orders, groups: GROUPS };
}

/** Adds the EAN-13 check digit to 12 digits. */
export function ean13(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return twelve + String((10 - (sum % 10)) % 10);
}

/**
 * A deterministic UUID (version-4 shaped) for a seeded record, e.g. demoId('teamleader.invoice', 'o013').
 * MplusKASSA writes order ids as 32 hex digits: use `demoId(...).replaceAll('-', '')` there.
 */
export function demoId(kind: string, key: string): string {
  const h = createHash('sha1').update(`${kind}:${key}`).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
