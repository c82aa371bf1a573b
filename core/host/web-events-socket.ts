/**
 * The run and app events for `sincro serve`'s screen, over a WebSocket at /api/events?token=….
 * The socket only carries events from the server; the screen calls the API over HTTP. Anything
 * a client sends on it ends the connection with a reason, and a client that breaks the protocol
 * (garbage bytes, unmasked or oversized frames, text that is not UTF-8) is cut off; neither may
 * throw, since an unheard 'error' event on a socket ends the whole process.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiService } from './api-service';
import { answerOnSocket } from './web-answer';
import { requestUrl } from './web-request';

/** Frames larger than this are refused (close code 1009); a client has nothing to send anyway. */
const MAX_CLIENT_FRAME = 64 * 1024;
export const EVENTS_ONLY = 'This socket only sends events; call the API with POST /api/call/<method>.';

export interface EventsSocketChecks {
  port(): number;
  allowedHost(req: IncomingMessage): boolean;
  tokenOk(given: string | null | undefined): boolean;
}

export interface EventsSocket {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createEventsSocket(api: ApiService, checks: EventsSocketChecks): EventsSocket {
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME });
  const forward = (event: unknown) => {
    const text = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  api.events.on('event', forward);

  const refusal = (req: IncomingMessage): { status: number; error: string } | undefined => {
    const url = requestUrl(req, checks.port());
    if (!url) return { status: 400, error: 'The address cannot be read.' };
    if (!checks.allowedHost(req)) return { status: 421, error: 'Unknown host' };
    if (url.pathname !== '/api/events') return { status: 404, error: 'Not found' };
    const origin = req.headers.origin;
    const port = checks.port();
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return { status: 403, error: 'This page may not read Sincro’s events.' };
    if (!checks.tokenOk(url.searchParams.get('token'))) return { status: 401, error: 'The events need the token of the address printed by `sincro serve`.' };
    return undefined;
  };

  return {
    handleUpgrade(req, socket, head) {
      // Node hands over the socket without its own error listener: a client reset would throw.
      socket.on('error', () => socket.destroy());
      const refused = refusal(req);
      if (refused) return answerOnSocket(socket, refused.status, { error: refused.error, code: refused.status === 404 ? 'not-found' : 'bad-input' });
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        ws.on('message', () => ws.close(1008, EVENTS_ONLY));
        // On a protocol error ws itself sends the fitting close code (1002, 1007, 1009) and ends
        // the connection; the listener only keeps the error from being thrown.
        ws.on('error', () => undefined);
      });
    },
    close() {
      api.events.off('event', forward);
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
