/** Reading what a client sent, for the web host: the address and the body, both bounded. */
import type { IncomingMessage } from 'node:http';

/** The request's address, or undefined when it cannot be parsed (`GET http://[::1/`). */
export function requestUrl(req: IncomingMessage, port: number): URL | undefined {
  try {
    return new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return undefined;
  }
}

/** A %-decoded path, or undefined when an escape in it is not UTF-8 (`/%E0%A4%A`). */
export function decodedPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * The request body as text, up to `limit` bytes. A body that says or turns out to be larger stops
 * being read (the answer then closes the connection); a client that goes away mid-body settles the
 * promise too, so nothing waits forever.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((settle) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      chunks.length = 0;
      req.off('data', onData);
      settle({ ok: false, reason: 'too-large' });
    };
    req.on('data', onData);
    req.on('end', () => settle({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => settle({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) settle({ ok: false, reason: 'aborted' });
    });
  });
}
