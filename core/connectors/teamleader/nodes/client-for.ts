/**
 * One TeamleaderClient per run and connection, whichever kind the connection is. Its tokens are
 * read from the stored connection and a rotated pair is saved through `ctx.saveConnectionSecrets`
 * (atomic and encrypted), even in a dry run: the old refresh token is spent either way.
 */
import type { NodeRunContext } from '../../../nodes/define-node';
import type { TeamleaderClient } from '../client';
import { teamleaderClientOf } from '../connection-client';
import type { CallOptions } from '../transport';

export function teamleaderClientFor(ctx: NodeRunContext<unknown>, connectionId: string): Promise<TeamleaderClient> {
  return ctx.memo(`teamleader:${connectionId}`, () =>
    teamleaderClientOf(ctx.connection(connectionId), {
      loadSecrets: () => ctx.connection(connectionId).secrets,
      saveSecrets: (secrets) => ctx.saveConnectionSecrets(connectionId, secrets),
    }),
  );
}

/** Per call: cancelled with the run. */
export const callOptions = (ctx: NodeRunContext<unknown>): CallOptions => ({ signal: ctx.signal });
