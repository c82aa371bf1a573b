/**
 * fast-check generators of hostile traffic for `sincro serve`: raw HTTP requests (paths with
 * broken escapes, raw bytes, `..`, control characters, huge lengths; lying headers; bodies that are
 * not JSON, nested deep, huge) and WebSocket handshakes followed by raw frames.
 */
import fc from 'fast-check';
import { clientFrame } from './websocket-probe';

export interface FuzzTarget {
  port: number;
  token: string;
}

export interface HttpCase {
  kind: 'http';
  /** The request as bytes on the wire. */
  bytes: Buffer;
  /** The body is shorter than its Content-Length: the client gives up (half-closes) after it. */
  incomplete: boolean;
  /** For the failure message. */
  summary: string;
}

export interface SocketCase {
  kind: 'socket';
  path: string;
  headers: Record<string, string | undefined>;
  frames: Buffer;
  eager: boolean;
  summary: string;
}

const METHODS = ['app.info', 'flows.list', 'flows.get', 'flows.save', 'flows.check', 'flows.parse', 'flows.previewNode', 'flows.versions', 'runs.list', 'runs.get', 'runs.records', 'runs.find', 'runs.start', 'settings.get', 'dashboard.stats', 'constructor', 'toString', 'hasOwnProperty', 'nope', 'flows', 'flows.', '.'];

/** Usually the valid value, sometimes one of the hostile ones: a case breaks a few things at once, not all. */
function mostly<T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>, validWeight = 6): fc.Arbitrary<T> {
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

const hex = (b: number) => `%${b.toString(16).padStart(2, '0')}`;

const pathFragment = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('api', 'call', 'events', 'assets', 'app.js', 'index.html', 'flows.list', '..', '.', '', '%2e%2e', '%2f', '%5c', '%00', '%E0%A4%A', '%', '%G0', '%ff', '%C0%AF', '%e2%82', '~', '*', ';', '?', '#', '?token=', '&', '\\'),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 255 }).map(hex) },
  // Raw control characters and bytes over 0x7f: the HTTP parser refuses most of them itself.
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)) },
);

export const pathArb = (t: FuzzTarget) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...METHODS).map((m) => `/api/call/${m}`) },
    { weight: 1, arbitrary: fc.constantFrom('/', '/index.html', '/assets/app.js', '/api/', '/api/call/', '/api/events', `/api/call/flows.list?token=${t.token}`, '*', 'http://[::1/', `http://127.0.0.1:${t.port}/api/call/flows.list`, '//evil.example/api/call/flows.list', '') },
    { weight: 3, arbitrary: fc.array(pathFragment, { maxLength: 8 }).chain((parts) => fc.constantFrom('/', '//', '\\', '').map((sep) => `/${parts.join(sep)}`)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '%E0', '../', '%'), fc.integer({ min: 500, max: 20_000 })).map(([s, n]) => `/${s.repeat(n)}`) },
  );

const hostArb = (t: FuzzTarget) =>
  mostly(
    fc.constantFrom<Array<string | undefined>>([`127.0.0.1:${t.port}`], [`localhost:${t.port}`]),
    fc.constantFrom<Array<string | undefined>>(
    ['evil.example.com'],
    [''],
    ['127.0.0.1'],
    [`127.0.0.1:${t.port}\x00`],
    [undefined],
    [`127.0.0.1:${t.port}`, 'evil.example.com'],
    ),
  );

const tokenArb = (t: FuzzTarget) =>
  mostly(
    fc.constantFrom<Array<[string, string]>>([['x-sincro-token', t.token]], [['X-Sincro-Token', t.token]]),
    fc.constantFrom<Array<[string, string]>>(
    [],
    [['x-sincro-token', '']],
    [['x-sincro-token', 'x'.repeat(t.token.length)]],
    [['x-sincro-token', `${t.token} `]],
    [['x-sincro-token', t.token], ['x-sincro-token', t.token]],
    [['x-sincro-token ', t.token]],
    [['x-sincro-token', 'é'.repeat(t.token.length / 2)]],
    [['x-sincro-token', t.token.repeat(500)]],
    ),
    3,
  );

const otherHeadersArb = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<[string, string]>(['content-type', 'application/json'], ['accept', '*/*'], ['user-agent', 'fuzz']) },
    fc.constantFrom<[string, string]>(['origin', 'http://evil.example.com'], ['origin', 'null'], ['content-type', 'application/json'], ['content-type', 'text/plain'], ['content-type', 'application/x-www-form-urlencoded'], ['content-type', 'multipart/form-data; boundary=x'], ['content-type', '\x7f;;;'], ['expect', '100-continue'], ['accept-encoding', 'gzip, br'], ['cookie', 'a=b'], ['referer', 'http://evil.example.com/']),
    fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/), fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' '))),
    { weight: 1, arbitrary: mostly(fc.constant<[string, string]>(['x-padding', 'p']), fc.integer({ min: 10_000, max: 40_000 }).map((n): [string, string] => ['x-padding', 'p'.repeat(n)]), 3) },
  ),
  { maxLength: 3 },
);

const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);

export const bodyArb = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.constantFrom('{}', '{"limit":5}', '{"id":"x"}', '{"runId":"r"}', '{"key":"k"}', '{"text":"{}"}', 'null', '[]', '"text"', '1e999', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}').map((s) => Buffer.from(s)),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.integer({ min: 10, max: 100_000 }).map((n) => Buffer.from(deep(n, '[', ']'))),
  fc.integer({ min: 10, max: 50_000 }).map((n) => Buffer.from(`{"limit":${deep(n, '{"a":', '}').replace(/}+$/, (m) => `1${m}`)}}`)),
  fc.integer({ min: 10, max: 20_000 }).map((n) => Buffer.from(`{"doc":{"schemaVersion":1,"id":"deep","name":"Deep","edges":[],"nodes":[{"id":"src","type":"core.source.sample","config":{"records":${deep(n, '[', ']')}}}]}}`)),
  fc.integer({ min: 100_000, max: 2_000_000 }).map((n) => Buffer.from(`{"text":"${'x'.repeat(n)}"}`)),
);

/** How the body is framed: honest, lying in either direction, absent, chunked (well or badly). */
const framingArb = mostly(fc.constantFrom('length', 'chunked'), fc.constantFrom('shorter', 'longer', 'none', 'negative', 'words', 'huge', 'twice', 'bad-chunks', 'chunked+length'), 6);

function frame(body: Buffer, framing: string): { headers: Array<[string, string]>; payload: Buffer; incomplete: boolean } {
  const len = body.length;
  switch (framing) {
    case 'shorter':
      return { headers: [['content-length', String(Math.max(0, len - 3))]], payload: body, incomplete: false };
    case 'longer':
      return { headers: [['content-length', String(len + 10)]], payload: body, incomplete: true };
    case 'none':
      return { headers: [], payload: body, incomplete: false };
    case 'negative':
      return { headers: [['content-length', '-1']], payload: body, incomplete: false };
    case 'words':
      return { headers: [['content-length', 'twelve']], payload: body, incomplete: false };
    case 'huge':
      return { headers: [['content-length', '99999999999999999999']], payload: body, incomplete: true };
    case 'twice':
      return { headers: [['content-length', String(len)], ['content-length', String(len + 1)]], payload: body, incomplete: false };
    case 'chunked':
      return { headers: [['transfer-encoding', 'chunked']], payload: Buffer.concat([Buffer.from(`${len.toString(16)}\r\n`), body, Buffer.from(len ? '\r\n0\r\n\r\n' : '\r\n')]), incomplete: false };
    case 'bad-chunks':
      return { headers: [['transfer-encoding', 'chunked']], payload: Buffer.concat([Buffer.from('zz\r\n'), body]), incomplete: true };
    case 'chunked+length':
      return { headers: [['transfer-encoding', 'chunked'], ['content-length', String(len)]], payload: body, incomplete: false };
    default:
      return { headers: [['content-length', String(len)]], payload: body, incomplete: false };
  }
}

export const httpCaseArb = (t: FuzzTarget): fc.Arbitrary<HttpCase> =>
  fc
    .record({
      // The method fits the path mostly (POST for the API, GET for the screen), so most cases get
      // past routing into the handler that decodes the path or reads the body.
      target: pathArb(t).chain((path) =>
        mostly(fc.constant(path.startsWith('/api/') ? 'POST' : 'GET'), fc.constantFrom('POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PROPFIND', 'get', 'G E T', ''), 4).map((method) => ({ method, path })),
      ),
      version: mostly(fc.constant('HTTP/1.1'), fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/9', ''), 10),
      host: hostArb(t),
      token: tokenArb(t),
      others: otherHeadersArb,
      body: bodyArb,
      framing: framingArb,
      pipelined: mostly(fc.constant(''), fc.constantFrom('GARBAGE\r\n\r\n', `GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\n\r\n`, 'POST /api/call/flows.list HTTP/1.1\r\n\r\n')),
    })
    .map((c) => {
      const framed = frame(c.body, c.framing);
      const headers: Array<[string, string]> = [...c.host.flatMap((h): Array<[string, string]> => (h === undefined ? [] : [['host', h]])), ...c.token, ...c.others, ...framed.headers, ['connection', 'close']];
      const head = `${c.target.method} ${c.target.path} ${c.version}`.trimEnd();
      const bytes = Buffer.concat([Buffer.from(`${head}\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`, 'latin1'), framed.payload, Buffer.from(c.pipelined, 'latin1')]);
      const summary = `${head.slice(0, 120)} · ${headers.map(([k, v]) => `${k}: ${v.slice(0, 30)}`).join(' | ').slice(0, 300)} · body ${c.body.length} B ${c.framing}${c.pipelined ? ' + pipelined' : ''}`;
      return { kind: 'http' as const, bytes, incomplete: framed.incomplete, summary };
    });

const payloadArb = fc.oneof(
  fc.constantFrom('{"method":"flows.list","input":{}}', '{"id":1,"method":"nope"}', 'not json', '[1,2]', 'null', '{}', '{"__proto__":{}}').map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  fc.integer({ min: 60_000, max: 200_000 }).map((n) => Buffer.from('x'.repeat(n))),
);

const frameArb = fc.oneof(
  payloadArb.map((p) => clientFrame(1, p)),
  payloadArb.map((p) => clientFrame(2, p)),
  fc.constantFrom(9, 10).chain((op) => fc.uint8Array({ maxLength: 200 }).map((a) => clientFrame(op, Buffer.from(a)))),
  fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.string({ maxLength: 80 })).map(([code, reason]) => {
    const p = Buffer.alloc(2 + Buffer.byteLength(reason));
    p.writeUInt16BE(code);
    p.write(reason, 2);
    return clientFrame(8, p);
  }),
  fc.constantFrom(3, 4, 5, 6, 7, 11, 12, 13, 14, 15).map((op) => clientFrame(op, Buffer.from('x'))),
  payloadArb.map((p) => clientFrame(1, p, false)),
  payloadArb.map((p) => clientFrame(0, p)),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.constant(Buffer.from([0x81, 0x02, 0x68, 0x69])),
  fc.constant(Buffer.from([0xf1, 0x80, 0, 0, 0, 0])),
  fc.constant(Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4])),
);

export const socketCaseArb = (t: FuzzTarget): fc.Arbitrary<SocketCase> =>
  fc
    .record({
      path: mostly(fc.constant(`/api/events?token=${t.token}`), fc.constantFrom('/api/events?token=wrong', '/api/events', `/api/events/?token=${t.token}`, `/api/events?token=${t.token}&token=x`, `/api/call/flows.list?token=${t.token}`, '/%E0%A4%A', 'http://[::1/', `/api/events?token=${encodeURIComponent(t.token)}%`), 4),
      host: hostArb(t),
      origin: mostly(fc.constantFrom(undefined, `http://127.0.0.1:${t.port}`), fc.constantFrom('http://evil.example.com', 'null', '\x01')),
      version: mostly(fc.constant('13'), fc.constantFrom('8', 'x', undefined)),
      key: mostly(fc.constant(undefined), fc.constantFrom('', 'short', 'not base64 at all!!!!!!', 'AAAAAAAAAAAAAAAAAAAAAA==')),
      extensions: mostly(fc.constant(undefined), fc.constantFrom('permessage-deflate', 'garbage;;;=', 'permessage-deflate; client_max_window_bits=99')),
      frames: fc.array(frameArb, { maxLength: 5 }),
      eager: fc.boolean(),
    })
    .map((c) => {
      const headers: Record<string, string | undefined> = { host: c.host[0], origin: c.origin, 'sec-websocket-version': c.version, 'sec-websocket-extensions': c.extensions };
      if (c.key !== undefined) headers['sec-websocket-key'] = c.key || undefined;
      const frames = Buffer.concat(c.frames);
      const summary = `WS ${c.path.slice(0, 80)} · ${JSON.stringify(headers).slice(0, 200)} · ${c.frames.length} frames, ${frames.length} B${c.eager ? ', sent with the handshake' : ''}`;
      return { kind: 'socket' as const, path: c.path, headers, frames, eager: c.eager, summary };
    });
