/**
 * Issue 11 §6, connections that work in both hosts, through the API as `sincro serve` builds it
 * (createApiService without a way to open the OS browser): Teamleader's sign-in against the
 * sandbox's OAuth, the forms' fields and words, problems at their field, the last test kept with
 * the connection, editing, and MplusKASSA's one API address with older connections still working.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo, ConnectionKindInfo } from '../api/contract';
import { startMplusSandbox, type MplusSandbox } from '../connectors/mplus/sandbox/server';
import { startTeamleaderSandbox, type TeamleaderSandbox } from '../connectors/teamleader/sandbox/server';
import { testStore } from '../testing/golden';
import { ApiError } from './api-error';
import type { ApiService } from './api-service';
import { createApiService } from './create-api-service';

let teamleader: TeamleaderSandbox;
let mplus: MplusSandbox;
let store: ReturnType<typeof testStore>;
let api: ApiService;

beforeAll(async () => {
  [teamleader, mplus] = await Promise.all([startTeamleaderSandbox(), startMplusSandbox({ ident: 'shop-ident', secret: 'shop-secret' })]);
});
afterAll(async () => {
  await Promise.all([teamleader.close(), mplus.close()]);
});
beforeEach(() => {
  store = testStore();
  api = createApiService(store, 'web');
});
afterEach(async () => {
  await api.stop();
  store.dispose();
});

const call = <T>(method: string, input: unknown) => api.call(method, input) as Promise<T>;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** What the person does in the tab the screen opened: Teamleader (here its sandbox) consents and sends the browser back. */
async function consentInBrowser(url: string): Promise<string> {
  const consent = await fetch(url, { redirect: 'manual' });
  const back = consent.headers.get('location');
  if (!back) throw new Error(`no redirect from ${url}: ${consent.status}`);
  return (await fetch(back)).text();
}

async function addTeamleader(redirectPort: number): Promise<ConnectionInfo> {
  return call<ConnectionInfo>('connections.add', { kind: 'teamleader', name: 'Teamleader', config: { baseUrl: teamleader.url, authBaseUrl: teamleader.url, redirectPort }, secrets: { clientId: teamleader.clientId, clientSecret: teamleader.clientSecret } });
}

describe('signing in to Teamleader in the browser host', () => {
  it('gives the sign-in page and the redirect address, and keeps the answer with the connection once the browser came back', async () => {
    const port = await freePort();
    const c = await addTeamleader(port);
    expect(c.redirectUri).toBe(`http://127.0.0.1:${port}/oauth/callback`);
    expect(c.lastTest).toBeNull();

    const started = await call<{ url: string; redirectUri: string; opened: boolean }>('connections.signIn', { id: c.id });
    expect(started).toMatchObject({ redirectUri: `http://127.0.0.1:${port}/oauth/callback`, opened: false });
    expect(started.url).toMatch(new RegExp(`^${teamleader.url}/oauth2/authorize\\?client_id=`));
    expect(await call('connections.signInResult', { id: c.id, waitMs: 0 })).toEqual({ state: 'waiting' });

    expect(await consentInBrowser(started.url)).toContain('Sincro is connected to Teamleader');
    const answer = await call<{ state: string; ok: boolean; message: string }>('connections.signInResult', { id: c.id });
    expect(answer).toMatchObject({ state: 'done', ok: true, message: 'Signed in to Teamleader. Connected as Sanne Verbeek of Demowinkel BV.' });
    const [listed] = await call<ConnectionInfo[]>('connections.list', {});
    expect(listed?.lastTest).toMatchObject({ ok: true, message: answer.message });
    expect(listed?.secretFields).toEqual(expect.arrayContaining(['clientId', 'clientSecret', 'accessToken', 'refreshToken']));
  });

  it('a second attempt replaces the first on the same port; one that cannot start says why', async () => {
    const port = await freePort();
    const c = await addTeamleader(port);
    const first = await call<{ url: string }>('connections.signIn', { id: c.id });
    const second = await call<{ url: string }>('connections.signIn', { id: c.id });
    expect(second.url).not.toBe(first.url);
    await consentInBrowser(second.url);
    expect(await call('connections.signInResult', { id: c.id })).toMatchObject({ state: 'done', ok: true });

    // Another program has the redirect port.
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      await expect(call('connections.signIn', { id: c.id })).rejects.toThrow(/its port is in use by another program/);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
    const mplusConn = await call<ConnectionInfo>('connections.add', { kind: 'mplus', name: 'Kassa', config: { apiAddress: `http://127.0.0.1:${mplus.port}` }, secrets: { ident: 'shop-ident', secret: 'shop-secret' } });
    await expect(call('connections.signIn', { id: mplusConn.id })).rejects.toThrow('“Kassa” is connected with its settings; there is nothing to sign in to.');
  });

  it('asks to register no redirect address when the port is 0 (a free port at each sign-in, as a sandbox has), and signs in on the port it got', async () => {
    const c = await addTeamleader(0);
    expect(c.redirectUri).toBeUndefined();
    const started = await call<{ url: string; redirectUri: string }>('connections.signIn', { id: c.id });
    expect(started.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/oauth\/callback$/);
    await consentInBrowser(started.url);
    expect(await call('connections.signInResult', { id: c.id })).toMatchObject({ state: 'done', ok: true });
  });
});

describe('connection forms', () => {
  it('ask for what a person types: no token fields, MplusKASSA as one API address with an example, Teamleader’s rare settings tucked away', async () => {
    const kinds = await call<ConnectionKindInfo[]>('connectionKinds.list', {});
    const tl = kinds.find((k) => k.kind === 'teamleader');
    expect(tl?.secretFields).toEqual(['clientId', 'clientSecret']);
    expect(tl?.secrets.map((s) => s.label)).toEqual(['Client id', 'Client secret']);
    expect(tl?.signIn).toEqual({ portSetting: 'redirectPort', redirectPath: '/oauth/callback', tokenFields: ['accessToken', 'refreshToken', 'expiresAt'] });
    const tlConfig = tl?.configSchema as { properties: Record<string, { advanced?: boolean }> };
    expect(Object.entries(tlConfig.properties).filter(([, s]) => !s.advanced)).toEqual([]);

    const mp = kinds.find((k) => k.kind === 'mplus');
    expect(mp?.configSchema).toMatchObject({ properties: { apiAddress: { label: 'API address', placeholder: 'https://api.mpluskassa.nl:44281' } }, required: ['apiAddress'] });
    expect(Object.keys((mp?.configSchema as { properties: object }).properties)).toEqual(['apiAddress']);
    expect(mp?.secrets.map((s) => s.label)).toEqual(['Ident', 'Secret']);
  });

  it('put each problem at its field', async () => {
    const error = await call('connections.add', { kind: 'mplus', name: 'Kassa', config: { apiAddress: 'api.mpluskassa.nl' }, secrets: { ident: '' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problems).toEqual([
      { path: 'config.apiAddress', message: 'add your account’s port after the host name, e.g. https://api.mpluskassa.nl:44281' },
      { path: 'secrets.ident', message: 'enter the ident from the MplusKASSA API settings' },
      { path: 'secrets.secret', message: 'enter the secret from the MplusKASSA API settings' },
    ]);
  });

  it('keep the last test with the connection until its settings change; an edit checks like an add', async () => {
    const c = await call<ConnectionInfo>('connections.add', { kind: 'mplus', name: 'Kassa', config: { apiAddress: `http://127.0.0.1:${mplus.port}` }, secrets: { ident: 'shop-ident', secret: 'wrong' } });
    const failed = await call<{ ok: boolean; message: string; at: string }>('connections.test', { id: c.id });
    expect(failed).toMatchObject({ ok: false, message: expect.stringMatching(/refused the ident or secret/), at: expect.any(String) });
    expect((await call<ConnectionInfo[]>('connections.list', {}))[0]?.lastTest).toEqual(failed);

    await expect(call('connections.update', { id: c.id, config: { apiAddress: 'nope/x' } })).rejects.toMatchObject({ problems: [{ path: 'config.apiAddress' }] });
    // A new secret typed; an empty one leaves the stored one as it is.
    const edited = await call<ConnectionInfo>('connections.update', { id: c.id, name: 'Kassa (winkel)', secrets: { ident: '', secret: 'shop-secret' } });
    expect(edited).toMatchObject({ name: 'Kassa (winkel)', lastTest: null });
    expect(store.connections.get(c.id)?.secrets).toEqual({ ident: 'shop-ident', secret: 'shop-secret' });
    expect(await call('connections.test', { id: c.id })).toMatchObject({ ok: true });
  });

  it('show a MplusKASSA connection stored with host, port and https as its API address; it keeps working', async () => {
    const old = store.connections.add({ kind: 'mplus', name: 'Oud', config: { host: '127.0.0.1', port: mplus.port, https: false }, secrets: { ident: 'shop-ident', secret: 'shop-secret' } });
    expect((await call<ConnectionInfo[]>('connections.list', {}))[0]?.config).toEqual({ apiAddress: `http://127.0.0.1:${mplus.port}` });
    expect(await call('connections.test', { id: old.id })).toMatchObject({ ok: true });
  });

  it('an edit of a Teamleader connection’s integration forgets the tokens of the old sign-in', async () => {
    const c = await addTeamleader(0);
    const { url } = await call<{ url: string }>('connections.signIn', { id: c.id });
    await consentInBrowser(url);
    await call('connections.signInResult', { id: c.id });
    expect(store.connections.get(c.id)?.secrets.refreshToken).toBeTruthy();
    await call('connections.update', { id: c.id, secrets: { clientSecret: teamleader.clientSecret } });
    expect(Object.keys(store.connections.get(c.id)?.secrets ?? {}).sort()).toEqual(['clientId', 'clientSecret']);
  });
});
