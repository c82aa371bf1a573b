/**
 * What the MplusKASSA targets share: the config fields every one has (which part of the record to
 * send, its id in the ledger, create/upsert/update, where the MplusKASSA id goes), and the payload.
 * What every connector's targets share (the outcome, the ledger id) is in ../../shared/target-support.
 */
import { z } from 'zod';
import { RecordError, type Rec } from '../../../engine/record';
import { ui } from '../../../nodes/define-node';
import { expressionCheck, FIELD_PATH, getPath } from '../../../nodes/expressions';
import type { WriteMode } from '../../../nodes/target-write';

export function targetFields(entity: string, defaults: { mode: WriteMode; attachAs: string; sourceIdHelp?: string }) {
  return {
    payload: z
      .string()
      .regex(FIELD_PATH, 'must be a field path like order or data.customer')
      .optional()
      .meta(ui({ label: `The ${entity} to send`, placeholder: '(the whole record)', help: `The field of the record that holds the ${entity} in MplusKASSA's shape; the whole record when empty.` })),
    sourceId: z
      .string()
      .superRefine(expressionCheck)
      .optional()
      .meta(ui({ label: 'Source id', widget: 'jsonata', help: defaults.sourceIdHelp ?? 'What identifies the record in the id ledger (which source record became which MplusKASSA record); the record key when empty.' })),
    mode: z
      .enum(['create', 'upsert', 'update'])
      .default(defaults.mode)
      .meta(ui({ label: 'Write', help: `create: only new ${entity}s (an existing one is skipped as already synced); upsert: create or update; update: only existing ones.` })),
    attachAs: z
      .string()
      .regex(FIELD_PATH, 'must be a field path like mplusId')
      .default(defaults.attachAs)
      .meta(ui({ label: 'Put the MplusKASSA id in', help: 'The field of the record that receives the id, for the nodes after this one.' })),
  };
}

/** The part of the record to send: an object, or the record fails with the reason. */
export function payloadOf(rec: Rec, path: string | undefined, entity: string): Record<string, unknown> {
  const value = path ? getPath(rec.data, path) : rec.data;
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new RecordError(path ? `the record has no ${entity} in ${path}` : `the record is not an ${entity} object`, path);
}

/** MplusKASSA numbers travel as numbers; a dry run's placeholder ("(new customer)") stays text. */
export const numericId = (targetId: string): number | string => (/^\d+$/.test(targetId) ? Number(targetId) : targetId);
