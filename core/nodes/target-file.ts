/**
 * Writes records to an NDJSON or CSV file. A new file is written beside the old one and moved into
 * place when the input ends, so a cancelled or crashed run never leaves half a file under the
 * real name. In a dry run nothing is written.
 */
import { stringify } from 'csv-stringify/sync';
import { mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { emit, type Outcome } from '../engine/record';
import { defineNode, ui } from './define-node';
import { resolvePath } from './file-formats';

const cell = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean));

export const fileTarget = defineNode({
  type: 'file.target.write',
  kind: 'target',
  app: 'file',
  title: 'Write file',
  description: 'Writes each record as a line of an NDJSON file or a row of a CSV file.',
  config: z.object({
    path: z.string().min(1).meta(ui({ label: 'File', widget: 'path', placeholder: 'out/orders.ndjson', help: 'Relative paths start at the flow file’s folder.' })),
    format: z.enum(['ndjson', 'csv']).meta(ui({ label: 'Format' })),
    append: z.boolean().default(false).meta(ui({ label: 'Append', help: 'Add to the end of the file instead of replacing it.' })),
    columns: z.array(z.string().min(1)).optional().meta(ui({ label: 'Columns', help: 'CSV columns in order; the first record’s fields when empty.', showWhen: { format: ['csv'] } })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `${c.append ? 'append to' : 'write'} ${basename(c.path)}`,
  async *run(ctx, input) {
    const { format } = ctx.config;
    // A retry runs only the records that failed: replacing the file would lose the ones that did not.
    const append = ctx.config.append || ctx.retrying;
    const file = resolvePath(ctx.baseDir, ctx.config.path);
    const temp = append ? file : `${file}.partial`;
    let handle: FileHandle | undefined;
    let columns = ctx.config.columns;
    let headerDue = format === 'csv' && !append;
    let finished = false;
    const written = { action: 'create' as const, note: ctx.dryRun ? `would write to ${basename(file)}` : undefined };
    try {
      for await (const batch of input) {
        const outcomes: Outcome[] = [];
        let chunk = '';
        for (const rec of batch) {
          const data = rec.data as Record<string, unknown>;
          if (format === 'ndjson') chunk += `${JSON.stringify(data)}\n`;
          else {
            columns ??= Object.keys(data);
            chunk += stringify([columns.map((c) => cell(data[c]))], headerDue ? { header: true, columns } : {});
            headerDue = false;
          }
          outcomes.push(emit(rec, rec.data, 'out', written));
        }
        if (!ctx.dryRun && chunk) {
          if (!handle) {
            await mkdir(dirname(file), { recursive: true });
            handle = await open(temp, append ? 'a' : 'w');
          }
          await handle.write(chunk);
        }
        yield outcomes;
      }
      finished = true;
    } finally {
      if (handle) {
        await handle.close();
        if (!append) {
          if (finished) await rename(temp, file);
          else await rm(temp, { force: true });
        }
      } else if (finished && !append && !ctx.dryRun) {
        // No records this time: the file says so, rather than keeping the last run's rows.
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, '');
      }
    }
  },
});
