/**
 * "Test connection" for the Teamleader connection screen and `sincro connections test`: one
 * `users.me` (who authorised Sincro) and one `departments.list` (the company name; the API has no
 * account name), answered in plain words.
 */
import type { TeamleaderClient } from './client';
import {
  ReconnectRequiredError,
  TeamleaderError,
  TeamleaderForbiddenError,
  TeamleaderHttpError,
  TeamleaderNetworkError,
  TeamleaderNotFoundError,
  TeamleaderResponseError,
  TeamleaderServerError,
  TeamleaderUnauthorizedError,
  TeamleaderValidationError,
} from './errors';
import { collect } from './paging';
import type { TeamleaderUser } from './schemas-responses';

export type ConnectionProblem = 'reconnect' | 'unreachable' | 'tls' | 'not-teamleader' | 'forbidden' | 'teamleader-error' | 'other';

export type ConnectionTestResult =
  | { ok: true; message: string; user: TeamleaderUser; accountId: string; companyName: string | null }
  | { ok: false; problem: ConnectionProblem; message: string };

export async function testTeamleaderConnection(client: TeamleaderClient, opts: { signal?: AbortSignal } = {}): Promise<ConnectionTestResult> {
  const call = { retries: 1, signal: opts.signal };
  const host = hostOf(client.transport.baseUrl);
  try {
    const user = await client.users.me(call);
    let companyName: string | null = null;
    try {
      const departments = await collect(client.departments.list({}, call));
      companyName = (departments.find((d) => d.status !== 'archived') ?? departments[0])?.name ?? null;
    } catch (error) {
      // Without the `departments` scope the user is still connected; only the company name is missing.
      if (!(error instanceof TeamleaderForbiddenError)) throw error;
    }
    const who = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email || 'the Teamleader user';
    const message = companyName ? `Connected as ${who} of ${companyName}` : `Connected as ${who} (Teamleader account ${user.account.id})`;
    return { ok: true, message, user, accountId: user.account.id, companyName };
  } catch (error) {
    return { ok: false, ...describeProblem(error, host) };
  }
}

function describeProblem(error: unknown, host: string): { problem: ConnectionProblem; message: string } {
  if (error instanceof ReconnectRequiredError) return { problem: 'reconnect', message: error.message };
  if (error instanceof TeamleaderUnauthorizedError) {
    return { problem: 'reconnect', message: 'Teamleader needs to be reconnected: the saved access was refused.' };
  }
  if (error instanceof TeamleaderNetworkError) {
    if (error.failure === 'tls') {
      return {
        problem: 'tls',
        message: `A secure connection to ${host} could not be made (${error.code ?? 'TLS error'}). Check the address, the computer's date and time, and any proxy or antivirus that inspects HTTPS.`,
      };
    }
    const why = error.failure === 'timeout' ? 'it did not answer in time' : error.failure === 'unreachable' ? 'the host could not be reached' : 'the connection was lost';
    return { problem: 'unreachable', message: `Could not reach ${host}: ${why}. Check the internet connection and the API address.` };
  }
  if (
    error instanceof TeamleaderResponseError ||
    error instanceof TeamleaderNotFoundError ||
    error instanceof TeamleaderHttpError ||
    error instanceof TeamleaderValidationError
  ) {
    return { problem: 'not-teamleader', message: `${host} does not answer like the Teamleader API. Check the API address.` };
  }
  if (error instanceof TeamleaderForbiddenError) {
    return { problem: 'forbidden', message: 'Teamleader refused to say who is connected; the integration may lack the "users" scope.' };
  }
  if (error instanceof TeamleaderServerError) {
    return { problem: 'teamleader-error', message: `Teamleader has a problem on its side (HTTP ${error.status ?? '5xx'}). Try again later.` };
  }
  if (error instanceof TeamleaderError) return { problem: 'other', message: error.message };
  return { problem: 'other', message: error instanceof Error ? error.message : String(error) };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
