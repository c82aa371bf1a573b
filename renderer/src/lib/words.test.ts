import { describe, expect, it } from 'vitest';
import { cronInWords } from './cron';
import { buildPlan, groupReasons } from './plan';
import { plainProblem, fieldProblem } from './problems';
import { nodeCountsLine } from './words';

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
  });

  it('name a problem’s place as the user sees it', () => {
    const config = { fields: [{ target: 'a', expr: 'x' }, { target: 'customer.name', expr: '(' }] };
    const schema = { properties: { fields: { label: 'Fields', items: { properties: { expr: { label: 'Value' } } } } } };
    const p = { node: 'map', path: 'config.fields[1].expr', message: 'Node "map" (Map fields): fields[1].expr is not a valid expression.' };
    expect(plainProblem(p, config, schema)).toBe('Value of “customer.name” in “Fields” is not a valid expression.');
    expect(fieldProblem(p.message)).toBe('This is not a valid expression.');
  });
});
