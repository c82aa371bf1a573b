/**
 * Everything this Sincro can run: the generic node types plus each connector's, and the kinds of
 * connection a user can store. The CLI, the desktop app and the web host all start from here.
 */
import { ConnectionKinds } from './connectors/connection-kind';
import { httpConnectionKind } from './connectors/http/http-connection';
import { closeAllMplusSandboxes, mplusConnectionKinds, newMplusSandboxConnection } from './connectors/mplus/connection-kinds';
import { mplusNodeTypes } from './connectors/mplus/nodes';
import { builtinNodeTypes } from './nodes/builtin';
import { NodeRegistry } from './nodes/registry';

export function createRegistry(): NodeRegistry {
  return new NodeRegistry([...builtinNodeTypes, ...mplusNodeTypes]);
}

export function createConnectionKinds(): ConnectionKinds {
  return new ConnectionKinds([httpConnectionKind, ...mplusConnectionKinds]);
}

/** A new connection to a local sandbox of an app, with the demo shop's data. */
export async function newSandboxConnection(app: 'mplus' | 'teamleader', dataDir: string) {
  if (app === 'mplus') return newMplusSandboxConnection(dataDir);
  throw new Error('The Teamleader sandbox is not available yet.');
}

/** Stops the sandboxes this process started for sandbox connections (their state is saved). */
export async function closeSandboxes(): Promise<void> {
  await closeAllMplusSandboxes();
}
