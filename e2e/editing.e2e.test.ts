/**
 * Issue 11 §3, editing like a flow editor: the palette is one Tab stop walked with the arrow keys;
 * a step added after the selected one is wired in between, where it covers nothing; a step dropped
 * on a connection splits it; "Connect to…" connects by keyboard and warns about two paths into an
 * input that takes one; any step can be switched off; sticky notes; connections named by titles.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../core/api/flow-document';
import { demoFlow } from './fixtures/demo-flow';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';
import { card } from './support/editor';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const doc = demoFlow();
  doc.nodes.push({ id: 'orders-file', type: 'file.target.write', typeVersion: 1, label: 'Orders file', position: { x: 1200, y: 0 }, config: { path: `${app.dir}/orders.ndjson`, format: 'ndjson', append: false } });
  doc.edges.push({ from: { node: 'customer', port: 'found' }, to: { node: 'orders-file', port: 'in' } });
  await app.call('flows.save', { doc });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const stored = async () => (await app.call<{ doc: FlowDocument }>('flows.get', { id: 'demo-orders' })).doc;
const edgeIds = (page: Page) => page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
/** Where the flow stands once saved (the editor saves a moment after each change). */
async function saved(page: Page) {
  await expect.poll(async () => (await page.locator('.save-state').first().textContent()) ?? '', { timeout: 10_000 }).toMatch(/Saved/);
}

describe('editing a flow', () => {
  it('adds, splits, connects by keyboard, switches steps off and takes notes', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/demo-orders' });
    await card(page, 'payment').waitFor();
    await page.keyboard.press('Shift+L'); // tidy up for this canvas
    await page.waitForTimeout(500);

    // Connections are named by the steps' titles.
    expect(await page.locator('.react-flow__edge[data-id="payment.out->customer.in"]').getAttribute('aria-label')).toBe('From “Payment method” to “Find the customer”');
    expect(await page.locator('.react-flow__edge[data-id="customer.missing->default-debtor.in"]').getAttribute('aria-label')).toBe('From “Find the customer” (missing) to “Default debtor”');

    // The palette is one Tab stop: from its search box, one Tab reaches the list and the next leaves it.
    await page.locator('#palette-search').focus();
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate<string | null>('document.activeElement?.getAttribute("data-type") ?? null');
    const first = await focused();
    expect(first).not.toBeNull();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).not.toBe(first);
    await page.keyboard.press('End');
    const last = await focused();
    await page.keyboard.press('Home');
    expect(await focused()).toBe(first);
    expect(last).not.toBe(first);
    await page.locator('#palette-search').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<boolean>('!!document.activeElement?.closest(".palette-list")')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<boolean>('!!document.activeElement?.closest(".palette")')).toBe(false);

    // "Add after the selected step": Enter on a palette step puts it between “Web orders” mapping and what it fed.
    await card(page, 'map').click();
    await page.locator('#palette-search').fill('defaults');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await card(page, 'fill-in-defaults').waitFor();
    await expect.poll(() => edgeIds(page)).toEqual(expect.arrayContaining(['map.out->fill-in-defaults.in', 'fill-in-defaults.out->payment.in']));
    expect(await edgeIds(page)).not.toContain('map.out->payment.in');
    await page.locator('#palette-search').fill('');
    await screenshot(page, 'edit-01-added-after');

    // Dropped on a connection, a step goes in between (old source → new step → old target).
    const mid = await page.locator('.react-flow__edge[data-id="payment.out->customer.in"] .react-flow__edge-interaction').boundingBox();
    const pane = await page.locator('.canvas .react-flow__pane').boundingBox();
    if (!mid || !pane) throw new Error('the connection is not on screen');
    await page.locator('.palette-item', { hasText: 'Translate values' }).first().dragTo(page.locator('.canvas .react-flow__pane'), { targetPosition: { x: mid.x + mid.width / 2 - pane.x, y: mid.y + mid.height / 2 - pane.y }, force: true });
    await card(page, 'translate-values').waitFor();
    await expect.poll(() => edgeIds(page)).toEqual(expect.arrayContaining(['payment.out->translate-values.in', 'translate-values.out->customer.in']));
    await screenshot(page, 'edit-02-dropped-on-connection');

    // Connect by keyboard: "Default debtor" to “Orders file”, a target that takes one path: a warning.
    await card(page, 'default-debtor').click();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Connect “Default debtor” to…' });
    await dialog.getByRole('combobox').fill('orders file');
    await screenshot(page, 'edit-03-connect-to');
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeIds(page)).toContain('default-debtor.out->orders-file.in');
    await expect.poll(() => card(page, 'orders-file').locator('.node-warning').textContent()).toContain('“Orders file” takes its records from one step, but 2 are connected to it');
    await page.getByText('Connected — but check this').first().waitFor();

    // Any step can be switched off (D): the payment table then passes records on unchanged.
    await card(page, 'payment').click();
    await page.keyboard.press('d');
    await expect.poll(() => card(page, 'payment').locator('.badge:visible').first().textContent()).toBe('Off');
    expect(await page.getByRole('switch', { name: 'Run this step' }).getAttribute('aria-checked')).toBe('false');

    // The two new steps are not set up yet: switched off, they do not stop the flow from running.
    expect(await page.locator('.problems-badge').textContent()).toContain('2 problems');
    await card(page, 'fill-in-defaults').click();
    await card(page, 'translate-values').click({ modifiers: ['Control'] });
    await page.keyboard.press('d');
    await expect.poll(() => page.locator('.problems-badge').count()).toBe(0);

    // A sticky note (N), typed straight into.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('n');
    await page.keyboard.type('Payment table is off until the new methods are agreed.');
    await saved(page);
    await expect.poll(async () => (await stored()).notes?.[0]?.text).toBe('Payment table is off until the new methods are agreed.');
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await screenshot(page, 'edit-04-off-and-note');

    // The dry run: the switched-off step passes records on unchanged, so WEB-1005 no longer fails there.
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    await page.getByText('Dry run finished').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.run-plan').textContent()).toContain('“Payment method” is switched off: will pass 5 records on unchanged.');
    expect(await page.locator('.run-plan').textContent()).toContain('“Translate values” is switched off: will pass 5 records on unchanged.');
    expect(await page.locator('.run-plan').textContent()).not.toContain('at “Payment method”');
    const doc = await stored();
    expect(doc.nodes.find((n) => n.id === 'payment')?.enabled).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'edit-05-dry-run-step-off');
    expect(errors).toEqual([]);
    await context.close();
  });
});
