/**
 * Everything this Sincro can run: the generic node types plus each connector's, and the kinds of
 * connection a user can store. The CLI, the desktop app and the web host all start from here.
 */
import { ConnectionKinds } from './connectors/connection-kind';
import { httpConnectionKind } from './connectors/http/http-connection';
import { closeAllMplusSandboxes, mplusConnectionKinds, newMplusSandboxConnection } from './connectors/mplus/connection-kinds';
import { mplusNodeTypes } from './connectors/mplus/nodes';
import { closeAllTeamleaderSandboxes, newTeamleaderSandboxConnection, teamleaderConnectionKinds } from './connectors/teamleader/connection-kinds';
import { teamleaderNodeTypes } from './connectors/teamleader/nodes';
import { builtinNodeTypes } from './nodes/builtin';
import { NodeRegistry } from './nodes/registry';

export function createRegistry(): NodeRegistry {
  return new NodeRegistry([...builtinNodeTypes, ...mplusNodeTypes, ...teamleaderNodeTypes]);
}

export function createConnectionKinds(): ConnectionKinds {
  return new ConnectionKinds([httpConnectionKind, ...mplusConnectionKinds, ...teamleaderConnectionKinds]);
}

/** A new connection to a local sandbox of an app, with the demo shop's data. */
export async function newSandboxConnection(app: 'mplus' | 'teamleader', dataDir: string) {
  return app === 'mplus' ? newMplusSandboxConnection(dataDir) : newTeamleaderSandboxConnection(dataDir);
}

/** Stops the sandboxes this process started for sandbox connections (their state is saved). */
export async function closeSandboxes(): Promise<void> {
  await Promise.all([closeAllMplusSandboxes(), closeAllTeamleaderSandboxes()]);
}
