/** Reads records from a file: a JSON array, NDJSON, or CSV with a header. Streams NDJSON and CSV. */
import { basename } from 'node:path';
import { z } from 'zod';
import { emit, fail, type Outcome } from '../engine/record';
import { defineNode, ui } from './define-node';
import { FIELD_PATH, getPath } from './expressions';
import { labelAt } from './record-label-field';
import { fileFormatSchema, readRowBatches, resolvePath, unreadable } from './file-formats';

export const fileSource = defineNode({
  type: 'file.source.read',
  kind: 'source',
  app: 'file',
  title: 'Read file',
  description: 'Reads records from a JSON, NDJSON or CSV file. A row that cannot be read fails alone.',
  config: z.object({
    path: z.string().min(1).meta(ui({ label: 'File', widget: 'path', placeholder: 'orders.csv', help: 'Relative paths start at the flow file’s folder.' })),
    format: fileFormatSchema,
    keyField: z.string().regex(FIELD_PATH, 'must be a field path like id or customer.email').optional().meta(ui({ label: 'Key field', placeholder: 'id', help: 'Which field identifies a record; the line number is used when empty.' })),
    labelField: z
      .string()
      .regex(FIELD_PATH, 'must be a field path like reference or customer.email')
      .optional()
      .meta(ui({ label: 'Label field', placeholder: 'reference', help: 'A human key to find records by in the run history (an order reference, an email, a SKU), beside the key.' })),
    delimiter: z.string().length(1).default(',').meta(ui({ label: 'Delimiter', showWhen: { format: ['csv'] } })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `${c.format.toUpperCase()} · ${basename(c.path)}`,
  labelOf: (data, _key, c) => (c.labelField ? labelAt(data, c.labelField) : undefined),
  check(config, env) {
    const why = unreadable(resolvePath(env.baseDir, config.path));
    return why ? [{ path: 'config.path', message: `${why}.` }] : [];
  },
  async *run(ctx) {
    const { path, format, keyField, delimiter } = ctx.config;
    const file = resolvePath(ctx.baseDir, path);
    const name = basename(file);
    const why = unreadable(file);
    if (why) throw new Error(why);
    let batch: Outcome[] = [];
    for await (const rows of readRowBatches(file, format, { delimiter, batchRows: ctx.batchSize })) {
      for (const row of rows) {
        if (row.error !== undefined) {
          batch.push(fail(ctx.newRecord(`${name}:${row.line}`, { line: row.line, raw: row.raw }), row.error));
        } else {
          const key = keyField ? getPath(row.data, keyField) : undefined;
          batch.push(emit(ctx.newRecord(key === undefined || key === null || key === '' ? `${name}:${row.line}` : String(key), row.data, row.text), row.data));
        }
        if (batch.length >= ctx.batchSize) {
          yield batch;
          batch = [];
        }
      }
      // What has been read goes on now: a file that grows slowly (a pipe) does not hold its
      // records back until a whole batch has come.
      if (batch.length) {
        yield batch;
        batch = [];
      }
    }
  },
});
