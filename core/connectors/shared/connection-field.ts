/** The connection field every node of an app has, and the check that it names a stored connection of that app. */
import { z } from 'zod';
import type { FlowProblem } from '../../api/flow-document';
import { ui, type CheckEnv } from '../../nodes/define-node';

export interface AppConnections {
  /** "MplusKASSA" */
  app: string;
  /** The app with its article: "an MplusKASSA", "a Teamleader". */
  anApp: string;
  /** The connection kinds that reach the app (the real one and its sandbox). */
  kinds: readonly string[];
}

export function connectionFieldOf({ app, anApp, kinds }: AppConnections) {
  const connectionField = z
    .string()
    .min(1, `choose ${anApp} connection`)
    .meta(ui({ label: app, widget: 'connection', connectionKinds: [...kinds] }));

  function checkConnection(config: { connection: string }, env: CheckEnv): FlowProblem[] {
    const stored = env.connection(config.connection);
    if (!stored) return [{ path: 'config.connection', message: `the ${app} connection "${config.connection}" is not stored. Add it under Connections or pick another.` }];
    if (!kinds.includes(stored.kind)) {
      return [{ path: 'config.connection', message: `"${stored.name}" is a ${stored.kind} connection, not ${anApp} one. Pick ${anApp} connection.` }];
    }
    return [];
  }

  return { connectionField, checkConnection };
}
