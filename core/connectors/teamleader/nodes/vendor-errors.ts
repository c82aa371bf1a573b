/**
 * What a target tells the user when Teamleader did not take a record. The line that matters for
 * the id ledger: a RecordError means "refused, nothing was written" (the record can simply be sent
 * again), any other error means "the outcome is unknown" (the next run looks before it creates).
 */
import { RecordError, RecordGoneError } from '../../../engine/record';
import { vendorWriteWith } from '../../shared/vendor-write';
import {
  describeDetails,
  ReconnectRequiredError,
  TeamleaderForbiddenError,
  TeamleaderNetworkError,
  TeamleaderNotFoundError,
  TeamleaderRateLimitError,
  TeamleaderUnauthorizedError,
  TeamleaderValidationError,
  type TeamleaderError,
} from '../errors';

/** The field an answer names (`meta.field`), e.g. "grouped_lines.0.line_items.1.tax_rate_id". */
function fieldOf(error: TeamleaderError): string | undefined {
  for (const d of error.details) if (d.meta && typeof d.meta.field === 'string') return d.meta.field;
  return undefined;
}

/** Teamleader's own words: the error details, or the message after "refused:" / "was not sent:". */
function detailOf(error: TeamleaderError): string {
  return describeDetails(error.details) || error.message.replace(/^Teamleader \S+ (refused|was not sent): /, '');
}

/** The error to throw for a failed write of `what` ("customer", "invoice"): refusals become RecordErrors. */
export function refusalOrUnknown(error: unknown, what: string): unknown {
  if (error instanceof RecordError) return error;
  if (error instanceof TeamleaderValidationError) {
    // No status: the client refused to send it (a required field missing, a malformed id).
    if (error.status === undefined) return new RecordError(`the ${what} does not fit Teamleader: ${detailOf(error)}`, fieldOf(error));
    return new RecordError(`Teamleader refused the ${what}: ${detailOf(error)}`, fieldOf(error), String(error.status));
  }
  if (error instanceof TeamleaderNotFoundError) {
    return new RecordGoneError(`Teamleader does not have what the ${what} refers to (${detailOf(error)}); was it deleted in Teamleader?`, fieldOf(error), '404');
  }
  if (error instanceof TeamleaderForbiddenError) {
    return new RecordError(`the connected Teamleader user may not write this ${what}: ${detailOf(error)}`, undefined, '403');
  }
  // Refused before Teamleader did anything: the authorisation is gone, or the request never left.
  if (error instanceof ReconnectRequiredError) return new RecordError(error.message, undefined, 'reconnect');
  if (error instanceof TeamleaderUnauthorizedError) return new RecordError('Teamleader needs to be reconnected: the saved access was refused.', undefined, 'reconnect');
  if (error instanceof TeamleaderNetworkError && !error.sent) return new RecordError(`the ${what} was not sent: ${error.message}`);
  if (error instanceof TeamleaderRateLimitError) return new RecordError(`the ${what} was not sent: ${error.message}`);
  return error;
}

export const vendorWrite = vendorWriteWith(refusalOrUnknown);
