/**
 * Issue 11 §6, connections that work in both hosts, walked in the browser host (`sincro serve`):
 * MplusKASSA by one API address (problems at their field, a failed test kept on the card, Edit),
 * Teamleader by "Sign in with Teamleader" against the Teamleader sandbox's real OAuth flow (a new
 * tab, the redirect address to register, no token fields), and the wizard that neither calls a
 * failing connection "chosen" nor creates flows behind a failed test's back.
 */
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMplusSandbox, type MplusSandbox } from '../core/connectors/mplus/sandbox/server';
import { startTeamleaderSandbox, type TeamleaderSandbox } from '../core/connectors/teamleader/sandbox/server';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';

let app: RunningApp;
let browser: Browser;
let mplus: MplusSandbox;
let teamleader: TeamleaderSandbox;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  [app, browser, mplus, teamleader] = await Promise.all([startApp(), launchBrowser(), startMplusSandbox({ ident: 'shop-ident', secret: 'shop-secret' }), startTeamleaderSandbox()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await Promise.all([mplus?.close(), teamleader?.close()]);
});

const dialog = (page: Page) => page.getByRole('dialog');
const card = (page: Page, name: string) => page.locator('.conn-card', { has: page.getByRole('heading', { name, exact: true }) });

describe('connections in the browser host', () => {
  it('MplusKASSA by its API address, with problems at their field, the last test on the card, and Edit', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/connections' });
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    await page.getByRole('button', { name: 'Add connection' }).click();
    const d = dialog(page);
    // The kind follows the app, MplusKASSA first: one API address with an example, ident and secret.
    await d.getByLabel('API address').waitFor();
    expect(await d.getByLabel('API address').getAttribute('placeholder')).toBe('https://api.mpluskassa.nl:44281');
    for (const gone of ['Host', 'Port', 'Https', 'Access token', 'Refresh token']) expect(await d.getByLabel(gone, { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'connections-01-add-mplus');

    // Problems next to their fields.
    await d.getByLabel('Name').fill('Winkel');
    await d.getByLabel('API address').fill('api.mpluskassa.nl');
    await d.getByRole('button', { name: 'Save and test' }).click();
    const addressField = d.locator('.field', { has: page.getByLabel('API address') });
    await expect.poll(() => addressField.locator('.field-error').textContent()).toContain('Add your account’s port after the host name, e.g. https://api.mpluskassa.nl:44281');
    expect(await d.locator('.field', { has: page.getByLabel('Ident') }).locator('.field-error').textContent()).toContain('Enter the ident from the MplusKASSA API settings');
    expect(await d.getByLabel('API address').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'connections-02-errors-at-fields');

    // Saved with a wrong secret: the test fails, the dialog says why and stays open on the saved connection.
    await d.getByLabel('API address').fill(`http://127.0.0.1:${mplus.port}`);
    await d.getByLabel('Ident').fill('shop-ident');
    await d.getByLabel('Secret').fill('guessed');
    await d.getByRole('button', { name: 'Save and test' }).click();
    await expect.poll(() => d.locator('.conn-status').textContent(), { timeout: 15_000 }).toMatch(/Does not work: MplusKASSA refused the ident or secret/);
    await d.getByRole('button', { name: 'Close', exact: true }).first().click();
    const winkel = card(page, 'Winkel');
    await expect.poll(() => winkel.locator('.conn-status').textContent()).toMatch(/Does not work: MplusKASSA refused/);
    // Kept with the connection: still there after a reload.
    await page.reload();
    await expect.poll(() => winkel.locator('.conn-status').textContent(), { timeout: 10_000 }).toMatch(/Does not work: MplusKASSA refused/);
    await screenshot(page, 'connections-03-failed-test-on-card');

    // Edit: the secret typed again; what is left empty stays.
    await winkel.getByRole('button', { name: 'Edit Winkel' }).click();
    await d.getByLabel('Secret').fill('shop-secret');
    expect(await d.getByLabel('API address').inputValue()).toBe(`http://127.0.0.1:${mplus.port}`);
    await screenshot(page, 'connections-04-edit');
    await d.getByRole('button', { name: 'Save and test' }).click();
    await d.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => winkel.locator('.conn-status').textContent()).toMatch(/Works: Connected to MplusKASSA API/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Teamleader by signing in: the redirect address shown, no token fields, the sign-in page in a new tab', async () => {
    const redirectPort = await freePort();
    const { page, context, errors } = await openScreen(browser, app, { path: '#/connections' });
    await page.getByRole('button', { name: 'Add connection' }).click();
    const d = dialog(page);
    await page.getByRole('combobox', { name: 'App to connect' }).click();
    await page.getByRole('option', { name: 'Teamleader', exact: true }).click();
    await d.getByLabel('Client id').waitFor();
    for (const gone of ['Access token', 'Refresh token', 'Expires at']) expect(await d.getByLabel(gone).count()).toBe(0);
    await expect.poll(() => d.textContent()).toContain('register this redirect address in your Teamleader integration');
    expect(await d.textContent()).toContain('http://127.0.0.1:47615/oauth/callback');
    // A test account: its addresses and redirect port under "More settings".
    await d.getByText('More settings').click();
    await d.getByLabel('API address').fill(teamleader.url);
    await d.getByLabel('Sign-in address').fill(teamleader.url);
    await d.getByLabel('Redirect port').fill(String(redirectPort));
    await d.getByLabel('Name').fill('Teamleader');
    await d.getByLabel('Client id').fill(teamleader.clientId);
    await d.getByLabel('Client secret').fill(teamleader.clientSecret);
    expect(await d.textContent()).toContain(`http://127.0.0.1:${redirectPort}/oauth/callback`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'connections-05-add-teamleader');
    await d.getByRole('button', { name: 'Save', exact: true }).click();

    // Saved: one "Sign in with Teamleader" button; the sign-in page opens in a new tab and sends the browser back.
    const signIn = d.getByRole('button', { name: 'Sign in with Teamleader' });
    await signIn.waitFor();
    await screenshot(page, 'connections-06-sign-in');
    const [tab] = await Promise.all([page.waitForEvent('popup'), signIn.click()]);
    await tab.getByText('Sincro is connected to Teamleader').waitFor({ timeout: 15_000 });
    expect(tab.url()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${redirectPort}/oauth/callback\\?.*code=`));
    await screenshot(tab, 'connections-07-sign-in-tab');
    await tab.close();
    await d.waitFor({ state: 'detached', timeout: 15_000 });
    const tl = card(page, 'Teamleader');
    await expect.poll(() => tl.locator('.conn-status').textContent()).toMatch(/Works: Signed in to Teamleader\. Connected as Sanne Verbeek of Demowinkel BV\./);
    expect(await tl.locator('.badge', { hasText: 'Signed in' }).count()).toBe(1);
    expect(await tl.textContent()).not.toMatch(/Missing/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'connections-08-signed-in');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the wizard says whether the chosen connection works, and does not create flows silently when a test failed', async () => {
    await app.call('connections.add', { kind: 'mplus', name: 'Kassa met oud wachtwoord', config: { apiAddress: `http://127.0.0.1:${mplus.port}` }, secrets: { ident: 'shop-ident', secret: 'outdated' } });
    const { page, context, errors } = await openScreen(browser, app, { path: '#/wizard' });
    await page.getByRole('heading', { name: 'Set up Sincro' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    // MplusKASSA: my own account, whose secret is out of date; Teamleader: demo data.
    await page.getByRole('radiogroup', { name: 'How to connect MplusKASSA' }).getByRole('radio', { name: /Use my account/ }).click();
    await page.getByRole('combobox', { name: 'MplusKASSA connection' }).click();
    await page.getByRole('option', { name: 'Kassa met oud wachtwoord' }).click();
    const state = page.locator('.wizard-conn .conn-status');
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toMatch(/Does not work: MplusKASSA refused the ident or secret/);
    expect(await page.getByText('Connection chosen').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'connections-09-wizard-failed-connection');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Your flows' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'A few questions' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Test the connections' }).waitFor();
    await page.locator('.test-list li[data-app="mplus"] svg.text-fail').waitFor({ timeout: 15_000 });
    await page.locator('.test-list li[data-app="teamleader"] svg.text-ok').waitFor({ timeout: 15_000 });
    const create = page.locator('.wizard-nav .btn-primary');
    await expect.poll(() => create.isDisabled()).toBe(true);
    const anyway = page.getByRole('checkbox', { name: /Create the flows anyway/ });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'connections-10-wizard-create-blocked');
    await anyway.check();
    expect(await create.isDisabled()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
