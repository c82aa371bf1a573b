/**
 * WebSocket clients for hostile-input tests: a raw one that completes the handshake and then writes
 * any bytes (garbage frames included), and a `ws` one that reports how the server closed it.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import WebSocket from 'ws';

export interface RawUpgradeResult {
  /** The server's answer to the handshake (its status line and headers), or '' when it sent none. */
  handshake: string;
  /** Whether the server closed the connection after `afterUpgrade` was written. */
  closedByServer: boolean;
  /** Everything after the handshake, as latin1 (frames the server sent). */
  rest: string;
  /** True when the server had not closed the connection within `waitMs`. */
  timedOut: boolean;
}

/**
 * Opens a TCP connection, sends a WebSocket handshake (with `headers` on top of the usual ones),
 * then writes `afterUpgrade` once the server answered (or at once with the handshake, `eager`),
 * and waits up to `waitMs` for the server to close the connection. `halfClose` ends the sending
 * side after the frames, as a client that leaves does.
 */
export function rawUpgrade(
  port: number,
  opts: { path: string; headers?: Record<string, string | undefined>; afterUpgrade?: Buffer; eager?: boolean; halfClose?: boolean; waitMs?: number },
): Promise<RawUpgradeResult> {
  return new Promise((resolveResult) => {
    const socket = connect(port, '127.0.0.1');
    const headers: Record<string, string | undefined> = {
      host: `127.0.0.1:${port}`,
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-key': randomBytes(16).toString('base64'),
      'sec-websocket-version': '13',
      ...opts.headers,
    };
    const lines = Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [`${k}: ${v}`]));
    let received = Buffer.alloc(0);
    let handshake = '';
    let closedByServer = false;
    let done = false;
    const finish = (timedOut = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const end = received.indexOf('\r\n\r\n');
      resolveResult({ handshake: handshake || received.toString('latin1'), closedByServer, rest: end < 0 ? '' : received.subarray(end + 4).toString('latin1'), timedOut });
    };
    const timer = setTimeout(() => finish(true), opts.waitMs ?? 2000);
    socket.on('data', (c: Buffer) => {
      received = Buffer.concat([received, c]);
      const end = received.indexOf('\r\n\r\n');
      if (!handshake && end >= 0) {
        handshake = received.subarray(0, end).toString('latin1');
        if (handshake.startsWith('HTTP/1.1 101') && opts.afterUpgrade && !opts.eager) send(opts.afterUpgrade);
      }
    });
    const closed = () => {
      closedByServer = true;
      finish();
    };
    socket.on('end', closed);
    socket.on('close', closed);
    socket.on('error', () => finish());
    const send = (frames: Buffer) => {
      socket.write(frames, () => undefined);
      if (opts.halfClose) socket.end();
    };
    const request = Buffer.from(`GET ${opts.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    if (opts.eager || !opts.afterUpgrade) send(Buffer.concat([request, opts.eager && opts.afterUpgrade ? opts.afterUpgrade : Buffer.alloc(0)]));
    else socket.write(request, () => undefined);
  });
}

/** A masked client frame (what a browser sends), for building valid and invalid frames by hand. */
export function clientFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = randomBytes(4);
  const len = payload.length;
  const head = len < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | len]) : len < 65536 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, len >> 8, len & 0xff]) : Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 127]), bigLength(len)]);
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
  return Buffer.concat([head, mask, masked]);
}

function bigLength(len: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(len));
  return b;
}

/** Opens the events socket with `ws`, sends `message`, and reports how the server closed it. */
export function sendOverEventsSocket(url: string, message: string | Buffer, waitMs = 3000): Promise<{ opened: boolean; closeCode: number | null; reason: string; received: string[] }> {
  return new Promise((resolveResult) => {
    const origin = new URL(url).origin.replace(/^ws/, 'http');
    const ws = new WebSocket(url, { headers: { origin } });
    const received: string[] = [];
    let opened = false;
    const timer = setTimeout(() => {
      ws.terminate();
      resolveResult({ opened, closeCode: null, reason: '', received });
    }, waitMs);
    ws.on('open', () => {
      opened = true;
      ws.send(message);
    });
    ws.on('message', (m: Buffer) => received.push(m.toString()));
    ws.on('error', () => undefined);
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolveResult({ opened, closeCode: code, reason: reason.toString(), received });
    });
  });
}
