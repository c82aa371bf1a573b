/** ORD-2: a run stopped while it writes leaves nothing to book twice, on sandboxes of its own. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunEvent } from '../api/run-model';
import { fromTeamleader, templateEnv, type TemplateEnv } from './testing/template-env';

let env: TemplateEnv;
beforeAll(async () => {
  env = await templateEnv();
}, 60_000);
afterAll(() => env.close());

const fromTeamleaderIds = async () => (await env.mplus()).invoices.map((i) => fromTeamleader(i.extInvoiceId)).filter(Boolean);

it('ORD-2: a rerun after a run stopped in the middle of writing books every document exactly once', async () => {
  const controller = new AbortController();
  // Stopped as the first document is written, not after a delay: a fast machine finished the whole run within 300 ms.
  const stopAtFirstWrite = (e: RunEvent) => {
    if (e.type === 'record' && e.node === 'invoice' && e.status === 'ok') controller.abort();
  };
  const settings = { mplusDocument: 'invoice' };
  const interrupted = await env.run('orders-teamleader-to-mplus', { settings, signal: controller.signal, onEvent: stopAtFirstWrite, recordEvents: true });
  expect(interrupted.summary.status).toBe('cancelled');
  const early = (await fromTeamleaderIds()).length;
  expect(early).toBeGreaterThan(0);

  const rerun = await env.run('orders-teamleader-to-mplus', { settings });
  const ids = await fromTeamleaderIds();
  expect(ids.length).toBeGreaterThan(early);
  expect(new Set(ids).size).toBe(ids.length);
  expect(rerun.summary.nodes['invoice']?.created).toBe(ids.length - early);
});
