/**
 * Typed errors of the MplusKASSA connector. Messages read `MplusKASSA <operation> failed: <reason>`
 * and never contain the ident or secret (they travel in the URL, so no error carries the URL or
 * the raw HTTP library error either).
 */

/** A value does not fit the XSD shape (raised by the codec; the client and sandbox wrap it). */
export class MplusShapeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'MplusShapeError';
  }
}

export abstract class MplusError extends Error {
  /** Whether trying again later could succeed (the client's retry policy decides per operation). */
  abstract readonly transient: boolean;

  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`MplusKASSA ${operation} failed: ${reason}`);
    this.name = new.target.name;
  }
}

/** The input was refused before anything was sent (wrong shape, missing required field). */
export class MplusValidationError extends MplusError {
  readonly transient = false;
}

/**
 * A SOAP Fault. `Client…` codes mean the request must change (never retried); `Server…` codes are a
 * problem on MplusKASSA's side (retried where the operation allows it).
 */
export class MplusSoapFaultError extends MplusError {
  readonly side: 'client' | 'server' | 'other';
  readonly transient: boolean;

  constructor(
    operation: string,
    readonly faultCode: string,
    readonly faultString: string,
    readonly httpStatus: number,
  ) {
    super(operation, faultString || faultCode);
    const code = faultCode.slice(faultCode.indexOf(':') + 1); // strip a namespace prefix
    this.side = code.startsWith('Client') ? 'client' : code.startsWith('Server') ? 'server' : 'other';
    this.transient = this.side === 'server';
  }
}

/** A non-200 HTTP answer without a SOAP fault (e.g. 429, a proxy's 502). */
export class MplusHttpError extends MplusError {
  readonly transient: boolean;

  constructor(
    operation: string,
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(operation, status === 429 ? 'MplusKASSA asked to slow down (HTTP 429)' : `unexpected HTTP status ${status}`);
    this.transient = status === 429 || status >= 500;
  }
}

export type TransportFailure = 'unreachable' | 'timeout' | 'dropped' | 'tls' | 'aborted' | 'other';

/** The HTTP exchange itself failed. */
export class MplusTransportError extends MplusError {
  readonly transient: boolean;

  constructor(
    operation: string,
    readonly failure: TransportFailure,
    /** False only when the request certainly never reached the server (refused, DNS, no route). */
    readonly mayHaveReachedServer: boolean,
    reason: string,
    readonly code?: string,
  ) {
    super(operation, reason);
    // A certificate or protocol mismatch does not heal by waiting; a cancelled call was meant to stop.
    this.transient = failure !== 'tls' && failure !== 'aborted';
  }
}

/** The answer was not a SOAP envelope we could read (not XML, wrong element, wrong shape). */
export class MplusMalformedResponseError extends MplusError {
  readonly transient = false;
}

/** A normal HTTP 200 answer whose `result` enum says the operation did not succeed. */
export class MplusResultError extends MplusError {
  readonly transient = false;

  constructor(
    operation: string,
    readonly result: string,
    readonly errorMessage: string,
  ) {
    super(operation, errorMessage ? `${result}: ${errorMessage}` : result);
  }
}

/** `…-NOT-FOUND` on an operation that needs the record to exist (updates). */
export class MplusNotFoundError extends MplusResultError {}

/** `…-EXT-ORDER-ID-ALREADY-EXISTS` / `…-EXT-INVOICE-ID-ALREADY-EXISTS` / number already taken. */
export class MplusAlreadyExistsError extends MplusResultError {
  constructor(
    operation: string,
    result: string,
    errorMessage: string,
    /** The external id (or number) that is already taken. */
    readonly existingId: string,
  ) {
    super(operation, result, errorMessage || `${existingId} already exists`);
  }
}

/** `…-HAS-CHANGED`: the record changed since it was read (stale changeCounter/versionNumber). */
export class MplusConflictError extends MplusResultError {}

/**
 * Removes the credentials from a text that might echo them (e.g. a server echoing the URL). Values
 * shorter than 4 characters are left alone: replacing them would garble ordinary words.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    out = out.split(s).join('***').split(encodeURIComponent(s)).join('***');
  }
  return out;
}
