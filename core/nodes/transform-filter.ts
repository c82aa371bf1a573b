/** Lets records pass or not by a condition; the ones that do not pass leave by `reject`. */
import { z } from 'zod';
import { emit, errorMessage, fail, RecordError, type Rec } from '../engine/record';
import { defineNode, ui } from './define-node';
import { compileExpression, expressionCheck } from './expressions';
import { perRecordPure } from './per-record';

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

export const filterRecords = defineNode({
  type: 'core.transform.filter',
  kind: 'transform',
  app: 'core',
  title: 'Filter',
  description: 'Sends records that meet a condition to “pass” and the others to “reject”.',
  config: z.object({
    condition: z.string().superRefine(expressionCheck).meta(ui({ label: 'Condition', widget: 'jsonata', placeholder: 'total > 0 and country = "NL"' })),
  }),
  outputs: [
    { name: 'pass', label: 'pass' },
    // Rejected with nothing connected here: filtered out, counted as skipped (record-router.ts).
    { name: 'reject', label: 'reject', filtersOut: true },
  ],
  summary: (c) => `when ${c.condition}`,
  run: perRecordPure((ctx) => {
    const condition = compileExpression(ctx.config.condition);
    const bindings = { settings: ctx.flow.settings };
    const decide = (rec: Rec, v: unknown) => emit(rec, rec.data, truthy(v) ? 'pass' : 'reject');
    return (rec) => {
      const v = condition.evaluate(rec.data, bindings);
      if (!(v instanceof Promise)) return decide(rec, v);
      return v.then(
        (r) => decide(rec, r),
        (e: unknown) => fail(rec, new RecordError(`the condition could not be checked: ${errorMessage(e)}`)),
      );
    };
  }),
});
