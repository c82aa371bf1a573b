/**
 * Helpers shared by the sandbox's renderers (stored records → the response shapes of the
 * blueprint). Empty scalars are `null` and empty lists `[]` ([G]); relations are `{ type, id }`;
 * `web_url` points at the sandbox's own record page.
 */
import type { AddressEntryRequest } from '../schemas-common';
import type { SandboxStore } from './store';

export interface RenderContext {
  store: SandboxStore;
  /** Base of `web_url`, e.g. http://127.0.0.1:4567 */
  baseUrl: string;
}

export const rel = (type: string, id: string | null | undefined) => (id ? { type, id } : null);

export function addressResponse(a: AddressEntryRequest['address']) {
  return {
    line_1: a.line_1,
    postal_code: a.postal_code,
    city: a.city,
    country: a.country,
    area_level_two: rel('area_level_two', a.area_level_two_id),
  };
}

export function addresses(list: AddressEntryRequest[]) {
  return list.map((entry) => ({
    type: entry.type,
    address: { ...(entry.address.addressee !== undefined ? { addressee: entry.address.addressee } : {}), ...addressResponse(entry.address) },
  }));
}

export function primaryAddress(list: AddressEntryRequest[]) {
  const primary = list.find((a) => a.type === 'primary');
  return primary ? addressResponse(primary.address) : null;
}

export function customFields(list: { id: string; value: unknown }[]) {
  return list.map((f) => ({ definition: { type: 'customFieldDefinition', id: f.id }, value: f.value }));
}

export function includes(value: string | undefined, what: string): boolean {
  return (value ?? '').split(',').map((s) => s.trim()).includes(what);
}

export function webUrl(ctx: RenderContext, page: string, id: string): string {
  return `${ctx.baseUrl}/web/${page}?id=${id}`;
}
