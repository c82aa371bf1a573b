/**
 * A SOAP fault the sandbox answers with (HTTP 500). The vendor documents no fault codes, so the
 * sandbox uses dotted sub-codes under the standard `Client`/`Server` classes [INFERRED], e.g.
 * `Client.Authentication`, the example the official PHP client's comments give.
 */
import type { z } from 'zod';
import { complexType } from '../xsd-model';

export type SandboxFaultCode =
  | 'Client.Authentication'
  | 'Client.MalformedXml'
  | 'Client.UnknownOperation'
  | 'Client.Validation'
  | 'Server.Unavailable'
  | 'Server.Internal';

export class SoapFault extends Error {
  constructor(
    readonly code: SandboxFaultCode,
    message: string,
  ) {
    super(message);
  }
}

/** Types a decoded request part with zod; a mismatch is the caller's fault. */
export function typed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SoapFault('Client.Validation', `${what}${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`);
}

const serverOwned = new Set(['syncMarker', 'createTimestamp', 'changeTimestamp']);

/**
 * Copies the fields a request sets onto a stored record. A bare repeated element that is empty
 * cannot be told apart from one that was left out, so it does not clear anything [INFERRED].
 */
export function mergeFields<T extends object>(typeName: string, target: T, patch: object): T {
  const type = complexType(typeName);
  const out = { ...target } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || serverOwned.has(key)) continue;
    if (Array.isArray(value) && value.length === 0 && type?.byName.get(key)?.repeated) continue;
    out[key] = value;
  }
  return out as T;
}

/** Items changed at or after `syncMarker`, ascending, at most `limit` (1000 when left out, as documented for getRelations). */
export function syncWindow<T>(items: Iterable<T>, markerOf: (item: T) => number, syncMarker?: number, limit?: number): T[] {
  return [...items]
    .filter((item) => syncMarker === undefined || markerOf(item) >= syncMarker)
    .sort((a, b) => markerOf(a) - markerOf(b))
    .slice(0, limit ?? 1000);
}
