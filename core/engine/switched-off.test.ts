/**
 * Issue 11 §3: any step can be switched off, not only sources. A transform then passes its records
 * on unchanged (by its first output), a transform without outputs ends them as skipped, a lookup
 * looks nothing up and a target writes nothing (their records are skipped with the reason); the
 * settings and the checks of a step that is switched off do not stop the flow.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../nodes/builtin';
import { checkFlow, validateFlow } from '../flow/validate-flow';
import { flow, runTestFlow, tempDir } from '../testing/golden';

const records = [
  { id: 1, email: 'anna@example.com' },
  { id: 2, email: '' },
];
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

function offFlow(dir: string) {
  return flow({
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records } },
      { id: 'has-email', type: 'core.transform.filter', label: 'Has an email?', config: { condition: 'email != ""' }, enabled: false } as never,
      { id: 'no-email', type: 'core.transform.fail', config: { reason: 'no email' } },
      // Switched off with settings it could not run with: no field at all.
      { id: 'map', type: 'core.transform.map', label: 'Rename', config: { fields: [] }, enabled: false } as never,
      { id: 'lookup', type: 'core.lookup.table', label: 'Customer number', config: { key: 'email', keyColumn: 'email', table: { from: 'file', path: 'missing.csv', format: 'csv' } }, enabled: false } as never,
      { id: 'write', type: 'file.target.write', label: 'Customers file', config: { path: join(dir, 'out', 'customers.ndjson'), format: 'ndjson' }, enabled: false } as never,
    ],
    edges: [edge('src', 'out', 'has-email'), edge('has-email', 'reject', 'no-email'), edge('has-email', 'pass', 'map'), edge('map', 'out', 'lookup'), edge('lookup', 'found', 'write')],
  });
}

describe('a step switched off', () => {
  it('is a valid part of a flow whatever its settings, and its checks of files and connections are not made', async () => {
    const dir = tempDir();
    try {
      const doc = offFlow(dir.path);
      expect(validateFlow(doc, builtinRegistry()).problems).toEqual([]);
      expect((await checkFlow(doc, builtinRegistry(), { baseDir: dir.path, connection: () => undefined })).problems).toEqual([]);
      // Switched on again, the same settings are problems.
      const on = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, enabled: undefined })) };
      expect(validateFlow(on, builtinRegistry()).problems.map((p) => p.node)).toContain('map');
    } finally {
      dir.remove();
    }
  });

  it('passes records on unchanged (transforms), looks nothing up (lookups) and writes nothing (targets)', async () => {
    const dir = tempDir();
    try {
      const run = await runTestFlow(offFlow(dir.path), { baseDir: dir.path });
      expect(run.summary).toMatchObject({ status: 'succeeded', read: 2, ok: 0, skipped: 2, failed: 0 });
      // The filter let everything through on its first output; the map changed nothing.
      expect(run.summary.nodes['has-email']).toMatchObject({ in: 2, out: { pass: 2, reject: 0 } });
      expect(run.summary.nodes['map']).toMatchObject({ in: 2, out: { out: 2 } });
      expect(run.summary.nodes['lookup']).toMatchObject({ in: 2, skipped: 2 });
      expect(run.summary.nodes['write']).toMatchObject({ in: 0 });
      expect(run.records.map((r) => [r.key, r.node, r.message])).toEqual([
        ['1', 'lookup', '“Customer number” is switched off: nothing was looked up'],
        ['2', 'lookup', '“Customer number” is switched off: nothing was looked up'],
      ]);
      const lineage = run.records[0]?.lineage ?? [];
      expect(lineage.map((s) => [s.node, s.port ?? null, s.note ?? null])).toEqual([
        ['src', 'out', null],
        ['has-email', 'pass', '“Has an email?” is switched off: passed on unchanged'],
        ['map', 'out', '“Rename” is switched off: passed on unchanged'],
        ['lookup', null, '“Customer number” is switched off: nothing was looked up'],
      ]);
      expect(run.records[0]?.data).toEqual(records[0]);
      expect(existsSync(join(dir.path, 'out', 'customers.ndjson'))).toBe(false);
    } finally {
      dir.remove();
    }
  });

  it('ends the records that reach a switched-off skip or fail step as skipped, and a target skips them', async () => {
    const dir = tempDir();
    try {
      const doc = flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records } },
          { id: 'stop', type: 'core.transform.fail', label: 'Stop here', config: { reason: 'stopped' }, enabled: false } as never,
          { id: 'write', type: 'file.target.write', label: 'Orders file', config: { path: join(dir.path, 'orders.ndjson'), format: 'ndjson' }, enabled: false } as never,
        ],
        edges: [edge('src', 'out', 'stop'), edge('src', 'out', 'write')],
      });
      const run = await runTestFlow(doc, { baseDir: dir.path });
      expect(run.summary).toMatchObject({ status: 'succeeded', read: 2, ok: 0, skipped: 4, failed: 0 });
      expect(new Set(run.records.map((r) => r.message))).toEqual(new Set(['“Stop here” is switched off', '“Orders file” is switched off: nothing was written']));
      expect(existsSync(join(dir.path, 'orders.ndjson'))).toBe(false);
    } finally {
      dir.remove();
    }
  });
});
