/** The API service with everything this Sincro has: node types, connection kinds, templates. */
import { readFileSync } from 'node:fs';
import { closeSandboxes, createConnectionKinds, createRegistry, newSandboxConnection } from '../catalog';
import type { Store } from '../store/store';
import { ApiService, type ApiServiceOptions } from './api-service';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function createApiService(store: Store, host: 'electron' | 'web', extra: Pick<ApiServiceOptions, 'openExternal'> = {}): ApiService {
  return new ApiService({ store, registry: createRegistry(), connectionKinds: createConnectionKinds(), info: { version, host }, newSandboxConnection, onStop: closeSandboxes, ...extra });
}
