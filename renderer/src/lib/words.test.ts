import { describe, expect, it } from 'vitest';
import { cronInWords } from './cron';
import { buildPlan, groupReasons } from './plan';
import { plainProblem, fieldProblem } from './problems';
import { nodeCountsLine, recordStatusWords, runCountsLine, runStatusWords } from './words';
import { runEstimate } from '../editor/useRunEstimate';

const counts = (c: Partial<{ in: number; out: Record<string, number>; skipped: number; failed: number; created: number; updated: number; unchanged: number }>) => ({ in: 0, out: {}, skipped: 0, failed: 0, created: 0, updated: 0, unchanged: 0, ...c });

describe('plain words', () => {
  it('say a schedule the way a person would', () => {
    expect(cronInWords('*/15 * * * *')).toBe('Every 15 minutes');
    expect(cronInWords('0 6 * * *')).toBe('Every day at 06:00');
    expect(cronInWords('30 7 * * 1-5')).toBe('Weekdays at 07:30');
    expect(cronInWords('0 * * * *')).toBe('Every hour, on the hour');
  });

  it('turn a dry run’s counts and reasons into a plan', () => {
    const lines = buildPlan(
      {
        src: counts({ out: { out: 55 } }),
        look: counts({ in: 55, out: { found: 40, missing: 15 } }),
        tgt: counts({ in: 55, out: { out: 15 }, created: 12, updated: 3, skipped: 40 }),
      },
      [
        { id: 'src', title: 'Orders from MplusKASSA', kind: 'source', portLabels: {} },
        { id: 'look', title: 'Find the customer', kind: 'lookup', portLabels: { found: 'found', missing: 'missing' } },
        { id: 'tgt', title: 'Create the invoice', kind: 'target', portLabels: {} },
      ],
      groupReasons(Array.from({ length: 40 }, () => ({ node: 'tgt', status: 'skipped', message: 'already synced.' }))),
      true,
    ).map((l) => l.text);
    expect(lines).toEqual(['“Orders from MplusKASSA” read 55 records.', '“Find the customer”: 40 found and 15 missing.', '“Create the invoice” will create 12 and update 3.', '“Create the invoice” will skip 40 records: already synced.']);
  });

  it('put counts on a card per kind', () => {
    expect(nodeCountsLine('target', counts({ in: 120, out: { out: 118 }, created: 100, updated: 18, failed: 2 }), {}, false)).toEqual(['120 in', '100 created', '18 updated', '2 failed']);
    expect(nodeCountsLine('lookup', counts({ in: 10, out: { found: 7, missing: 3 } }), { found: 'found', missing: 'missing' }, false)).toEqual(['10 in', '7 found', '3 missing']);
    // A source read what it passed on and what it skipped (an echo) or failed (a bad row) itself.
    expect(nodeCountsLine('source', counts({ out: { out: 119 }, skipped: 1, failed: 1 }), {}, false)[0]).toBe('121 read');
  });

  it('name a problem’s place as the user sees it', () => {
    const config = { fields: [{ target: 'a', expr: 'x' }, { target: 'customer.name', expr: '(' }] };
    const schema = { properties: { fields: { label: 'Fields', items: { properties: { expr: { label: 'Value' } } } } } };
    const p = { node: 'map', path: 'config.fields[1].expr', message: 'Node "map" (Map fields): fields[1].expr is not a valid expression.' };
    expect(plainProblem(p, config, schema)).toBe('Value of “customer.name” in “Fields” is not a valid expression.');
    expect(fieldProblem(p.message)).toBe('This is not a valid expression.');
    expect(fieldProblem(p.message, p.path)).toBe('This is not a valid expression.');
  });

  it('next to a field, replace only the field’s own path: a message in plain words keeps its first word', () => {
    expect(fieldProblem('add your account’s port after the host name', 'config.apiAddress')).toBe('Add your account’s port after the host name');
    expect(fieldProblem('enter the ident from the MplusKASSA API settings', 'secrets.ident')).toBe('Enter the ident from the MplusKASSA API settings');
    expect(fieldProblem('apiAddress is required', 'config.apiAddress')).toBe('This is required');
  });
});

describe('counts and words a user can trust (issue 11 §4)', () => {
  it('says so when every record of a run failed', () => {
    expect(runStatusWords('partial', { ok: 0, skipped: 0, failed: 20000 })).toMatchObject({ label: `All ${(20000).toLocaleString()} records failed`, tone: 'fail' });
    expect(runStatusWords('partial', { ok: 0, skipped: 0, failed: 1 }).label).toBe('The only record failed');
    expect(runStatusWords('partial', { ok: 3, skipped: 0, failed: 2 }).label).toBe('Some records failed');
    expect(runStatusWords('partial').label).toBe('Some records failed');
  });

  it('never says "done" of a dry run', () => {
    expect(recordStatusWords('ok', true, 'create').label).toBe('Would create');
    expect(recordStatusWords('ok', true, 'update').label).toBe('Would update');
    expect(recordStatusWords('ok', true, null).label).toBe('Would go through');
    expect(recordStatusWords('failed', true).label).toBe('Would fail');
    expect(recordStatusWords('ok', false, 'create').label).toBe('Created');
    expect(recordStatusWords('ok', false, null).label).toBe('Done');
    expect(runCountsLine({ read: 121, ok: 119, skipped: 2, failed: 0, dryRun: true })).toBe('121 read · 119 would go through · 2 would be skipped · 0 would fail');
    expect(runCountsLine({ read: 121, ok: 119, skipped: 2, failed: 0, dryRun: false })).not.toMatch(/would/);
  });

  it('estimates the time left from the pace so far, once a run has gone on a while', () => {
    expect(runEstimate(3000, 100, 10, undefined)).toBeNull();
    // 10 of 100 records in 10 s: 90 s to go.
    expect(runEstimate(10_000, 100, 10, undefined)).toBe('about 1 min 30 s left');
    // The sources are still reading: the last run read 1,000.
    expect(runEstimate(10_000, 100, 50, 1000)).toBe('about 3 min 10 s left');
    expect(runEstimate(10_000, 100, 99, undefined)).toBeNull();
  });
});
