/**
 * Issue 11 §4, counts and words a user can trust: a dry run says "would", never "done"; records a
 * filter rejects with nothing connected are filtered out, not done; a run in which every record
 * failed says so; the dashboard counts each record once a day; records are named by their
 * reference and customer; problems name the step by its title.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../core/api/flow-document';
import { demoFlow } from './fixtures/demo-flow';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';
import { card } from './support/editor';

let app: RunningApp;
let browser: Browser;

async function runToEnd(flowId: string, dryRun = false): Promise<void> {
  const { runId } = await app.call<{ runId: string }>('runs.start', { flowId, dryRun });
  for (let i = 0; i < 300 && (app.store.runs.get(runId)?.status ?? 'running') === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  await app.call('flows.save', { doc: demoFlow() });
  // Every record fails: the payment table knows none of the methods.
  const allFail = demoFlow('all-fail', 'Orders with an empty payment table');
  const payment = allFail.nodes.find((n) => n.id === 'payment') as FlowDocument['nodes'][number];
  payment.config = { ...payment.config, table: [{ from: 'cheque', to: 'CHEQUE' }] };
  await app.call('flows.save', { doc: allFail });
  // A filter with nothing connected to "reject": only iDEAL orders go on.
  const filtered = demoFlow('ideal-only', 'iDEAL orders only');
  filtered.nodes.splice(1, 0, { id: 'only-ideal', type: 'core.transform.filter', typeVersion: 1, label: 'Paid with iDEAL?', position: { x: 150, y: 80 }, config: { condition: "paymentMethod = 'ideal'" } });
  filtered.edges = [{ from: { node: 'orders', port: 'out' }, to: { node: 'only-ideal', port: 'in' } }, { from: { node: 'only-ideal', port: 'pass' }, to: { node: 'map', port: 'in' } }, ...filtered.edges.filter((e) => e.from.node !== 'orders')];
  await app.call('flows.save', { doc: filtered });
  for (let i = 0; i < 3; i++) await runToEnd('demo-orders');
  await runToEnd('all-fail');
  await runToEnd('ideal-only');
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('counts and words', () => {
  it('say “would” of a dry run, name records by reference and customer, and steps by title', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/demo-orders' });
    await card(page, 'payment').waitFor();
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    await page.getByText('Dry run finished').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.run-status').textContent()).toContain('5 read · 4 would go through · 0 would be skipped · 1 would fail');
    await page.getByRole('tab', { name: /Records/ }).click();
    const panel = page.locator('.run-panel');
    await expect.poll(() => panel.getByRole('option').first().textContent()).toContain('WEB-1005 · Eva Visser');
    expect(await panel.getByRole('group', { name: 'Show records' }).textContent()).toMatch(/Would go through.*Would be skipped.*Would fail/);
    await panel.getByRole('button', { name: /^All/ }).click();
    await expect.poll(() => panel.getByRole('option', { name: /WEB-1001 · Anna de Vries/ }).count()).toBe(1);
    await panel.getByRole('option', { name: /WEB-1001 · Anna de Vries/ }).click();
    expect(await panel.textContent()).not.toMatch(/\bdone\b/i);
    expect(await page.locator('.lineage .badge').first().textContent()).toBe('Would go through');
    await screenshot(page, 'words-01-dry-run-would');

    // A problem is told with the step's title, never its id.
    const broken = demoFlow();
    const payment = broken.nodes.find((n) => n.id === 'payment') as FlowDocument['nodes'][number];
    payment.config = { ...payment.config, field: '' };
    await app.call('flows.save', { doc: broken });
    await page.reload();
    await card(page, 'payment').waitFor();
    await expect.poll(() => page.locator('.problems-badge').count()).toBe(1);
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    const toast = page.locator('[data-sonner-toast]', { hasText: 'Fix this problem first' });
    await expect.poll(() => toast.textContent()).toContain('“Payment method”');
    expect(await toast.textContent()).not.toContain('Node "');
    // The field by its label, not its key.
    expect(await toast.textContent()).toMatch(/“Payment method”: “[^”]+” must be a field path/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('say when every record failed, count filtered-out records as skipped, and count each record once on the dashboard', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/all-fail' });
    await card(page, 'payment').waitFor();
    await expect.poll(() => page.locator('.run-status .badge').textContent()).toBe('All 5 records failed');
    await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
    await expect.poll(() => page.locator('.run-plan').textContent()).toContain('The run finished, but all 5 records failed');
    await screenshot(page, 'words-02-all-failed');

    await page.goto(`${app.host.url}#/flows/ideal-only`);
    await card(page, 'only-ideal').waitFor();
    await expect.poll(() => page.locator('.run-status').textContent()).toContain('5 read · 2 done · 3 skipped · 0 failed');
    await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
    await expect.poll(() => page.locator('.run-plan').textContent()).toContain('“Paid with iDEAL?” skipped 3 records: filtered out by “Paid with iDEAL?” (nothing is connected to its “reject” output)');
    await screenshot(page, 'words-03-filtered-out');

    await page.goto(`${app.host.url}#/runs`);
    await page.getByRole('heading', { name: 'Run history' }).waitFor();
    await expect.poll(() => page.locator('.runs-table').textContent()).toContain('All 5 records failed');

    // Three runs of the same five orders are five records, not fifteen.
    await page.goto(`${app.host.url}#/dashboard`);
    await page.locator('.recharts-surface').first().waitFor();
    const tile = (label: string) => page.locator('.tile', { hasText: label }).locator('.tile-value').textContent();
    await expect.poll(() => tile('Records done')).toBe('6');
    expect(await tile('Failed records')).toBe('6');
    expect(await tile('Skipped')).toBe('3');
    // Skips are not all "already in sync" (filtered out here; echoes, switched-off steps): the tile says only what it counts.
    expect(await page.locator('.tile-label', { hasText: 'Skipped' }).textContent()).toBe('Skipped records');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'words-04-dashboard-distinct');
    expect(errors).toEqual([]);
    await context.close();
  });
});
