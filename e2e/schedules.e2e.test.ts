/**
 * Issue 11 §7, schedules in the editor: a cron the host would refuse shows the check's message at
 * the field and is not saved (before: "61 * * * *" read "Every hour at 61 minutes past", then the
 * header said "Not saved — retry"); a valid one shows its next three run times in local time; a
 * schedule that comes round faster than the flow's last run took is warned about; a flow that
 * keeps failing has one toast that counts, not a stack of them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../core/api/flow-document';
import { demoFlow } from './fixtures/demo-flow';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';

let app: RunningApp;
let browser: Browser;

const storedSchedule = async () => (await app.call<{ doc: FlowDocument }>('flows.get', { id: 'demo-orders' })).doc.schedule;

/** The flow's last real run, as the history keeps it: it took 7 min 12 s, an hour ago. */
function seedLongRun(): void {
  const started = Date.now() - 3_600_000;
  app.store.db
    .prepare("INSERT INTO runs (id, flow_id, flow_version, flow_name, status, dry_run, trigger, started_at, finished_at, counts) VALUES ('run_long', 'demo-orders', 1, 'Web orders with customer numbers', 'succeeded', 0, 'schedule', ?, ?, NULL)")
    .run(new Date(started).toISOString(), new Date(started + 7 * 60_000 + 12_000).toISOString());
}

/** A flow whose second record fails at every run. */
const failing: FlowDocument = {
  schemaVersion: 1,
  id: 'always-failing',
  name: 'Always failing',
  settings: {},
  edges: [
    { from: { node: 'src', port: 'out' }, to: { node: 'check', port: 'in' } },
    { from: { node: 'check', port: 'reject' }, to: { node: 'no', port: 'in' } },
  ],
  nodes: [
    { id: 'src', type: 'core.source.sample', typeVersion: 1, position: { x: 0, y: 0 }, config: { keyField: 'id', records: [{ id: 'o1', ok: true }, { id: 'o2', ok: false }] } },
    { id: 'check', type: 'core.transform.filter', typeVersion: 1, position: { x: 300, y: 0 }, config: { condition: 'ok' } },
    { id: 'no', type: 'core.transform.fail', typeVersion: 1, position: { x: 600, y: 0 }, config: { reason: 'not ok' } },
  ],
};

async function openSchedule(page: Page) {
  await page.locator('.schedule-btn').click();
  const field = page.getByLabel('Custom (cron)');
  await field.waitFor();
  return field;
}

/** "Thu 3 Dec, 06:05" or "Wed, Dec 2, 03:35 PM" → minutes of the day (written in the browser's locale). */
const minuteOfDay = (text: string) => {
  const m = /(\d{1,2}):(\d\d)(?:\s*([AP]M))?/i.exec(text);
  if (!m) throw new Error(`no time in "${text}"`);
  const hour = Number(m[1]) % (m[3] ? 12 : 24) + (m[3]?.toUpperCase() === 'PM' ? 12 : 0);
  return hour * 60 + Number(m[2]);
};

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  await app.call('flows.save', { doc: demoFlow() });
  await app.call('flows.save', { doc: failing });
  seedLongRun();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('schedules in the editor', () => {
  it('refuses "61 * * * *" at the field without saving it; a valid cron shows its next three times and the warning', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/demo-orders' });
    await page.locator('.react-flow__node[data-id="map"]').waitFor();
    const field = await openSchedule(page);

    // A minute out of range: the check's message at the field, nothing described, nothing saved.
    await field.fill('61 * * * *');
    await page.getByRole('button', { name: 'Use', exact: true }).click();
    const problem = page.locator('#cron-problem');
    await expect.poll(() => problem.textContent()).toBe('The schedule "61 * * * *": the minute 61 is out of range (minutes go from 0 to 59).');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.popover').textContent()).not.toMatch(/61 minutes past/);
    await page.waitForTimeout(1500);
    expect(await page.locator('.save-state').textContent()).not.toMatch(/Not saved/);
    expect(await storedSchedule()).toBeUndefined();
    await screenshot(page, 'schedules-01-cron-refused-at-the-field');
    expect(await seriousViolations(page)).toEqual([]);

    // A step of 0, and the enter key: refused the same way.
    await field.fill('*/0 * * * *');
    await field.press('Enter');
    await expect.poll(() => problem.textContent()).toMatch(/a step of 0 minutes \("\/0"\) never moves on/);
    expect(await page.locator('.popover').textContent()).not.toMatch(/Every 0 minutes/);

    // A valid cron: its words, its next three times five minutes apart, and the warning, as it is typed.
    await field.fill('*/5 * * * *');
    await expect.poll(() => page.locator('#cron-words').textContent()).toMatch(/^Every 5 minutes/);
    const times = await page.locator('.schedule-next-time').allTextContents();
    expect(times).toHaveLength(3);
    const minutes = times.map(minuteOfDay);
    for (const m of minutes) expect(m % 5).toBe(0);
    expect([(minutes[1]! - minutes[0]! + 1440) % 1440, (minutes[2]! - minutes[1]! + 1440) % 1440]).toEqual([5, 5]);
    expect(await page.locator('#cron-next').textContent()).not.toMatch(/in a moment/);
    await expect.poll(() => page.locator('.schedule-overlap').textContent()).toBe('Runs every 5 minutes, but its last run took 7 min 12 s: a time that comes while it runs is skipped.');
    await page.getByRole('button', { name: 'Use', exact: true }).click();
    await expect.poll(async () => (await storedSchedule())?.cron, { timeout: 10_000 }).toBe('*/5 * * * *');

    // Switched on: the header says it in words, the switch names the next run's time.
    await page.getByRole('switch', { name: 'Run by itself on a schedule' }).click();
    await expect.poll(async () => (await storedSchedule())?.enabled, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('.schedule-words').textContent()).toBe('Every 5 minutes');
    expect(await page.locator('.popover').textContent()).toMatch(/Next run \w{3}/);
    await expect.poll(() => page.locator('.save-state').textContent(), { timeout: 10_000 }).toMatch(/^\s*Saved/);
    await screenshot(page, 'schedules-02-next-times-and-warning');
    expect(await seriousViolations(page)).toEqual([]);

    // Every hour fits a run of 7 minutes: no warning.
    await field.fill('0 * * * *');
    await expect.poll(() => page.locator('#cron-words').textContent()).toMatch(/^Every hour, on the hour/);
    expect(await page.locator('.schedule-overlap').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a flow file imported with a refused cron: said at the button and the field, other edits save, it can be switched off', async () => {
    // As `sincro flows import` stores it: the file as it is.
    app.store.flows.save({ ...demoFlow('imported', 'Imported orders'), schedule: { enabled: true, cron: '61 * * * *' } });
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/imported' });
    await page.locator('.react-flow__node[data-id="map"]').waitFor();
    expect(await page.locator('.schedule-words').textContent()).toBe('Not a valid schedule');
    await page.getByLabel('Description').fill('Edited while its schedule is refused');
    await expect.poll(() => page.locator('.save-state').textContent(), { timeout: 10_000 }).toMatch(/^\s*Saved · v2/);
    await openSchedule(page);
    await expect.poll(() => page.locator('#cron-problem').textContent()).toMatch(/the minute 61 is out of range/);
    await page.getByRole('switch', { name: 'Run by itself on a schedule' }).click();
    await expect.poll(async () => (await app.call<{ doc: FlowDocument }>('flows.get', { id: 'imported' })).doc.schedule?.enabled, { timeout: 10_000 }).toBe(false);
    expect(await page.locator('.save-state').textContent()).not.toMatch(/Not saved/);
    await screenshot(page, 'schedules-03-imported-cron-refused');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a flow that keeps failing has one toast, counting its runs', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/' });
    for (let i = 0; i < 3; i++) await app.api.runs.start('always-failing', { trigger: 'schedule' }).done;
    const toasts = page.locator('[data-sonner-toast]');
    await expect.poll(() => toasts.filter({ hasText: '3 runs in a row' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await toasts.filter({ hasText: 'Always failing' }).count()).toBe(1);
    await screenshot(page, 'schedules-04-one-toast-that-counts');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
