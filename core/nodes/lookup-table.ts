/**
 * Finds a record's match in a table (rows in the flow, or a file), keyed by one field, and attaches
 * the matching row. Records leave by `found` or `missing`, so the flow can create what is missing.
 */
import { z } from 'zod';
import { emit, emitChanged, type Rec } from '../engine/record';
import { defineNode, ui, type NodeRunContext } from './define-node';
import { compileExpression, expressionCheck, FIELD_PATH, getPath, topField, withPath } from './expressions';
import { fileFormatSchema, readRows, resolvePath, unreadable } from './file-formats';
import { perRecordPure } from './per-record';

const tableSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('rows'), rows: z.array(z.record(z.string(), z.unknown())) }),
  z.object({ from: z.literal('file'), path: z.string().min(1).meta(ui({ widget: 'path' })), format: fileFormatSchema, delimiter: z.string().length(1).default(',') }),
]);

const config = z.object({
  key: z.string().superRefine(expressionCheck).meta(ui({ label: 'Record key', widget: 'jsonata', placeholder: 'customer.email', help: 'The value of the record to look up.' })),
  table: tableSchema.meta(ui({ label: 'Table' })),
  keyColumn: z.string().min(1).meta(ui({ label: 'Table key column', placeholder: 'email' })),
  as: z.string().regex(FIELD_PATH, 'must be a field path').default('match').meta(ui({ label: 'Put the match in', help: 'The field that receives the matching row.' })),
  ignoreCase: z.boolean().default(true).meta(ui({ label: 'Ignore case and surrounding spaces', help: 'Right for emails and codes.' })),
});

async function loadTable(ctx: NodeRunContext<z.output<typeof config>>): Promise<Map<string, unknown>> {
  const { table, keyColumn, ignoreCase } = ctx.config;
  const index = new Map<string, unknown>();
  const add = (row: Record<string, unknown>) => {
    const k = getPath(row, keyColumn);
    if (k === undefined || k === null || k === '') return;
    const key = ignoreCase ? String(k).trim().toLowerCase() : String(k);
    if (!index.has(key)) index.set(key, row);
  };
  if (table.from === 'rows') table.rows.forEach(add);
  else {
    let bad = 0;
    for await (const row of readRows(resolvePath(ctx.baseDir, table.path), table.format, { delimiter: table.delimiter })) {
      if (row.error === undefined) add(row.data);
      // A table cut short would send records to "missing" that have a match: stop instead.
      else if (row.endsFile) throw new Error(`the lookup table ${table.path} cannot be read: ${row.error}`);
      else bad++;
    }
    if (bad) ctx.log('warn', `${bad} row(s) of the lookup table ${table.path} could not be read and were left out`);
  }
  return index;
}

export const tableLookup = defineNode({
  type: 'core.lookup.table',
  kind: 'lookup',
  app: 'core',
  title: 'Look up in a table',
  description: 'Finds the matching row of a table by key and attaches it; unmatched records leave by “missing”.',
  config,
  outputs: [
    { name: 'found', label: 'found' },
    { name: 'missing', label: 'missing' },
  ],
  summary: (c) => `by ${c.key} = ${c.keyColumn}`,
  check(c, env) {
    if (c.table.from !== 'file') return [];
    const why = unreadable(resolvePath(env.baseDir, c.table.path));
    return why ? [{ path: 'config.table.path', message: `the table cannot be loaded: ${why}.` }] : [];
  },
  run: perRecordPure(async (ctx) => {
    const index = await loadTable(ctx);
    const key = compileExpression(ctx.config.key);
    const { as, ignoreCase } = ctx.config;
    const bindings = { settings: ctx.flow.settings };
    const changed = [topField(as)];
    const decide = (rec: Rec, k: unknown) => {
      if (k === undefined || k === null || k === '') return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
      const match = index.get(ignoreCase ? String(k).trim().toLowerCase() : String(k));
      return match === undefined ? emit(rec, rec.data, 'missing', { note: `no row with ${ctx.config.keyColumn} = ${String(k)}` }) : emitChanged(rec, withPath(rec.data, as, match), changed, 'found');
    };
    return (rec) => {
      const k = key.evaluate(rec.data, bindings);
      return k instanceof Promise ? k.then((v) => decide(rec, v)) : decide(rec, k);
    };
  }),
});
