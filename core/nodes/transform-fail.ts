/**
 * Fails every record that reaches it, with a reason the user reads in the run history and what the
 * step before it noted ("no article 1012 in MplusKASSA"). Wired after a lookup's `missing`, it
 * turns "this order cannot be sent yet" into a visible failure instead of a silent drop.
 */
import { z } from 'zod';
import { fail, RecordError } from '../engine/record';
import { defineNode, ui } from './define-node';
import { perRecordPure } from './per-record';

export const failRecords = defineNode({
  type: 'core.transform.fail',
  kind: 'transform',
  app: 'core',
  title: 'Fail',
  description: 'Fails every record that reaches it with a reason, e.g. “a product of this order is missing in MplusKASSA”.',
  config: z.object({
    reason: z.string().min(1).max(300).meta(ui({ label: 'Reason', placeholder: 'a product of this order is missing in MplusKASSA' })),
  }),
  outputs: [],
  summary: (c) => c.reason,
  run: perRecordPure((ctx) => (rec) => {
    const note = rec.trail.at(-1)?.note;
    return fail(rec, new RecordError(note ? `${ctx.config.reason}: ${note}` : ctx.config.reason));
  }),
});
