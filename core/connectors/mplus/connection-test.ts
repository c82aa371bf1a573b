/**
 * "Test connection" for the settings screen: one getApiVersion call without retries, and a verdict
 * in plain words. getApiVersion takes no parameters, so a `Client…` fault on it can only be about
 * the ident/secret [INFERRED: the vendor documents no fault code for wrong credentials].
 */
import {
  MplusError,
  MplusHttpError,
  MplusMalformedResponseError,
  MplusSoapFaultError,
  MplusTransportError,
  MplusValidationError,
} from './errors';
import type { MplusSoapCaller } from './soap-caller';
import { hostOf } from './transport';

export type ConnectionVerdict =
  | { ok: true; kind: 'ok'; version: string; message: string }
  | { ok: false; kind: 'auth' | 'unreachable' | 'timeout' | 'tls' | 'not-mplus' | 'server-error' | 'invalid-settings'; message: string };

export async function testMplusConnection(caller: MplusSoapCaller, baseUrl: string): Promise<ConnectionVerdict> {
  const host = hostOf(baseUrl);
  try {
    const answer = await caller.call('getApiVersion', {}, 'read', { retries: 0 });
    const { majorNumber, minorNumber, revisionNumber } = answer;
    if (typeof majorNumber !== 'number') {
      return { ok: false, kind: 'not-mplus', message: `${host} answered, but without an API version: this does not look like the MplusKASSA API.` };
    }
    const version = `${majorNumber}.${String(minorNumber ?? 0)}.${String(revisionNumber ?? 0)}`;
    return { ok: true, kind: 'ok', version, message: `Connected to MplusKASSA API ${version} at ${host}.` };
  } catch (error) {
    return verdictFor(error, host);
  }
}

function verdictFor(error: unknown, host: string): ConnectionVerdict {
  if (error instanceof MplusSoapFaultError) {
    if (error.side === 'client') return { ok: false, kind: 'auth', message: `MplusKASSA refused the ident or secret (${error.faultString}). Check both in the MplusKASSA API settings.` };
    return { ok: false, kind: 'server-error', message: `MplusKASSA at ${host} reported a problem on its side: ${error.faultString}. Try again later.` };
  }
  if (error instanceof MplusTransportError) {
    switch (error.failure) {
      case 'tls':
        return { ok: false, kind: 'tls', message: `${capitalise(error.reason)}.` };
      case 'timeout':
        return { ok: false, kind: 'timeout', message: `${host} did not answer in time. Check the address and port, or try again later.` };
      case 'unreachable':
        return { ok: false, kind: 'unreachable', message: `${capitalise(error.reason)}. Check the address and port.` };
      default:
        return { ok: false, kind: 'unreachable', message: `The connection to ${host} failed: ${error.reason}.` };
    }
  }
  if (error instanceof MplusHttpError || error instanceof MplusMalformedResponseError) {
    return { ok: false, kind: 'not-mplus', message: `${host} answered, but not like the MplusKASSA API: ${error.reason}. Check the address and port.` };
  }
  if (error instanceof MplusValidationError) return { ok: false, kind: 'invalid-settings', message: error.reason };
  if (error instanceof MplusError) return { ok: false, kind: 'server-error', message: error.message };
  throw error;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
