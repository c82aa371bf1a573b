/**
 * OAuth 2 against the sandbox's authorization server: the browser sign-in through the loopback
 * listener, single-use codes, rotating refresh tokens, refresh before expiry, one refresh for many
 * concurrent callers, refresh-once-on-401, saving before use, and reconnect errors without secrets.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamleaderClient } from './client';
import { ReconnectRequiredError, TeamleaderOAuthError, TeamleaderTokenSaveError, TeamleaderUnauthorizedError } from './errors';
import {
  MemoryTokenStore,
  TeamleaderTokenManager,
  buildAuthorizeUrl,
  exchangeAuthorizationCode,
  refreshAccessToken,
  type OAuthTokens,
  type TeamleaderOAuthConfig,
  type TokenStore,
} from './oauth';
import { connectTeamleader, startRedirectListener } from './oauth-listener';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './sandbox/server';
import { clientFor, fastRetry } from './test-support';

let sandbox: TeamleaderSandbox;
let clockOffset = 0;
let oauth: TeamleaderOAuthConfig;
beforeAll(async () => {
  sandbox = await startTeamleaderSandbox({ now: () => Date.now() + clockOffset });
  oauth = { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, authBaseUrl: sandbox.url };
});
afterAll(async () => {
  await sandbox.close();
});

const refreshes = () => sandbox.stats().tokenRequests.refresh_token ?? 0;

/** What a browser does with the authorize URL: follow the redirect to the listener. */
async function browser(url: string): Promise<string> {
  const res = await fetch(url);
  return res.text();
}

async function codeFor(redirectUri: string): Promise<string> {
  const res = await fetch(buildAuthorizeUrl({ clientId: sandbox.clientId, redirectUri, state: 's', authBaseUrl: sandbox.url }), { redirect: 'manual' });
  const location = new URL(res.headers.get('location') ?? '');
  expect(location.searchParams.get('state')).toBe('s');
  return location.searchParams.get('code') ?? '';
}

describe('sign-in', () => {
  it('connects through the browser and saves the tokens', async () => {
    const store = new MemoryTokenStore();
    let page = '';
    let opened = '';
    const tokens = await connectTeamleader({
      oauth,
      store,
      openBrowser: async (url) => {
        opened = url;
        page = await browser(url);
      },
    });
    const url = new URL(opened);
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(sandbox.clientId);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(url.searchParams.get('state')?.length).toBeGreaterThan(20);
    expect(page).toContain('You can close this window');
    expect(store.peek()).toEqual(tokens);
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
    const { client } = await clientFor(sandbox);
    const me = await new TeamleaderClient({ baseUrl: sandbox.url, auth: new TeamleaderTokenManager({ oauth, store }) }).users.me();
    expect(me.id).toBe((await client.users.me()).id);
  });

  it('refuses an answer with another state, and a declined sign-in', async () => {
    const listener = await startRedirectListener();
    const waiting = listener.waitForCode('expected-state').catch((e: unknown) => e);
    const page = await browser(`${listener.redirectUri}?code=abc&state=forged`);
    expect(await waiting).toBeInstanceOf(TeamleaderOAuthError);
    expect(String(await waiting)).toContain('state mismatch');
    expect(page).toContain('did not come from the attempt Sincro started');

    const second = await startRedirectListener();
    const declined = second.waitForCode('s1').catch((e: unknown) => e);
    await browser(`${second.redirectUri}?error=access_denied&state=s1`);
    expect(await declined).toBeInstanceOf(TeamleaderOAuthError);
    expect(String(await declined)).toContain('Access was declined in Teamleader');
  });

  it('codes work once and expire after 10 minutes', async () => {
    const redirectUri = 'http://127.0.0.1:1/cb';
    const code = await codeFor(redirectUri);
    await exchangeAuthorizationCode(oauth, code, redirectUri);
    await expect(exchangeAuthorizationCode(oauth, code, redirectUri)).rejects.toThrow(
      'Teamleader needs to be reconnected: the sign-in code was not accepted',
    );
    const late = await codeFor(redirectUri);
    clockOffset = 11 * 60_000;
    try {
      await expect(exchangeAuthorizationCode(oauth, late, redirectUri)).rejects.toBeInstanceOf(ReconnectRequiredError);
    } finally {
      clockOffset = 0;
    }
    await expect(exchangeAuthorizationCode({ ...oauth, clientSecret: 'wrong' }, await codeFor(redirectUri), redirectUri)).rejects.toThrow(
      "did not accept the integration's client id or client secret",
    );
  });
});

describe('refresh tokens', () => {
  it('rotate: the old refresh token is refused after use', async () => {
    const first = await sandbox.issueTokens();
    const second = await refreshAccessToken(oauth, first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const error = await refreshAccessToken(oauth, first.refreshToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectRequiredError);
    expect((error as Error).message).toMatch(/^Teamleader needs to be reconnected: the saved authorisation is no longer valid/);
    await expect(refreshAccessToken(oauth, second.refreshToken)).resolves.toHaveProperty('accessToken');
  });

  it('are used a minute before the access token expires', async () => {
    const store = new MemoryTokenStore(await sandbox.issueTokens());
    let offset = 0;
    const manager = new TeamleaderTokenManager({ oauth, store, now: () => Date.now() + offset });
    const before = refreshes();
    const t1 = await manager.getAccessToken();
    expect(refreshes()).toBe(before);
    offset = 3600_000 - 59_000; // 59 s left: inside the 60 s margin
    const t2 = await manager.getAccessToken();
    expect(t2).not.toBe(t1);
    expect(refreshes()).toBe(before + 1);
    expect(store.peek()?.accessToken).toBe(t2);
  });

  it('are used once for many concurrent callers', async () => {
    const expired = { ...(await sandbox.issueTokens()), expiresAt: Date.now() - 1000 };
    const store = new MemoryTokenStore(expired);
    const { client } = await clientFor(sandbox);
    const shared = new TeamleaderClient({ baseUrl: sandbox.url, auth: new TeamleaderTokenManager({ oauth, store }), retry: fastRetry });
    const before = refreshes();
    const results = await Promise.all(Array.from({ length: 25 }, () => shared.users.me()));
    expect(results).toHaveLength(25);
    expect(refreshes()).toBe(before + 1);
    expect(store.saves).toBe(1);
    expect(store.peek()?.refreshToken).not.toBe(expired.refreshToken);
    await client.users.me();
  });

  it('are used once after a 401 for a token that looked valid, then the call is repeated', async () => {
    const { client, store } = await clientFor(sandbox);
    const events: string[] = [];
    const watched = new TeamleaderClient({
      baseUrl: sandbox.url,
      auth: new TeamleaderTokenManager({ oauth, store }),
      onEvent: (e) => events.push(e.type),
    });
    await watched.users.me();
    sandbox.expireAccessTokens();
    const before = refreshes();
    const results = await Promise.all([watched.users.me(), watched.departments.list().next(), watched.users.me()]);
    expect(results[0].id).toBeTruthy();
    expect(refreshes()).toBe(before + 1);
    expect(events).toContain('token-refresh-after-401');
    await client.users.me().catch(() => undefined);
  });

  it('give up after one refresh when the API keeps answering 401', async () => {
    let asked = 0;
    const before = sandbox.stats().requests;
    const client = new TeamleaderClient({
      baseUrl: sandbox.url,
      auth: { getAccessToken: async () => 'not-a-token', onUnauthorized: async () => ++asked > 0 },
    });
    await expect(client.users.me()).rejects.toBeInstanceOf(TeamleaderUnauthorizedError);
    expect(asked).toBe(1);
    expect(sandbox.stats().requests - before).toBe(2);
  });

  it('a dead refresh token asks for reconnecting, in plain words and without secrets', async () => {
    const tokens = await sandbox.issueTokens();
    const store = new MemoryTokenStore(tokens);
    const client = new TeamleaderClient({ baseUrl: sandbox.url, auth: new TeamleaderTokenManager({ oauth, store }) });
    sandbox.expireAccessTokens();
    sandbox.revokeRefreshTokens();
    const error = await client.users.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectRequiredError);
    const text = inspect(error, { depth: 10 });
    expect((error as Error).message).toMatch(/^Teamleader needs to be reconnected: /);
    for (const secret of [tokens.accessToken, tokens.refreshToken, sandbox.clientSecret]) expect(text).not.toContain(secret);

    const empty = new TeamleaderClient({ baseUrl: sandbox.url, auth: new TeamleaderTokenManager({ oauth, store: new MemoryTokenStore() }) });
    await expect(empty.users.me()).rejects.toThrow('Teamleader needs to be reconnected: no saved authorisation was found');
  });
});

describe('access-token lifetime', () => {
  it('the sandbox refuses an access token after its lifetime, the manager renews it', async () => {
    const short = await startTeamleaderSandbox({ tokenLifetimeSec: 1 });
    try {
      const tokens = await short.issueTokens();
      expect(tokens.expiresAt - Date.now()).toBeLessThanOrEqual(1000);
      await new Promise((r) => setTimeout(r, 1100));
      const res = await fetch(`${short.url}/users.me`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.accessToken}` } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ errors: [{ title: 'Unauthorized: the access token has expired', status: 401 }] });
      const store = new MemoryTokenStore(tokens);
      const client = new TeamleaderClient({
        baseUrl: short.url,
        auth: new TeamleaderTokenManager({ oauth: { clientId: short.clientId, clientSecret: short.clientSecret, authBaseUrl: short.url }, store }),
      });
      await client.users.me();
      expect(store.saves).toBe(1);
    } finally {
      await short.close();
    }
  });
});

describe('saving the rotated pair', () => {
  it('completes before the new access token is used', async () => {
    const expired = { ...(await sandbox.issueTokens()), expiresAt: Date.now() - 1 };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const saved: OAuthTokens[] = [];
    const store: TokenStore = {
      load: async () => expired,
      save: async (t) => {
        await gate;
        saved.push(t);
      },
    };
    const client = new TeamleaderClient({ baseUrl: sandbox.url, auth: new TeamleaderTokenManager({ oauth, store }) });
    const before = sandbox.stats().requests;
    const call = client.users.me();
    await new Promise((r) => setTimeout(r, 150));
    expect(sandbox.stats().requests).toBe(before); // refreshed, but not used while saving
    release();
    await call;
    expect(saved).toHaveLength(1);
    expect(sandbox.stats().requests).toBe(before + 1);
  });

  it('a failed save is retried before the pair is used, without refreshing again', async () => {
    const expired = { ...(await sandbox.issueTokens()), expiresAt: Date.now() - 1 };
    let failures = 1;
    const inner = new MemoryTokenStore(expired);
    const store: TokenStore = {
      load: () => inner.load(),
      save: async (t) => {
        if (failures-- > 0) throw new Error('disk full');
        await inner.save(t);
      },
    };
    const client = new TeamleaderClient({ baseUrl: sandbox.url, auth: new TeamleaderTokenManager({ oauth, store }) });
    const before = refreshes();
    const error = await client.users.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamleaderTokenSaveError);
    expect((error as Error).message).toContain('disk full');
    await client.users.me();
    expect(refreshes()).toBe(before + 1);
    expect(inner.peek()?.refreshToken).not.toBe(expired.refreshToken);
  });
});
