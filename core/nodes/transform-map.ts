/**
 * The datamapper: each target field is filled from an expression over the incoming record. A plain
 * path (`billing.city`) is read directly; anything else is JSONata. A field whose expression gives
 * no value fails the record (never a silent null), unless the mapping marks it optional.
 */
import { z } from 'zod';
import { emit, errorMessage, fail, RecordError, type Outcome, type Rec } from '../engine/record';
import { defineNode, ui } from './define-node';
import { compileExpression, expressionCheck, FIELD_PATH, setPath } from './expressions';
import { perRecord } from './per-record';

export const mappingSchema = z.object({
  target: z.string().regex(FIELD_PATH, 'must be a field path like name or billing.city').meta(ui({ label: 'Target field' })),
  expr: z.string().superRefine(expressionCheck).meta(ui({ label: 'Value', widget: 'jsonata', placeholder: 'customer.email', help: 'A field path, or a JSONata expression such as firstName & " " & lastName.' })),
  optional: z.boolean().default(false).meta(ui({ label: 'Optional', help: 'Leave the field out when there is no value (or null), instead of failing the record.' })),
});
export type Mapping = z.input<typeof mappingSchema>;

export const mapFields = defineNode({
  type: 'core.transform.map',
  kind: 'transform',
  app: 'core',
  title: 'Map fields',
  description: 'Builds the record the next step needs: each target field from a field path or an expression.',
  config: z.object({
    fields: z.array(mappingSchema).min(1, 'needs at least one field').meta(ui({ label: 'Fields', widget: 'mapping' })),
    keepOtherFields: z.boolean().default(false).meta(ui({ label: 'Keep the other fields', help: 'Start from a copy of the incoming record instead of an empty one.' })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `${c.fields.length} field${c.fields.length === 1 ? '' : 's'}${c.keepOtherFields ? ' + the rest' : ''}`,
  run: perRecord((ctx) => {
    const fields = ctx.config.fields.map((f) => ({ ...f, compiled: compileExpression(f.expr) }));
    const bindings = { settings: ctx.flow.settings };
    const build = (rec: Rec, values: unknown[]): Outcome => {
      const out: Record<string, unknown> = ctx.config.keepOtherFields ? { ...(rec.data as Record<string, unknown>) } : {};
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] as (typeof fields)[number];
        const v = values[i];
        if (f.optional && (v === undefined || v === null)) continue;
        if (v === undefined) {
          return fail(rec, new RecordError(`"${f.target}" could not be filled: ${f.compiled.isPlainPath ? `the field ${f.expr}` : `the expression ${f.expr}`} has no value in this record`, f.target));
        }
        setPath(out, f.target, v);
      }
      return emit(rec, out);
    };
    return (rec) => {
      const values: unknown[] = new Array(fields.length);
      let pending = false;
      for (let i = 0; i < fields.length; i++) {
        const v = (fields[i] as (typeof fields)[number]).compiled.evaluate(rec.data, bindings);
        if (v instanceof Promise) pending = true;
        values[i] = v;
      }
      if (!pending) return build(rec, values);
      // Each field's failure is named, so the user knows which expression to look at.
      const named = values.map((v, i) => (v instanceof Promise ? v.catch((e: unknown) => Promise.reject(new RecordError(`"${fields[i]?.target}": ${errorMessage(e)}`, fields[i]?.target))) : v));
      return Promise.all(named).then(
        (resolved) => build(rec, resolved),
        (e: unknown) => fail(rec, e),
      );
    };
  }),
});
