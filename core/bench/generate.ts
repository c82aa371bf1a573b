/**
 * Deterministic benchmark data: orders (about 12 fields, 1–5 lines each) and a customer table in
 * which about 70 % of the orders' emails are found. Written as NDJSON files.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prng } from '../connectors/demo-shop';

export const CUSTOMERS = 10_000;

const FIRST = ['Anna', 'Bram', 'Carla', 'Daan', 'Eva', 'Finn', 'Greet', 'Hugo'];
const LAST = ['de Vries', 'Jansen', 'Peeters', 'Bakker', 'Visser', 'Maes'];
const CITIES = [['Utrecht', 'NL'], ['Gent', 'BE'], ['Köln', 'DE'], ['Lille', 'FR']] as const;

async function writeLines(file: string, count: number, make: (i: number) => unknown): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${JSON.stringify(make(i))}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}

/** Customer i has the email c<i>@example.com; orders use customers 0..~14,285, so ~70 % match. */
export async function writeCustomers(file: string): Promise<void> {
  await writeLines(file, CUSTOMERS, (i) => ({ email: `c${i}@example.com`, customerNumber: 100000 + i, segment: i % 3 === 0 ? 'retail' : 'wholesale' }));
}

export async function writeOrders(file: string, count: number, seed = 42): Promise<void> {
  const rnd = prng(seed);
  const span = Math.round(CUSTOMERS / 0.7);
  await writeLines(file, count, (i) => {
    const [city, country] = CITIES[i % CITIES.length] as readonly [string, string];
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, l) => ({ sku: String(1000 + ((i + l) % 500)), quantity: 1 + Math.floor(rnd() * 4), price: Math.round(rnd() * 5000) / 100 }));
    return {
      id: `ORD-${String(i + 1).padStart(7, '0')}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      status: i % 10 === 0 ? 'open' : 'paid',
      currency: 'EUR',
      firstName: FIRST[i % FIRST.length],
      lastName: LAST[i % LAST.length],
      customer: { email: `c${Math.floor(rnd() * span)}@example.com`, phone: `+31 6 ${10000000 + i}` },
      billing: { street: 'Oudegracht', houseNumber: String(1 + (i % 200)), postcode: '3511 AB', city, country },
      shippingMethod: i % 3 === 0 ? 'pickup' : 'postnl',
      paymentMethod: i % 2 === 0 ? 'ideal' : 'pin',
      note: i % 7 === 0 ? 'Graag bellen voor levering' : '',
      lines,
    };
  });
}
