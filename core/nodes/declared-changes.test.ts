/**
 * A value map, a table look-up and a mapping that keeps the other fields say which fields they set
 * (LineageStep.changed), a mapping that builds a new record which of its fields are new
 * (LineageStep.rebuilt), and the history stores only those. If a node's word were wrong, a record's
 * history would show data it never had: so for generated records, the history kept as changes must
 * read back exactly as the history kept in full.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flow, runTestFlow, tempDir } from '../testing/golden';

const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

const value = fc.oneof(fc.constantFrom('Germany', 'Austria', 'NL', '', 'x@y.nl', 'A@Y.NL'), fc.integer(), fc.constant(null), fc.record({ city: fc.string({ maxLength: 3 }) }));
const record = fc.record(
  { id: fc.nat(), country: value, email: value, billing: fc.oneof(fc.record({ city: value }), value), extra: value },
  { requiredKeys: ['id'] },
);

const out = tempDir('sincro-declared-');
afterAll(() => out.remove());

// At the end each record goes two ways (a copy each): to a file as it is, and through a mapping
// that builds a new record (a step that keeps no field of its input, stored whole) to the same file.
function theFlow(records: unknown[], historyLevel: 'full' | 'changes') {
  return flow({
    historyLevel,
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records } },
      { id: 'country', type: 'core.transform.valueMap', config: { field: 'country', target: 'billing.country', table: [{ from: 'Germany', to: 'DE' }, { from: 'Austria', to: 'AT' }], whenMissing: 'keep' } },
      { id: 'code', type: 'core.transform.valueMap', config: { field: 'country', table: [{ from: 'NL', to: 'NL-code' }], whenMissing: 'keep' } },
      { id: 'look', type: 'core.lookup.table', config: { key: 'email', keyColumn: 'email', as: 'contact.row', ignoreCase: true, table: { from: 'rows', rows: [{ email: 'x@y.nl', crm: 7 }] } } },
      { id: 'tag', type: 'core.transform.map', config: { keepOtherFields: true, fields: [{ target: 'tag', expr: '"known"' }, { target: 'billing.seen', expr: 'true' }, { target: 'extra', expr: 'extra', optional: true }] } },
      { id: 'fresh', type: 'core.transform.map', config: { fields: [{ target: 'id', expr: 'id' }, { target: 'tag', expr: 'tag' }, { target: 'ref', expr: '"R" & $string(id)' }, { target: 'country', expr: 'country', optional: true }] } },
      { id: 'out', type: 'file.target.write', config: { path: join(out.path, `${historyLevel}.ndjson`), format: 'ndjson' } },
    ],
    edges: [
      edge('src', 'out', 'country'),
      edge('country', 'out', 'code'),
      edge('code', 'out', 'look'),
      edge('look', 'found', 'tag'),
      edge('look', 'missing', 'tag'),
      edge('tag', 'out', 'fresh'),
      edge('tag', 'out', 'out'),
      edge('fresh', 'out', 'out'),
    ],
  });
}

describe('what nodes say they changed', () => {
  it('is what they changed: the history kept as changes reads back as the history kept in full (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 8 }), async (records) => {
        const full = await runTestFlow(theFlow(records, 'full'));
        const changes = await runTestFlow(theFlow(records, 'changes'));
        expect(changes.summary).toEqual({ ...full.summary, runId: changes.summary.runId, startedAt: changes.summary.startedAt, finishedAt: changes.summary.finishedAt, durationMs: changes.summary.durationMs });
        const byKey = (run: typeof full) => run.records.map((r) => [r.key, r.status, JSON.parse(JSON.stringify(r.lineage))]).sort(([a], [b]) => String(a).localeCompare(String(b)));
        expect(byKey(changes)).toEqual(byKey(full));
      }),
      { seed: 2026_12_02, numRuns: 60 },
    );
  });
});
