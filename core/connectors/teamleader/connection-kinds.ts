/**
 * The kinds of Teamleader connection a user can store: "teamleader" (Teamleader Focus itself: the
 * API address, the integration's client id and secret, and the tokens once connected) and
 * "teamleader-sandbox" (a sandbox Sincro starts itself, sandbox-connection.ts). Both end up as the
 * same thing for the nodes: an API address and an authorisation (connection-client.ts).
 *
 * Connecting is the browser sign-in (the kind's `signIn`, the app's "Sign in with Teamleader" button in
 * both hosts; `authorizeTeamleaderConnection` for the CLI).
 * A refresh token can be used once, so a test that has to renew the access must be able to store
 * the new pair: `test(connection, signal, saveSecrets)`; without `saveSecrets` the test only uses an
 * access token that is still valid. `testTeamleaderStoredConnection` does it all from a store.
 */
import type { ConnectionStore, StoredConnection } from '../../engine/services';
import type { ConnectionKind, ConnectionSignIn, ConnectionTestResult, SignInAttempt } from '../connection-kind';
import { TeamleaderClient } from './client';
import { teamleaderClientOf, teamleaderEndpointOf } from './connection-client';
import {
  defaultRedirectPort,
  parseConnectionPart,
  redirectPath,
  secretsFromTokens,
  teamleaderConnectionConfig,
  teamleaderConnectionSecrets,
  teamleaderSandboxConnectionConfig,
  tokensFromSecrets,
} from './connection-settings';
import { testTeamleaderConnection } from './connection-test';
import { TeamleaderError } from './errors';
import { staticAccessToken } from './oauth';
import { startTeamleaderSignIn } from './oauth-listener';
import type { z } from 'zod';

export { teamleaderConnectionKindIds, teamleaderEndpointOf, type TeamleaderEndpoint } from './connection-client';
export {
  closeAllTeamleaderSandboxes,
  ensureTeamleaderSandbox,
  newTeamleaderSandboxConnection,
  type NewTeamleaderSandboxConnection,
  type TeamleaderSandboxEndpoint,
} from './sandbox-connection';

const TEST_TIMEOUT_MS = 10_000;
/** An access token this close to its end is not used by a test that cannot store a renewed one. */
const STILL_VALID_FOR_MS = 60_000;

type SaveSecrets = NonNullable<Parameters<ConnectionKind['test']>[2]>;

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
const messageOf = (error: unknown) => sentence(error instanceof Error ? error.message : String(error));

async function testConnection(connection: StoredConnection, signal: AbortSignal | undefined, saveSecrets: SaveSecrets | undefined): Promise<ConnectionTestResult> {
  const tokens = tokensFromSecrets(connection.secrets);
  if (!tokens) return { ok: false, message: 'Not signed in to Teamleader yet: click “Sign in with Teamleader” and allow Sincro.' };
  let client: TeamleaderClient;
  try {
    if (saveSecrets) {
      let latest = connection.secrets;
      client = await teamleaderClientOf(
        connection,
        {
          loadSecrets: () => latest,
          saveSecrets: (s) => {
            saveSecrets(s);
            latest = { ...latest, ...s };
          },
        },
        { signal, timeoutMs: TEST_TIMEOUT_MS, retries: 1 },
      );
    } else {
      if (tokens.expiresAt - STILL_VALID_FOR_MS <= Date.now()) {
        return { ok: false, message: 'The saved Teamleader access has expired and this test cannot store a renewed one. It is renewed by the next run; if that run says Teamleader needs to be reconnected, click “Sign in with Teamleader”.' };
      }
      const endpoint = await teamleaderEndpointOf(connection);
      client = new TeamleaderClient({ baseUrl: endpoint.baseUrl, auth: staticAccessToken(tokens.accessToken), timeoutMs: TEST_TIMEOUT_MS, retry: { retries: 1 } });
    }
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
  const verdict = await testTeamleaderConnection(client, { signal });
  return { ok: verdict.ok, message: verdict.ok ? `${verdict.message}.` : verdict.message };
}

const teamleaderSignIn: ConnectionSignIn = {
  tokenSecrets: ['accessToken', 'refreshToken', 'expiresAt'],
  portSetting: 'redirectPort',
  redirectPath,
  redirectUri: (config) => {
    const port = (config as { redirectPort?: unknown }).redirectPort;
    // Port 0: a free port chosen at each sign-in (the sandbox's, which takes any redirect): there
    // is no fixed address to register, and "127.0.0.1:0" would be one nobody can use.
    if (port === 0) return undefined;
    return `http://127.0.0.1:${typeof port === 'number' ? port : defaultRedirectPort}${redirectPath}`;
  },
  begin: (connections, id, opts) => beginTeamleaderSignIn(connections, id, opts),
};

export const teamleaderConnectionKind: ConnectionKind = {
  kind: 'teamleader',
  app: 'teamleader',
  title: 'Teamleader Focus',
  config: teamleaderConnectionConfig,
  secrets: teamleaderConnectionSecrets as z.ZodType<Record<string, string>>,
  test: (connection: StoredConnection, signal?: AbortSignal, saveSecrets?: SaveSecrets) => testConnection(connection, signal, saveSecrets),
  signIn: teamleaderSignIn,
};

export const teamleaderSandboxConnectionKind: ConnectionKind = {
  kind: 'teamleader-sandbox',
  app: 'teamleader',
  title: 'Teamleader sandbox',
  config: teamleaderSandboxConnectionConfig,
  secrets: teamleaderConnectionSecrets as z.ZodType<Record<string, string>>,
  test: async (connection: StoredConnection, signal?: AbortSignal, saveSecrets?: SaveSecrets) => {
    const verdict = await testConnection(connection, signal, saveSecrets);
    if (!verdict.ok) return verdict;
    const config = parseConnectionPart(teamleaderSandboxConnectionConfig, connection.config, `the sandbox connection "${connection.name}"`);
    return { ok: true, message: `${verdict.message} The Teamleader sandbox is running on 127.0.0.1:${config.port}; it keeps its data in ${config.stateFile}.` };
  },
};

export const teamleaderConnectionKinds: ConnectionKind[] = [teamleaderConnectionKind, teamleaderSandboxConnectionKind];

/** The connection test with renewing allowed: a rotated pair is stored in the connection. */
export async function testTeamleaderStoredConnection(connections: ConnectionStore, connectionId: string, signal?: AbortSignal): Promise<ConnectionTestResult> {
  const connection = connections.get(connectionId);
  if (!connection) return { ok: false, message: `There is no connection "${connectionId}".` };
  const kind = teamleaderConnectionKinds.find((k) => k.kind === connection.kind);
  if (!kind) return { ok: false, message: `"${connection.name}" is a ${connection.kind} connection, not a Teamleader one.` };
  return (kind.test as (c: StoredConnection, s?: AbortSignal, save?: SaveSecrets) => Promise<ConnectionTestResult>)(connection, signal, (s) =>
    connections.updateSecrets(connectionId, s),
  );
}

export interface AuthorizeOptions {
  /** How long the browser sign-in may take. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Starts the browser sign-in of a stored Teamleader connection with its client id and secret: the
 * redirect listener runs, and `url` is the page to open. `done` answers in words once the tokens
 * are saved into the connection's secrets and a connection test passed, or why not.
 */
export async function beginTeamleaderSignIn(connections: ConnectionStore, connectionId: string, opts: AuthorizeOptions = {}): Promise<SignInAttempt> {
  const connection = connections.get(connectionId);
  const refused = (message: string): SignInAttempt => ({ url: '', redirectUri: '', done: Promise.resolve({ ok: false, message }), cancel: () => undefined });
  if (!connection) return refused(`There is no connection "${connectionId}".`);
  if (!teamleaderConnectionKinds.some((k) => k.kind === connection.kind)) {
    return refused(`"${connection.name}" is a ${connection.kind} connection; only Teamleader connections are connected by signing in.`);
  }
  try {
    parseConnectionPart(teamleaderConnectionSecrets, connection.secrets, `the Teamleader connection "${connection.name}"`);
    const endpoint = await teamleaderEndpointOf(connection);
    const signIn = await startTeamleaderSignIn({
      oauth: { clientId: endpoint.clientId, clientSecret: endpoint.clientSecret, authBaseUrl: endpoint.authBaseUrl },
      store: { load: async () => null, save: async (tokens) => connections.updateSecrets(connectionId, secretsFromTokens(tokens)) },
      port: endpoint.redirectPort,
      path: redirectPath,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    });
    const done = signIn.tokens.then(
      async () => {
        const verdict = await testTeamleaderStoredConnection(connections, connectionId, opts.signal);
        return verdict.ok ? { ok: true, message: `Signed in to Teamleader. ${verdict.message}` } : { ok: false, message: `Signed in to Teamleader, but the test afterwards failed: ${verdict.message}` };
      },
      (error: unknown) => ({ ok: false, message: signInProblem(error) }),
    );
    return { url: signIn.url, redirectUri: signIn.redirectUri, done, cancel: signIn.cancel };
  } catch (error) {
    return refused(signInProblem(error));
  }
}

/**
 * Connects a stored Teamleader connection (the CLI's `sincro connections connect`): the sign-in
 * started, its page given to `openExternal`, and the answer in words once it came back.
 */
export async function authorizeTeamleaderConnection(
  connections: ConnectionStore,
  connectionId: string,
  openExternal: (url: string) => Promise<void>,
  opts: AuthorizeOptions = {},
): Promise<{ ok: boolean; message: string }> {
  const attempt = await beginTeamleaderSignIn(connections, connectionId, opts);
  if (!attempt.url) return attempt.done;
  try {
    await openExternal(attempt.url);
  } catch (error) {
    attempt.cancel();
    await attempt.done;
    return { ok: false, message: messageOf(error) };
  }
  return attempt.done;
}

function signInProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return 'The sign-in could not listen for Teamleader’s answer: its port is in use by another program. Close that program, or change the redirect port of the connection (and of the integration in Teamleader).';
  }
  if (error instanceof TeamleaderError) return sentence(error.message);
  return messageOf(error);
}
