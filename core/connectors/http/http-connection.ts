/**
 * A connection to any HTTP API: a base URL and how to authenticate. The credentials live in the
 * connection's encrypted secrets; the flow only names the connection.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import { z } from 'zod';
import { ui } from '../../nodes/define-node';
import type { StoredConnection } from '../../engine/services';
import type { ConnectionKind } from '../connection-kind';
import { describeNetworkError } from './network-errors';

export const httpConnectionConfig = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).meta(ui({ label: 'Address of the API', placeholder: 'https://api.example.com/v1' })),
  auth: z.enum(['none', 'bearer', 'basic', 'header']).default('none').meta(ui({ label: 'How it signs in', help: 'none; a bearer token; a user name and password; or a key in a header of your choice.' })),
  /** For auth "header": the header that carries the key, e.g. X-Api-Key. */
  headerName: z.string().optional().meta(ui({ label: 'Header name', placeholder: 'X-Api-Key', showWhen: { auth: ['header'] } })),
});

export const httpConnectionSecrets = z.object({
  token: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  headerValue: z.string().optional(),
});

/** The parts of an axios request config that a connection decides: base URL and auth. */
export function httpRequestDefaults(conn: StoredConnection): Pick<AxiosRequestConfig, 'baseURL' | 'headers' | 'auth'> {
  const config = httpConnectionConfig.parse(conn.config);
  const secrets = httpConnectionSecrets.parse(conn.secrets);
  const headers: Record<string, string> = {};
  if (config.auth === 'bearer' && secrets.token) headers['Authorization'] = `Bearer ${secrets.token}`;
  if (config.auth === 'header' && config.headerName && secrets.headerValue) headers[config.headerName] = secrets.headerValue;
  return {
    baseURL: config.baseUrl,
    headers,
    ...(config.auth === 'basic' ? { auth: { username: secrets.username ?? '', password: secrets.password ?? '' } } : {}),
  };
}

export const httpConnectionKind: ConnectionKind = {
  kind: 'http',
  app: 'http',
  title: 'HTTP API',
  config: httpConnectionConfig,
  secrets: httpConnectionSecrets as z.ZodType<Record<string, string>>,
  async test(conn, signal) {
    const defaults = httpRequestDefaults(conn);
    try {
      const res = await axios.get('', { ...defaults, signal, timeout: 10_000, validateStatus: () => true });
      if (res.status === 401 || res.status === 403) return { ok: false, message: `${defaults.baseURL} answered ${res.status}: the credentials were refused.` };
      return { ok: true, message: `${defaults.baseURL} answered (HTTP ${res.status}).` };
    } catch (e) {
      return { ok: false, message: describeNetworkError(e, String(defaults.baseURL)) };
    }
  },
};
