/**
 * The HTTP leg of a SOAP call: one POST through axios, and the translation of low-level failures
 * (refused, DNS, timeout, reset, TLS) into MplusTransportError with plain words. Credentials ride
 * in the query string, so neither the URL nor axios' own error object is ever put into an error.
 */
import axios, { type AxiosInstance } from 'axios';
import { MplusTransportError, MplusValidationError } from './errors';

export interface HttpAnswer {
  status: number;
  body: string;
  header(name: string): string | undefined;
}

/** `https://host:port[/path]` + `?ident=…&secret=…` (URL-encoded). http:// is accepted (the sandbox uses it). */
export function endpointUrl(baseUrl: string, ident: string, secret: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new MplusValidationError('connect', `"${baseUrl}" is not a URL; expected e.g. https://api.mpluskassa.nl:44281`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new MplusValidationError('connect', `the URL must start with https:// (or http:// for a local sandbox), not ${url.protocol}`);
  }
  url.search = '';
  url.hash = '';
  url.searchParams.set('ident', ident);
  url.searchParams.set('secret', secret);
  return url.toString();
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

export function createHttp(timeoutMs: number): AxiosInstance {
  return axios.create({
    timeout: timeoutMs,
    responseType: 'text',
    transformResponse: [(data: unknown) => data], // keep the raw XML; axios would try JSON otherwise
    validateStatus: () => true, // statuses are interpreted by the caller (SOAP faults come with 500)
    maxRedirects: 0, // never follow a redirect with the credentials in the query string
  });
}

export async function postSoap(
  http: AxiosInstance,
  url: string,
  operation: string,
  xml: string,
  requestId: string,
  signal: AbortSignal | undefined,
  host: string,
): Promise<HttpAnswer> {
  try {
    const res = await http.post<string>(url, xml, {
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: operation, 'X-Request-Id': requestId },
      signal,
    });
    const headers = res.headers as Record<string, unknown>;
    return {
      status: res.status,
      body: typeof res.data === 'string' ? res.data : String(res.data ?? ''),
      header: (name) => {
        const v = headers[name.toLowerCase()];
        return typeof v === 'string' ? v : undefined;
      },
    };
  } catch (error) {
    throw transportError(operation, error, host, http.defaults.timeout ?? 0);
  }
}

const NEVER_CONNECTED: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up (DNS)',
  EHOSTUNREACH: 'there is no route to the host',
  ENETUNREACH: 'the network is unreachable',
};

const TLS_HINTS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'its certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it uses a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain contains a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate issuer is unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another host name',
  EPROTO: 'the TLS handshake failed (is it really https?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak TLS on this port (try http://?)',
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'ERR_BAD_REQUEST' && code !== 'ERR_NETWORK') return code;
  return errorCode((error as { cause?: unknown }).cause) ?? (typeof code === 'string' ? code : undefined);
}

export function transportError(operation: string, error: unknown, host: string, timeoutMs: number): MplusTransportError {
  const code = errorCode(error);
  if (axios.isCancel(error) || code === 'ERR_CANCELED') return new MplusTransportError(operation, 'aborted', true, 'the call was cancelled', code);
  if (code && NEVER_CONNECTED[code]) return new MplusTransportError(operation, 'unreachable', false, `cannot reach ${host}: ${NEVER_CONNECTED[code]}`, code);
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new MplusTransportError(operation, 'timeout', true, `no answer from ${host} within ${timeoutMs} ms`, code);
  }
  if (code && (TLS_HINTS[code] || /CERT|SSL|TLS/.test(code))) {
    return new MplusTransportError(operation, 'tls', true, `TLS problem with ${host}: ${TLS_HINTS[code] ?? code}`, code);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return new MplusTransportError(operation, 'dropped', true, `${host} closed the connection before answering`, code);
  }
  return new MplusTransportError(operation, 'other', true, `the request to ${host} failed${code ? ` (${code})` : ''}`, code);
}
