/**
 * Hostile input against the real `sincro serve` process: no request, however malformed, may end
 * the process or stop it answering an authenticated call.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange as rawAnswer, startServedProcess, type ServedProcess } from '../testing/served-process';
import { clientFrame, rawUpgrade, sendOverEventsSocket } from '../testing/websocket-probe';

let served: ServedProcess;
beforeAll(async () => {
  served = await startServedProcess();
}, 90_000);
afterAll(async () => {
  await served.close();
});

const STACK_TRACE = /\n\s+at .+\(|\n\s+at [\w.<>]+ \(|node:internal|\.ts:\d+:\d+/;

/** After each hostile case: still running, still answering, nothing leaked. */
afterEach(async () => {
  expect(served.alive(), `sincro serve ended; its stderr:\n${served.stderr()}`).toBe(true);
  const r = await served.call('flows.list', {});
  expect(r.status).toBe(200);
  expect(r.body.result).toEqual([]);
});

const rawExchange = async (port: number, data: string, waitMs?: number) => (await rawAnswer(port, data, { waitMs })).text;
const get = (path: string, headers = `Host: 127.0.0.1:${served.port}\r\n`) => rawExchange(served.port, `GET ${path} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`);
const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);

describe('sincro serve under malformed requests', () => {
  it('answers a path with a broken percent-escape with 400 instead of ending', async () => {
    const answer = await get('/%E0%A4%A');
    expect(status(answer)).toBe(400);
    expect(JSON.parse(bodyOf(answer))).toEqual({ error: 'The address /%E0%A4%A is not valid: a %-escape in it is not UTF-8.', code: 'bad-input' });
  });

  it('answers broken escapes under /api/ in the API error shape, and an address it cannot parse', async () => {
    const answer = await get('/api/call/%E0%A4%A');
    expect(status(answer)).toBe(404);
    expect(JSON.parse(bodyOf(answer))).toMatchObject({ code: 'not-found' });
    const absolute = await get('http://[::1/');
    expect(status(absolute)).toBe(400);
    expect(JSON.parse(bodyOf(absolute))).toMatchObject({ code: 'bad-input' });
  });

  it('still serves the screen and refuses paths that leave it', async () => {
    expect(status(await get('/assets/app.js'))).toBe(200);
    expect(bodyOf(await get('/assets/app.js'))).toContain('console.log');
    // A path that climbs out is read from the root of the screen's folder: the index page.
    const climbing = await get('/..%2f..%2f..%2fetc%2fpasswd');
    expect(status(climbing)).toBe(200);
    expect(bodyOf(climbing)).toContain('<title>Sincro</title>');
    expect(status(await get('/%00'))).toBe(200);
  });

  it('answers a request line or headers the parser refuses with 400, and a body over the limit with 413', async () => {
    const garbage = await rawExchange(served.port, 'GARBAGE\x00\x01 / HTTP/9\r\n\r\n');
    expect(status(garbage)).toBe(400);
    const tooLarge = await rawExchange(served.port, `POST /api/call/flows.list HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nx-sincro-token: ${served.token}\r\nContent-Length: 999999999\r\n\r\n{`);
    expect(status(tooLarge)).toBe(413);
    expect(JSON.parse(bodyOf(tooLarge))).toMatchObject({ code: 'bad-input' });
  });

  it('survives a body that ends early and a chunked body over the limit', async () => {
    await rawExchange(served.port, `POST /api/call/flows.list HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nx-sincro-token: ${served.token}\r\nContent-Length: 100\r\n\r\n{"a":`, 300);
    const chunk = 'x'.repeat(1024 * 1024);
    const chunks = Array.from({ length: 27 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const answer = await rawExchange(served.port, `POST /api/call/flows.list HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nx-sincro-token: ${served.token}\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`, 5000);
    // The server answers 413 and closes; the client, still writing, may see the reset first.
    if (answer) expect(status(answer)).toBe(413);
  });

  it('answers a wrong method on an API path with 405 and no stack trace anywhere', async () => {
    const answer = await get('/api/call/flows.list');
    expect(status(answer)).toBe(405);
    expect(answer).not.toMatch(STACK_TRACE);
  });
});

describe('sincro serve under hostile WebSocket traffic', () => {
  const eventsUrl = () => `ws://127.0.0.1:${served.port}/api/events?token=${served.token}`;

  it('refuses bad upgrade paths, tokens, hosts and origins with a status that says which', async () => {
    const path = `/api/events?token=${served.token}`;
    expect((await rawUpgrade(served.port, { path: '/api/nope' })).handshake).toMatch(/^HTTP\/1\.1 404/);
    expect((await rawUpgrade(served.port, { path: '/api/events?token=wrong' })).handshake).toMatch(/^HTTP\/1\.1 401/);
    expect((await rawUpgrade(served.port, { path, headers: { host: 'evil.example.com' } })).handshake).toMatch(/^HTTP\/1\.1 421/);
    expect((await rawUpgrade(served.port, { path, headers: { origin: 'http://evil.example.com' } })).handshake).toMatch(/^HTTP\/1\.1 403/);
    expect((await rawUpgrade(served.port, { path: '/%E0%A4%A' })).handshake).toMatch(/^HTTP\/1\.1 404/);
    expect((await rawUpgrade(served.port, { path: 'http://[::1/' })).handshake).toMatch(/^HTTP\/1\.1 400/);
    expect((await rawUpgrade(served.port, { path, headers: { 'sec-websocket-version': '99' } })).handshake).toMatch(/^HTTP\/1\.1 400/);
  });

  it('closes an events socket that receives raw garbage', async () => {
    const r = await rawUpgrade(served.port, { path: `/api/events?token=${served.token}`, afterUpgrade: Buffer.from([0xff, 0xff, 0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef]) });
    expect(r.handshake).toMatch(/^HTTP\/1\.1 101/);
    expect(r.closedByServer).toBe(true);
  });

  it('closes an events socket that receives an unmasked frame or a text frame that is not UTF-8', async () => {
    const unmasked = await rawUpgrade(served.port, { path: `/api/events?token=${served.token}`, afterUpgrade: Buffer.from([0x81, 0x02, 0x68, 0x69]) });
    expect(unmasked.closedByServer).toBe(true);
    const notUtf8 = await rawUpgrade(served.port, { path: `/api/events?token=${served.token}`, afterUpgrade: clientFrame(1, Buffer.from([0xe0, 0xa4])) });
    expect(notUtf8.closedByServer).toBe(true);
  });

  it('closes with a reason on any message from the client: the socket only sends events', async () => {
    for (const message of ['{"method":"flows.list"}', 'not json', '[1,2]', Buffer.from([1, 2, 3])]) {
      const r = await sendOverEventsSocket(eventsUrl(), message);
      expect(r.opened).toBe(true);
      expect(r.closeCode).toBe(1008);
      expect(r.reason).toBe('This socket only sends events; call the API with POST /api/call/<method>.');
    }
    const huge = await sendOverEventsSocket(eventsUrl(), 'x'.repeat(2 * 1024 * 1024));
    expect(huge.closeCode).toBe(1009);
  });
});
