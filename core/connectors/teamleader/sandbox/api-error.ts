/**
 * Errors the sandbox answers with, in Teamleader's format: `{ "errors": [{ title, status, meta }] }`
 * ([G]: title always; status and meta.field where they help). 400 covers invalid data and references
 * to records that do not exist; 404 an unknown id on `.info` / `.update` ([S]).
 */
import type { z } from 'zod';
import { fieldProblems } from '../zod-issues';

export interface ApiErrorEntry {
  title: string;
  status: number;
  meta?: { field: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorEntry[],
  ) {
    super(errors.map((e) => e.title).join('; '));
  }

  body(): { errors: ApiErrorEntry[] } {
    return { errors: this.errors };
  }
}

export function badRequest(title: string, field?: string): ApiError {
  return new ApiError(400, [{ title, status: 400, ...(field ? { meta: { field } } : {}) }]);
}

export function notFound(title: string): ApiError {
  return new ApiError(404, [{ title, status: 404 }]);
}

/** Validates a request body; every problem becomes one error entry naming its field. */
export function validate<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    400,
    fieldProblems(parsed.error).map((p) => ({ title: p.message, status: 400, ...(p.field ? { meta: { field: p.field } } : {}) })),
  );
}
