/**
 * Client ↔ sandbox, every operation Sincro uses, over real HTTP on 127.0.0.1 with the demo seed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoShop } from '../demo-shop';
import { TeamleaderClient } from './client';
import { TeamleaderNotFoundError, TeamleaderResponseError, TeamleaderValidationError } from './errors';
import { staticAccessToken } from './oauth';
import { collect } from './paging';
import { demoIds } from './sandbox/demo-seed';
import { connectToSandbox, type Connected } from './test-support';

let c: Connected;
beforeAll(async () => {
  c = await connectToSandbox({ recordRequests: true });
});
afterAll(async () => {
  await c.sandbox.close();
});

const shop = buildDemoShop();

describe('reads', () => {
  it('users.me names the user and the account', async () => {
    const me = await c.client.users.me();
    expect(me).toMatchObject({ id: demoIds.user, first_name: 'Sanne', last_name: 'Verbeek', account: { type: 'account', id: demoIds.account } });
  });

  it('departments, tax rates, payment terms and methods, product categories', async () => {
    const departments = await collect(c.client.departments.list());
    expect(departments.map((d) => d.id)).toEqual([demoIds.department]);
    const rates = await collect(c.client.taxRates.list({ filter: { department_id: demoIds.department } }));
    expect(rates.map((r) => r.rate)).toEqual([0, 0.09, 0.21]);
    expect(rates[2]).toMatchObject({ id: demoIds.taxRate(21), description: '21%', department: { type: 'department', id: demoIds.department } });
    const terms = await c.client.paymentTerms.withDefault();
    expect(terms.items.map((t) => t.type)).toEqual(['cash', 'after_invoice_date', 'after_invoice_date', 'end_of_month']);
    expect(terms.defaultId).toBe(demoIds.paymentTerm('after-14'));
    expect(await collect(c.client.paymentTerms.list())).toHaveLength(4);
    const methods = await collect(c.client.paymentMethods.list({ filter: { status: ['active'] } }));
    expect(methods.map((m) => m.name)).toContain('iDEAL');
    const categories = await collect(c.client.productCategories.list());
    expect(categories.map((x) => x.name).sort()).toEqual([...shop.groups].sort());
  });

  it('lists every seeded contact, company, product and invoice across pages', async () => {
    const contacts = await collect(c.client.contacts.list());
    const companies = await collect(c.client.companies.list());
    const products = await collect(c.client.products.list());
    const invoices = await collect(c.client.invoices.list());
    const state = c.sandbox.state();
    expect(contacts).toHaveLength(state.contacts.length);
    expect(companies).toHaveLength(state.companies.length);
    expect(products).toHaveLength(state.products.length);
    expect(invoices).toHaveLength(state.invoices.length);
    expect(new Set(products.map((p) => p.id)).size).toBe(products.length);
    // 76 products at 100 per page: one page; 81 invoices: one page.
    expect(contacts[0]).toHaveProperty('primary_address');
  });

  it('finds records the way a sync matches them', async () => {
    const person = shop.customers.find((x) => x.kind === 'person' && x.inTeamleader && x.email);
    const found = await c.client.contacts.findByEmail(person?.email ?? '');
    expect(found?.id).toBe(demoIds.contact(person?.key ?? ''));
    const teaPot = await c.client.products.findByCode('TEA-POT-8');
    expect(teaPot?.id).toBe(demoIds.product('p008'));
    expect(await c.client.products.findByCode('TEA-POT')).toBeNull();
    const company = shop.customers.find((x) => x.kind === 'company' && x.inTeamleader);
    expect((await c.client.companies.findByVatNumber(company?.vatNumber ?? ''))?.id).toBe(demoIds.company(company?.key ?? ''));
    expect((await c.client.companies.findByEmail(company?.email ?? ''))?.id).toBe(demoIds.company(company?.key ?? ''));
    const synced = shop.orders.find((o) => o.origin === 'mplus' && o.alreadySynced);
    const invoice = await c.client.invoices.findByPurchaseOrderNumber(demoIds.mplusOrderNumber(synced?.key ?? ''));
    expect(invoice?.id).toBe(demoIds.invoice(synced?.key ?? ''));
  });

  it('info endpoints return the details', async () => {
    const company = shop.customers.find((x) => x.kind === 'company' && x.inTeamleader && x.contact);
    const info = await c.client.companies.info(demoIds.company(company?.key ?? ''), { includes: 'related_contacts' });
    expect(info.related_contacts?.map((r) => r.id)).toEqual([demoIds.contact(company?.key ?? '')]);
    const contact = await c.client.contacts.info(demoIds.contact(company?.key ?? ''));
    expect(contact.companies[0]?.company.id).toBe(demoIds.company(company?.key ?? ''));
    const product = await c.client.products.info(demoIds.product('p001'));
    expect(product.selling_price?.currency).toBe('EUR');
    expect(product.tax?.type).toBe('taxRate');
  });

  it('unknown ids answer 404 as TeamleaderNotFoundError', async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    await expect(c.client.contacts.info(missing)).rejects.toBeInstanceOf(TeamleaderNotFoundError);
    await expect(c.client.invoices.info(missing)).rejects.toThrow(/Teamleader invoices.info refused: Invoice .* not found/);
  });
});

describe('contacts and companies', () => {
  it('adds, updates (collections replaced) and links', async () => {
    const contactId = await c.client.contacts.add({
      first_name: 'Jan',
      last_name: 'Peeters',
      emails: [{ type: 'primary', email: 'jan@example.be' }],
      telephones: [{ type: 'mobile', number: '+32 470 00 00 00' }],
      addresses: [{ type: 'primary', address: { line_1: 'Veldstraat 1', postal_code: '9000', city: 'Gent', country: 'BE' } }],
      tags: ['pos', 'vip'],
    });
    await c.client.contacts.update({ id: contactId, tags: ['pos'], telephones: null, website: 'https://jan.example.be' });
    const after = await c.client.contacts.info(contactId);
    expect(after.tags).toEqual(['pos']);
    expect(after.telephones).toEqual([]);
    expect(after.emails).toEqual([{ type: 'primary', email: 'jan@example.be' }]);
    expect(after.website).toBe('https://jan.example.be');
    expect(after.addresses[0]?.address.city).toBe('Gent');

    const companyId = await c.client.companies.add({ name: 'Peeters BV', vat_number: 'BE0477472701', emails: [{ type: 'invoicing', email: 'facturen@peeters.be' }] });
    await c.client.companies.update({ id: companyId, emails: [{ type: 'primary', email: 'info@peeters.be' }], vat_number: null });
    const company = await c.client.companies.info(companyId);
    expect(company.emails).toEqual([{ type: 'primary', email: 'info@peeters.be' }]);
    expect(company.vat_number).toBeNull();

    await c.client.contacts.linkToCompany({ id: contactId, company_id: companyId, position: 'Zaakvoerder', decision_maker: true });
    await c.client.contacts.linkToCompany({ id: contactId, company_id: companyId, position: 'CEO' });
    const linked = await c.client.contacts.info(contactId);
    expect(linked.companies).toHaveLength(1);
    expect(linked.companies[0]).toMatchObject({ position: 'CEO', decision_maker: true, company: { id: companyId } });
    const byCompany = await collect(c.client.contacts.list({ filter: { company_id: companyId } }));
    expect(byCompany.map((x) => x.id)).toEqual([contactId]);
  });

  it('refuses bad data with plain words and the field', async () => {
    await expect(c.client.contacts.add({ last_name: '  ' })).rejects.toThrow('Teamleader contacts.add was not sent: last_name must not be empty');
    const sent = c.sandbox.requestLog().filter((r) => r.endpoint === 'contacts.add').length;
    // Sent on purpose without the client's checks: the sandbox answers 400 naming the field.
    const refused = c.client.request('contacts.add', { first_name: 'Nobody' }, (await import('zod')).z.unknown());
    await expect(refused).rejects.toBeInstanceOf(TeamleaderValidationError);
    await expect(refused).rejects.toThrow('Teamleader contacts.add refused: last_name is required');
    expect(c.sandbox.requestLog().filter((r) => r.endpoint === 'contacts.add').length).toBe(sent + 1);
    await expect(
      c.client.contacts.linkToCompany({ id: demoIds.contact('c01'), company_id: '99999999-9999-4999-8999-999999999999' }),
    ).rejects.toThrow(/refused: The company 99999999-.* does not exist \(field company_id\)/);
  });
});

describe('products', () => {
  it('adds with name and code, updates and reads the price', async () => {
    const id = await c.client.products.add({
      name: 'Cappuccino',
      code: '2001',
      selling_price: { amount: 3.3, currency: 'EUR' },
      tax_rate_id: demoIds.taxRate(9),
      product_category_id: demoIds.productCategory('Koffie'),
    });
    await c.client.products.update({ id, selling_price: { amount: 3.5, currency: 'EUR' }, description: null });
    const p = await c.client.products.info(id);
    expect(p).toMatchObject({ name: 'Cappuccino', code: '2001', selling_price: { amount: 3.5 }, description: null, product_category: { id: demoIds.productCategory('Koffie') } });
    expect((await c.client.products.findByCode('2001'))?.id).toBe(id);
    await expect(c.client.products.add({ description: 'no name, no code' })).rejects.toThrow('a product needs a name or a code');
    await expect(c.client.products.add({ name: 'X', tax_rate_id: '12345678-1234-1234-1234-123456789012' })).rejects.toThrow(/tax rate .* does not exist/);
  });
});

describe('deals and quotations', () => {
  it('creates a deal and a quotation on it', async () => {
    const customer = { type: 'company' as const, id: demoIds.company('c02') };
    const dealId = await c.client.deals.create({ lead: { customer, contact_person_id: demoIds.contact('c02') }, title: 'Koffiemachine voor kantoor', estimated_value: { amount: 1200, currency: 'EUR' }, estimated_probability: 0.5 });
    const quotationId = await c.client.quotations.create({
      deal_id: dealId,
      currency: { code: 'EUR' },
      grouped_lines: [
        { line_items: [{ quantity: 2, description: 'Espresso bonen', unit_price: { amount: 10, tax: 'excluding' }, tax_rate_id: demoIds.taxRate(9), product_id: demoIds.product('p001') }] },
      ],
      text: 'Offerte',
    });
    const deal = await c.client.deals.info(dealId);
    expect(deal).toMatchObject({ title: 'Koffiemachine voor kantoor', status: 'open', lead: { customer, contact_person: { id: demoIds.contact('c02') } }, weighted_value: { amount: 600 } });
    expect(deal.quotations.map((q) => q.id)).toEqual([quotationId]);
    expect(deal.current_phase?.type).toBe('dealPhase');
    const q = await c.client.quotations.info(quotationId);
    expect(q.total).toMatchObject({ tax_exclusive: { amount: 20 }, tax_inclusive: { amount: 21.8 } });
    expect(q.grouped_lines[0]?.line_items[0]?.product?.id).toBe(demoIds.product('p001'));
    await expect(c.client.quotations.create({ deal_id: dealId })).rejects.toThrow('a quotation needs grouped_lines and/or text');
  });
});

describe('invoices', () => {
  const line = (amount: number) => ({ quantity: 2, description: 'Appeltaart', unit_price: { amount, tax: 'excluding' as const }, tax_rate_id: demoIds.taxRate(9) });

  it('drafts, updates, books; a booked invoice refuses updates', async () => {
    const orderId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const id = await c.client.invoices.draft({
      invoicee: { customer: { type: 'contact', id: demoIds.contact('c01') } },
      department_id: demoIds.department,
      payment_term: { type: 'cash' },
      currency: { code: 'EUR' },
      purchase_order_number: orderId,
      invoice_date: '2026-03-01',
      grouped_lines: [{ line_items: [line(4)] }],
    });
    let inv = await c.client.invoices.info(id);
    expect(inv).toMatchObject({ status: 'draft', invoice_number: null, total: { tax_exclusive: { amount: 8 }, tax_inclusive: { amount: 8.72 } } });

    await c.client.invoices.update({ id, grouped_lines: [{ line_items: [line(5), line(1)] }], note: 'Bestelling aan de kassa' });
    inv = await c.client.invoices.info(id);
    expect(inv.grouped_lines[0]?.line_items).toHaveLength(2);
    expect(inv.total.tax_exclusive.amount).toBe(12);

    await c.client.invoices.book({ id, on: '2026-03-02' });
    inv = await c.client.invoices.info(id);
    expect(inv.status).toBe('outstanding');
    expect(inv.invoice_number).toMatch(/^2026 \/ \d+$/);
    expect(inv.invoice_date).toBe('2026-03-02');
    await expect(c.client.invoices.update({ id, note: 'too late' })).rejects.toThrow(/booked invoices cannot be updated/);
    await expect(c.client.invoices.book({ id, on: '2026-03-02' })).rejects.toThrow(/already booked/);
    expect((await c.client.invoices.findByPurchaseOrderNumber(orderId))?.id).toBe(id);
  });

  it('refuses unknown references with 400 and the field', async () => {
    await expect(
      c.client.invoices.draft({
        invoicee: { customer: { type: 'company', id: '00000000-0000-0000-0000-000000000001' } },
        department_id: demoIds.department,
        payment_term: { type: 'after_invoice_date', days: 14 },
        grouped_lines: [{ line_items: [line(1)] }],
      }),
    ).rejects.toThrow(/refused: The company .* does not exist \(field invoicee\.customer\.id\)/);
    await expect(
      c.client.invoices.draft({
        invoicee: { customer: { type: 'contact', id: demoIds.contact('c01') } },
        department_id: demoIds.department,
        payment_term: { type: 'cash' },
        grouped_lines: [{ line_items: [{ ...line(1), tax_rate_id: '00000000-0000-0000-0000-000000000002' }] }],
      }),
    ).rejects.toThrow(/field grouped_lines\.0\.line_items\.0\.tax_rate_id/);
    await expect(
      c.client.invoices.draft({
        invoicee: { customer: { type: 'contact', id: demoIds.contact('c01') } },
        department_id: demoIds.department,
        payment_term: { type: 'after_invoice_date' },
        grouped_lines: [],
      }),
    ).rejects.toThrow('payment_term.days is required unless the type is cash');
  });

  it('filters invoices by status, customer and date', async () => {
    const drafts = await collect(c.client.invoices.list({ filter: { status: ['draft'] } }));
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((i) => i.status === 'draft' && i.invoice_number === null)).toBe(true);
    const march = await collect(c.client.invoices.list({ filter: { invoice_date_after: '2026-03-01', invoice_date_before: '2026-03-31' } }));
    expect(march.every((i) => (i.invoice_date ?? '') >= '2026-03-01' && (i.invoice_date ?? '') <= '2026-03-31')).toBe(true);
    const sorted = await collect(c.client.invoices.list({ filter: { status: ['outstanding', 'matched'] }, sort: [{ field: 'invoice_date', order: 'desc' }] }));
    const dates = sorted.map((i) => i.invoice_date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('credit notes', () => {
  const line = (quantity: number, amount: number) => ({ quantity, description: 'Appeltaart', unit_price: { amount, tax: 'excluding' as const }, tax_rate_id: demoIds.taxRate(9) });
  /** A booked invoice of 2 × 4.00 + 1 × 10.00 at 9 %: 18.00 + 1.62 = 19.62. */
  const bookedInvoice = async () => {
    const id = await c.client.invoices.draft({
      invoicee: { customer: { type: 'contact', id: demoIds.contact('c01') } },
      department_id: demoIds.department,
      payment_term: { type: 'cash' },
      grouped_lines: [{ line_items: [line(2, 4), line(1, 10)] }],
    });
    await c.client.invoices.book({ id, on: '2026-03-02' });
    return id;
  };

  it("credits a booked invoice completely; the credit note lists and reads back, and the invoice's due is 0", async () => {
    const invoiceId = await bookedInvoice();
    const before = await c.client.invoices.info(invoiceId);
    expect(before.total.due).toMatchObject({ amount: 19.62 });
    const noteId = await c.client.invoices.credit({ id: invoiceId, credit_note_date: '2026-03-05' });
    const note = await c.client.creditNotes.info(noteId);
    expect(note).toMatchObject({
      id: noteId,
      status: 'booked',
      credit_note_date: '2026-03-05',
      credit_note_number: expect.stringMatching(/^2026 \/ \d+$/),
      invoice: { type: 'invoice', id: invoiceId },
      invoicee: { customer: { type: 'contact', id: demoIds.contact('c01') } },
      total: { tax_exclusive: { amount: 18, currency: 'EUR' }, tax_inclusive: { amount: 19.62 }, payable: { amount: 19.62 } },
      currency: 'EUR',
      document_template: null,
    });
    expect(note.grouped_lines[0]?.line_items.map((l) => l.quantity)).toEqual([2, 1]);
    const listed = await collect(c.client.creditNotes.list({ filter: { invoice_id: invoiceId } }));
    expect(listed.map((n) => n.id)).toEqual([noteId]);
    const after = await c.client.invoices.info(invoiceId);
    expect(after).toMatchObject({ status: 'outstanding', paid: false, total: { due: { amount: 0 }, payable: { amount: 19.62 } } });
    expect(after.updated_at).not.toBeNull();
  });

  it('credits partially, refuses more than is left, and reads changes since a moment', async () => {
    const invoiceId = await bookedInvoice();
    const since = new Date(Math.floor(Date.now() / 1000) * 1000);
    // 1 × 4.00 at 9 %: 4.36, leaving 15.26.
    const noteId = await c.client.invoices.creditPartially({ id: invoiceId, grouped_lines: [{ line_items: [line(1, 4)] }] });
    expect((await c.client.invoices.info(invoiceId)).total.due).toMatchObject({ amount: 15.26 });
    await expect(c.client.invoices.creditPartially({ id: invoiceId, grouped_lines: [{ line_items: [line(2, 10)] }] })).rejects.toThrow(/would credit more than is left/);
    await expect(c.client.invoices.credit({ id: invoiceId })).rejects.toThrow(/would credit more than is left/);
    const changed = await collect(c.client.creditNotes.list({ filter: { updated_since: since } }));
    expect(changed.map((n) => n.id)).toContain(noteId);
    expect(changed.every((n) => (n.updated_at ?? '') >= since.toISOString().slice(0, 19))).toBe(true);
  });

  it('checks inputs before sending', async () => {
    await expect(c.client.invoices.credit({ id: 'not-an-id' })).rejects.toBeInstanceOf(TeamleaderValidationError);
    await expect(c.client.invoices.credit({ id: demoIds.department, credit_note_date: '5 March' })).rejects.toThrow(/credit_note_date/);
    // @ts-expect-error grouped_lines is required
    await expect(c.client.invoices.creditPartially({ id: demoIds.department })).rejects.toThrow(/grouped_lines/);
    await expect(c.client.creditNotes.info('11111111-2222-3333-4444-555555555555')).rejects.toBeInstanceOf(TeamleaderNotFoundError);
  });

  it("reads creditNotes.info's data as an array of one, as the blueprint shows it, and refuses other arrays", async () => {
    const noteId = await c.client.invoices.credit({ id: await bookedInvoice() });
    // Between the client and the sandbox: answers creditNotes.info with `data` wrapped in an array.
    let copies = 1;
    const proxy = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        void (async () => {
          const answer = await fetch(`${c.sandbox.url}${req.url ?? ''}`, { method: 'POST', headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' }, body });
          const json = (await answer.json()) as { data: unknown };
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: Array.from({ length: copies }, () => json.data) }));
        })();
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const client = new TeamleaderClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, auth: staticAccessToken((await c.sandbox.issueTokens()).accessToken) });
      expect(await client.creditNotes.info(noteId)).toEqual(await c.client.creditNotes.info(noteId));
      copies = 2;
      await expect(client.creditNotes.info(noteId)).rejects.toBeInstanceOf(TeamleaderResponseError);
      copies = 0;
      await expect(client.creditNotes.info(noteId)).rejects.toThrow(/creditNotes\.info answered in an unexpected shape/);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
