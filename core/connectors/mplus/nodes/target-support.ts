/**
 * What the MplusKASSA targets share: the config fields every one has (which part of the record to
 * send, its id in the ledger, create/upsert/update, where the MplusKASSA id goes), and turning the
 * ledger's verdict into the record's outcome.
 */
import { z } from 'zod';
import { emit, RecordError, skip, type Outcome, type Rec } from '../../../engine/record';
import { ui, type NodeRunContext } from '../../../nodes/define-node';
import { compileExpression, expressionCheck, FIELD_PATH, getPath, withPath, type CompiledExpression } from '../../../nodes/expressions';
import type { WriteMode, WriteResult } from '../../../nodes/target-write';

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

const MODE_WORDS: Record<WriteMode, string> = { create: 'create only', upsert: 'create or update', update: 'update only' };
export const modeInWords = (mode: WriteMode) => MODE_WORDS[mode];

/** The part of the record to send: an object, or the record fails with the reason. */
export function payloadOf(rec: Rec, path: string | undefined, entity: string): Record<string, unknown> {
  const value = path ? getPath(rec.data, path) : rec.data;
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new RecordError(path ? `the record has no ${entity} in ${path}` : `the record is not an ${entity} object`, path);
}

export interface SourceIds {
  of(rec: Rec, fallback: string): Promise<string>;
}

/** The ledger id of a record: the configured expression, else `fallback` (the record key or a natural key). */
export function sourceIds(ctx: NodeRunContext<{ sourceId?: string }>): SourceIds {
  const expr: CompiledExpression | undefined = ctx.config.sourceId ? compileExpression(ctx.config.sourceId) : undefined;
  const bindings = { settings: ctx.flow.settings };
  return {
    async of(rec, fallback) {
      if (!expr) return fallback;
      const v = await expr.evaluate(rec.data, bindings);
      if (v === undefined || v === null || v === '') throw new RecordError(`the source id (${expr.source}) has no value in this record`);
      return String(v);
    },
  };
}

/** MplusKASSA numbers travel as numbers; a dry run's placeholder ("(new customer)") stays text. */
export const numericId = (targetId: string): number | string => (/^\d+$/.test(targetId) ? Number(targetId) : targetId);

export interface OutcomeOptions {
  attachAs: string;
  idValue?(targetId: string): unknown;
  /**
   * When set, an existing record this target leaves alone still goes on (with its id, so the order
   * after it can use the customer), with this note, instead of ending as skipped.
   */
  passExistingWith?: string;
}

export function outcomeOf(rec: Rec, result: WriteResult, options: OutcomeOptions): Outcome {
  const attach = (targetId: string) => withPath(rec.data, options.attachAs, options.idValue ? options.idValue(targetId) : targetId);
  if (result.outcome === 'skipped') {
    if (options.passExistingWith && result.targetId !== undefined) {
      return emit(rec, attach(result.targetId), 'out', { action: 'unchanged', targetId: result.targetId, note: options.passExistingWith });
    }
    return skip(rec, result.reason, { targetId: result.targetId });
  }
  return emit(rec, attach(result.targetId), 'out', { action: result.action, targetId: result.targetId, answer: result.answer });
}
