/**
 * The browser part of connecting Teamleader: a one-shot HTTP listener on 127.0.0.1 receives the
 * redirect with `code` and `state`, answers the browser with a small "you can close this window"
 * page, and the code is exchanged for tokens that are saved before they are returned.
 *
 * Teamleader only redirects to URIs whitelisted for the integration ([S]), so a real integration
 * needs a fixed port (`port`), and the user must register `redirectUri` exactly; port 0 (an
 * ephemeral port) suits the sandbox, which accepts any loopback redirect ([I] README §12).
 * Opening the browser is the caller's job (`openBrowser`), so this works from the CLI and Electron.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TeamleaderOAuthError } from './errors';
import { buildAuthorizeUrl, exchangeAuthorizationCode, type OAuthTokens, type TeamleaderOAuthConfig, type TokenStore } from './oauth';

export interface RedirectListenerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  path?: string;
}

export interface RedirectListener {
  redirectUri: string;
  /** Resolves with the code once a redirect with the expected state arrives. */
  waitForCode(expectedState: string, opts?: { timeoutMs?: number; signal?: AbortSignal }): Promise<string>;
  close(): Promise<void>;
}

export async function startRedirectListener(opts: RedirectListenerOptions = {}): Promise<RedirectListener> {
  const path = opts.path ?? '/oauth/callback';
  let onRedirect: ((url: URL, res: ServerResponse) => void) | null = null;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path || !onRedirect) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    onRedirect(url, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  /** Ends a pending waitForCode, so closing never leaves a timer or a promise behind. */
  let cancelPending: (() => void) | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive connections would hold the server open; the page itself is sent with
      // `Connection: close` and finishes on its own.
      server.closeIdleConnections();
    });
    cancelPending?.();
    return closing;
  };

  return {
    redirectUri: `http://127.0.0.1:${port}${path}`,
    close,
    waitForCode(expectedState, { timeoutMs = 5 * 60_000, signal } = {}) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => finish(new TeamleaderOAuthError('The Teamleader sign-in was not finished in time. Please try again.')), timeoutMs);
        const onAbort = () => finish(new TeamleaderOAuthError('The Teamleader sign-in was cancelled.'));
        signal?.addEventListener('abort', onAbort, { once: true });
        cancelPending = () => finish(new TeamleaderOAuthError('The Teamleader sign-in was cancelled.'));
        function finish(result: string | Error) {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          onRedirect = null;
          cancelPending = null;
          void close();
          if (typeof result === 'string') resolve(result);
          else reject(result);
        }
        onRedirect = (url, res) => {
          const state = url.searchParams.get('state');
          const code = url.searchParams.get('code');
          const error = url.searchParams.get('error');
          if (state !== expectedState) {
            // Not our sign-in (stale tab, or someone else's link): refuse it and stop this attempt.
            page(res, 400, 'Sign-in not accepted', 'This sign-in did not come from the attempt Sincro started. Close this window and connect again from Sincro.');
            return finish(new TeamleaderOAuthError('The Teamleader sign-in answer did not match the request Sincro made (state mismatch). Please try again.'));
          }
          if (error) {
            page(res, 200, 'Not connected', 'Teamleader was not connected. You can close this window.');
            return finish(
              new TeamleaderOAuthError(
                error === 'access_denied' ? 'Access was declined in Teamleader, so Sincro is not connected.' : `Teamleader did not connect: ${error}`,
              ),
            );
          }
          if (!code) {
            page(res, 400, 'Sign-in not finished', 'The answer from Teamleader had no authorisation code. Close this window and try again.');
            return finish(new TeamleaderOAuthError('Teamleader redirected back without an authorisation code.'));
          }
          page(res, 200, 'Connected', 'Sincro is connected to Teamleader. You can close this window.');
          finish(code);
        };
      });
    },
  };
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} – Sincro</title>
<style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;text-align:center;color:#222}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' }).end(html);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export interface ConnectTeamleaderOptions extends RedirectListenerOptions {
  oauth: TeamleaderOAuthConfig;
  store: TokenStore;
  /** Opens the authorize URL in the user's browser (Electron's shell.openExternal, the CLI's `open`). */
  openBrowser: (url: string) => void | Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A sign-in under way: the address to open, the redirect it waits on, and its end. */
export interface TeamleaderSignIn {
  /** Teamleader's sign-in page for this attempt (opened in a browser by whoever can). */
  url: string;
  /** Where Teamleader sends the browser back; the integration must have it registered. */
  redirectUri: string;
  /** The tokens, saved, once the browser came back and the code was exchanged. */
  tokens: Promise<OAuthTokens>;
  /** Stops waiting (a new attempt, the app closing); `tokens` then rejects. */
  cancel(): void;
}

/**
 * Starts a sign-in: listens for the redirect and makes the sign-in address, without opening it.
 * The host that can opens it (Electron: the OS browser; the CLI prints it); the browser screen of
 * `sincro serve` opens it in a new tab itself.
 */
export async function startTeamleaderSignIn(opts: Omit<ConnectTeamleaderOptions, 'openBrowser'>): Promise<TeamleaderSignIn> {
  const listener = await startRedirectListener(opts);
  const state = randomBytes(24).toString('base64url');
  const url = buildAuthorizeUrl({ clientId: opts.oauth.clientId, redirectUri: listener.redirectUri, state, authBaseUrl: opts.oauth.authBaseUrl });
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const tokens = (async () => {
    try {
      const code = await listener.waitForCode(state, { timeoutMs: opts.timeoutMs, signal });
      const got = await exchangeAuthorizationCode(opts.oauth, code, listener.redirectUri);
      await opts.store.save(got);
      return got;
    } finally {
      await listener.close();
    }
  })();
  // Handled by whoever awaits it; a cancelled attempt nobody waits for must not be an unhandled rejection.
  tokens.catch(() => undefined);
  return { url, redirectUri: listener.redirectUri, tokens, cancel: () => stop.abort() };
}

/** The whole sign-in: listener, browser, code exchange, saving. Returns the saved tokens. */
export async function connectTeamleader(opts: ConnectTeamleaderOptions): Promise<OAuthTokens> {
  const signIn = await startTeamleaderSignIn(opts);
  try {
    await opts.openBrowser(signIn.url);
  } catch (error) {
    signIn.cancel();
    // The listener is closed before the caller hears of it.
    await signIn.tokens.catch(() => undefined);
    throw error;
  }
  return signIn.tokens;
}
