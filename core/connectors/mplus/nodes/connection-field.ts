/** The connection field every MplusKASSA node has, and the check that it names a stored one. */
import { z } from 'zod';
import type { FlowProblem } from '../../../api/flow-document';
import { ui, type CheckEnv } from '../../../nodes/define-node';
import { mplusConnectionKindIds } from '../connection-kinds';

export const connectionField = z
  .string()
  .min(1, 'choose an MplusKASSA connection')
  .meta(ui({ label: 'MplusKASSA', widget: 'connection', connectionKinds: [...mplusConnectionKindIds] }));

export function checkConnection(config: { connection: string }, env: CheckEnv): FlowProblem[] {
  const stored = env.connection(config.connection);
  if (!stored) return [{ path: 'config.connection', message: `the MplusKASSA connection "${config.connection}" is not stored. Add it under Connections or pick another.` }];
  if (!(mplusConnectionKindIds as readonly string[]).includes(stored.kind)) {
    return [{ path: 'config.connection', message: `"${stored.name}" is a ${stored.kind} connection, not an MplusKASSA one. Pick an MplusKASSA connection.` }];
  }
  return [];
}

/** The id ledger's name for the MplusKASSA of a connection. */
export const mplusScope = (connectionId: string) => `mplus:${connectionId}`;
