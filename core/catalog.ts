/**
 * Everything this Sincro can run: the generic node types plus each connector's, and the kinds of
 * connection a user can store. The CLI, the desktop app and the web host all start from here.
 */
import { ConnectionKinds } from './connectors/connection-kind';
import { httpConnectionKind } from './connectors/http/http-connection';
import { builtinNodeTypes } from './nodes/builtin';
import { NodeRegistry } from './nodes/registry';

export function createRegistry(): NodeRegistry {
  return new NodeRegistry([...builtinNodeTypes]);
}

export function createConnectionKinds(): ConnectionKinds {
  return new ConnectionKinds([httpConnectionKind]);
}
