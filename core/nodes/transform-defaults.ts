/** Fills fields that are missing with fixed values (e.g. employee number 999999, country NL). */
import { z } from 'zod';
import { emit } from '../engine/record';
import { defineNode, ui } from './define-node';
import { FIELD_PATH, getPath, setPath } from './expressions';
import { perRecordPure } from './per-record';
import { copyFields } from '../util/own-field';

export const setDefaults = defineNode({
  type: 'core.transform.defaults',
  kind: 'transform',
  app: 'core',
  title: 'Fill in defaults',
  description: 'Sets fields that have no value to a fixed value; fields that have one stay as they are.',
  config: z.object({
    values: z.array(z.object({ path: z.string().regex(FIELD_PATH, 'must be a field path'), value: z.unknown() })).min(1).meta(ui({ label: 'Defaults', widget: 'key-value' })),
    emptyIsMissing: z.boolean().default(true).meta(ui({ label: 'Treat empty text as missing' })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => c.values.map((v) => v.path).join(', '),
  run: perRecordPure((ctx) => {
    const { values, emptyIsMissing } = ctx.config;
    const missing = (v: unknown) => v === undefined || v === null || (emptyIsMissing && v === '');
    return (rec) => {
      let out: Record<string, unknown> | undefined;
      for (const { path, value } of values) {
        if (!missing(getPath(out ?? rec.data, path))) continue;
        out ??= copyFields(rec.data);
        setPath(out, path, value);
      }
      return emit(rec, out ?? rec.data);
    };
  }),
});
