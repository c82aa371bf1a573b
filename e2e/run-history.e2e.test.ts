/**
 * The run history at volume and what to do with a run, in real Chromium against `sincro serve`'s
 * host: filters and older pages of the runs list, finding a record by its label, the inbox with
 * its unread count linking to the run, retrying the failed records, and exporting a run's records.
 * Screenshots: run-history-filters, run-detail-retry, inbox (light and dark).
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../core/api/flow-document';
import { demoFlow } from './fixtures/demo-flow';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';

let app: RunningApp;
let browser: Browser;
let runId = '';

/** The demo flow with its orders labelled by the customer's email; `cash` known or not to the payment table. */
function ordersFlow(knowsCash: boolean): FlowDocument {
  const doc = demoFlow();
  const orders = doc.nodes.find((n) => n.id === 'orders');
  if (orders) orders.config = { ...orders.config, labelField: 'email' };
  const payment = doc.nodes.find((n) => n.id === 'payment');
  if (payment && knowsCash) payment.config = { ...payment.config, table: [...(payment.config['table'] as unknown[]), { from: 'cash', to: 'CASH' }] };
  return doc;
}

async function finished(id: string): Promise<void> {
  for (let i = 0; i < 100 && (await app.call<{ status: string } | null>('runs.get', { runId: id }))?.status === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  // 150 older runs of another flow, by schedule and by hand, straight into the store.
  const t0 = Date.parse('2026-10-01T06:00:00.000Z');
  for (let i = 0; i < 150; i++) {
    const id = `run_old_${String(i).padStart(3, '0')}`;
    const startedAt = new Date(t0 + i * 3_600_000).toISOString();
    app.store.runs.start({ runId: id, flowId: 'nightly', flowVersion: 1, flowName: 'Nightly customers', dryRun: false, trigger: i % 3 ? 'schedule' : 'manual', startedAt });
    app.store.runs.finish(id, { status: 'succeeded', finishedAt: startedAt, counts: { read: 10, ok: 10, skipped: 0, failed: 0, nodes: {} } });
  }
  await app.call('flows.save', { doc: ordersFlow(false) });
  runId = (await app.call<{ runId: string }>('runs.start', { flowId: 'demo-orders', dryRun: false })).runId;
  await finished(runId);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the run history', () => {
  it('filters the runs, shows older ones a page at a time, and finds a record by its label', async () => {
    const { page, errors, context } = await openScreen(browser, app, { path: '#/runs' });
    const rows = page.locator('table.runs-table tbody tr');
    await page.getByRole('heading', { name: 'All runs' }).waitFor();
    await expect.poll(() => rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Show older runs' }).click();
    await expect.poll(() => rows.count()).toBe(151);
    expect(await page.getByRole('button', { name: 'Show older runs' }).count()).toBe(0);

    await page.getByRole('combobox', { name: 'Started by' }).click();
    await page.getByRole('option', { name: 'Schedule' }).click();
    await expect.poll(() => rows.count()).toBe(100);
    expect(await rows.filter({ hasText: 'By hand' }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Started by' }).click();
    await page.getByRole('option', { name: 'Started any way' }).click();
    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Some records failed' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Started from (day)').fill('2026-10-02');
    await page.getByLabel('Started until (day, included)').fill('2026-10-03');
    await page.getByText('No runs match.').waitFor();
    await screenshot(page, 'run-history-filters');

    await page.getByLabel('Record key or label').fill('EVA@example.nl');
    await page.getByRole('button', { name: 'Find in all runs' }).click();
    const found = page.locator('section[aria-labelledby="find-title"] tbody tr');
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.first().innerText()).toMatch(/eva@example\.nl\s+WEB-1005/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells the failure in the inbox, retries the failed records with the fixed flow, and says it works again', async () => {
    const { page, errors, context } = await openScreen(browser, app, { path: '#/' });
    const bell = page.getByRole('button', { name: /^Notices/ });
    await page.getByRole('button', { name: 'Notices (1 unread)' }).waitFor();
    await bell.click();
    const inbox = page.getByRole('dialog', { name: 'Notices' });
    await inbox.getByText('Web orders with customer numbers: 1 record failed').waitFor();
    await screenshot(page, 'inbox');
    expect(await seriousViolations(page)).toEqual([]);
    await inbox.getByRole('link', { name: /1 record failed/ }).click();
    await page.getByRole('heading', { name: 'Web orders with customer numbers' }).waitFor();
    await page.getByRole('button', { name: 'Notices', exact: true }).waitFor();

    // The cause is fixed (cash is known now), then the failed record is retried.
    await app.call('flows.save', { doc: ordersFlow(true) });
    await page.getByRole('button', { name: 'Retry the failed records' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry the failed records?' });
    await dialog.getByText('Nothing is created twice').waitFor();
    await screenshot(page, 'run-detail-retry');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Retry 1 failed record' }).click();
    await page.getByText('A retry of the failed records of').waitFor();
    await page.getByText('Succeeded').first().waitFor({ timeout: 20_000 });
    const retries = await app.call<Array<{ id: string; retryOf: string; status: string; counts: { read: number } }>>('runs.list', { trigger: 'retry' });
    expect(retries).toEqual([expect.objectContaining({ retryOf: runId, status: 'succeeded', counts: expect.objectContaining({ read: 1 }) })]);
    await page.getByRole('button', { name: 'Notices (1 unread)' }).waitFor();
    await bell.click();
    await inbox.getByText('Web orders with customer numbers works again').waitFor();
    await page.keyboard.press('Escape');

    // The first run's records as CSV, downloaded by the browser.
    await page.goto(`${app.host.url}#/runs/${runId}`);
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe(`${runId}-records.csv`);
    const csv = readFileSync((await download.path()) ?? '', 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('run,seq,key,label,source,outcome,node,port,action,target_id,message,data');
    expect(csv.filter((l) => l.includes('WEB-1005'))).toEqual([expect.stringContaining(',WEB-1005,eva@example.nl,orders,failed,payment,')]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads well in the dark theme with the inbox open', async () => {
    const { page, errors, context } = await openScreen(browser, app, { theme: 'dark', path: '#/runs' });
    await page.getByRole('button', { name: /^Notices/ }).click();
    await page.getByRole('dialog', { name: 'Notices' }).getByText(/works again/).waitFor();
    await screenshot(page, 'inbox-dark');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
