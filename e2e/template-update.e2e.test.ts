/**
 * A flow made from an earlier version of its template keeps that version's steps (a template's
 * fix reaches a flow only when it is updated): the flow's panel says what the newer version
 * changes, updates it in one click, and undo brings the earlier steps back.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../core/api/flow-document';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';
import { card } from './support/editor';

let app: RunningApp;
let browser: Browser;
const TEMPLATE = 'orders-mplus-to-teamleader';

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const { doc } = await app.call<{ doc: FlowDocument }>('templates.create', { template: TEMPLATE, flowId: 'old-orders', name: 'Till to CRM', connections: { mplus: 'conn_till', teamleader: 'conn_crm' }, settings: { sendInvoices: true } });
  // As version 1 made it: without the step that reads each order's articles.
  const old: FlowDocument = { ...doc, template: { id: TEMPLATE, version: 1 }, nodes: doc.nodes.filter((n) => n.id !== 'articles'), edges: doc.edges.filter((e) => e.from.node !== 'articles' && e.to.node !== 'articles') };
  old.edges.push({ from: { node: 'relation', port: 'found' }, to: { node: 'read-order', port: 'in' } });
  await app.call('flows.save', { doc: old });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a flow made from an earlier version of its template', () => {
  it('is told what the newer version changes, is updated in one click, and undo brings its steps back', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/old-orders' });
    await card(page, 'read-order').waitFor();
    const nodes = page.locator('.react-flow__node');
    const before = await nodes.count();
    const notice = page.locator('.template-update');
    await expect.poll(() => notice.textContent()).toContain('This flow was made from version 1 of “Orders: MplusKASSA → Teamleader”');
    expect(await notice.textContent()).toContain('A refund made at the till');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'template-update-01-notice');

    await notice.getByRole('button', { name: 'Update this flow' }).click();
    await card(page, 'articles').waitFor();
    expect(await nodes.count()).toBe(before + 1);
    await expect.poll(() => notice.count()).toBe(0);
    // Its settings kept: MplusKASSA invoices still on.
    expect(await page.getByRole('switch', { name: 'Send MplusKASSA invoices' }).getAttribute('aria-checked')).toBe('true');
    await expect.poll(async () => (await app.call<{ doc: FlowDocument } | null>('flows.get', { id: 'old-orders' }))?.doc.template?.version, { timeout: 10_000 }).toBe(2);
    await screenshot(page, 'template-update-02-updated');

    await page.locator('.canvas .react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodes.count()).toBe(before);
    await expect.poll(() => notice.count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
