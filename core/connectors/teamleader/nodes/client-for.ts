/**
 * One TeamleaderClient per run and connection, whichever kind the connection is. Its tokens are
 * read from the stored connection and a rotated pair is saved through `ctx.saveConnectionSecrets`
 * (atomic and encrypted), even in a dry run: the old refresh token is spent either way.
 */
import type { NodeRunContext } from '../../../nodes/define-node';
import type { TeamleaderClient } from '../client';
import { teamleaderClientOf } from '../connection-client';
import type { CallOptions, TeamleaderClientEvent } from '../transport';

export function teamleaderClientFor(ctx: NodeRunContext<unknown>, connectionId: string): Promise<TeamleaderClient> {
  return ctx.memo(`teamleader:${connectionId}`, () =>
    teamleaderClientOf(
      ctx.connection(connectionId),
      {
        loadSecrets: () => ctx.connection(connectionId).secrets,
        saveSecrets: (secrets) => ctx.saveConnectionSecrets(connectionId, secrets),
      },
      { onEvent: (event) => logEvent(ctx, event) },
    ),
  );
}

/** What the run's log tells: waits for the rate limit and retries (a record is not failed for them). */
function logEvent(ctx: NodeRunContext<unknown>, event: TeamleaderClientEvent): void {
  if (event.type === 'rate-limited') ctx.log('info', `Teamleader's limit of requests per minute was reached; ${event.endpoint} waits ${(event.waitMs / 1000).toFixed(1)} s and is sent again`);
  if (event.type === 'retry') ctx.log('warn', `Teamleader ${event.endpoint} is tried again (attempt ${event.attempt}) after: ${event.reason}`);
}

/** Per call: cancelled with the run. */
export const callOptions = (ctx: NodeRunContext<unknown>): CallOptions => ({ signal: ctx.signal });
