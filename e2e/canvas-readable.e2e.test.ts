/**
 * Issue 11, a canvas you can read: every template opens, in a 1280×800 window, at a zoom where
 * each step's title is drawn at least 11 px tall and whole (not cut off with "…"), every step is in
 * view, and no step lies under the zoom controls, the minimap or another step — also with the run
 * panel open. Prints the smallest title size per template (the figure of the issue).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openScreen, report, screenshot, startApp, type RunningApp } from './support/app';

let app: RunningApp;
let browser: Browser;
let templates: Array<{ id: string; name: string }> = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const mplus = await app.call<{ id: string }>('connections.addSandbox', { app: 'mplus' });
  const teamleader = await app.call<{ id: string }>('connections.addSandbox', { app: 'teamleader' });
  templates = await app.call<Array<{ id: string; name: string }>>('templates.list', {});
  for (const t of templates) await app.call('templates.create', { template: t.id, flowId: t.id, connections: { mplus: mplus.id, teamleader: teamleader.id }, settings: {} });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Measured {
  zoom: number;
  detail: string;
  minimap: boolean;
  steps: Array<{ id: string; title: string; px: number; cut: boolean; inView: boolean; covered: string | null; overlaps: string | null }>;
}

/** What a user sees of each step: its title's size on screen, whether it is whole, and what covers it. */
async function measure(page: Page): Promise<Measured> {
  return page.evaluate<Measured>(`(() => {
    const canvas = document.querySelector('.canvas');
    const view = canvas.getBoundingClientRect();
    const m = /scale\\(([0-9.]+)\\)/.exec(document.querySelector('.react-flow__viewport').style.transform);
    const zoom = m ? Number(m[1]) : 1;
    const detail = [...canvas.classList].find((c) => c.startsWith('detail-')) || '';
    const covers = [...document.querySelectorAll('.canvas .react-flow__minimap, .canvas .react-flow__controls')].map((e) => ({ name: e.className.includes('minimap') ? 'the minimap' : 'the zoom controls', r: e.getBoundingClientRect() }));
    const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const cards = [...document.querySelectorAll('.react-flow__node')];
    // A simplified card may grow past its box (a long title); what is drawn is what counts.
    const drawn = (card) => {
      const lod = card.querySelector('.node-lod');
      const r = card.getBoundingClientRect();
      if (detail !== 'detail-simple' || !lod) return r;
      const l = lod.getBoundingClientRect();
      return { left: Math.min(r.left, l.left), top: Math.min(r.top, l.top), right: Math.max(r.right, l.right), bottom: Math.max(r.bottom, l.bottom) };
    };
    const steps = cards.map((card) => {
      const title = card.querySelector(detail === 'detail-simple' ? '.node-lod-title' : '.node-title');
      const r = drawn(card);
      const other = cards.find((c) => c !== card && meet(r, drawn(c)));
      const cover = covers.find((c) => meet(r, c.r));
      return {
        id: card.getAttribute('data-id'),
        title: title ? title.textContent : '',
        px: title ? parseFloat(getComputedStyle(title).fontSize) * zoom : 0,
        cut: !title || title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1,
        inView: r.left >= view.left - 1 && r.right <= view.right + 1 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1,
        covered: cover ? cover.name : null,
        overlaps: other ? other.getAttribute('data-id') : null,
      };
    });
    return { zoom, detail, minimap: covers.some((c) => c.name === 'the minimap'), steps };
  })()`);
}

function problemsOf(m: Measured): string[] {
  return m.steps.flatMap((s) => [
    ...(s.px < 11 ? [`“${s.title}” is drawn ${s.px.toFixed(1)} px tall`] : []),
    ...(s.cut ? [`“${s.title}” is cut off`] : []),
    ...(s.inView ? [] : [`“${s.title}” is not in view`]),
    ...(s.covered ? [`“${s.title}” lies under ${s.covered}`] : []),
    ...(s.overlaps ? [`“${s.title}” overlaps step ${s.overlaps}`] : []),
  ]);
}

describe('a template on the canvas', () => {
  it('opens with every step readable, whole and in view at 1280×800, also with the run panel open', async () => {
    const { page, context, errors } = await openScreen(browser, app);
    const problems: string[] = [];
    for (const t of templates) {
      await page.goto(`${app.host.url}#/flows/${t.id}`);
      await page.locator('.react-flow__node').first().waitFor();
      // The first fit happens once the cards are measured; give it its frames.
      await page.waitForTimeout(600);
      const opened = await measure(page);
      await screenshot(page, `canvas-open-${t.id}`);
      report('canvas.smallestTitlePxAtOpen', Math.min(...opened.steps.map((s) => s.px)), { template: t.id, steps: opened.steps.length, zoom: Math.round(opened.zoom * 100) / 100, detail: opened.detail });
      problems.push(...problemsOf(opened).map((p) => `${t.name}, as opened: ${p}`));

      await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
      await page.waitForTimeout(600);
      const withPanel = await measure(page);
      await screenshot(page, `canvas-run-panel-${t.id}`);
      report('canvas.smallestTitlePxWithRunPanel', Math.min(...withPanel.steps.map((s) => s.px)), { template: t.id, zoom: Math.round(withPanel.zoom * 100) / 100 });
      problems.push(...withPanel.steps.filter((s) => s.covered).map((s) => `${t.name}, run panel open: “${s.title}” lies under ${s.covered}`));
      await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
