/**
 * The "test connection" verdicts, each against a real endpoint on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MplusClient } from './client';
import { startMplusSandbox, type MplusSandbox } from './sandbox/server';

let sandbox: MplusSandbox;
let website: Server;
let websiteUrl: string;

beforeAll(async () => {
  sandbox = await startMplusSandbox({ ident: 'my-ident', secret: 'my-secret' });
  website = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<html><body>Welkom</body></html>');
  });
  await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
  websiteUrl = `http://127.0.0.1:${(website.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => website.close(resolve));
});

const verdict = (baseUrl: string, ident = 'my-ident', secret = 'my-secret') => new MplusClient({ baseUrl, ident, secret, timeoutMs: 2000 }).testConnection();

describe('testConnection', () => {
  it('ok: names the API version', async () => {
    expect(await verdict(sandbox.url)).toMatchObject({ ok: true, kind: 'ok', version: '67.1.3', message: expect.stringMatching(/^Connected to MplusKASSA API 67\.1\.3 at 127\.0\.0\.1:\d+\.$/) });
  });

  it('wrong ident or secret', async () => {
    const v = await verdict(sandbox.url, 'my-ident', 'nope');
    expect(v).toMatchObject({ ok: false, kind: 'auth' });
    expect(v.message).toMatch(/refused the ident or secret/);
    expect(v.message).not.toContain('nope');
  });

  it('host unreachable: refused port and unknown host', async () => {
    expect(await verdict('http://127.0.0.1:1')).toMatchObject({ ok: false, kind: 'unreachable', message: 'Cannot reach 127.0.0.1:1: the connection was refused. Check the address and port.' });
    expect((await verdict('https://no-such-host.invalid:44281')).kind).toBe('unreachable');
  });

  it('TLS problem: https:// to a port that does not speak TLS', async () => {
    const v = await verdict(sandbox.url.replace('http:', 'https:'));
    expect(v).toMatchObject({ ok: false, kind: 'tls' });
    expect(v.message).toMatch(/^TLS problem with 127\.0\.0\.1:\d+: /);
  });

  it('not an MplusKASSA API: a web page answers', async () => {
    const v = await verdict(websiteUrl);
    expect(v).toMatchObject({ ok: false, kind: 'not-mplus' });
    expect(v.message).toMatch(/answered, but not like the MplusKASSA API: the answer is not a SOAP message \(expected a SOAP Envelope, found <html>\)/);
  });

  it('a bad base URL is refused when the client is made', () => {
    expect(() => new MplusClient({ baseUrl: 'ftp://x', ident: 'a', secret: 'b' })).toThrow(/must start with https:\/\//);
    expect(() => new MplusClient({ baseUrl: 'api.mpluskassa.nl', ident: 'a', secret: 'b' })).toThrow(/is not a URL/);
  });
});
