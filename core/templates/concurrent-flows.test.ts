/**
 * Exactly once across runs: two flows made from one template, run at the same time (by hand and
 * by a schedule, or from two processes on one data folder), write every document and customer
 * once. They share the id ledger, and a create one run has begun is the other's to wait for.
 * Before, the two runs booked 84 of 120 MplusKASSA orders twice in Teamleader.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { runTemplate } from './demo-run';
import { fromMplus, fromTeamleader, templateEnv, type TemplateEnv } from './testing/template-env';

let env: TemplateEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const norm = (email: unknown) => String(email ?? '').trim().toLowerCase();
const distinct = (list: unknown[]) => new Set(list).size;

async function expectEachOnce(e: TemplateEnv): Promise<void> {
  const [mp, tl] = [await e.mplus(), await e.teamleader()];
  const invoices = tl.invoices.map((i) => fromMplus(i)).filter(Boolean);
  const orders = mp.orders.map((o) => fromTeamleader(o.extOrderId)).filter(Boolean);
  expect(invoices.length).toBeGreaterThan(100);
  expect(distinct(invoices), 'Teamleader invoices per MplusKASSA document').toBe(invoices.length);
  expect(distinct(orders), 'MplusKASSA orders per Teamleader document').toBe(orders.length);
  const relations = mp.relations.map((r) => norm(r.email)).filter(Boolean);
  expect(distinct(relations), 'MplusKASSA customers per email').toBe(relations.length);
  const contacts = tl.contacts.map((c) => norm(c.emails[0]?.email)).filter(Boolean);
  expect(distinct(contacts), 'Teamleader contacts per email').toBe(contacts.length);
}

describe('Two flows of one template at the same time', () => {
  it('in one process: every document and customer is written once, and what the two runs created adds up to it', async () => {
    env = await templateEnv();
    const e = env;
    const both = (template: string, settings: Record<string, unknown>) => Promise.all(['by-hand', 'scheduled'].map((flowId) => e.run(template, { flowId, settings })));
    const toMplus = await both('orders-teamleader-to-mplus', {});
    const toTeamleader = await both('orders-mplus-to-teamleader', { sendInvoices: true });
    await expectEachOnce(e);
    const tl = await e.teamleader();
    const created = toTeamleader.reduce((n, r) => n + (r.summary.nodes['invoice']?.created ?? 0), 0);
    expect(created).toBe(tl.invoices.filter((i) => fromMplus(i)).length - 1); // one was in the shop before
    // No record gave up waiting for the other run.
    for (const r of [...toMplus, ...toTeamleader]) expect(r.failures.filter((f) => /another run/.test(f.message)), r.name).toEqual([]);
  }, 120_000);

  it('from two processes on one data folder (two stores): every document and customer is written once', async () => {
    env = await templateEnv();
    const e = env;
    const other = Store.open({ dataDir: e.store.dataDir });
    try {
      await Promise.all([e.run('orders-mplus-to-teamleader', { flowId: 'desktop', settings: { sendInvoices: true } }), runTemplate(other, 'orders-mplus-to-teamleader', e.connections, { flowId: 'server', settings: { sendInvoices: true } })]);
      await Promise.all([e.run('orders-teamleader-to-mplus', { flowId: 'desktop' }), runTemplate(other, 'orders-teamleader-to-mplus', e.connections, { flowId: 'server' })]);
    } finally {
      other.close();
    }
    await expectEachOnce(e);
  }, 120_000);
});
