/**
 * What the Teamleader targets share: the config fields every one has (which part of the record to
 * send, its id in the ledger, create/upsert/update, where the Teamleader id goes), and reading the
 * payload with the record's own words for what is wrong. What every connector's targets share (the
 * outcome, the ledger id) is in ../../shared/target-support.
 */
import { z } from 'zod';
import { RecordError, type Rec } from '../../../engine/record';
import { ui, type NodeRunContext } from '../../../nodes/define-node';
import { expressionCheck, FIELD_PATH, getPath } from '../../../nodes/expressions';
import type { WriteMode } from '../../../nodes/target-write';
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

/**
 * What Teamleader answered a write, for the record's history: a create answers 201 with the new
 * record's type and id, an update 204 with nothing.
 */
export const createdAnswer = (type: string, id: string) => ({ status: 201, data: { type, id } });
export const updatedAnswer = { status: 204 } as const;

/**
 * A document Teamleader refused because its customer is gone there (deleted by a user, or lost
 * before a crash let Teamleader save it): the id ledger forgets the customer, so the next run finds
 * it again by email or creates it, and this record fails saying so. Any other error is returned as it is.
 */
export function forgetGoneCustomer(ctx: NodeRunContext<unknown>, scope: string, customer: { type: string; id: string }, error: unknown): unknown {
  if (!(error instanceof RecordError) || error.code !== '400' || !error.message.includes(customer.id)) return error;
  // Only a customer the ledger knew is "gone"; an id the flow made up was never there.
  const forgotten = ctx.dryRun ? 0 : ctx.ledger.forgetTarget(scope, 'customer', `${customer.type}:${customer.id}`);
  if (!forgotten) return error;
  return new RecordError(`the ${customer.type} ${customer.id} this is for is gone from Teamleader (${error.message}); Sincro forgot it, so the next run finds the customer again by email or creates it`, error.field, 'customer-gone');
}

/**
 * A document Teamleader refused because a product on its lines is gone there (deleted by a user):
 * the id ledger forgets the product, so the next run finds it again by code or creates it, and this
 * record fails saying so. The forgotten customer comes first (forgetGoneCustomer); any other error is
 * returned as it is.
 */
export function forgetGoneProduct(ctx: NodeRunContext<unknown>, scope: string, productIds: Iterable<string | null | undefined>, error: unknown): unknown {
  if (!(error instanceof RecordError) || error.code !== '400') return error;
  const gone = [...new Set(productIds)].filter((id): id is string => typeof id === 'string' && error.message.includes(id));
  // Only a product the ledger knew is "gone"; an id the flow was given from elsewhere was never Sincro's to forget.
  const forgotten = ctx.dryRun ? [] : gone.filter((id) => ctx.ledger.forgetTarget(scope, 'product', id) > 0);
  if (!forgotten.length) return error;
  return new RecordError(
    `the product ${forgotten.join(', ')} on this document is gone from Teamleader (${error.message}); Sincro forgot it, so the next run finds the product again by code or creates it`,
    error.field,
    'product-gone',
  );
}

/** The product ids a document's lines link to. */
export const productIdsOf = (groups: Array<{ line_items: Array<{ product_id?: string | null }> }>) => groups.flatMap((g) => g.line_items.map((l) => l.product_id));
