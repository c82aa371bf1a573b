/**
 * Credit notes in the sandbox: invoices.credit and invoices.creditPartially make them from a booked
 * invoice, creditNotes.list and .info read them (totals to the cent, as an invoice's), and the
 * credited invoice's `due` goes down while its status and `paid` stay. The amounts below are worked
 * out by hand with the rules of document-totals.ts (cents per line and per tax rate).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoId } from '../../demo-shop';
import { parseTeamleaderSeed } from './seed-schema';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './server';

const id = (kind: string) => demoId('teamleader.credit-notes-test', kind);
const ids = {
  department: id('department'),
  otherDepartment: id('otherDepartment'),
  vat21: id('vat21'),
  vat6: id('vat6'),
  otherVat: id('otherVat'),
  company: id('company'),
  contact: id('contact'),
  product: id('product'),
  booked: id('booked'),
  paidPart: id('paidPart'),
  draft: id('draft'),
  project: id('project'),
};

/**
 * `booked`: 3 × 12.35 at 21 % less 10 % (33.35) and 1 × 4.99 at 6 %, less 5 % on the whole:
 * 21 %: 31.68 + 6.65; 6 %: 4.74 + 0.28; together 36.42 without VAT, 43.35 with.
 * `paidPart`: 1 × 100 at 21 % (121.00), of which 21.00 is paid.
 */
const seed = {
  departments: [
    { id: ids.department, name: 'Shop' },
    { id: ids.otherDepartment, name: 'Other shop' },
  ],
  taxRates: [
    { id: ids.vat21, description: '21%', rate: 0.21, department_id: ids.department },
    { id: ids.vat6, description: '6%', rate: 0.06, department_id: ids.department },
    { id: ids.otherVat, description: '21%', rate: 0.21, department_id: ids.otherDepartment },
  ],
  companies: [{ id: ids.company, name: 'Bakkerij Peeters', vat_number: 'BE0477472701' }],
  contacts: [{ id: ids.contact, first_name: 'Jan', last_name: 'Maes' }],
  products: [{ id: ids.product, name: 'Taart' }],
  invoices: [
    {
      id: ids.booked,
      department_id: ids.department,
      invoicee: { customer: { type: 'company', id: ids.company } },
      payment_term: { type: 'cash' },
      project_id: ids.project,
      grouped_lines: [
        {
          section: { title: 'Gebak' },
          line_items: [
            { quantity: 3, description: 'Taart', unit_price: { amount: 12.35, tax: 'excluding' }, tax_rate_id: ids.vat21, discount: { value: 10, type: 'percentage' }, product_id: ids.product },
            { quantity: 1, description: 'Brood', unit_price: { amount: 4.99, tax: 'excluding' }, tax_rate_id: ids.vat6 },
          ],
        },
      ],
      discounts: [{ type: 'percentage', value: 5, description: 'Vaste klant' }],
      status: 'outstanding',
      invoice_date: '2026-03-01',
      invoice_number: '2026 / 1',
    },
    {
      id: ids.paidPart,
      department_id: ids.department,
      invoicee: { customer: { type: 'contact', id: ids.contact } },
      payment_term: { type: 'cash' },
      grouped_lines: [{ line_items: [{ quantity: 1, description: 'Bruidstaart', unit_price: { amount: 100, tax: 'excluding' }, tax_rate_id: ids.vat21 }] }],
      status: 'outstanding',
      invoice_date: '2026-03-02',
      payments: [{ paid_at: '2026-03-02T10:00:00+00:00', payment: { amount: 21, currency: 'EUR' } }],
    },
    {
      id: ids.draft,
      department_id: ids.department,
      invoicee: { customer: { type: 'contact', id: ids.contact } },
      payment_term: { type: 'cash' },
      grouped_lines: [{ line_items: [{ quantity: 1, description: 'Koek', unit_price: { amount: 2, tax: 'excluding' }, tax_rate_id: ids.vat21 }] }],
    },
  ],
};

const START = Date.parse('2026-03-10T12:00:00Z');
let clock = START;
let sandbox: TeamleaderSandbox;
let token = '';

type Json = Record<string, unknown> & { data?: unknown; errors?: { title: string; meta?: { field?: string } }[] };
async function post(endpoint: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sandbox.url}/${endpoint}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
}
/** The `data` of an answer: one record (`.info`) or a list. */
const one = async (endpoint: string, body: unknown) => (await post(endpoint, body)).json.data as Record<string, unknown>;
const many = async <T = Record<string, unknown>>(endpoint: string, body: unknown) => (await post(endpoint, body)).json.data as T[];
const money = (amount: number) => ({ amount, currency: 'EUR' });
const credit = async (body: unknown) => {
  const res = await post('invoices.credit', body);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return (res.json.data as { id: string }).id;
};
const creditPartially = async (body: unknown) => {
  const res = await post('invoices.creditPartially', body);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return (res.json.data as { id: string }).id;
};
const listIds = async (filter: Record<string, unknown>) => (await many<{ id: string }>('creditNotes.list', { filter })).map((x) => x.id);
const invoice = (invoiceId: string) => one('invoices.info', { id: invoiceId });
const oneLine = (quantity: number, amount: number, taxRateId = ids.vat21, extra: Record<string, unknown> = {}) => [
  { line_items: [{ quantity, description: 'Taart', unit_price: { amount, tax: 'excluding' }, tax_rate_id: taxRateId, ...extra }] },
];

beforeAll(async () => {
  sandbox = await startTeamleaderSandbox({ seed, now: () => clock });
  token = (await sandbox.issueTokens()).accessToken;
});
beforeEach(() => {
  clock = START;
  sandbox.reset(seed);
});
afterAll(async () => {
  await sandbox?.close();
});

describe('invoices.credit', () => {
  it('credits a booked invoice completely: the credit note copies it, with the same totals to the cent', async () => {
    const res = await post('invoices.credit', { id: ids.booked });
    expect(res.status).toBe(201);
    const noteId = (res.json.data as { type: string; id: string }).id;
    expect(res.json.data).toEqual({ type: 'creditNote', id: noteId });

    const note = await one('creditNotes.info', { id: noteId });
    expect(Array.isArray(note)).toBe(false);
    expect(note).toMatchObject({
      id: noteId,
      department: { type: 'department', id: ids.department },
      credit_note_number: '2026 / 1',
      // No date given: today by the sandbox's clock.
      credit_note_date: '2026-03-10',
      status: 'booked',
      invoice: { type: 'invoice', id: ids.booked },
      paid: false,
      paid_at: null,
      invoicee: { name: 'Bakkerij Peeters', vat_number: 'BE0477472701', customer: { type: 'company', id: ids.company }, email: null },
      discounts: [{ type: 'percentage', value: 5, description: 'Vaste klant' }],
      currency: 'EUR',
      currency_exchange_rate: { from: 'EUR', to: 'EUR', rate: 1 },
      created_at: '2026-03-10T12:00:00+00:00',
    });
    expect(note.invoicee).not.toHaveProperty('for_attention_of');
    expect(note.total).toEqual({
      tax_exclusive: money(36.42),
      tax_inclusive: money(43.35),
      payable: money(43.35),
      taxes: [
        { rate: 0.21, taxable: money(31.68), tax: money(6.65) },
        { rate: 0.06, taxable: money(4.74), tax: money(0.28) },
      ],
    });
    const lines = (note.grouped_lines as { section: unknown; line_items: Record<string, unknown>[] }[])[0];
    expect(lines?.section).toEqual({ title: 'Gebak' });
    expect(lines?.line_items[0]).toMatchObject({
      product: { type: 'product', id: ids.product },
      quantity: 3,
      unit_price: { amount: 12.35, tax: 'excluding' },
      tax: { type: 'taxRate', id: ids.vat21 },
      discount: { type: 'percentage', value: 10 },
      extended_description: '',
      total: { tax_exclusive: money(33.35), tax_exclusive_before_discount: money(37.05), tax_inclusive: money(40.35), tax_inclusive_before_discount: money(44.83) },
    });

    const [listed] = await many('creditNotes.list', {});
    const { discounts: _d, grouped_lines: _g, currency: _c, currency_exchange_rate: _r, document_template: _t, ...common } = note;
    const { email: _e, national_identification_number: _n, ...listInvoicee } = note.invoicee as Record<string, unknown>;
    expect(listed).toEqual({ ...common, invoicee: listInvoicee });
  });

  it("lowers the invoice's due and marks it changed, but leaves its status and paid flag", async () => {
    expect(((await invoice(ids.booked)).total as { due: unknown }).due).toEqual(money(43.35));
    clock += 60_000;
    await credit({ id: ids.booked, credit_note_date: '2026-03-05' });
    const after = await invoice(ids.booked);
    expect(after).toMatchObject({ status: 'outstanding', paid: false, updated_at: '2026-03-10T12:01:00+00:00' });
    expect((after.total as { due: unknown; payable: unknown }).due).toEqual(money(0));
    expect((after.total as { payable: unknown }).payable).toEqual(money(43.35));
    const [listed] = await many<{ total: { due: unknown } }>('invoices.list', { filter: { ids: [ids.booked] } });
    expect(listed?.total.due).toEqual(money(0));
  });

  it('takes the date given and numbers per department and year', async () => {
    const first = await credit({ id: ids.booked, credit_note_date: '2025-12-31' });
    const second = await credit({ id: ids.paidPart, credit_note_date: '2026-01-02' });
    expect(await one('creditNotes.info', { id: first })).toMatchObject({ credit_note_date: '2025-12-31', credit_note_number: '2025 / 1' });
    expect(await one('creditNotes.info', { id: second })).toMatchObject({ credit_note_date: '2026-01-02', credit_note_number: '2026 / 1' });
  });

  it('refuses a draft, an unknown invoice and a second full credit', async () => {
    const draft = await post('invoices.credit', { id: ids.draft });
    expect(draft.status).toBe(400);
    expect(draft.json.errors?.[0]?.title).toMatch(/only booked invoices can be credited/);
    expect((await post('invoices.credit', { id: id('missing') })).status).toBe(404);
    await credit({ id: ids.booked });
    const again = await post('invoices.credit', { id: ids.booked });
    expect(again.status).toBe(400);
    expect(again.json.errors?.[0]?.title).toMatch(/would credit more than is left of invoice 2026 \/ 1 \(0\.00 of its total\)/);
    expect(await listIds({})).toHaveLength(1);
  });
});

describe('invoices.creditPartially', () => {
  it('credits the lines given; due = payable − payments − credited', async () => {
    // 1 × 50 at 21 %: 60.50. paidPart: 121.00 − 21.00 paid − 60.50 credited = 39.50.
    const noteId = await creditPartially({ id: ids.paidPart, grouped_lines: oneLine(1, 50) });
    expect(((await one('creditNotes.info', { id: noteId })).total as { payable: unknown }).payable).toEqual(money(60.5));
    const after = await invoice(ids.paidPart);
    expect((after.total as { due: unknown }).due).toEqual(money(39.5));
    expect(after).toMatchObject({ status: 'outstanding', paid: false });
  });

  it('refuses crediting more than is left, counting earlier credit notes', async () => {
    // 1 × 12.35 less 10 % at 21 %: 11.12 + 2.34 = 13.46, leaving 29.89 of 43.35.
    await creditPartially({ id: ids.booked, grouped_lines: oneLine(1, 12.35, ids.vat21, { discount: { value: 10, type: 'percentage' } }) });
    expect(((await invoice(ids.booked)).total as { due: unknown }).due).toEqual(money(29.89));
    // 3 × 12.35 less 10 % at 21 %: 40.35, more than the 29.89 left.
    const over = await post('invoices.creditPartially', { id: ids.booked, grouped_lines: oneLine(3, 12.35, ids.vat21, { discount: { value: 10, type: 'percentage' } }) });
    expect(over.status).toBe(400);
    expect(over.json.errors?.[0]?.title).toMatch(/Crediting 40\.35 would credit more than is left of invoice 2026 \/ 1 \(29\.89 of its total\)/);
    expect((await post('invoices.credit', { id: ids.booked })).status).toBe(400);
    // Exactly what is left is allowed: 24.70 at 21 % is 24.70 + 5.19 = 29.89; then not a cent more.
    await creditPartially({ id: ids.booked, grouped_lines: oneLine(1, 24.7) });
    expect(((await invoice(ids.booked)).total as { due: unknown }).due).toEqual(money(0));
    expect((await post('invoices.creditPartially', { id: ids.booked, grouped_lines: oneLine(1, 0.01) })).status).toBe(400);
  });

  it('checks the lines like invoices.draft: tax rates of the department, products that exist', async () => {
    const otherRate = await post('invoices.creditPartially', { id: ids.booked, grouped_lines: oneLine(1, 1, ids.otherVat) });
    expect(otherRate.status).toBe(400);
    expect(otherRate.json.errors?.[0]).toMatchObject({ title: expect.stringMatching(/belongs to another department/), meta: { field: 'grouped_lines.0.line_items.0.tax_rate_id' } });
    const noProduct = await post('invoices.creditPartially', { id: ids.booked, grouped_lines: oneLine(1, 1, ids.vat21, { product_id: id('noProduct') }) });
    expect(noProduct.status).toBe(400);
    expect(noProduct.json.errors?.[0]?.meta?.field).toBe('grouped_lines.0.line_items.0.product_id');
    const noLines = await post('invoices.creditPartially', { id: ids.booked });
    expect(noLines.status).toBe(400);
    expect(noLines.json.errors?.[0]?.meta?.field).toBe('grouped_lines');
    expect((await post('invoices.creditPartially', { id: ids.draft, grouped_lines: oneLine(1, 1) })).status).toBe(400);
    expect(await listIds({})).toEqual([]);
  });
});

describe('creditNotes.list filters', () => {
  it('invoice_id, ids, department, customer and project', async () => {
    const ofBooked = await credit({ id: ids.booked });
    const ofPaidPart = await creditPartially({ id: ids.paidPart, grouped_lines: oneLine(1, 1) });
    expect(await listIds({ invoice_id: ids.booked })).toEqual([ofBooked]);
    expect(await listIds({ ids: [ofPaidPart] })).toEqual([ofPaidPart]);
    expect((await listIds({ department_id: ids.department })).sort()).toEqual([ofBooked, ofPaidPart].sort());
    expect(await listIds({ department_id: ids.otherDepartment })).toEqual([]);
    expect(await listIds({ customer: { type: 'contact', id: ids.contact } })).toEqual([ofPaidPart]);
    expect(await listIds({ project_id: ids.project })).toEqual([ofBooked]);
  });

  it('updated_since, inclusive', async () => {
    const early = await creditPartially({ id: ids.paidPart, grouped_lines: oneLine(1, 1) });
    clock += 5 * 60_000;
    const late = await creditPartially({ id: ids.paidPart, grouped_lines: oneLine(1, 2) });
    expect(await listIds({ updated_since: '2026-03-10T12:05:00+00:00' })).toEqual([late]);
    expect((await listIds({ updated_since: '2026-03-10T12:00:00+00:00' })).sort()).toEqual([early, late].sort());
    // The credited invoice changed with it, so an incremental reader of invoices sees it.
    const invoices = await many<{ id: string }>('invoices.list', { filter: { updated_since: '2026-03-10T12:05:00+00:00' } });
    expect(invoices.map((x) => x.id)).toEqual([ids.paidPart]);
  });

  it('credit_note_date_after is inclusive, credit_note_date_before exclusive', async () => {
    const march1 = await creditPartially({ id: ids.paidPart, credit_note_date: '2026-03-01', grouped_lines: oneLine(1, 1) });
    const march31 = await creditPartially({ id: ids.paidPart, credit_note_date: '2026-03-31', grouped_lines: oneLine(1, 1) });
    const april1 = await creditPartially({ id: ids.paidPart, credit_note_date: '2026-04-01', grouped_lines: oneLine(1, 1) });
    expect(await listIds({ credit_note_date_after: '2026-03-01', credit_note_date_before: '2026-04-01' })).toEqual([march1, march31]);
    expect(await listIds({ credit_note_date_before: '2026-03-31' })).toEqual([march1]);
    expect(await listIds({ credit_note_date_after: '2026-03-31' })).toEqual([march31, april1]);
  });

  it('unknown credit note → 404', async () => {
    expect((await post('creditNotes.info', { id: id('missing') })).status).toBe(404);
  });
});

describe('seed', () => {
  const note = (key: string, extra: Record<string, unknown> = {}) => ({
    id: id(key),
    department_id: ids.department,
    invoice_id: ids.booked,
    invoicee: { customer: { type: 'company', id: ids.company } },
    grouped_lines: oneLine(1, 10),
    ...extra,
  });

  it('credit notes without number or date get them on load, after the numbers seeded', async () => {
    sandbox.reset({
      ...seed,
      creditNotes: [
        note('numbered', { credit_note_number: '2026 / 7', credit_note_date: '2026-02-01' }),
        note('bare', { created_at: '2026-02-03T08:00:00+00:00', updated_at: '2026-02-03T08:00:00+00:00' }),
        note('dated', { credit_note_date: '2026-02-02' }),
      ],
    });
    const state = sandbox.state().creditNotes;
    expect(state.map((cn) => [cn.credit_note_date, cn.credit_note_number, cn.status, cn.paid])).toEqual([
      ['2026-02-01', '2026 / 7', 'booked', false],
      ['2026-02-03', '2026 / 9', 'booked', false],
      ['2026-02-02', '2026 / 8', 'booked', false],
    ]);
    const next = await creditPartially({ id: ids.booked, grouped_lines: oneLine(1, 1) });
    expect(await one('creditNotes.info', { id: next })).toMatchObject({ credit_note_number: '2026 / 10' });
    // Seeded credit notes count for the invoice's due: 43.35 − 3 × 12.10 − 1.21.
    expect(((await invoice(ids.booked)).total as { due: unknown }).due).toEqual(money(5.84));
  });

  it('a minimal credit note gets defaults', () => {
    const parsed = parseTeamleaderSeed({ ...seed, creditNotes: [{ id: id('min'), department_id: ids.department, invoicee: { customer: { type: 'company', id: ids.company } } }] });
    expect(parsed.creditNotes[0]).toMatchObject({ invoice_id: null, credit_note_number: null, credit_note_date: null, status: 'booked', grouped_lines: [], discounts: [], paid: false, paid_at: null });
  });

  it('references must exist', () => {
    expect(() => parseTeamleaderSeed({ ...seed, creditNotes: [note('x', { invoice_id: id('noInvoice'), department_id: id('noDepartment') })] })).toThrow(
      /teamleader\.creditNotes\[0\]\.department_id: refers to department .*\nteamleader\.creditNotes\[0\]\.invoice_id: refers to invoice .* which is not in the seed/,
    );
    expect(() => parseTeamleaderSeed({ ...seed, creditNotes: [note('x', { grouped_lines: oneLine(1, 1, id('noRate')) })] })).toThrow(
      /teamleader\.creditNotes\[0\]\.grouped_lines\[0\]\.line_items\[0\]\.tax_rate_id: refers to tax rate/,
    );
    expect(() => parseTeamleaderSeed({ ...seed, creditNotes: [note('x', { invoicee: { customer: { type: 'contact', id: ids.company } } })] })).toThrow(
      /teamleader\.creditNotes\[0\]\.invoicee\.customer\.id: refers to contact/,
    );
    expect(() => parseTeamleaderSeed({ ...seed, creditNotes: [note('x', { status: 'draft' })] })).toThrow(/teamleader\.creditNotes\[0\]\.status/);
  });
});
