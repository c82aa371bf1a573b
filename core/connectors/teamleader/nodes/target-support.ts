/**
 * What the Teamleader targets share: the config fields every one has (which part of the record to
 * send, its id in the ledger, create/upsert/update, where the Teamleader id goes), reading the
 * payload with the record's own words for what is wrong, and turning the ledger's verdict into the
 * record's outcome.
 */
import { z } from 'zod';
import { emit, RecordError, skip, type Outcome, type Rec } from '../../../engine/record';
import { ui, type NodeRunContext } from '../../../nodes/define-node';
import { compileExpression, expressionCheck, FIELD_PATH, getPath, withPath, type CompiledExpression } from '../../../nodes/expressions';
import type { WriteMode, WriteResult } from '../../../nodes/target-write';
import { UUID_RE } from '../schemas-common';
import { fieldProblems } from '../zod-issues';

export const payloadField = (entity: string) =>
  z
    .string()
    .regex(FIELD_PATH, 'must be a field path like invoice or teamleader.invoice')
    .optional()
    .meta(ui({ label: `The ${entity} to send`, placeholder: '(the whole record)', help: `The field of the record that holds the ${entity} in Teamleader's shape (see the node's description); the whole record when empty.` }));

export const sourceIdField = (help: string) => z.string().superRefine(expressionCheck).optional().meta(ui({ label: 'Source id', widget: 'jsonata', help }));

export const modeField = (entity: string, mode: WriteMode) =>
  z
    .enum(['create', 'upsert', 'update'])
    .default(mode)
    .meta(ui({ label: 'Write', help: `create: only new ${entity}s (an existing one is skipped as already synced); upsert: create or update; update: only existing ones.` }));

export const attachAsField = (defaultPath: string, what: string) =>
  z
    .string()
    .regex(FIELD_PATH, 'must be a field path like teamleaderId')
    .default(defaultPath)
    .meta(ui({ label: `Put the Teamleader ${what} in`, help: `The field of the record that receives the ${what}, for the nodes after this one.` }));

const MODE_WORDS: Record<WriteMode, string> = { create: 'create only', upsert: 'create or update', update: 'update only' };
export const modeInWords = (mode: WriteMode) => MODE_WORDS[mode];

/** The part of the record to send, checked with `schema`: what is missing or wrong fails the record, naming the field. */
export function payloadOf<S extends z.ZodType>(rec: Rec, path: string | undefined, entity: string, schema: S): z.output<S> {
  const value = path ? getPath(rec.data, path) : rec.data;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new RecordError(path ? `the record has no ${entity} in ${path}` : `the record is not a ${entity} object`, path);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const prefix = path ? `${path}.` : '';
  const problems = parsed.error.issues.map((issue) => {
    const at = issue.path.map(String).join('.');
    // zod's own words are rephrased as the client does (zod-issues.ts); the payload schemas' messages follow the field name.
    const message = /^Invalid input/.test(issue.message) ? (fieldProblems(new z.ZodError([issue]))[0]?.message ?? issue.message) : `${at ? `${at} ` : ''}${issue.message}`;
    return { field: at ? `${prefix}${at}` : path, message: at ? `${prefix}${message}` : message };
  });
  throw new RecordError(`the ${entity} to send is not complete: ${problems.map((p) => p.message).join('; ')}`, problems[0]?.field);
}

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
  return emit(rec, attach(result.targetId), 'out', { action: result.action, targetId: result.targetId, answer: result.answer, note: note(options.note) });
}

/** The object without undefined and null fields: Teamleader reads an absent field as "leave it". */
export const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/** The id a target gives a record it would create in a dry run: "(new customer)". */
const PLACEHOLDER = /^\(new [^)]+\)$/;
export const isPlaceholder = (id: string) => PLACEHOLDER.test(id);

/**
 * A Teamleader id, or in a dry run the placeholder of a record an earlier target would create, so
 * a dry run of a whole flow (customer, then invoice) goes through and says what would happen.
 */
export const idOrPlaceholder = z.string().refine((v) => UUID_RE.test(v) || isPlaceholder(v), { message: 'must be a Teamleader id (a UUID)' });
