/**
 * SincroApi over HTTP and WebSocket, for the screen served by `sincro serve`. The access token
 * comes in the address's #fragment (which browsers never send to the server); it is kept for the
 * tab's lifetime and removed from the address bar.
 */
import type { ApiErrorBody, AppEvent, MethodInput, MethodName, MethodResult, SincroApi } from '../../../core/api/contract';
import type { FlowProblem } from '../../../core/api/flow-document';
import type { RunEvent } from '../../../core/api/run-model';

const TOKEN_KEY = 'sincro.token';

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly code: ApiErrorBody['code'],
    readonly problems: FlowProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

function takeToken(): string | null {
  const fromHash = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash)?.[1];
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function createWebClient(): SincroApi {
  const token = takeToken() ?? '';
  const listeners = new Set<(e: RunEvent | AppEvent) => void>();
  let socket: WebSocket | undefined;
  let retryMs = 500;

  const connect = () => {
    const url = new URL('api/events', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    socket = new WebSocket(url);
    socket.onmessage = (m) => {
      const event = JSON.parse(String(m.data)) as RunEvent | AppEvent;
      for (const l of listeners) l(event);
    };
    socket.onopen = () => (retryMs = 500);
    socket.onclose = () => {
      socket = undefined;
      if (listeners.size) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 10_000)));
    };
  };

  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
      const res = await fetch(new URL(`api/call/${method}`, window.location.href), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sincro-token': token },
        body: JSON.stringify(input ?? {}),
      });
      const body = (await res.json()) as { result: MethodResult<M> } | ApiErrorBody;
      if ('error' in body) throw new ApiCallError(body.error, body.code, body.problems);
      return body.result;
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => {
        listeners.delete(listener);
        if (!listeners.size) socket?.close();
      };
    },
  };
}
