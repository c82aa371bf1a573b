/**
 * "Test connection" answers in plain words for each way a connection can be wrong.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamleaderClient } from './client';
import { testTeamleaderConnection } from './connection-test';
import { staticAccessToken } from './oauth';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './sandbox/server';
import { clientFor } from './test-support';

let sandbox: TeamleaderSandbox;
let web: Server;
let webUrl: string;
beforeAll(async () => {
  sandbox = await startTeamleaderSandbox();
  // An ordinary web server: HTML for everything.
  web = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welcome</body></html>'));
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((r) => web.close(r));
});

const clientAt = (baseUrl: string) => new TeamleaderClient({ baseUrl, auth: staticAccessToken('x'), retry: { retries: 0, baseMs: 1, maxMs: 1 }, timeoutMs: 2000 });

describe('testTeamleaderConnection', () => {
  it('names the user and the company when all is well', async () => {
    const { client } = await clientFor(sandbox);
    const result = await testTeamleaderConnection(client);
    expect(result).toMatchObject({ ok: true, message: 'Connected as Sanne Verbeek of Demowinkel BV', companyName: 'Demowinkel BV' });
  });

  it('asks to reconnect when the authorisation is gone', async () => {
    const { client } = await clientFor(sandbox);
    sandbox.expireAccessTokens();
    sandbox.revokeRefreshTokens();
    const result = await testTeamleaderConnection(client);
    expect(result).toMatchObject({ ok: false, problem: 'reconnect' });
    expect(result.message).toMatch(/^Teamleader needs to be reconnected: /);
    const bare = await testTeamleaderConnection(new TeamleaderClient({ baseUrl: sandbox.url, auth: staticAccessToken('wrong') }));
    expect(bare).toMatchObject({ ok: false, problem: 'reconnect', message: 'Teamleader needs to be reconnected: the saved access was refused.' });
  });

  it('says when the host cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const result = await testTeamleaderConnection(clientAt(`http://127.0.0.1:${port}`));
    expect(result).toEqual({ ok: false, problem: 'unreachable', message: `Could not reach 127.0.0.1:${port}: the host could not be reached. Check the internet connection and the API address.` });
  });

  it('says when the secure connection fails', async () => {
    // HTTPS spoken to a plain HTTP server: the TLS handshake fails.
    const result = await testTeamleaderConnection(clientAt(webUrl.replace('http:', 'https:')));
    expect(result).toMatchObject({ ok: false, problem: 'tls' });
    expect(result.message).toMatch(/^A secure connection to 127\.0\.0\.1:\d+ could not be made/);
  });

  it('says when the address is not a Teamleader API', async () => {
    const result = await testTeamleaderConnection(clientAt(webUrl));
    expect(result).toEqual({ ok: false, problem: 'not-teamleader', message: `${new URL(webUrl).host} does not answer like the Teamleader API. Check the API address.` });
  });
});
