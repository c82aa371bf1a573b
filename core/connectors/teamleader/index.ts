/**
 * The Teamleader Focus connector: API client, OAuth 2, connection test, the local sandbox and the
 * connection kinds (a real account and a sandbox connection). The flow nodes are in `./nodes`.
 */
export { TeamleaderClient, type TeamleaderClientOptions } from './client';
export { testTeamleaderConnection, type ConnectionProblem, type ConnectionTestResult } from './connection-test';
export {
  authorizeTeamleaderConnection,
  closeAllTeamleaderSandboxes,
  ensureTeamleaderSandbox,
  newTeamleaderSandboxConnection,
  teamleaderConnectionKind,
  teamleaderConnectionKindIds,
  teamleaderConnectionKinds,
  teamleaderEndpointOf,
  teamleaderSandboxConnectionKind,
  testTeamleaderStoredConnection,
  type AuthorizeOptions,
  type NewTeamleaderSandboxConnection,
  type TeamleaderEndpoint,
  type TeamleaderSandboxEndpoint,
} from './connection-kinds';
export { teamleaderClientOf, type TokenAccess } from './connection-client';
export {
  teamleaderConnectionConfig,
  teamleaderConnectionSecrets,
  teamleaderSandboxConnectionConfig,
  TeamleaderConnectionSettingsError,
  type TeamleaderConnectionConfig,
  type TeamleaderConnectionSecrets,
  type TeamleaderSandboxConnectionConfig,
} from './connection-settings';
export * from './errors';
export {
  MemoryTokenStore,
  TeamleaderTokenManager,
  buildAuthorizeUrl,
  defaultAuthBaseUrl,
  exchangeAuthorizationCode,
  refreshAccessToken,
  staticAccessToken,
  type AccessTokenProvider,
  type OAuthTokens,
  type TeamleaderOAuthConfig,
  type TokenManagerOptions,
  type TokenStore,
} from './oauth';
export { connectTeamleader, startRedirectListener, type ConnectTeamleaderOptions, type RedirectListener } from './oauth-listener';
export { collect, defaultPageSize, paginate } from './paging';
export { SlidingWindowRateLimiter, parseResetHeader, type RateLimiterOptions } from './rate-limiter';
export * from './schemas';
export {
  TeamleaderTransport,
  decideRetry,
  defaultApiBaseUrl,
  defaultApiVersion,
  endpointKind,
  type CallOptions,
  type EndpointKind,
  type TeamleaderClientEvent,
} from './transport';
export { sincroEndpoints, type SincroEndpoint } from './blueprint/sincro-endpoints';
export { demoIds, demoTeamleaderSeed } from './sandbox/demo-seed';
export {
  parseTeamleaderSeed,
  teamleaderSeedSchema,
  TeamleaderSeedError,
  type OAuthSeed,
  type TeamleaderSeed,
  type TeamleaderSeedInput,
} from './sandbox/seed-schema';
export {
  sandboxDefaults,
  startTeamleaderSandbox,
  type SandboxRequestRecord,
  type TeamleaderSandbox,
  type TeamleaderSandboxOptions,
  type TeamleaderSandboxStats,
} from './sandbox/server';
