/**
 * One MplusClient per run and connection, whichever kind the connection is (a real MplusKASSA or
 * a sandbox connection, whose sandbox is started on first use). Calls are cancelled with the run.
 */
import type { NodeRunContext } from '../../../nodes/define-node';
import { MplusClient } from '../client';
import { mplusEndpointOf } from '../connection-kinds';

export function mplusClientFor(ctx: NodeRunContext<unknown>, connectionId: string): Promise<MplusClient> {
  return ctx.memo(`mplus:${connectionId}`, async () => new MplusClient({ ...(await mplusEndpointOf(ctx.connection(connectionId))), signal: ctx.signal }));
}
