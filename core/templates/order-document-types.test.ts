/** Document types are settings (MISSION ORD-6), in both directions, on sandboxes of their own. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoShop, demoId } from '../connectors/demo-shop';
import { fromTeamleader, templateEnv, type TemplateEnv } from './testing/template-env';

const shop = buildDemoShop();
const mplusOrderId = (key: string) => demoId('mplus.order', key).replaceAll('-', '');
const teamleaderInvoiceId = (key: string) => demoId('teamleader.invoice', key);
const mplusOrigin = shop.orders.filter((o) => o.origin === 'mplus');

let env: TemplateEnv;
beforeAll(async () => {
  env = await templateEnv();
}, 60_000);
afterAll(() => env.close());

describe('Document types', () => {
  it('ORD-6: document types are settings: MplusKASSA orders as Teamleader quotations, Teamleader invoices as MplusKASSA invoices', async () => {
      const quotations = await env.run('orders-mplus-to-teamleader', { settings: { teamleaderDocument: 'quotation' } });
      expect(quotations.summary.nodes['quotation']?.created).toBe(mplusOrigin.length - 1);
      const state = await env.teamleader();
      const first = mplusOrigin.find((o) => !o.alreadySynced);
      const deal = state.deals.find((d) => d.title.endsWith(`[MplusKASSA order ${mplusOrderId(first?.key ?? '')}]`));
      expect(deal).toBeDefined();
      expect(state.quotations.some((q) => q['deal_id'] === deal?.id)).toBe(true);

      const invoices = await env.run('orders-teamleader-to-mplus', { settings: { mplusDocument: 'invoice' } });
      expect(invoices.summary.nodes['invoice']?.created).toBeGreaterThan(30);
      const mplus = await env.mplus();
      const made = mplus.invoices.filter((i) => shop.orders.some((o) => o.origin === 'teamleader' && teamleaderInvoiceId(o.key) === fromTeamleader(i.extInvoiceId)));
      expect(made).toHaveLength(invoices.summary.nodes['invoice']?.created ?? -1);
  });
});
