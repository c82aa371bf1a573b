/** Sample data typed into the flow: for trying a flow, for tests, and for the datamapper's preview. */
import { z } from 'zod';
import { emit } from '../engine/record';
import { defineNode, ui } from './define-node';
import { FIELD_PATH, getPath } from './expressions';
import { labelAt } from './record-label-field';

export const sampleSource = defineNode({
  type: 'core.source.sample',
  kind: 'source',
  app: 'core',
  title: 'Sample records',
  description: 'Records typed into the flow itself, e.g. to try a flow before connecting an app.',
  config: z.object({
    records: z.array(z.record(z.string(), z.unknown())).meta(ui({ label: 'Records', widget: 'json', help: 'A JSON array of objects.' })),
    keyField: z.string().regex(FIELD_PATH, 'must be a field path like id or customer.email').optional().meta(ui({ label: 'Key field', placeholder: 'id', help: 'Which field identifies a record; the position is used when empty.' })),
    labelField: z
      .string()
      .regex(FIELD_PATH, 'must be a field path like reference or customer.email')
      .optional()
      .meta(ui({ label: 'Label field', placeholder: 'reference', help: 'A human key to find records by in the run history (an order reference, an email, a SKU), beside the key.' })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `${c.records.length} record${c.records.length === 1 ? '' : 's'}`,
  labelOf: (data, _key, c) => (c.labelField ? labelAt(data, c.labelField) : undefined),
  async *run(ctx) {
    const { records, keyField } = ctx.config;
    for (let i = 0; i < records.length; i += ctx.batchSize) {
      yield records.slice(i, i + ctx.batchSize).map((data, j) => {
        const key = keyField ? getPath(data, keyField) : undefined;
        return emit(ctx.newRecord(key === undefined || key === null ? `#${i + j + 1}` : String(key), data), data);
      });
    }
  },
});
