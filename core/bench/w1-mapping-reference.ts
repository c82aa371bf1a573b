/**
 * The reference mapping workload (W1-mapping), copied from the shared benchmark kit
 * (/work/shared/bench/workload.js, the one Node-RED and n8n were measured with) so the figures
 * compare like with like. The function bodies are the kit's, with types added, and one change:
 * `orders` yields the orders one at a time (the kit's `genOrders` returns them all as an array),
 * so a run of a million records keeps its memory flat. The sequence is the same, record for record
 * (w1-mapping.test.ts checks it against a digest of the kit's output).
 * The same transform as datamapper fields is in w1-mapping-fields.json (copied from the same kit).
 */

export const W1_SEED = 20240601;
export const W1_CUSTOMERS = 10000;

export interface Order {
  id: string;
  createdAt: string;
  storeId: string;
  channel: string;
  status: string;
  currency: string;
  paymentMethod: string;
  customer: { name: string; email: string; company?: string };
  billingAddress: { street: string; number: string; postalCode: string; city: string; country: string };
  lines: Array<{ sku: string; qty: number; price: number }>;
  total: number;
  note: string;
}

export interface Contact {
  email: string;
  crmId: string;
  segment: string;
  owner: string;
}

// Orders, seeded (mulberry32 PRNG). ~12 top-level fields; customer index drawn from 0..14284
// while the customer table holds 0..9999, so ~70% of orders hit the lookup.
export function* orders(n: number, seed: number): Generator<Order> {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Eva', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Kira', 'Lukas', 'Mia', 'Noah', 'Olga', 'Paul'];
  const LAST = ['Schmidt', 'Meyer', 'Weber', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann'];
  const STREETS = ['Hauptstrasse', 'Bahnhofstrasse', 'Gartenweg', 'Schulstrasse', 'Lindenallee', 'Marktplatz', 'Bergweg', 'Ringstrasse'];
  const CITIES = ['Berlin', 'Hamburg', 'Muenchen', 'Koeln', 'Leipzig', 'Dresden', 'Bremen', 'Wien', 'Zuerich', 'Graz'];
  const COUNTRIES = ['Germany', 'Germany', 'Germany', 'Austria', 'Switzerland'];
  const PAY = ['cash', 'card', 'card', 'voucher', 'mobile'];
  const CUSTOMER_RANGE = 14285; // 10000 / 14285 ~= 0.70 hit rate
  const base = Date.UTC(2024, 0, 1, 8, 0, 0);
  let ts = base;
  for (let i = 0; i < n; i++) {
    ts += 1000 + Math.floor(rnd() * 60000);
    const c = Math.floor(rnd() * CUSTOMER_RANGE);
    const nLines = 1 + Math.floor(rnd() * 5);
    const lines: Order['lines'] = new Array(nLines);
    let totalCents = 0;
    for (let k = 0; k < nLines; k++) {
      const qty = 1 + Math.floor(rnd() * 4);
      const priceCents = 99 + Math.floor(rnd() * 9900);
      totalCents += qty * priceCents;
      lines[k] = { sku: String(100000 + Math.floor(rnd() * 900000)), qty, price: priceCents / 100 };
    }
    const customer: Order['customer'] = {
      name: FIRST[c % FIRST.length] + ' ' + LAST[(c * 7) % LAST.length],
      // mixed case on purpose: the lookup must normalise
      email: (c % 3 === 0 ? 'Cust' : 'cust') + c + (c % 5 === 0 ? '@Example.COM' : '@example.com'),
    };
    if (c % 4 === 0) customer.company = 'Firma ' + LAST[c % LAST.length] + ' GmbH';
    yield {
      id: 'ORD-' + String(i + 1).padStart(7, '0'),
      createdAt: new Date(ts).toISOString(),
      storeId: 'S' + (1 + (i % 12)),
      channel: i % 10 === 0 ? 'online' : 'pos',
      status: 'paid',
      currency: 'EUR',
      paymentMethod: PAY[Math.floor(rnd() * PAY.length)] as string,
      customer,
      billingAddress: {
        street: STREETS[Math.floor(rnd() * STREETS.length)] as string,
        number: String(1 + Math.floor(rnd() * 200)),
        postalCode: String(10000 + Math.floor(rnd() * 89999)),
        city: CITIES[Math.floor(rnd() * CITIES.length)] as string,
        country: COUNTRIES[Math.floor(rnd() * COUNTRIES.length)] as string,
      },
      lines,
      total: totalCents / 100,
      note: rnd() < 0.1 ? 'Gift wrap' : '',
    };
  }
}

// Lookup table: 10,000 CRM contacts keyed by lower-case email.
export function genCustomers(count: number): Contact[] {
  const SEG = ['retail', 'wholesale', 'vip', 'staff'];
  const OWN = ['alice', 'bob', 'carol', 'dave', 'erin'];
  const rows: Contact[] = new Array(count);
  for (let c = 0; c < count; c++) {
    rows[c] = {
      email: 'cust' + c + '@example.com',
      crmId: 'CRM-' + (500000 + c),
      segment: SEG[c % SEG.length] as string,
      owner: OWN[(c * 3) % OWN.length] as string,
    };
  }
  return rows;
}

export interface Deal {
  externalId: string;
  contactEmail: string;
  [field: string]: unknown;
}

// Source order -> CRM deal shape: renamed fields, joined name/address, totals recomputed from
// lines (integer cents), date reformatted.
export function transformOrder(o: Order): Deal {
  const d = new Date(o.createdAt);
  const p2 = (v: number) => (v < 10 ? '0' : '') + v;
  const orderDate = d.getUTCFullYear() + '-' + p2(d.getUTCMonth() + 1) + '-' + p2(d.getUTCDate()) + ' ' + p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes());
  let subtotalCents = 0;
  let itemCount = 0;
  const items = new Array(o.lines.length);
  for (let k = 0; k < o.lines.length; k++) {
    const l = o.lines[k] as Order['lines'][number];
    const unitCents = Math.round(l.price * 100);
    subtotalCents += unitCents * l.qty;
    itemCount += l.qty;
    items[k] = { productId: parseInt(l.sku, 10), quantity: l.qty, unitPriceCents: unitCents };
  }
  const taxCents = Math.round((subtotalCents * 19) / 119);
  const a = o.billingAddress;
  const CC: Record<string, string> = { Germany: 'DE', Austria: 'AT', Switzerland: 'CH' };
  return {
    externalId: o.id,
    orderDate,
    store: o.storeId,
    contactName: o.customer.company ? o.customer.name + ' (' + o.customer.company + ')' : o.customer.name,
    contactEmail: o.customer.email.trim().toLowerCase(),
    companyName: o.customer.company || null,
    addressLine: a.street + ' ' + a.number,
    zip: a.postalCode,
    town: a.city,
    countryCode: CC[a.country] || a.country,
    paymentType: o.paymentMethod,
    items,
    itemCount,
    netCents: subtotalCents - taxCents,
    taxCents,
    totalCents: subtotalCents,
    currencyCode: o.currency,
  };
}

// Enrich by email from an in-memory Map (email -> contact).
export function lookupContact(rec: Deal, byEmail: Map<string, Contact>): Deal {
  const hit = byEmail.get(rec.contactEmail);
  if (hit) {
    rec['crmContactId'] = hit.crmId;
    rec['segment'] = hit.segment;
    rec['owner'] = hit.owner;
    rec['isNewContact'] = false;
  } else {
    rec['crmContactId'] = null;
    rec['segment'] = 'new';
    rec['owner'] = 'unassigned';
    rec['isNewContact'] = true;
  }
  return rec;
}
