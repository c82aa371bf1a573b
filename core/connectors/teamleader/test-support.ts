/**
 * Shared set-up for the connector's tests: a real sandbox on 127.0.0.1 and a client connected to it
 * through the real token manager. Retries are quick so fault tests stay fast.
 */
import { TeamleaderClient, type TeamleaderClientOptions } from './client';
import { MemoryTokenStore, TeamleaderTokenManager, type TokenManagerOptions } from './oauth';
import { startTeamleaderSandbox, type TeamleaderSandbox, type TeamleaderSandboxOptions } from './sandbox/server';

export interface Connected {
  sandbox: TeamleaderSandbox;
  client: TeamleaderClient;
  store: MemoryTokenStore;
  tokens: TeamleaderTokenManager;
}

export const fastRetry = { retries: 6, baseMs: 5, maxMs: 50 };

export async function connectToSandbox(
  sandboxOpts: TeamleaderSandboxOptions = {},
  clientOpts: Partial<TeamleaderClientOptions> = {},
  managerOpts: Partial<TokenManagerOptions> = {},
): Promise<Connected> {
  const sandbox = await startTeamleaderSandbox(sandboxOpts);
  return { sandbox, ...(await clientFor(sandbox, clientOpts, managerOpts)) };
}

export async function clientFor(
  sandbox: TeamleaderSandbox,
  clientOpts: Partial<TeamleaderClientOptions> = {},
  managerOpts: Partial<TokenManagerOptions> = {},
): Promise<Omit<Connected, 'sandbox'>> {
  const store = new MemoryTokenStore(await sandbox.issueTokens());
  const tokens = new TeamleaderTokenManager({
    oauth: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, authBaseUrl: sandbox.url },
    store,
    ...managerOpts,
  });
  const client = new TeamleaderClient({ baseUrl: sandbox.url, auth: tokens, retry: fastRetry, ...clientOpts });
  return { client, store, tokens };
}
