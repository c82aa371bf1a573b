/** Network failures in plain words, and which ones are worth another attempt. */
import { isAxiosError } from 'axios';

const CODES: Record<string, string> = {
  ENOTFOUND: 'the host name is not known (check the address)',
  EAI_AGAIN: 'the host name could not be looked up (check the internet connection)',
  ECONNREFUSED: 'nothing answers at that address and port',
  ECONNRESET: 'the connection was closed by the other side',
  ETIMEDOUT: 'the connection timed out',
  ECONNABORTED: 'there was no answer in time',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
  EPIPE: 'the connection was closed while sending',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

export function networkErrorCode(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

export function describeNetworkError(e: unknown, where: string): string {
  const code = networkErrorCode(e);
  const why = code ? CODES[code] : undefined;
  if (why) return `Could not reach ${where}: ${why}.`;
  if (isAxiosError(e) && e.response) return `${where} answered HTTP ${e.response.status}.`;
  return `Could not reach ${where}: ${e instanceof Error ? e.message : String(e)}.`;
}

/** Failures where the request may not have reached the server or the server may try again. */
export function isTransientNetworkError(e: unknown): boolean {
  const code = networkErrorCode(e);
  return code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'EAI_AGAIN' || code === 'EPIPE' || code === 'ERR_NETWORK';
}
