/**
 * What a stored Teamleader connection holds: the settings of the two kinds ("teamleader": the real
 * Teamleader Focus, "teamleader-sandbox": a sandbox Sincro runs itself) and the secrets both use:
 * the integration's client id and secret, and the tokens of the authorisation once connected.
 * The messages are shown next to the fields of the connection form.
 */
import { z } from 'zod';
import { ui } from '../../nodes/define-node';
import { defaultAuthBaseUrl, type OAuthTokens } from './oauth';
import { defaultApiBaseUrl } from './transport';

const port = z
  .number({ error: 'enter the port as a number, e.g. 47615' })
  .int('the port is a whole number')
  .min(1, 'the port is a number from 1 to 65535')
  .max(65535, 'the port is a number from 1 to 65535');

const address = (what: string) => z.url({ protocol: /^https?$/, error: `the ${what} must be an http:// or https:// address` });

/**
 * Teamleader only sends the browser back to a redirect URI registered for the integration, so the
 * sign-in listens on a fixed port: register http://127.0.0.1:<redirectPort>/oauth/callback.
 */
export const defaultRedirectPort = 47615;
export const redirectPath = '/oauth/callback';

export const teamleaderConnectionConfig = z.object({
  baseUrl: address('API address').default(defaultApiBaseUrl).meta(ui({ label: 'API address', advanced: true, help: 'Teamleader Focus’s own; change it only for a test server.' })),
  /** Where /oauth2/authorize and /oauth2/access_token are. */
  authBaseUrl: address('sign-in address').default(defaultAuthBaseUrl).meta(ui({ label: 'Sign-in address', advanced: true, help: 'Where Teamleader’s sign-in page is; change it only for a test server.' })),
  /** 0: any free port (only for a sign-in service that accepts any loopback redirect, like the sandbox). */
  redirectPort: z
    .number({ error: 'enter the port as a number, e.g. 47615' })
    .int('the port is a whole number')
    .min(0, 'the port is a number from 0 to 65535')
    .max(65535, 'the port is a number from 0 to 65535')
    .default(defaultRedirectPort)
    .meta(ui({ label: 'Redirect port', advanced: true, help: 'The port of the redirect address registered for the integration; change it only when another program uses 47615.' })),
  /**
   * Requests a minute the client keeps to. Teamleader allows 200 (the default); higher only for an
   * account, or a sandbox started with `sincro sandbox --teamleader-requests-per-minute`, that allows more.
   */
  requestsPerMinute: z.number().int().min(1).max(100_000).optional().meta(ui({ label: 'Requests a minute', advanced: true, placeholder: '200', help: 'Teamleader allows 200; more only for an account that allows more.' })),
});

export const teamleaderSandboxConnectionConfig = z.object({
  port,
  stateFile: z.string({ error: 'the sandbox needs a file to keep its data in' }).trim().min(1, 'the sandbox needs a file to keep its data in'),
  /** How long an access token of the sandbox lives; Teamleader's is an hour. Shorter for trying out renewals. */
  tokenLifetimeSec: z.number().int().min(1).max(86_400).optional(),
  /**
   * Requests a minute the sandbox allows (and the client keeps to). Teamleader's own limit is 200;
   * a demo or a test may want its first big sync faster than a real account would allow.
   */
  requestsPerMinute: z.number().int().min(1).max(100_000).optional(),
});

const EPOCH_MS = /^\d+$/;

export const teamleaderConnectionSecrets = z.object({
  clientId: z
    .string({ error: 'enter the client id of the Teamleader integration' })
    .trim()
    .min(1, 'enter the client id of the Teamleader integration')
    .meta(ui({ label: 'Client id', help: 'Of your integration in Teamleader’s Marketplace (Build your own integration).' })),
  clientSecret: z
    .string({ error: 'enter the client secret of the Teamleader integration' })
    .min(1, 'enter the client secret of the Teamleader integration')
    .meta(ui({ label: 'Client secret', help: 'Of the same integration; kept encrypted on this computer.' })),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  /** When the access token expires, in milliseconds since 1970 (secrets are text). */
  expiresAt: z.string().regex(EPOCH_MS, 'expiresAt is a time in milliseconds since 1970').optional(),
});

export type TeamleaderConnectionConfig = z.output<typeof teamleaderConnectionConfig>;
export type TeamleaderSandboxConnectionConfig = z.output<typeof teamleaderSandboxConnectionConfig>;
export type TeamleaderConnectionSecrets = z.output<typeof teamleaderConnectionSecrets>;

/** The tokens in a connection's secrets, or null when it was never connected (or lost them). */
export function tokensFromSecrets(secrets: Record<string, string | undefined>): OAuthTokens | null {
  const { accessToken, refreshToken, expiresAt } = secrets;
  if (!refreshToken) return null;
  // Without a known expiry the access token is treated as expired: the first call renews it.
  const at = expiresAt && EPOCH_MS.test(expiresAt) ? Number(expiresAt) : 0;
  return { accessToken: accessToken ?? '', refreshToken, expiresAt: at };
}

export function secretsFromTokens(tokens: OAuthTokens): { accessToken: string; refreshToken: string; expiresAt: string } {
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: String(Math.round(tokens.expiresAt)) };
}

/** Parses a stored value; the error names the connection and the field, in the schema's words. */
export function parseConnectionPart<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new TeamleaderConnectionSettingsError(`${what}: ${field}${issue?.message ?? 'invalid'}`);
}

export class TeamleaderConnectionSettingsError extends Error {
  override readonly name = 'TeamleaderConnectionSettingsError';
}
