/** The connection field every Teamleader node has, the check that it names a stored one, and the ledger scope. */
import { z } from 'zod';
import type { FlowProblem } from '../../../api/flow-document';
import { ui, type CheckEnv } from '../../../nodes/define-node';
import { teamleaderConnectionKindIds } from '../connection-client';

export const connectionField = z
  .string()
  .min(1, 'choose a Teamleader connection')
  .meta(ui({ label: 'Teamleader', widget: 'connection', connectionKinds: [...teamleaderConnectionKindIds] }));

export function checkConnection(config: { connection: string }, env: CheckEnv): FlowProblem[] {
  const stored = env.connection(config.connection);
  if (!stored) return [{ path: 'config.connection', message: `the Teamleader connection "${config.connection}" is not stored. Add it under Connections or pick another.` }];
  if (!(teamleaderConnectionKindIds as readonly string[]).includes(stored.kind)) {
    return [{ path: 'config.connection', message: `"${stored.name}" is a ${stored.kind} connection, not a Teamleader one. Pick a Teamleader connection.` }];
  }
  return [];
}

/** The id ledger's name for the Teamleader of a connection. */
export const teamleaderScope = (connectionId: string) => `teamleader:${connectionId}`;
