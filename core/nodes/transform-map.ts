/**
 * The datamapper: each target field is filled from an expression over the incoming record. A plain
 * path (`billing.city`) is read directly; anything else is JSONata, compiled to synchronous
 * JavaScript where it can be (jsonata-compile.ts), so a batch is mapped in one pass and a record
 * waits only for an expression JSONata itself must evaluate. A field whose expression gives no
 * value fails the record (never a silent null), unless the mapping marks it optional.
 */
import { z } from 'zod';
import { emitChanged, emitRebuilt, errorMessage, fail, RecordError, type Outcome, type Rec } from '../engine/record';
import { defineNode, ui } from './define-node';
import { compileExpression, expressionCheck, FIELD_PATH, setPathParts } from './expressions';
import { compileRecordBuilder } from './jsonata-compile';
import { perRecordPure } from './per-record';
import { copyFields, putField } from '../util/own-field';

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
  run: perRecordPure((ctx) => {
    const fields = ctx.config.fields.map((f) => ({ ...f, compiled: compileExpression(f.expr), parts: f.target.split('.') }));
    const bindings = { settings: ctx.flow.settings };
    const { keepOtherFields } = ctx.config;
    const tops = [...new Set(fields.map((f) => f.parts[0] as string))];
    // Kept the other fields: only the mapped ones changed (LineageStep.changed). Built a new record:
    // the fields mapped from themselves (`id` ← `id`) are the input's as they were, the rest are
    // new, and what was not mapped is dropped (LineageStep.rebuilt).
    const fromItself = (top: string) => top !== '__proto__' && fields.every((f) => f.parts[0] !== top || (f.parts.length === 1 && f.compiled.isPlainPath && f.compiled.source === top));
    const rebuiltChanged = keepOtherFields ? undefined : tops.filter((top) => !fromItself(top));
    const changedOrNone = rebuiltChanged?.length === tops.length ? undefined : rebuiltChanged;
    const sent = (rec: Rec, out: Record<string, unknown>): Outcome => (keepOtherFields ? emitChanged(rec, out, tops) : emitRebuilt(rec, out, changedOrNone));
    type Field = (typeof fields)[number];
    // All fields in one generated function, when they are all inside the compiled subset.
    const build = compileRecordBuilder(fields.map((f) => ({ expr: f.expr, parts: f.parts, optional: f.optional })), keepOtherFields);
    const missing = (rec: Rec, f: Field) => fail(rec, new RecordError(`"${f.target}" could not be filled: ${f.compiled.isPlainPath ? `the field ${f.expr}` : `the expression ${f.expr}`} has no value in this record`, f.target));
    /** Puts one field's value in place; the failure when a required field has none. */
    const place = (rec: Rec, out: Record<string, unknown>, f: Field, v: unknown): Outcome | undefined => {
      if (v === undefined || v === null) {
        if (f.optional) return undefined;
        if (v === undefined) return missing(rec, f);
      }
      if (f.parts.length === 1) putField(out, f.target, v);
      else setPathParts(out, f.parts, v);
      return undefined;
    };
    // From the first field JSONata itself has to evaluate on, the record waits for each field in turn.
    const finishLater = async (rec: Rec, out: Record<string, unknown>, from: number, pending: Promise<unknown>): Promise<Outcome> => {
      for (let i = from; i < fields.length; i++) {
        const f = fields[i] as Field;
        let v: unknown;
        try {
          v = i === from ? await pending : await f.compiled.evaluate(rec.data, bindings);
        } catch (e) {
          // Each field's failure is named, so the user knows which expression to look at.
          return fail(rec, new RecordError(`"${f.target}": ${errorMessage(e)}`, f.target));
        }
        const failed = place(rec, out, f, v);
        if (failed) return failed;
      }
      return sent(rec, out);
    };
    return (rec) => {
      if (build) {
        const built = build(rec.data, bindings);
        if (typeof built === 'object') return sent(rec, built);
        if (built < 0) return missing(rec, fields[-1 - built] as Field);
        // A field needs JSONata itself for this record: the way below.
      }
      const out: Record<string, unknown> = keepOtherFields ? copyFields(rec.data) : {};
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] as Field;
        const v = f.compiled.evaluate(rec.data, bindings);
        if (v instanceof Promise) return finishLater(rec, out, i, v);
        const failed = place(rec, out, f, v);
        if (failed) return failed;
      }
      return sent(rec, out);
    };
  }),
});
