/**
 * The sandbox's OAuth 2 server, behaving like Teamleader's ([S] "Authentication"):
 * - GET /oauth2/authorize consents at once and redirects to `redirect_uri?code=…&state=…`;
 * - POST /oauth2/access_token (form-encoded or JSON) for `authorization_code` and `refresh_token`;
 * - codes are single-use and live 10 minutes; refresh tokens are single-use and rotate;
 * - access tokens live `tokenLifetimeSec` (Teamleader: 3600).
 * Error bodies use the standard OAuth 2 form `{ error, error_description }` ([I]: undocumented).
 * The sandbox has no redirect whitelist: any http(s) redirect URI is accepted.
 *
 * Several integrations (clients) may be registered, e.g. the sandbox's own plus those of a saved
 * state; tokens are not tied to the client they were issued to. `exportState()` / `state` in the
 * options carry the clients and the tokens that are still valid across a save and a restart.
 */
import { randomBytes } from 'node:crypto';
import type { OAuthTokens } from '../oauth';
import type { OAuthSeed } from './seed-schema';

export interface SandboxOAuthOptions {
  clientId: string;
  clientSecret: string;
  tokenLifetimeSec: number;
  now?: () => number;
  /** Clients and tokens to start with (a saved sandbox). */
  state?: OAuthSeed;
}

export type AuthorizeOutcome = { kind: 'redirect'; location: string } | { kind: 'error'; status: number; message: string };
export interface TokenOutcome {
  status: number;
  body: Record<string, unknown>;
}
export type BearerCheck = 'ok' | 'missing' | 'invalid' | 'expired';

const CODE_LIFETIME_MS = 10 * 60_000;

export class SandboxOAuth {
  private codes = new Map<string, { redirectUri: string; expiresAt: number }>();
  private accessTokens = new Map<string, number>();
  private refreshTokens = new Set<string>();
  /** client id → secret */
  private clients = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly opts: SandboxOAuthOptions) {
    this.now = opts.now ?? Date.now;
    if (opts.state) this.importState(opts.state);
    // The sandbox's own client wins over a saved one with the same id (its secret was changed).
    this.clients.set(opts.clientId, opts.clientSecret);
  }

  /** Adds the clients and tokens of a saved state; what is known already stays. */
  importState(state: OAuthSeed): void {
    for (const c of state.clients) if (!this.clients.has(c.client_id)) this.clients.set(c.client_id, c.client_secret);
    for (const t of state.access_tokens) this.accessTokens.set(t.token, Date.parse(t.expires_at));
    for (const t of state.refresh_tokens) this.refreshTokens.add(t.token);
  }

  /** The clients and every token that is still valid, in the seed's form. */
  exportState(): OAuthSeed {
    const now = this.now();
    return {
      clients: [...this.clients].map(([client_id, client_secret]) => ({ client_id, client_secret })),
      access_tokens: [...this.accessTokens].filter(([, expiresAt]) => expiresAt > now).map(([token, expiresAt]) => ({ token, expires_at: new Date(expiresAt).toISOString() })),
      refresh_tokens: [...this.refreshTokens].map((token) => ({ token })),
    };
  }

  authorize(query: URLSearchParams): AuthorizeOutcome {
    const redirectUri = query.get('redirect_uri');
    if (!this.clients.has(query.get('client_id') ?? '')) return { kind: 'error', status: 400, message: 'Unknown client_id.' };
    let target: URL;
    try {
      target = new URL(redirectUri ?? '');
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('not http');
    } catch {
      return { kind: 'error', status: 400, message: 'The redirect_uri is missing or not an http(s) URL.' };
    }
    const state = query.get('state');
    if (state !== null) target.searchParams.set('state', state);
    if (query.get('response_type') !== 'code') {
      // The implicit grant (response_type=token) is for browser apps; the sandbox does not offer it.
      target.searchParams.set('error', 'unsupported_response_type');
      return { kind: 'redirect', location: target.toString() };
    }
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { redirectUri: redirectUri ?? '', expiresAt: this.now() + CODE_LIFETIME_MS });
    target.searchParams.set('code', code);
    return { kind: 'redirect', location: target.toString() };
  }

  token(params: Record<string, string>): TokenOutcome {
    const secret = params.client_id === undefined ? undefined : this.clients.get(params.client_id);
    if (secret === undefined || params.client_secret !== secret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    }
    if (params.grant_type === 'authorization_code') {
      const code = params.code ? this.codes.get(params.code) : undefined;
      if (!code || !params.code) return invalidGrant('The authorization code is invalid or was already used');
      this.codes.delete(params.code); // single use, also when the rest of the request is wrong
      if (code.expiresAt <= this.now()) return invalidGrant('The authorization code has expired');
      if (params.redirect_uri !== code.redirectUri) return invalidGrant('The redirect_uri does not match the one of the authorization request');
      return this.tokenResponse(this.issue());
    }
    if (params.grant_type === 'refresh_token') {
      const token = params.refresh_token;
      if (!token || !this.refreshTokens.has(token)) return invalidGrant('The refresh token is invalid');
      this.refreshTokens.delete(token); // rotation: a refresh token works once
      return this.tokenResponse(this.issue());
    }
    return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type must be authorization_code or refresh_token' } };
  }

  /** A fresh pair without the browser dance (the CLI's sandbox connection, tests). */
  issue(): OAuthTokens {
    const accessToken = `sbx_at_${randomBytes(24).toString('base64url')}`;
    const refreshToken = `sbx_rt_${randomBytes(24).toString('base64url')}`;
    const expiresAt = this.now() + this.opts.tokenLifetimeSec * 1000;
    this.accessTokens.set(accessToken, expiresAt);
    this.refreshTokens.add(refreshToken);
    return { accessToken, refreshToken, expiresAt };
  }

  checkBearer(authorization: string | undefined): BearerCheck {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m?.[1]) return 'missing';
    const expiresAt = this.accessTokens.get(m[1]);
    if (expiresAt === undefined) return 'invalid';
    return expiresAt > this.now() ? 'ok' : 'expired';
  }

  /** Makes every access token invalid, as if Teamleader dropped them (refresh tokens still work). */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Makes every refresh token invalid, as if the user uninstalled the integration. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  private tokenResponse(t: OAuthTokens): TokenOutcome {
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: this.opts.tokenLifetimeSec, access_token: t.accessToken, refresh_token: t.refreshToken },
    };
  }
}

function invalidGrant(description: string): TokenOutcome {
  return { status: 400, body: { error: 'invalid_grant', error_description: description } };
}
