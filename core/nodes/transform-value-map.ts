/**
 * Translates one field through a table, e.g. Teamleader payment methods to MplusKASSA ones or a
 * country to a tax code. A value the table does not know takes the default, stays, or fails the
 * record with the value named, so a missing mapping is seen, not guessed.
 */
import { z } from 'zod';
import { emit, emitChanged, fail, RecordError } from '../engine/record';
import { defineNode, ui } from './define-node';
import { FIELD_PATH, getPath, topField, withPath } from './expressions';
import { perRecordPure } from './per-record';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const valueMap = defineNode({
  type: 'core.transform.valueMap',
  kind: 'transform',
  app: 'core',
  title: 'Translate values',
  description: 'Looks a field’s value up in a table and writes what it maps to (payment methods, tax codes, …).',
  config: z.object({
    field: z.string().regex(FIELD_PATH, 'must be a field path').meta(ui({ label: 'Field', placeholder: 'paymentMethod' })),
    target: z.string().regex(FIELD_PATH, 'must be a field path').optional().meta(ui({ label: 'Write to', help: 'Another field to write the result to; the field itself when empty.' })),
    table: z.array(z.object({ from: z.string(), to: scalar })).meta(ui({ label: 'Table', widget: 'value-table' })),
    caseSensitive: z.boolean().default(false).meta(ui({ label: 'Match case' })),
    whenMissing: z.enum(['default', 'keep', 'fail']).default('fail').meta(ui({ label: 'Value not in the table', help: 'Use the default, keep the value as it is, or fail the record. An empty value is left empty unless there is a default.' })),
    default: scalar.optional().meta(ui({ label: 'Default', showWhen: { whenMissing: ['default'] } })),
  }).refine((c) => c.whenMissing !== 'default' || c.default !== undefined, { path: ['default'], message: 'is required when values not in the table take the default' }),
  outputs: [{ name: 'out' }],
  summary: (c) => `${c.field} · ${c.table.length} value${c.table.length === 1 ? '' : 's'}`,
  run: perRecordPure((ctx) => {
    const { field, caseSensitive, whenMissing } = ctx.config;
    const target = ctx.config.target ?? field;
    const norm = (v: unknown) => (caseSensitive ? String(v) : String(v).toLowerCase());
    const table = new Map<string, unknown>();
    for (const row of ctx.config.table) if (!table.has(norm(row.from))) table.set(norm(row.from), row.to);
    const changed = [topField(target)];
    return (rec) => {
      const value = getPath(rec.data, field);
      const key = value === undefined || value === null ? undefined : norm(value);
      if (key !== undefined && table.has(key)) return emitChanged(rec, withPath(rec.data, target, table.get(key)), changed);
      if (whenMissing === 'default') return emit(rec, withPath(rec.data, target, ctx.config.default), 'out', { note: `${field} ${key === undefined ? 'is empty' : `"${String(value)}" is not in the table`}; used the default` });
      // An empty value is not a value the table failed to cover: the record goes on without one.
      if (whenMissing === 'keep' || key === undefined) return target === field || key === undefined ? emit(rec, rec.data) : emitChanged(rec, withPath(rec.data, target, value), changed);
      return fail(rec, new RecordError(`${field} "${String(value)}" is not in the table; add it to ${ctx.settingOf('table') ?? `the table of node "${ctx.nodeId}"`}`, field));
    };
  }),
});
