/**
 * The IPC handler table, one entry per contract method, built without Electron so it is tested
 * in Node. Each handler checks the sender, then hands the raw payload to the API service, which
 * validates it with the method's zod schema. Errors come back as data (see IpcReply).
 */
import { methodNames, type ApiErrorBody, type MethodName } from '../../core/api/contract';
import { ApiError } from '../../core/host/api-error';
import type { IpcReply } from '../shared/ipc-protocol';
import type { SenderInfo } from './sender-check';

export interface IpcHandlerDeps {
  /** ApiService.call: validates and runs. */
  call(method: string, rawInput: unknown): Promise<unknown>;
  isTrustedSender(sender: SenderInfo): boolean;
  /** Where unexpected failures are logged with their stack, which the page never sees. */
  logError(message: string, error: unknown): void;
}

export type IpcHandler = (sender: SenderInfo, rawInput: unknown) => Promise<IpcReply>;

export function buildIpcHandlers(deps: IpcHandlerDeps): Record<MethodName, IpcHandler> {
  const table = {} as Record<MethodName, IpcHandler>;
  for (const method of methodNames) {
    table[method] = async (sender, rawInput) => {
      if (!deps.isTrustedSender(sender)) {
        deps.logError(`Refused ${method} from a sender that is not Sincro's window (${sender.frameUrl ?? 'no frame'})`, undefined);
        return { error: 'This page may not use Sincro.', code: 'bad-input' };
      }
      try {
        return { result: (await deps.call(method, rawInput)) ?? null };
      } catch (e) {
        if (!(e instanceof ApiError)) deps.logError(`${method} failed`, e);
        return toErrorBody(e);
      }
    };
  }
  return table;
}

/** The message only, never the stack; for bad input also the fields. */
export function toErrorBody(e: unknown): ApiErrorBody {
  if (e instanceof ApiError) return { error: e.message, code: e.code, ...(e.problems ? { problems: e.problems } : {}) };
  return { error: e instanceof Error ? e.message : String(e), code: 'failed' };
}
