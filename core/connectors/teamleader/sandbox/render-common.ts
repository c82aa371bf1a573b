/**
 * Helpers shared by the sandbox's renderers (stored records → the response shapes of the
 * blueprint). Relations are `{ type, id }`; `web_url` points at the sandbox's own record page.
 *
 * A property without a value is rendered the way the blueprint allows for that property:
 * - typed `nullable`: `null` (and `[]` for a list), as Teamleader's guidelines say ([G]);
 * - typed non-nullable text (`(string)`: remarks, salutation, website, …): `""` (`text`). The live
 *   API sends `null` there ([G]), which the blueprint's type does not allow; the empty string is
 *   what the type allows for "no text" [I];
 * - typed non-nullable and not text (a date, a number, Money, a relation object): left out
 *   (`present`). No empty value of these types would not be a made-up one (a 0 amount, a relation
 *   `{}` without an id), and MSON makes every property optional unless marked `required`, which no
 *   response property is [I]. `blueprint/schema-tools.ts` lists each such property
 *   (`leftOutWithoutValue`) for the tests; where the blueprint marks one `optional` itself
 *   (products.info `configuration`), that is the reason instead.
 * The client reads all of these as `null` (schemas-responses.ts).
 */
import type { AddressEntryRequest } from '../schemas-common';
import type { SandboxStore } from './store';

export interface RenderContext {
  store: SandboxStore;
  /** Base of `web_url`, e.g. http://127.0.0.1:4567 */
  baseUrl: string;
}

export const rel = (type: string, id: string | null | undefined) => (id ? { type, id } : null);

/** Non-nullable text without a value: `""`. */
export const text = (value: string | null | undefined): string => value ?? '';

/** `{ [key]: value }`, or nothing when there is no value: for non-nullable properties that are not text. */
export function present<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

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

/** `primary_address` (AddressResponse, not nullable): left out when there is none. */
export function primaryAddress(list: AddressEntryRequest[]) {
  const primary = list.find((a) => a.type === 'primary');
  return present('primary_address', primary ? addressResponse(primary.address) : null);
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
