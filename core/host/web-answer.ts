/**
 * How the web host answers: always JSON in the API's error shape (`{ error, code }`), never a stack
 * trace, and never twice, because writing to a response that has ended emits an 'error' event that
 * would end the process.
 */
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { ApiErrorBody } from '../api/contract';
import { ApiError } from './api-error';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export function sendJson(res: ServerResponse, status: number, body: { result: unknown } | ApiErrorBody, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** The status and body for an error thrown by an API call. */
export function apiErrorAnswer(e: unknown): { status: number; body: ApiErrorBody } {
  if (e instanceof ApiError) {
    const status = e.code === 'not-found' ? 404 : e.code === 'bad-input' ? 400 : 500;
    return { status, body: { error: e.message, code: e.code, ...(e.problems ? { problems: e.problems } : {}) } };
  }
  return { status: 500, body: { error: messageOf(e), code: 'failed' } };
}

/** An error's message without its stack (a message can carry one when an error wraps another). */
export function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n    at ')[0] ?? text;
}

/**
 * A whole HTTP answer written to a bare socket, for the moments no ServerResponse exists: a refused
 * WebSocket upgrade, a request the HTTP parser could not read.
 */
export function answerOnSocket(socket: Duplex, status: number, body: ApiErrorBody): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    ...Object.entries(JSON_HEADERS).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${Buffer.byteLength(text)}`,
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
}

/** The path as given, shortened for a message (a path can be megabytes long). */
export function shownPath(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
