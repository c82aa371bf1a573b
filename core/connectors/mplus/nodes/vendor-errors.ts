/**
 * What a target tells the user when MplusKASSA did not take a record. The line that matters for
 * the id ledger: a RecordError means "refused, nothing was written" (the record can simply be sent
 * again), any other error means "the outcome is unknown" (the next run looks before it creates).
 */
import { RecordError, RecordGoneError } from '../../../engine/record';
import { vendorWriteWith } from '../../shared/vendor-write';
import { MplusHttpError, MplusResultError, MplusShapeError, MplusSoapFaultError, MplusTransportError, MplusValidationError } from '../errors';
import { encodeElement } from '../xml-codec';
import { operationElements, type MplusOperation } from '../xsd-model';

/** "CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS" → "ext order id already exists". */
const resultInWords = (result: string) => result.replace(/^.*?-RESULT-/, '').replaceAll('-', ' ').toLowerCase();

/** The error to throw for a failed write of `what` ("customer", "order"): refusals become RecordErrors. */
export function refusalOrUnknown(error: unknown, what: string): unknown {
  if (error instanceof MplusResultError) {
    const message = `MplusKASSA refused the ${what}: ${error.errorMessage || resultInWords(error.result)}`;
    // "UPDATE-RELATION-RESULT-NOT-FOUND": the record the write refers to is gone from MplusKASSA.
    return /-NOT-FOUND$/.test(error.result) ? new RecordGoneError(message, undefined, error.result) : new RecordError(message, undefined, error.result);
  }
  if (error instanceof MplusValidationError) return new RecordError(`the ${what} does not fit MplusKASSA: ${error.reason}`);
  if (error instanceof MplusSoapFaultError && error.side === 'client') return new RecordError(`MplusKASSA refused the ${what}: ${error.faultString}`, undefined, error.faultCode);
  // Never reached MplusKASSA (refused connection, unknown host) or turned away before any work (429).
  if (error instanceof MplusTransportError && !error.mayHaveReachedServer) return new RecordError(`the ${what} was not sent: ${error.reason}`);
  if (error instanceof MplusHttpError && error.status === 429) return new RecordError(`the ${what} was not sent: ${error.reason}`);
  return error;
}

export const vendorWrite = vendorWriteWith(refusalOrUnknown);

/**
 * Checks a request against the WSDL without sending it (unknown fields, wrong types, missing
 * required ones), so a dry run reports what MplusKASSA would refuse.
 */
export function checkShape(op: MplusOperation, body: Record<string, unknown>, what: string): void {
  const element = operationElements(op).request;
  try {
    encodeElement(element, body, 'ns1');
  } catch (error) {
    if (!(error instanceof MplusShapeError)) throw error;
    const where = error.path.startsWith(`${element}.`) ? error.path.slice(element.length + 1) : error.path;
    throw new RecordError(`the ${what} does not fit MplusKASSA: ${where ? `${where}: ` : ''}${error.reason}`);
  }
}
