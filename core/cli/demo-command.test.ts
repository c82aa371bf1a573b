/**
 * `sincro demo --json`: every template once on the demo shop, with the Teamleader requests each
 * made, by kind (connectors/teamleader/sandbox/request-kind.ts). A first sync looks nothing up one
 * record at a time: every request is a write, a page of a bulk read, or a detail no list gives.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORDER, type TeamleaderRequests } from '../templates/demo-run';
import { tempDir } from '../testing/golden';
import { main } from './main';

type DemoLine = { template: string; status: string; seconds: number; teamleader: TeamleaderRequests };

let dir: ReturnType<typeof tempDir>;
let code: number;
let lines: DemoLine[];

beforeAll(async () => {
  dir = tempDir('sincro-demo-');
  let out = '';
  code = await main(['--data-dir', join(dir.path, 'data'), 'demo', '--json'], { out: (t) => void (out += `${t}\n`), err: () => {}, isTty: false });
  lines = JSON.parse(out) as DemoLine[];
}, 180_000);
afterAll(() => dir.remove());

describe('sincro demo --json: Teamleader requests of a first sync of the demo shop', () => {
  it('runs every template to its end', () => {
    expect(code).toBe(0);
    expect(lines.map((l) => l.template)).toEqual(DEMO_ORDER);
  });

  it.each(DEMO_ORDER)('%s looks up nothing one record at a time', (template) => {
    const line = lines.find((l) => l.template === template);
    expect(line?.teamleader.lookups).toBe(0);
    expect(line?.teamleader.rateLimited).toBe(0);
  });

  it('makes the writes the sync needs, reads in pages, and reads per record only what no list gives', () => {
    const kinds = Object.fromEntries(lines.map((l) => [l.template, { writes: l.teamleader.writes, pages: l.teamleader.pages, details: l.teamleader.details }]));
    expect(kinds).toEqual({
      // 98 products written; departments, tax rates, categories and the products: one page each.
      'products-mplus-to-teamleader': { writes: 98, pages: 4, details: 0 },
      // Prices are only in products.info: one per product.
      'products-teamleader-to-mplus': { writes: 0, pages: 5, details: 100 },
      // Every address and company link of a contact (contacts.info), the people of each company; a
      // page of the newest people, from which a changed person brings their company next time.
      'customers-teamleader-to-mplus': { writes: 0, pages: 3, details: 54 },
      // 119 invoices, 15 customers made and 27 updated (each read first: an update replaces whole lists).
      'orders-mplus-to-teamleader': { writes: 166, pages: 6, details: 27 },
      // Each invoice's lines (invoices.info) and each customer's addresses; the lines' products in one page; one page of credit notes (none).
      'orders-teamleader-to-mplus': { writes: 0, pages: 4, details: 85 },
    });
  });

  it('names what each template asked for, per endpoint', () => {
    const orders = lines.find((l) => l.template === 'orders-mplus-to-teamleader')?.teamleader.byEndpoint;
    expect(orders).toMatchObject({ 'invoices.list': 1, 'contacts.list': 1, 'companies.list': 1, 'invoices.draft': 119 });
  });
});
