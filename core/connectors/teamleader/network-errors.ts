/**
 * Turns a failed HTTP exchange without an answer (axios/Node socket errors) into a
 * `TeamleaderNetworkError` with a plain-words message. Only the error code and the host are copied:
 * the axios error itself holds the request headers, bearer token included, and is dropped.
 */
import { TeamleaderNetworkError, isRecord, type NetworkFailure } from './errors';

/** The connection was never made, so the request cannot have been processed. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TIMEOUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TLS_CODES = new Set([
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'HOSTNAME_MISMATCH',
]);

export function errorCode(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  if (typeof error.code === 'string') return error.code;
  if (isRecord(error.cause) && typeof error.cause.code === 'string') return error.cause.code;
  return undefined;
}

function isTls(code: string | undefined, message: string): boolean {
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.startsWith('CERT_'))) return true;
  return /\b(SSL|TLS)\b|certificate|wrong version number/i.test(message);
}

export function networkErrorFrom(error: unknown, endpoint: string, baseUrl: string, isWrite: boolean): TeamleaderNetworkError {
  const code = errorCode(error);
  const rawMessage = error instanceof Error ? error.message : String(error);
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // keep the configured text
  }
  let failure: NetworkFailure;
  let words: string;
  if (isTls(code, rawMessage)) {
    failure = 'tls';
    words = `the secure (TLS) connection to ${host} failed (${code ?? 'TLS error'}); check the address, the system clock and any proxy or antivirus that inspects HTTPS`;
  } else if (code && NOT_SENT.has(code)) {
    failure = 'unreachable';
    words = `${host} could not be reached (${code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host name not found' : code})`;
  } else if ((code && TIMEOUT.has(code)) || /timeout/i.test(rawMessage)) {
    failure = 'timeout';
    words = `${host} did not answer in time`;
  } else {
    failure = 'connection-lost';
    words = `the connection to ${host} was lost before an answer came (${code ?? 'no answer'})`;
  }
  const sent = !(failure === 'unreachable' || failure === 'tls');
  const caveat = sent && isWrite ? '; the change may or may not have been made in Teamleader, check before repeating it' : '';
  return new TeamleaderNetworkError(`Teamleader ${endpoint} failed: ${words}${caveat}`, failure, code, sent, { endpoint });
}
