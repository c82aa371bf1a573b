/**
 * Zod issues in Teamleader's vocabulary: `grouped_lines.0.line_items.0.tax_rate_id is required`.
 * Used by the client (a request it refuses to send) and the sandbox (its 400 answers).
 */
import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    let message: string;
    if (missing) message = `${field || 'the body'} is required`;
    else if (issue.code === 'invalid_type') message = `${field || 'the body'}: ${issue.message.replace(/^Invalid input: /, '')}`;
    else if (issue.code === 'invalid_value' || issue.code === 'invalid_union') message = `${field || 'the body'} has a value that is not allowed`;
    // Custom messages are written to follow the field name ("must not be empty").
    else message = field ? `${field} ${issue.message}` : issue.message;
    return { field, message };
  });
}

export function describeZodError(error: z.ZodError): string {
  return fieldProblems(error)
    .map((p) => p.message)
    .join('; ');
}
