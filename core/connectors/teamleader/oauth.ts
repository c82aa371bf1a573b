/**
 * OAuth 2 for Teamleader Focus ([S] blueprint "Authentication"): the authorization code grant with
 * rotating, single-use refresh tokens.
 *
 * `TeamleaderTokenManager` hands out access tokens to the client:
 * - it refreshes a little before expiry (60 s by default) and once more when the API answers 401;
 * - only one refresh runs at a time, concurrent callers await the same one: a refresh token can be
 *   used once, so a second parallel refresh would fail and lock the account out;
 * - the rotated pair is saved through the injected `TokenStore` before the new access token is
 *   handed to anyone, so a crash can never leave only a used refresh token on disk;
 * - a dead refresh token (invalid_grant) becomes `ReconnectRequiredError`;
 * - before refreshing it reads the store again: another holder of the same authorisation (a second
 *   run at the same time, the app and the CLI on one database) may have rotated the pair already,
 *   and then the newer pair is used instead of spending a refresh token that is no longer valid.
 *   `exclusive` lets every manager of one account in a process refresh one at a time.
 * Tokens and the client secret never appear in messages, logs or error objects.
 */
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { withRetry } from '../../util/retry';
import { ReconnectRequiredError, TeamleaderNetworkError, TeamleaderOAuthError, TeamleaderTokenSaveError } from './errors';
import { networkErrorFrom } from './network-errors';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface TokenStore {
  load(): Promise<OAuthTokens | null>;
  save(tokens: OAuthTokens): Promise<void>;
}

export interface TeamleaderOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Where `/oauth2/authorize` and `/oauth2/access_token` live. Default https://focus.teamleader.eu (the sandbox serves both on its own URL). */
  authBaseUrl?: string;
  timeoutMs?: number;
}

export const defaultAuthBaseUrl = 'https://focus.teamleader.eu';

/** What the API client needs from whoever holds the tokens. */
export interface AccessTokenProvider {
  getAccessToken(signal?: AbortSignal): Promise<string>;
  /**
   * The API answered 401 to `rejectedToken`. Returns true when a different token is now available
   * (refreshed here or by a concurrent caller) and the request is worth one more try.
   */
  onUnauthorized?(rejectedToken: string, signal?: AbortSignal): Promise<boolean>;
}

/** A fixed token (tests, scripts). */
export function staticAccessToken(token: string): AccessTokenProvider {
  return { getAccessToken: async () => token };
}

export function buildAuthorizeUrl(opts: { clientId: string; redirectUri: string; state: string; authBaseUrl?: string }): string {
  const url = new URL('/oauth2/authorize', opts.authBaseUrl ?? defaultAuthBaseUrl);
  url.searchParams.set('client_id', opts.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', opts.redirectUri);
  url.searchParams.set('state', opts.state);
  return url.toString();
}

const tokenResponse = z.looseObject({
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
});

const oauthErrorBody = z.looseObject({ error: z.string(), error_description: z.string().optional() });

/** Exchanges the authorization code from the redirect for the first token pair. */
export async function exchangeAuthorizationCode(
  config: TeamleaderOAuthConfig,
  code: string,
  redirectUri: string,
  now: () => number = Date.now,
): Promise<OAuthTokens> {
  return tokenRequest(config, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, now);
}

/** Uses a refresh token (once: Teamleader rotates it) for a new pair. */
export async function refreshAccessToken(
  config: TeamleaderOAuthConfig,
  refreshToken: string,
  now: () => number = Date.now,
): Promise<OAuthTokens> {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
}

const httpByBase = new Map<string, AxiosInstance>();
function httpFor(config: TeamleaderOAuthConfig): AxiosInstance {
  const base = config.authBaseUrl ?? defaultAuthBaseUrl;
  let http = httpByBase.get(base);
  if (!http) {
    http = axios.create({
      baseURL: base,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      maxRedirects: 0,
      proxy: isLoopback(base) ? false : undefined,
    });
    httpByBase.set(base, http);
  }
  return http;
}

async function tokenRequest(config: TeamleaderOAuthConfig, grant: Record<string, string>, now: () => number): Promise<OAuthTokens> {
  const what = grant.grant_type === 'refresh_token' ? 'renewing the Teamleader access' : 'finishing the Teamleader sign-in';
  // Form-encoded, like the official PHP example; the token endpoint accepts JSON as well ([S]).
  const form = new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, ...grant });
  let res;
  try {
    res = await httpFor(config).post('/oauth2/access_token', form.toString(), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      timeout: config.timeoutMs ?? 30_000,
    });
  } catch (error) {
    throw networkErrorFrom(error, 'oauth2/access_token', config.authBaseUrl ?? defaultAuthBaseUrl, true);
  }
  const body = safeJson(res.data);
  if (res.status >= 200 && res.status < 300) {
    const parsed = tokenResponse.safeParse(body);
    if (!parsed.success) throw new TeamleaderOAuthError(`Teamleader answered ${what} with something that is not a token`);
    return { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token, expiresAt: now() + parsed.data.expires_in * 1000 };
  }
  const err = oauthErrorBody.safeParse(body);
  const code = err.success ? err.data.error : undefined;
  // The token endpoint's error body is not documented; the standard OAuth 2 form is assumed ([I]).
  if (code === 'invalid_grant') {
    throw new ReconnectRequiredError(
      grant.grant_type === 'refresh_token'
        ? 'the saved authorisation is no longer valid (it was revoked, the integration was uninstalled, or it was already used). Connect Teamleader again.'
        : 'the sign-in code was not accepted (it expired or was already used). Please sign in again.',
    );
  }
  if (code === 'invalid_client' || res.status === 401) {
    throw new ReconnectRequiredError("Teamleader did not accept the integration's client id or client secret. Check them and connect again.");
  }
  if (res.status >= 500) {
    throw new TeamleaderOAuthError(`Teamleader had a problem while ${what} (HTTP ${res.status}); try again later`, { status: res.status });
  }
  const detail = err.success ? (err.data.error_description ?? err.data.error) : `HTTP ${res.status}`;
  throw new TeamleaderOAuthError(`Teamleader refused ${what}: ${detail}`, { status: res.status });
}

function safeJson(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isLoopback(base: string): boolean {
  try {
    const host = new URL(base).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

export interface TokenManagerOptions {
  oauth: TeamleaderOAuthConfig;
  store: TokenStore;
  /** Refresh this long before the access token expires. Default 60 s. */
  refreshSkewMs?: number;
  now?: () => number;
  /** Retries of a refresh that got no answer or a 5xx (harmless: a consumed token just gives invalid_grant). */
  refreshRetries?: number;
  onEvent?: (event: { type: 'token-refreshed'; expiresAt: number } | { type: 'token-save-failed'; message: string }) => void;
  /**
   * Runs a refresh exclusively among the managers of the same account in this process (each run has
   * its own manager); with the re-read of the store inside, the second one then adopts the pair the
   * first obtained instead of refreshing with a spent token.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

export class TeamleaderTokenManager implements AccessTokenProvider {
  private tokens: OAuthTokens | null = null;
  private loaded: Promise<void> | null = null;
  /** A pair that was obtained but not yet saved; it is not handed out until saving succeeded. */
  private unsaved: OAuthTokens | null = null;
  private refreshing: Promise<OAuthTokens> | null = null;
  private readonly now: () => number;
  private readonly skew: number;

  constructor(private readonly opts: TokenManagerOptions) {
    this.now = opts.now ?? Date.now;
    this.skew = opts.refreshSkewMs ?? 60_000;
  }

  async getAccessToken(): Promise<string> {
    let tokens = await this.current();
    if (tokens.expiresAt - this.skew <= this.now()) tokens = await this.refresh(tokens);
    return tokens.accessToken;
  }

  async onUnauthorized(rejectedToken: string): Promise<boolean> {
    const tokens = await this.current();
    if (tokens.accessToken !== rejectedToken) return true; // someone already rotated it
    const fresh = await this.refresh(tokens);
    return fresh.accessToken !== rejectedToken;
  }

  /**
   * Refreshes unless `basedOn` was already replaced. Every caller during a refresh gets the same
   * promise, so the single-use refresh token is sent exactly once.
   */
  refresh(basedOn?: OAuthTokens): Promise<OAuthTokens> {
    if (this.refreshing) return this.refreshing;
    if (basedOn && this.tokens && this.tokens.refreshToken !== basedOn.refreshToken) return Promise.resolve(this.tokens);
    this.refreshing = this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Stores a pair obtained elsewhere (the interactive sign-in, the sandbox). */
  async adopt(tokens: OAuthTokens): Promise<void> {
    await this.opts.store.save(tokens);
    this.tokens = tokens;
    this.unsaved = null;
  }

  private doRefresh(): Promise<OAuthTokens> {
    const work = () => this.refreshLatest();
    return this.opts.exclusive ? this.opts.exclusive(work) : work();
  }

  private async refreshLatest(): Promise<OAuthTokens> {
    let base = await this.current();
    for (let attempt = 0; ; attempt++) {
      const newer = await this.newerStored(base);
      if (newer) {
        this.tokens = newer;
        if (newer.expiresAt - this.skew > this.now()) return newer;
        base = newer;
      }
      try {
        return await this.refreshWith(base);
      } catch (error) {
        // invalid_grant may mean that someone else used this refresh token a moment ago: look once more.
        if (!(error instanceof ReconnectRequiredError) || attempt > 0 || !(await this.newerStored(base))) throw error;
      }
    }
  }

  /** The stored pair when it differs from `than` (rotated by another holder), else null. */
  private async newerStored(than: OAuthTokens): Promise<OAuthTokens | null> {
    let stored: OAuthTokens | null;
    try {
      stored = await this.opts.store.load();
    } catch {
      return null; // the store could not be read now; refresh with what is known
    }
    return stored && stored.refreshToken !== than.refreshToken ? stored : null;
  }

  private async refreshWith(current: OAuthTokens): Promise<OAuthTokens> {
    const fresh = await withRetry(() => refreshAccessToken(this.opts.oauth, current.refreshToken, this.now), {
      retries: this.opts.refreshRetries ?? 3,
      baseMs: 200,
      maxMs: 5_000,
      decide: (e) => ({
        retry: (e instanceof TeamleaderNetworkError && e.failure !== 'tls') || (e instanceof TeamleaderOAuthError && (e.status ?? 0) >= 500),
      }),
    });
    // The old refresh token is spent now: the new pair must reach the store before anything else.
    this.unsaved = fresh;
    await this.saveUnsaved();
    this.opts.onEvent?.({ type: 'token-refreshed', expiresAt: fresh.expiresAt });
    return fresh;
  }

  private saving: Promise<void> | null = null;

  /** Saves the pending pair (one save at a time) and only then makes it the current pair. */
  private saveUnsaved(): Promise<void> {
    this.saving ??= (async () => {
      const pending = this.unsaved;
      if (!pending) return;
      try {
        await this.opts.store.save(pending);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.opts.onEvent?.({ type: 'token-save-failed', message });
        throw new TeamleaderTokenSaveError(
          `The renewed Teamleader authorisation could not be saved (${message}); it is kept in memory and saving is retried before it is used.`,
        );
      }
      this.tokens = pending;
      if (this.unsaved === pending) this.unsaved = null;
    })().finally(() => {
      this.saving = null;
    });
    return this.saving;
  }

  private async current(): Promise<OAuthTokens> {
    if (!this.tokens) {
      this.loaded ??= this.opts.store.load().then(
        (t) => {
          this.tokens ??= t;
        },
        (error: unknown) => {
          this.loaded = null;
          throw error;
        },
      );
      await this.loaded;
    }
    // A pair whose save failed earlier is used only once it is saved.
    if (this.unsaved && !this.refreshing) await this.saveUnsaved();
    if (!this.tokens) throw new ReconnectRequiredError('no saved authorisation was found. Connect Teamleader first.');
    return this.tokens;
  }
}

/** An in-memory TokenStore (tests, the sandbox connection). */
export class MemoryTokenStore implements TokenStore {
  saves = 0;
  constructor(private tokens: OAuthTokens | null = null) {}
  async load(): Promise<OAuthTokens | null> {
    return this.tokens ? { ...this.tokens } : null;
  }
  async save(tokens: OAuthTokens): Promise<void> {
    this.saves++;
    this.tokens = { ...tokens };
  }
  peek(): OAuthTokens | null {
    return this.tokens;
  }
}
