/**
 * One SOAP call with the retry policy: build the envelope, POST it, read the answer, and decide
 * whether a failure is worth another attempt.
 *
 * Retry policy (withRetry + exponential backoff with jitter):
 * - `Client…` faults, result enums, malformed answers and TLS problems are never retried;
 * - reads and updates that are safe to repeat (`read`, `idempotent-write`) are retried on
 *   `Server…` faults, HTTP 5xx/429, timeouts and dropped connections;
 * - non-idempotent writes (`unsafe-write`: createOrder, createRelation, saveInvoice, updateStock, …)
 *   are retried only when the request certainly never reached the server (connection refused, DNS,
 *   no route) or the server refused it up front with 429. After a timeout, a reset or a Server
 *   fault the order may already exist, and sending it again could book it twice; calls carrying an
 *   idempotencyKey (createOrderV3) are `idempotent-write`, because the server replays instead.
 */
import { randomUUID } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { defaultRetry, retryAfterMs, withRetry, type RetryDecision } from '../../util/retry';
import {
  MplusError,
  MplusHttpError,
  MplusMalformedResponseError,
  MplusShapeError,
  MplusSoapFaultError,
  MplusTransportError,
  MplusValidationError,
  redact,
} from './errors';
import { buildRequestEnvelope, MalformedEnvelopeError, parseEnvelope } from './soap-envelope';
import { createHttp, endpointUrl, hostOf, postSoap, type HttpAnswer } from './transport';
import { decodeElement, type JsObject } from './xml-codec';
import { operationElements, type MplusOperation } from './xsd-model';

export type CallSafety = 'read' | 'idempotent-write' | 'unsafe-write';

export interface RetrySettings {
  retries: number;
  baseMs: number;
  maxMs: number;
}

export interface MplusClientOptions {
  /** e.g. `https://api.mpluskassa.nl:44281` (each account has its own port); http:// for the sandbox. */
  baseUrl: string;
  ident: string;
  secret: string;
  /** Per HTTP request; large syncs can be slow, the official client allows 600 s. Default 60 s. */
  timeoutMs?: number;
  retry?: Partial<RetrySettings>;
  /** Cancels every call of this client. */
  signal?: AbortSignal;
  /** For logs and tests. */
  onRetry?(error: unknown, attempt: number, waitMs: number): void;
  /** For tests that must not wait between attempts. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface CallOptions {
  /** Override the configured retries (the connection test uses 0). */
  retries?: number;
}

export class MplusSoapCaller {
  private readonly http: AxiosInstance;
  private readonly url: string;
  private readonly host: string;
  private readonly retry: RetrySettings;

  constructor(private readonly options: MplusClientOptions) {
    this.url = endpointUrl(options.baseUrl, options.ident, options.secret);
    this.host = hostOf(options.baseUrl);
    this.http = createHttp(options.timeoutMs ?? 60_000);
    this.retry = { ...defaultRetry, ...options.retry };
  }

  /** Sends one operation and returns the decoded response element (lenient: unknown elements are ignored). */
  async call(op: MplusOperation, payload: JsObject, safety: CallSafety, callOptions: CallOptions = {}): Promise<JsObject> {
    let xml: string;
    try {
      xml = buildRequestEnvelope(op, payload);
    } catch (error) {
      if (error instanceof MplusShapeError) throw new MplusValidationError(op, error.message);
      throw error;
    }
    const requestId = `sincro-${randomUUID()}`; // the same for every attempt, so server logs can tie retries together
    return withRetry(
      async () => {
        const answer = await postSoap(this.http, this.url, op, xml, requestId, this.options.signal, this.host);
        return this.interpret(op, answer);
      },
      {
        retries: callOptions.retries ?? this.retry.retries,
        baseMs: this.retry.baseMs,
        maxMs: this.retry.maxMs,
        signal: this.options.signal,
        decide: (error) => decideRetry(error, safety),
        onRetry: this.options.onRetry,
        sleep: this.options.sleep,
      },
    ).catch((error: unknown) => {
      if (this.options.signal?.aborted && !(error instanceof MplusError)) {
        throw new MplusTransportError(op, 'aborted', true, 'the call was cancelled');
      }
      throw annotateUnsafe(error, safety);
    });
  }

  private interpret(op: MplusOperation, answer: HttpAnswer): JsObject {
    const secrets = [this.options.ident, this.options.secret];
    // 429 first, whatever the body: the request was refused before any work, so it is always safe to repeat.
    if (answer.status === 429) throw new MplusHttpError(op, 429, retryAfterMs(answer.header('retry-after')));
    let envelope;
    try {
      envelope = parseEnvelope(answer.body);
    } catch (error) {
      if (!(error instanceof MalformedEnvelopeError)) throw error;
      if (answer.status !== 200) throw new MplusHttpError(op, answer.status, retryAfterMs(answer.header('retry-after')));
      throw new MplusMalformedResponseError(op, `the answer is not a SOAP message (${redact(error.message, secrets)})`);
    }
    if (envelope.kind === 'fault') {
      throw new MplusSoapFaultError(op, envelope.faultCode, redact(envelope.faultString, secrets), answer.status);
    }
    if (answer.status !== 200) throw new MplusHttpError(op, answer.status, retryAfterMs(answer.header('retry-after')));
    const expected = operationElements(op).response;
    if (envelope.element.name !== expected) {
      throw new MplusMalformedResponseError(op, `expected <${expected}> in the answer, got <${envelope.element.name}>`);
    }
    try {
      return decodeElement(expected, envelope.element);
    } catch (error) {
      if (error instanceof MplusShapeError) throw new MplusMalformedResponseError(op, `the answer does not match the WSDL: ${redact(error.message, secrets)}`);
      throw error;
    }
  }
}

export function decideRetry(error: unknown, safety: CallSafety): RetryDecision {
  const repeatable = safety !== 'unsafe-write';
  if (error instanceof MplusSoapFaultError) return { retry: error.side === 'server' && repeatable };
  if (error instanceof MplusHttpError) {
    if (error.status === 429) return { retry: true, afterMs: error.retryAfterMs }; // refused before any work was done
    return { retry: error.status >= 500 && repeatable };
  }
  if (error instanceof MplusTransportError) {
    if (!error.transient) return { retry: false };
    return { retry: !error.mayHaveReachedServer || repeatable };
  }
  return { retry: false };
}

/** Says in the message why an unsafe write was not retried, so nobody re-sends it blindly. */
function annotateUnsafe(error: unknown, safety: CallSafety): unknown {
  if (safety !== 'unsafe-write' || !(error instanceof MplusError)) return error;
  const unsure =
    (error instanceof MplusTransportError && error.mayHaveReachedServer && error.failure !== 'aborted' && error.failure !== 'tls') ||
    (error instanceof MplusSoapFaultError && error.side === 'server') ||
    (error instanceof MplusHttpError && error.status >= 500);
  if (unsure) error.message += ' (not retried automatically: MplusKASSA may have processed it; check before sending it again)';
  return error;
}
