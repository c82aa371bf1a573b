/**
 * Issue 11 §5, live progress everywhere: a screen that starts following a run while it goes on (a
 * reload, a second window) shows its counts so far at once, from the run's snapshot, and then
 * follows it live. The run is a dry run reading an NDJSON file that is a pipe: the test writes its
 * records in as it pleases, so the run lasts as long as the test needs, using no CPU meanwhile.
 * A run in another process (`sincro run` on the same data folder) shows the counts that process
 * writes to the history, and its records by their label.
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../core/api/flow-document';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';
import { card } from './support/editor';

let app: RunningApp;
let browser: Browser;
let pipe: string;

function pipeFlow(path: string): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'web-orders',
    name: 'Web orders as they come',
    settings: {},
    nodes: [
      { id: 'orders', type: 'file.source.read', typeVersion: 1, position: { x: 0, y: 80 }, label: 'Web orders', config: { path, format: 'ndjson', keyField: 'ref' } },
      { id: 'map', type: 'core.transform.map', typeVersion: 1, position: { x: 320, y: 80 }, label: 'Order lines', config: { fields: [ { target: 'reference', expr: 'ref' }, { target: 'total', expr: 'qty * price' } ] } },
    ],
    edges: [{ from: { node: 'orders', port: 'out' }, to: { node: 'map', port: 'in' } }],
  };
}

let next = 1;
async function writeOrders(writer: FileHandle, n: number): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < n; i++, next++) lines.push(JSON.stringify({ ref: `WEB-${String(next).padStart(4, '0')}`, qty: (next % 3) + 1, price: 12.5 }));
  await writer.write(`${lines.join('\n')}\n`);
}

const status = (page: Page) => page.locator('.run-status').textContent();

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  pipe = join(app.dir, 'orders.ndjson');
  execFileSync('mkfifo', [pipe]);
  await app.call('flows.save', { doc: pipeFlow(pipe) });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a run followed from a page opened while it goes on', () => {
  it('shows the counts so far after a reload and in a second window, then follows it live', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/web-orders' });
    await card(page, 'orders').waitFor();

    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    // The run opens the pipe for reading; writing into it lets the records through.
    const writer = await open(pipe, 'w');
    try {
      await writeOrders(writer, 30);
      await expect.poll(() => status(page), { timeout: 20_000 }).toMatch(/Dry run.*30 read · 30 finished/);
      await screenshot(page, 'live-01-running');

      // Reloaded mid-run: the counts so far are there at once, not "0 read · 0 finished".
      await page.reload();
      await card(page, 'orders').waitFor();
      await expect.poll(() => status(page), { timeout: 10_000 }).toMatch(/30 read · 30 finished/);
      expect(await card(page, 'orders').textContent()).toMatch(/30/);
      await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
      await expect.poll(() => page.locator('.live-lines').textContent()).toContain('WEB-0030');
      await screenshot(page, 'live-02-after-reload');

      // A second window opened mid-run sees the same, and both follow what comes next.
      const second = await openScreen(browser, app, { path: '#/flows/web-orders' });
      await card(second.page, 'orders').waitFor();
      await expect.poll(() => status(second.page), { timeout: 10_000 }).toMatch(/30 read · 30 finished/);
      await screenshot(second.page, 'live-03-second-window');
      expect(await seriousViolations(second.page)).toEqual([]);

      await writeOrders(writer, 20);
      await expect.poll(() => status(page), { timeout: 20_000 }).toMatch(/50 read · 50 finished/);
      await expect.poll(() => status(second.page), { timeout: 20_000 }).toMatch(/50 read · 50 finished/);

      expect(second.errors).toEqual([]);
      await second.context.close();
    } finally {
      await writer.close();
    }
    // The pipe closed: the run ends, with every record counted once.
    await page.getByText('Dry run finished').waitFor({ timeout: 20_000 });
    expect(await status(page)).toMatch(/50 would go through/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** A GUID-like key, as MplusKASSA and Teamleader give: what a list must not show instead of the label. */
const guid = (i: number) => `e20a1bfe-0000-4000-8000-${String(i).padStart(12, '0')}`;
let cliNext = 1;
async function writeCliOrders(writer: FileHandle, n: number): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < n; i++, cliNext++) lines.push(JSON.stringify({ id: guid(cliNext), ref: `WEB-${1000 + cliNext}`, qty: 1, price: 10 }));
  await writer.write(`${lines.join('\n')}\n`);
}

describe('a run going on in another process', () => {
  it('shows its counts (read ≥ finished, not "0 read") and its records by label', async () => {
    const cliPipe = join(app.dir, 'cli-orders.ndjson');
    execFileSync('mkfifo', [cliPipe]);
    const flowFile = join(app.dir, 'cli-orders.flow.json');
    const doc = pipeFlow(cliPipe);
    writeFileSync(
      flowFile,
      JSON.stringify({
        ...doc,
        id: 'cli-orders',
        name: 'Orders from the command line',
        nodes: doc.nodes.map((n) => (n.id === 'orders' ? { ...n, config: { ...n.config, keyField: 'id', labelField: 'ref' } } : n)),
      }),
    );
    const child = spawn(process.execPath, [resolve('bin/sincro.js'), '--data-dir', app.dir, 'run', flowFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => void (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const writer = await open(cliPipe, 'w');
    try {
      await writeCliOrders(writer, 40);
      await expect.poll(async () => (await app.call<Array<{ status: string }>>('runs.list', { flowId: 'cli-orders', limit: 1 }))[0]?.status, { timeout: 30_000 }).toBe('running');

      const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/cli-orders' });
      await card(page, 'orders').waitFor();
      // Within a second or two, the counts the other process wrote: all 40 read and finished.
      await expect.poll(() => status(page), { timeout: 20_000 }).toMatch(/Running.*40 read · 40 finished/);
      await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
      const lines = page.locator('.live-lines');
      await expect.poll(() => lines.textContent(), { timeout: 10_000 }).toContain('WEB-1040');
      expect(await lines.textContent()).not.toContain(guid(40));
      expect(await lines.getByText('WEB-1040', { exact: true }).getAttribute('title')).toBe(guid(40));
      await screenshot(page, 'live-04-other-process');

      await writeCliOrders(writer, 20);
      const counts = async () => {
        const m = /([\d,]+) read · ([\d,]+) finished/.exec((await status(page)) ?? '');
        return m ? [Number(m[1]?.replace(/,/g, '')), Number(m[2]?.replace(/,/g, ''))] : [];
      };
      await expect.poll(counts, { timeout: 20_000 }).toEqual([60, 60]);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await writer.close();
    }
    expect(await exited, output).toBe(0);
  });
});
