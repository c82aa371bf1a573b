/**
 * One Teamleader RPC call, `POST /<resource>.<action>` with a JSON body, with everything around it:
 * pacing by the rate limiter, the bearer token (refreshed once on 401), absorbing 429s, retrying
 * failures that are safe to retry, and turning every failure into a typed plain-words error.
 *
 * Retrying and writes. A retry of a request that reached Teamleader may do the work twice. So:
 * - reads (`*.list`, `*.info`, `users.me`) are retried on 5xx, timeouts, lost connections and
 *   unreadable answers;
 * - idempotent writes (`*.update` replaces the whole record with the same values, and
 *   `contacts.linkToCompany` sets the same link) are retried the same way: doing them twice ends in
 *   the same state;
 * - non-idempotent writes (`*.add`, `*.create`, `invoices.draft`, `invoices.book`, and any action
 *   not known to be safe) are only repeated when the answer proves nothing happened: 429 (refused
 *   before counting), 401 (refused before processing), 503 (service unavailable: the request did not
 *   get to the application; [I], the usual meaning), or a connection that was never made. After a
 *   500/502/504, a timeout or a lost connection the error surfaces, saying the change may have been
 *   made, so that no invoice or contact is created twice.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { defaultRetry, retryAfterMs, withRetry } from '../../util/retry';
import {
  TeamleaderError,
  TeamleaderNetworkError,
  TeamleaderRateLimitError,
  TeamleaderResponseError,
  TeamleaderServerError,
  errorFromResponse,
} from './errors';
import { networkErrorFrom } from './network-errors';
import { isLoopback, type AccessTokenProvider } from './oauth';
import { SlidingWindowRateLimiter, readRateLimitHeaders, type RateLimiterOptions } from './rate-limiter';

export const defaultApiBaseUrl = 'https://api.focus.teamleader.eu';
/** Latest dated API version in the blueprint; pins `unit_price` without currency etc. ([S] §4.4). */
export const defaultApiVersion = '2023-09-26';

export type EndpointKind = 'read' | 'idempotent-write' | 'write';

const READ_ACTIONS = new Set(['list', 'info', 'me']);
const IDEMPOTENT_ACTIONS = new Set(['update', 'linkToCompany']);

export function endpointKind(endpoint: string): EndpointKind {
  const action = endpoint.slice(endpoint.lastIndexOf('.') + 1);
  if (READ_ACTIONS.has(action)) return 'read';
  if (IDEMPOTENT_ACTIONS.has(action)) return 'idempotent-write';
  return 'write';
}

export type TeamleaderClientEvent =
  | { type: 'request'; endpoint: string; status: number; ms: number }
  | { type: 'rate-limited'; endpoint: string; waitMs: number; attempt: number }
  | { type: 'retry'; endpoint: string; attempt: number; waitMs: number; reason: string }
  | { type: 'token-refresh-after-401'; endpoint: string };

export interface TransportOptions {
  /** Default https://api.focus.teamleader.eu; the sandbox gives http://127.0.0.1:<port>. */
  baseUrl?: string;
  auth: AccessTokenProvider;
  /** Share one limiter between clients of the same Teamleader account. */
  limiter?: SlidingWindowRateLimiter;
  /** Used when no limiter is given. Default 200 per 60 s. */
  rateLimit?: RateLimiterOptions;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  retry?: { retries?: number; baseMs?: number; maxMs?: number };
  /** How many 429 answers one call sits out before giving up. Default 30. */
  max429?: number;
  /** `X-Api-Version` header; null sends none (the integration's pinned version applies). */
  apiVersion?: string | null;
  onEvent?: (event: TeamleaderClientEvent) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Override the retry count for this call (the connection test uses 0). */
  retries?: number;
}

export interface CallResult {
  status: number;
  /** Parsed JSON, or undefined for 204 / an empty body. */
  body: unknown;
}

export class TeamleaderTransport {
  readonly baseUrl: string;
  readonly limiter: SlidingWindowRateLimiter;
  private readonly http: AxiosInstance;

  constructor(private readonly opts: TransportOptions) {
    this.baseUrl = (opts.baseUrl ?? defaultApiBaseUrl).replace(/\/+$/, '');
    this.limiter = opts.limiter ?? new SlidingWindowRateLimiter(opts.rateLimit);
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (opts.apiVersion !== null) headers['X-Api-Version'] = opts.apiVersion ?? defaultApiVersion;
    this.http = axios.create({
      baseURL: this.baseUrl,
      timeout: opts.timeoutMs ?? 30_000,
      headers,
      // Status codes and bodies are judged here, not by axios.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      maxRedirects: 0,
      proxy: isLoopback(this.baseUrl) ? false : undefined,
    });
  }

  async call(endpoint: string, body: unknown, opts: CallOptions = {}): Promise<CallResult> {
    const kind = endpointKind(endpoint);
    const retry = { ...defaultRetry, ...this.opts.retry };
    return withRetry(() => this.attempt(endpoint, kind, body, opts.signal), {
      retries: opts.retries ?? retry.retries,
      baseMs: retry.baseMs,
      maxMs: retry.maxMs,
      signal: opts.signal,
      sleep: this.opts.sleep,
      decide: (error) => decideRetry(error, kind),
      onRetry: (error, attempt, waitMs) =>
        this.opts.onEvent?.({ type: 'retry', endpoint, attempt: attempt + 1, waitMs, reason: error instanceof Error ? error.message : String(error) }),
    });
  }

  /** One attempt: may send several times for 429 (never counted as failures) and one 401 refresh. */
  private async attempt(endpoint: string, kind: EndpointKind, body: unknown, signal?: AbortSignal): Promise<CallResult> {
    let refreshed = false;
    for (let limited = 0; ; ) {
      const answered = await this.limiter.acquire(signal);
      let token: string;
      let started: number;
      let res: AxiosResponse<unknown>;
      try {
        token = await this.opts.auth.getAccessToken(signal);
        started = Date.now();
        res = await this.post(endpoint, kind, body, token, signal);
      } finally {
        answered();
      }
      const header = (name: string): string | undefined => {
        const v: unknown = res.headers[name];
        return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
      };
      this.opts.onEvent?.({ type: 'request', endpoint, status: res.status, ms: Date.now() - started });
      const rate = readRateLimitHeaders(header);
      this.limiter.observe(rate);

      if (res.status === 429) {
        limited++;
        const waitMs = waitFor429(rate.resetAt, retryAfterMs(header('retry-after')));
        if (limited > (this.opts.max429 ?? 30)) {
          throw new TeamleaderRateLimitError(
            `Teamleader ${endpoint} stayed rate limited after ${limited} tries; another integration may be using up this account's 200 requests per minute`,
            { endpoint, status: 429 },
          );
        }
        this.limiter.pauseUntil(Date.now() + waitMs);
        this.opts.onEvent?.({ type: 'rate-limited', endpoint, waitMs, attempt: limited });
        continue;
      }
      if (res.status === 401 && !refreshed && this.opts.auth.onUnauthorized) {
        refreshed = true;
        this.opts.onEvent?.({ type: 'token-refresh-after-401', endpoint });
        if (await this.opts.auth.onUnauthorized(token, signal)) continue;
      }

      const text = typeof res.data === 'string' ? res.data : '';
      let parsed: unknown;
      let malformed = false;
      if (text.trim()) {
        try {
          parsed = JSON.parse(text);
        } catch {
          malformed = true;
        }
      }
      if (res.status >= 200 && res.status < 300) {
        if (malformed) {
          throw new TeamleaderResponseError(
            `Teamleader ${endpoint} answered with a body that is not valid JSON${kind === 'read' ? '' : '; the change may or may not have been made in Teamleader, check before repeating it'}`,
            'malformed',
            { endpoint, status: res.status },
          );
        }
        return { status: res.status, body: parsed };
      }
      throw errorFromResponse(endpoint, res.status, parsed, retryAfterMs(header('retry-after')));
    }
  }

  private async post(endpoint: string, kind: EndpointKind, body: unknown, token: string, signal?: AbortSignal): Promise<AxiosResponse<unknown>> {
    try {
      return await this.http.post(`/${endpoint}`, body ?? {}, { headers: { Authorization: `Bearer ${token}` }, signal });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw networkErrorFrom(error, endpoint, this.baseUrl, kind !== 'read');
    }
  }
}

/**
 * How long to sit out a 429: until `X-RateLimit-Reset` (documented), else `Retry-After` (not
 * documented, some proxies send it), else about a second ([T] bluemarker).
 */
function waitFor429(resetAt: number | undefined, retryAfter: number | undefined): number {
  if (resetAt !== undefined) {
    const ms = resetAt - Date.now();
    // A reset far away or long past means the clocks disagree; then it says nothing.
    if (ms > -5_000 && ms < 65_000) return Math.max(50, ms);
  }
  if (retryAfter !== undefined && retryAfter < 65_000) return Math.max(50, retryAfter);
  return 1_000;
}

export function decideRetry(error: unknown, kind: EndpointKind): { retry: boolean; afterMs?: number } {
  const safeToRepeat = kind !== 'write';
  if (error instanceof TeamleaderServerError) {
    if (error.status === 503) return { retry: true, afterMs: error.retryAfterMs };
    return { retry: safeToRepeat };
  }
  if (error instanceof TeamleaderNetworkError) {
    if (error.failure === 'tls') return { retry: false };
    return { retry: !error.sent || safeToRepeat };
  }
  if (error instanceof TeamleaderResponseError) return { retry: error.problem === 'malformed' && safeToRepeat };
  if (error instanceof TeamleaderError) return { retry: false };
  return { retry: false };
}
