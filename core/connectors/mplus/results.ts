/**
 * MplusKASSA reports most business outcomes as a `result` enum in a normal HTTP 200 answer
 * (`CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS`, `UPDATE-ORDER-RESULT-ORDER-HAS-CHANGED`, …).
 * This turns them into typed errors, and checks answer shapes with zod.
 */
import type { z } from 'zod';
import {
  MplusAlreadyExistsError,
  MplusConflictError,
  MplusMalformedResponseError,
  MplusNotFoundError,
  MplusResultError,
} from './errors';
import type { JsObject } from './xml-codec';

export function resultOf(response: JsObject): string {
  return typeof response['result'] === 'string' ? response['result'] : '';
}

export function errorMessageOf(response: JsObject): string {
  return typeof response['errorMessage'] === 'string' ? response['errorMessage'] : '';
}

/**
 * Throws unless the result ends in `-OK` (or is one of `alsoOk`). `existingId` names what is
 * already taken when the result says so (the extOrderId, the relation number, …).
 */
export function expectOk(operation: string, response: JsObject, existingId = '', alsoOk: readonly string[] = []): string {
  const result = resultOf(response);
  if (result.endsWith('-OK') || alsoOk.includes(result)) return result;
  const message = errorMessageOf(response) || (typeof response['message'] === 'string' ? response['message'] : '');
  if (!result) throw new MplusMalformedResponseError(operation, 'the answer has no result');
  if (/NOT-?FOUND/.test(result)) throw new MplusNotFoundError(operation, result, message);
  if (/ALREADY-EXISTS|ALREADY-TAKEN/.test(result)) throw new MplusAlreadyExistsError(operation, result, message, existingId);
  if (/HAS-CHANGED/.test(result)) {
    throw new MplusConflictError(operation, result, message || 'the record changed since it was read; read it again and reapply the change');
  }
  throw new MplusResultError(operation, result, message);
}

/** Validates a decoded answer against a zod schema; a mismatch is a malformed answer. */
export function parseAnswer<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'answer';
  throw new MplusMalformedResponseError(operation, `unexpected answer shape at ${where}: ${issue?.message ?? 'invalid'}`);
}
