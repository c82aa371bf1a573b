/**
 * What crosses Electron IPC between the preload and main, shared by both sides so the channel
 * names and the reply shape cannot drift apart. Channels are derived from the API contract: one
 * `invoke` channel per method, one channel for pushed events.
 */
import type { ApiErrorBody, MethodName } from '../../core/api/contract';

const CALL_PREFIX = 'sincro:call:';

/** The channel main handles for one contract method. */
export function callChannel(method: MethodName): string {
  return `${CALL_PREFIX}${method}`;
}

/** The one channel main uses to push run and app events to the window. */
export const EVENT_CHANNEL = 'sincro:event';

/**
 * Main never lets an exception cross IPC (Electron would send its stack along): it answers with
 * data, either the result or the same error body the web host sends.
 */
export type IpcReply = { result: unknown } | ApiErrorBody;

export function isErrorReply(reply: unknown): reply is ApiErrorBody {
  return typeof reply === 'object' && reply !== null && typeof (reply as { error?: unknown }).error === 'string';
}

export function isResultReply(reply: unknown): reply is { result: unknown } {
  return typeof reply === 'object' && reply !== null && Object.hasOwn(reply, 'result');
}
