/**
 * Ends the records that reach it as skipped, with a reason the user reads in the run history
 * ("already synced to Teamleader"). Wired after a lookup's `found`, it makes "skip what exists"
 * visible on the canvas and counted as skipped, not as done.
 */
import { z } from 'zod';
import { skip } from '../engine/record';
import { defineNode, ui } from './define-node';
import { perRecordPure } from './per-record';

export const skipRecords = defineNode({
  type: 'core.transform.skip',
  kind: 'transform',
  app: 'core',
  title: 'Skip',
  description: 'Stops every record that reaches it and records why, e.g. “already synced”.',
  config: z.object({
    reason: z.string().min(1).max(300).meta(ui({ label: 'Reason', placeholder: 'already synced to Teamleader' })),
  }),
  outputs: [],
  summary: (c) => c.reason,
  run: perRecordPure((ctx) => (rec) => skip(rec, ctx.config.reason)),
});
