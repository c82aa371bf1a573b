/** What the lookups of every connector share: the key expression, the `as` field and the two exits. */
import { z } from 'zod';
import type { Rec } from '../../engine/record';
import { ui, type NodeRunContext } from '../../nodes/define-node';
import { compileExpression, expressionCheck, FIELD_PATH } from '../../nodes/expressions';

export const lookupOutputs = [
  { name: 'found', label: 'found' },
  { name: 'missing', label: 'missing' },
];

export const keyField = (defaultKey: string, help: string) =>
  z.string().superRefine(expressionCheck).default(defaultKey).meta(ui({ label: 'Look up by', widget: 'jsonata', placeholder: defaultKey, help }));

/** The `as` field of an app's lookups: `app` names the app ("MplusKASSA"), `prefix` its field paths ("mplus"). */
export const asFieldOf =
  (app: string, prefix: string) =>
  (defaultPath: string, what: string) =>
    z
      .string()
      .regex(FIELD_PATH, `must be a field path like customer or ${prefix}.customer`)
      .default(defaultPath)
      .meta(ui({ label: `Put the ${what} in`, help: `The field of the record that receives the ${what} found in ${app}.` }));

export const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Evaluates the key expression of a lookup for a record (JSONata may answer with a promise). */
export function keyOf(ctx: NodeRunContext<{ key: string }>): (rec: Rec) => Promise<unknown> {
  const key = compileExpression(ctx.config.key);
  const bindings = { settings: ctx.flow.settings };
  return async (rec) => key.evaluate(rec.data, bindings);
}

/** Another expression of a lookup's config, evaluated like its key; undefined when it is not set. */
export function expressionOf<C>(ctx: NodeRunContext<C>, expr: string | undefined): ((rec: Rec) => Promise<unknown>) | undefined {
  return expr === undefined ? undefined : keyOf({ ...ctx, config: { key: expr } });
}
