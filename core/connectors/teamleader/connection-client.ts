/**
 * A TeamleaderClient for a stored connection, whichever kind it is (the real Teamleader, or a
 * sandbox connection whose sandbox is started on first use).
 *
 * - Tokens come from the connection's secrets and rotated pairs go back through `saveSecrets`
 *   (in a run: `ctx.saveConnectionSecrets`, an atomic encrypted update of the stored connection).
 *   The store is read again before every refresh, so a pair rotated by another run is picked up.
 * - The rate limiter and the refresh lock are shared by every client of the same connection in this
 *   process, so two flows running at once together stay under Teamleader's 200 requests a minute
 *   and never spend the same single-use refresh token twice.
 * - Once Teamleader says the authorisation is gone, every later call of this client fails at once
 *   with the same "needs to be reconnected" error instead of asking the token endpoint again.
 */
import type { StoredConnection } from '../../engine/services';
import { TeamleaderClient } from './client';
import {
  parseConnectionPart,
  secretsFromTokens,
  teamleaderConnectionConfig,
  teamleaderConnectionSecrets,
  TeamleaderConnectionSettingsError,
  tokensFromSecrets,
} from './connection-settings';
import { ReconnectRequiredError } from './errors';
import { TeamleaderTokenManager, type AccessTokenProvider, type TokenStore } from './oauth';
import { SlidingWindowRateLimiter } from './rate-limiter';
import type { TeamleaderClientEvent } from './transport';
import { ensureTeamleaderSandbox } from './sandbox-connection';

export const teamleaderConnectionKindIds = ['teamleader', 'teamleader-sandbox'] as const;

export interface TeamleaderEndpoint {
  baseUrl: string;
  /** Where /oauth2/authorize and /oauth2/access_token are. */
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The port of the sign-in's redirect listener; 0 picks a free one (the sandbox accepts any). */
  redirectPort: number;
  sandbox: boolean;
  /** The limit of a sandbox or an account set higher than Teamleader's 200 a minute. */
  requestsPerMinute?: number;
}

/** Where and as which integration to reach the Teamleader of a stored connection (starts the sandbox of a sandbox connection). */
export async function teamleaderEndpointOf(connection: StoredConnection): Promise<TeamleaderEndpoint> {
  const what = `the Teamleader connection "${connection.name}"`;
  if (connection.kind === 'teamleader-sandbox') {
    const { url, clientId, clientSecret } = await ensureTeamleaderSandbox(connection);
    const perMinute = (connection.config as { requestsPerMinute?: unknown }).requestsPerMinute;
    return { baseUrl: url, authBaseUrl: url, clientId, clientSecret, redirectPort: 0, sandbox: true, ...(typeof perMinute === 'number' ? { requestsPerMinute: perMinute } : {}) };
  }
  if (connection.kind !== 'teamleader') {
    throw new TeamleaderConnectionSettingsError(`the connection "${connection.name}" is a ${connection.kind} connection, not a Teamleader one`);
  }
  const config = parseConnectionPart(teamleaderConnectionConfig, connection.config, what);
  const secrets = parseConnectionPart(teamleaderConnectionSecrets, connection.secrets, what);
  return {
    baseUrl: config.baseUrl,
    authBaseUrl: config.authBaseUrl,
    clientId: secrets.clientId,
    clientSecret: secrets.clientSecret,
    redirectPort: config.redirectPort,
    sandbox: false,
    ...(config.requestsPerMinute ? { requestsPerMinute: config.requestsPerMinute } : {}),
  };
}

export interface TokenAccess {
  /** The connection's secrets as stored now. */
  loadSecrets(): Record<string, string>;
  /** Stores new token fields atomically (the other secret fields stay). */
  saveSecrets(secrets: Record<string, string>): void;
}

export interface ClientOfOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Retries of a call; the connection test asks for few. */
  retries?: number;
  /** Told about waits for Teamleader's rate limit, retries and renewed access. */
  onEvent?: (event: TeamleaderClientEvent) => void;
}

/** How many 429 answers one call sits out: the limiter paces, so a record is not failed for it. */
const PATIENT_429 = 1000;

const limiters = new Map<string, SlidingWindowRateLimiter>();
const refreshLocks = new Map<string, Promise<unknown>>();

export async function teamleaderClientOf(connection: StoredConnection, tokens: TokenAccess, opts: ClientOfOptions = {}): Promise<TeamleaderClient> {
  const endpoint = await teamleaderEndpointOf(connection);
  const store: TokenStore = {
    load: async () => tokensFromSecrets(tokens.loadSecrets()),
    save: async (pair) => tokens.saveSecrets(secretsFromTokens(pair)),
  };
  const manager = new TeamleaderTokenManager({
    oauth: { clientId: endpoint.clientId, clientSecret: endpoint.clientSecret, authBaseUrl: endpoint.authBaseUrl, timeoutMs: opts.timeoutMs },
    store,
    exclusive: exclusiveFor(connection.id),
    // The sandbox runs on this machine: no clock drift to allow for, and short test lifetimes work.
    ...(endpoint.sandbox ? { refreshSkewMs: 1000 } : {}),
  });
  return new TeamleaderClient({
    baseUrl: endpoint.baseUrl,
    auth: failFastOnceDisconnected(manager),
    limiter: limiterFor(connection.id, endpoint.requestsPerMinute),
    max429: PATIENT_429,
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.retries !== undefined ? { retry: { retries: opts.retries } } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
}

function limiterFor(connectionId: string, requestsPerMinute: number | undefined): SlidingWindowRateLimiter {
  let limiter = limiters.get(connectionId);
  if (!limiter) {
    limiter = new SlidingWindowRateLimiter(requestsPerMinute ? { limit: requestsPerMinute } : {});
    limiters.set(connectionId, limiter);
  }
  return limiter;
}

function exclusiveFor(connectionId: string) {
  return <T>(work: () => Promise<T>): Promise<T> => {
    const before = refreshLocks.get(connectionId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    refreshLocks.set(connectionId, mine);
    const forget = () => {
      if (refreshLocks.get(connectionId) === mine) refreshLocks.delete(connectionId);
    };
    mine.then(forget, forget);
    return mine;
  };
}

function failFastOnceDisconnected(inner: TeamleaderTokenManager): AccessTokenProvider {
  let gone: ReconnectRequiredError | undefined;
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    if (gone) throw gone;
    try {
      return await call();
    } catch (error) {
      if (error instanceof ReconnectRequiredError) gone = error;
      throw error;
    }
  };
  return {
    getAccessToken: () => guard(() => inner.getAccessToken()),
    onUnauthorized: (rejected) => guard(() => inner.onUnauthorized(rejected)),
  };
}
