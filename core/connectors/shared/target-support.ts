/**
 * What the targets of every connector share: the words for a write mode, the record's id in the
 * ledger, and turning the ledger's verdict into the record's outcome.
 */
import { emit, RecordError, skip, type Outcome, type Rec } from '../../engine/record';
import type { NodeRunContext } from '../../nodes/define-node';
import { compileExpression, withPath, type CompiledExpression } from '../../nodes/expressions';
import type { WriteMode, WriteResult } from '../../nodes/target-write';

const MODE_WORDS: Record<WriteMode, string> = { create: 'create only', upsert: 'create or update', update: 'update only' };
export const modeInWords = (mode: WriteMode) => MODE_WORDS[mode];

export interface SourceIds {
  of(rec: Rec, fallback: string): Promise<string>;
}

/** The ledger id of a record: the configured expression, else `fallback` (the record key or a natural key). */
export function sourceIds(ctx: NodeRunContext<{ sourceId?: string | undefined }>): SourceIds {
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

export interface OutcomeOptions {
  attachAs: string;
  /** What goes into the record for a target id (default: the id itself). */
  idValue?(targetId: string): unknown;
  /**
   * When set, an existing record this target leaves alone still goes on (with its id, so the order
   * after it can use the customer), with this note, instead of ending as skipped.
   */
  passExistingWith?: string;
  /** A remark for the record's history (e.g. a category that was not found). */
  note?: string;
}

export function outcomeOf(rec: Rec, result: WriteResult, options: OutcomeOptions): Outcome {
  const attach = (targetId: string) => withPath(rec.data, options.attachAs, options.idValue ? options.idValue(targetId) : targetId);
  const note = (...parts: Array<string | undefined>) => parts.filter(Boolean).join('; ') || undefined;
  if (result.outcome === 'skipped') {
    if (options.passExistingWith && result.targetId !== undefined) {
      return emit(rec, attach(result.targetId), 'out', { action: 'unchanged', targetId: result.targetId, note: note(options.passExistingWith, options.note) });
    }
    return skip(rec, note(result.reason, options.note) ?? result.reason, { targetId: result.targetId });
  }
  return emit(rec, attach(result.targetId), 'out', { action: result.action, targetId: result.targetId, answer: result.answer, note: note(result.note, options.note) });
}

/** Whether the id ledger knows which target record this is: writing it then looks for nothing in the target. */
export function ledgerKnows(ctx: NodeRunContext<unknown>, scope: string, entity: string, sourceId: string): boolean {
  const entry = ctx.ledger.get(scope, entity, sourceId);
  return entry?.state === 'done' && entry.targetId !== null;
}
