/**
 * Typed errors of the Teamleader connector. Every message is plain words a shop owner can act on
 * ("Teamleader contacts.add refused: Last name must not be empty") and never contains an access
 * token, refresh token or client secret: the errors copy what they need from the HTTP layer instead
 * of wrapping axios errors, whose `config.headers` would carry the bearer token into any log that
 * prints the cause.
 */

/** One entry of Teamleader's `{ "errors": [...] }` body ([G]: only `title` is guaranteed). */
export interface TeamleaderApiErrorDetail {
  title: string;
  code?: string | number;
  status?: number;
  meta?: Record<string, unknown>;
}

export interface TeamleaderErrorInit {
  endpoint?: string;
  status?: number;
  details?: TeamleaderApiErrorDetail[];
  /** From a Retry-After header, when the server asked for a pause. */
  retryAfterMs?: number;
}

export class TeamleaderError extends Error {
  override readonly name: string = 'TeamleaderError';
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  readonly details: TeamleaderApiErrorDetail[];
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: TeamleaderErrorInit = {}) {
    super(message);
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.details = init.details ?? [];
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 400: invalid data or a reference to a record that does not exist. Also used when the client refuses to send an invalid request. */
export class TeamleaderValidationError extends TeamleaderError {
  override readonly name = 'TeamleaderValidationError';
}

/** 403: the connected user may not see or change this. */
export class TeamleaderForbiddenError extends TeamleaderError {
  override readonly name = 'TeamleaderForbiddenError';
}

/** 404: the record does not exist (or the endpoint does not, see `testTeamleaderConnection`). */
export class TeamleaderNotFoundError extends TeamleaderError {
  override readonly name = 'TeamleaderNotFoundError';
}

/** 401 that stayed 401 after one token refresh. */
export class TeamleaderUnauthorizedError extends TeamleaderError {
  override readonly name = 'TeamleaderUnauthorizedError';
}

/** 429 after the client used up its patience (the limiter normally absorbs 429s). */
export class TeamleaderRateLimitError extends TeamleaderError {
  override readonly name = 'TeamleaderRateLimitError';
}

/** 5xx from Teamleader. */
export class TeamleaderServerError extends TeamleaderError {
  override readonly name = 'TeamleaderServerError';
}

/** Any other HTTP status the client does not expect. */
export class TeamleaderHttpError extends TeamleaderError {
  override readonly name = 'TeamleaderHttpError';
}

export type NetworkFailure = 'unreachable' | 'tls' | 'timeout' | 'connection-lost';

/**
 * No HTTP answer at all. `sent` says whether the request may have reached Teamleader (so a write
 * may have been processed): false only when the connection was never made.
 */
export class TeamleaderNetworkError extends TeamleaderError {
  override readonly name = 'TeamleaderNetworkError';
  constructor(
    message: string,
    readonly failure: NetworkFailure,
    readonly code: string | undefined,
    readonly sent: boolean,
    init: TeamleaderErrorInit = {},
  ) {
    super(message, init);
  }
}

/** The answer was not JSON, or not shaped like the blueprint says. */
export class TeamleaderResponseError extends TeamleaderError {
  override readonly name = 'TeamleaderResponseError';
  constructor(
    message: string,
    readonly problem: 'malformed' | 'unexpected-shape',
    init: TeamleaderErrorInit = {},
  ) {
    super(message, init);
  }
}

/** The saved authorisation is gone (refresh token revoked, used or unknown): the user must connect again. */
export class ReconnectRequiredError extends TeamleaderError {
  override readonly name = 'ReconnectRequiredError';
  constructor(reason: string) {
    super(`Teamleader needs to be reconnected: ${reason}`);
  }
}

/** The OAuth flow itself failed (browser sign-in declined, state mismatch, token endpoint trouble). */
export class TeamleaderOAuthError extends TeamleaderError {
  override readonly name = 'TeamleaderOAuthError';
}

/** Fresh tokens were obtained but could not be saved; they are kept in memory and saving is retried before they are used. */
export class TeamleaderTokenSaveError extends TeamleaderError {
  override readonly name = 'TeamleaderTokenSaveError';
}

/** Reads `{ errors: [...] }` defensively: Teamleader may change the error format without notice ([S] §4.1). */
export function parseApiErrorDetails(body: unknown): TeamleaderApiErrorDetail[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  const out: TeamleaderApiErrorDetail[] = [];
  for (const raw of body.errors) {
    if (!isRecord(raw)) continue;
    const title = typeof raw.title === 'string' && raw.title.trim() ? raw.title.trim() : typeof raw.detail === 'string' ? raw.detail : '';
    if (!title) continue;
    const detail: TeamleaderApiErrorDetail = { title };
    if (typeof raw.code === 'string' || typeof raw.code === 'number') detail.code = raw.code;
    if (typeof raw.status === 'number') detail.status = raw.status;
    if (isRecord(raw.meta)) detail.meta = raw.meta;
    out.push(detail);
  }
  return out;
}

/** "Last name must not be empty (field last_name); Tax rate is unknown" */
export function describeDetails(details: TeamleaderApiErrorDetail[]): string {
  return details
    .map((d) => {
      const field = d.meta && typeof d.meta.field === 'string' ? d.meta.field : undefined;
      return field && !d.title.includes(field) ? `${d.title} (field ${field})` : d.title;
    })
    .join('; ');
}

const statusWords: Record<number, string> = {
  400: 'the request was not valid',
  401: 'the access token was not accepted',
  403: 'the connected Teamleader user is not allowed to do this',
  404: 'the record does not exist',
  429: 'too many requests',
};

/** Maps an HTTP error answer to the matching typed error with a plain-words message. */
export function errorFromResponse(endpoint: string, status: number, body: unknown, retryAfterMs?: number): TeamleaderError {
  const details = parseApiErrorDetails(body);
  const detail = describeDetails(details) || statusWords[status] || `HTTP ${status}`;
  const init: TeamleaderErrorInit = { endpoint, status, details };
  if (retryAfterMs !== undefined) init.retryAfterMs = retryAfterMs;
  if (status === 400 || status === 422) return new TeamleaderValidationError(`Teamleader ${endpoint} refused: ${detail}`, init);
  if (status === 401) return new TeamleaderUnauthorizedError(`Teamleader ${endpoint} refused: ${detail}`, init);
  if (status === 403) return new TeamleaderForbiddenError(`Teamleader ${endpoint} refused: ${detail}`, init);
  if (status === 404) return new TeamleaderNotFoundError(`Teamleader ${endpoint} refused: ${detail}`, init);
  if (status === 429) return new TeamleaderRateLimitError(`Teamleader ${endpoint} is rate limited: ${detail}`, init);
  if (status >= 500) return new TeamleaderServerError(`Teamleader ${endpoint} failed on Teamleader's side (HTTP ${status}): ${detail}`, init);
  return new TeamleaderHttpError(`Teamleader ${endpoint} answered HTTP ${status}: ${detail}`, init);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
