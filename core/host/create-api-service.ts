/**
 * The API service with everything this Sincro has: node types, connection kinds (with their
 * sign-ins, in both hosts), templates. `openExternal`: the desktop app opens sign-in pages in the
 * OS browser; without it the browser screen opens them itself.
 */
import { readFileSync } from 'node:fs';
import { closeSandboxes, createConnectionKinds, createRegistry, newSandboxConnection } from '../catalog';
import type { AppInfo } from '../api/contract';
import type { Store } from '../store/store';
import { createTemplateCatalog, TemplateError, updateFromTemplate } from '../templates';
import { ApiError } from './api-error';
import { ApiService, type ApiServiceOptions, type TemplateProvider } from './api-service';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** A template's refusal (a bad setting, a missing connection) is the caller's input at fault. */
function refusedAsBadInput<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof TemplateError) throw new ApiError(e.message, 'bad-input');
    throw e;
  }
}

function templateProvider(): TemplateProvider {
  const catalog = createTemplateCatalog();
  return {
    list: () => catalog.list(),
    create: (input) => refusedAsBadInput(() => catalog.create(input)),
    update: (doc) => refusedAsBadInput(() => updateFromTemplate(catalog, doc)),
  };
}

export function createApiService(store: Store, host: AppInfo['host'], extra: Pick<ApiServiceOptions, 'openExternal' | 'sandboxRequestsPerMinute' | 'chooseSavePath' | 'scheduler' | 'loginItem'> = {}): ApiService {
  return new ApiService({ store, registry: createRegistry(), connectionKinds: createConnectionKinds(), info: { version, host }, newSandboxConnection, onStop: closeSandboxes, templates: templateProvider(), ...extra });
}
