/**
 * The renderer's only way to the core: the API object the host put on `window` (the Electron
 * preload or the web host's client). Nothing else of core is imported here but the contract.
 */
import type { SincroApi } from '../../../core/api/contract';

declare global {
  interface Window {
    sincro?: SincroApi;
  }
}

export function sincroApi(): SincroApi {
  if (!window.sincro) throw new Error('Sincro’s API is not available: open this page through the Sincro app or `sincro serve`.');
  return window.sincro;
}
