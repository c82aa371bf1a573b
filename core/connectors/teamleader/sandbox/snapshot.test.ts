/**
 * The sandbox's snapshot: everything needed to start it again where it was, data and OAuth state,
 * and exactly what the seed loader reads back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../paging';
import { refreshAccessToken } from '../oauth';
import { clientFor } from '../test-support';
import { demoIds } from './demo-seed';
import { parseTeamleaderSeed } from './seed-schema';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './server';

const started: TeamleaderSandbox[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function sandboxWith(opts: Parameters<typeof startTeamleaderSandbox>[0] = {}) {
  const s = await startTeamleaderSandbox(opts);
  started.push(s);
  return s;
}

describe('snapshot', () => {
  it('round-trips exactly through the seed loader after writes, with clients, valid tokens and stamps', async () => {
    const changes: string[] = [];
    const sandbox = await sandboxWith({ clientId: 'own-client', clientSecret: 'own-secret', onChange: (what) => changes.push(what) });
    const { client } = await clientFor(sandbox);
    const company = await client.companies.add({ name: 'Snapshot BV', emails: [{ type: 'primary', email: 'snap@example.com' }] });
    const contact = await client.contacts.add({ last_name: 'Snap' });
    await client.contacts.linkToCompany({ id: contact, company_id: company, decision_maker: true });
    await client.products.add({ code: 'SNAP-1', name: 'Snap', selling_price: { amount: 3, currency: 'EUR' } });
    const deal = await client.deals.create({ lead: { customer: { type: 'company', id: company } }, title: 'Snap deal' });
    await client.quotations.create({ deal_id: deal, text: 'Offerte' });
    const invoice = await client.invoices.draft({
      invoicee: { customer: { type: 'company', id: company } },
      department_id: demoIds.department,
      payment_term: { type: 'cash' },
      grouped_lines: [{ line_items: [{ quantity: 1, description: 'Snap', unit_price: { amount: 3, tax: 'excluding' }, tax_rate_id: demoIds.taxRate(21) }] }],
    });
    await client.invoices.book({ id: invoice, on: '2026-05-01' });
    const creditNote = await client.invoices.credit({ id: invoice, credit_note_date: '2026-05-02' });
    expect(changes).toContain('data');
    expect(changes).toContain('tokens');

    const snapshot = sandbox.snapshot();
    expect(parseTeamleaderSeed(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
    expect(snapshot.oauth.clients).toContainEqual({ client_id: 'own-client', client_secret: 'own-secret' });
    expect(sandbox.state().oauth).toEqual({ clients: [], access_tokens: [], refresh_tokens: [] });

    // Started again from it: the same data, and the tokens handed out before still work.
    const tokens = await sandbox.issueTokens();
    const again = await sandboxWith({ seed: JSON.parse(JSON.stringify(sandbox.snapshot())), clientId: 'own-client', clientSecret: 'own-secret' });
    expect(again.state()).toEqual(sandbox.state());
    expect(again.snapshot()).toEqual(sandbox.snapshot());
    const me = await fetch(`${again.url}/users.me`, { method: 'POST', headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' }, body: '{}' });
    expect(me.status).toBe(200);
    const renewed = await refreshAccessToken({ clientId: 'own-client', clientSecret: 'own-secret', authBaseUrl: again.url }, tokens.refreshToken);
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    const { client: later } = await clientFor(again);
    expect((await collect(later.invoices.list({ filter: { ids: [invoice] } })))[0]).toMatchObject({ status: 'outstanding', invoice_number: expect.stringMatching(/^2026 \/ \d+$/) });
    expect(await collect(later.creditNotes.list({ filter: { invoice_id: invoice } }))).toEqual([
      expect.objectContaining({ id: creditNote, credit_note_date: '2026-05-02', credit_note_number: expect.stringMatching(/^2026 \/ \d+$/) }),
    ]);
  });

  it('leaves out access tokens that have expired', async () => {
    const sandbox = await sandboxWith({ tokenLifetimeSec: 1, now: () => 1_000_000 });
    await sandbox.issueTokens();
    expect(sandbox.snapshot().oauth.access_tokens).toHaveLength(1);
    const later = await sandboxWith({ seed: sandbox.snapshot(), now: () => 1_002_000 });
    expect(later.snapshot().oauth.access_tokens).toHaveLength(0);
    expect(later.snapshot().oauth.refresh_tokens).toHaveLength(1);
  });
});
