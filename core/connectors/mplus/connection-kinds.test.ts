/**
 * The connection kinds' "test connection" answers, against real endpoints on 127.0.0.1.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredConnection } from '../../engine/services';
import { tempDir } from '../../testing/golden';
import { closeAllMplusSandboxes, mplusConnectionKinds, newMplusSandboxConnection } from './connection-kinds';
import { parseMplusAddress } from './connection-settings';
import { startMplusSandbox, type MplusSandbox } from './sandbox/server';

let sandbox: MplusSandbox;
const dir = tempDir();
beforeAll(async () => (sandbox = await startMplusSandbox({ ident: 'shop-ident', secret: 'shop-secret' })));
afterAll(async () => {
  await sandbox.close();
  await closeAllMplusSandboxes();
  dir.remove();
});

const [mplusKind, sandboxKind] = mplusConnectionKinds;
const real = (config: Record<string, unknown>, secrets: Record<string, string> = { ident: 'shop-ident', secret: 'shop-secret' }): StoredConnection => ({
  id: 'c1',
  kind: 'mplus',
  name: 'Winkel',
  config: { host: '127.0.0.1', port: sandbox.port, https: false, ...config },
  secrets,
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('the "mplus" connection kind', () => {
  it('answers in words: connected, wrong secret, nothing listening, not a host name', async () => {
    expect(await mplusKind?.test(real({}))).toEqual({ ok: true, message: `Connected to MplusKASSA API 67.1.3 at 127.0.0.1:${sandbox.port}.` });
    const wrong = await mplusKind?.test(real({}, { ident: 'shop-ident', secret: 'guessed' }));
    expect(wrong).toEqual({ ok: false, message: 'MplusKASSA refused the ident or secret (Invalid ident or secret.). Check both in the MplusKASSA API settings.' });
    const port = await closedPort();
    expect(await mplusKind?.test(real({ port }))).toEqual({ ok: false, message: `Cannot reach 127.0.0.1:${port}: the connection was refused. Check the address and port.` });
    expect(await mplusKind?.test(real({ host: 'https://api.mpluskassa.nl' }))).toEqual({
      ok: false,
      message: 'The MplusKASSA connection "Winkel": host: enter only the host name (e.g. api.mpluskassa.nl), without https://, a port or a path.',
    });
  });

  it('checks the API address with messages for the form', () => {
    const messages = (apiAddress: unknown) => mplusKind?.config.safeParse({ apiAddress }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(messages(undefined)).toEqual([['apiAddress', 'enter the API address MplusKASSA gave you, e.g. https://api.mpluskassa.nl:44281']]);
    expect(messages('api.mpluskassa.nl')).toEqual([['apiAddress', 'add your account’s port after the host name, e.g. https://api.mpluskassa.nl:44281']]);
    expect(messages('https://api.mpluskassa.nl:44281/soap')).toEqual([['apiAddress', 'enter only the address and its port, without a path, e.g. https://api.mpluskassa.nl:44281']]);
    expect(messages('ftp://api.mpluskassa.nl:44281')).toEqual([['apiAddress', 'the address starts with https:// (or http://), e.g. https://api.mpluskassa.nl:44281']]);
    expect(messages('https://api.mpluskassa.nl:70000')).toEqual([['apiAddress', 'the port is a number from 1 to 65535']]);
    expect(mplusKind?.config.parse({ apiAddress: 'https://api.mpluskassa.nl:44281' })).toEqual({ apiAddress: 'https://api.mpluskassa.nl:44281' });
    expect(parseMplusAddress('API.mpluskassa.nl:44281/')).toEqual({ url: 'https://api.mpluskassa.nl:44281' });
    expect(mplusKind?.secrets.safeParse({ ident: 'x' }).error?.issues[0]?.message).toBe('enter the secret from the MplusKASSA API settings');
  });

  it('connects with an API address, and a connection stored with host, port and https keeps working and is shown as its address', async () => {
    const byAddress: StoredConnection = { id: 'c2', kind: 'mplus', name: 'Winkel', config: { apiAddress: `http://127.0.0.1:${sandbox.port}` }, secrets: { ident: 'shop-ident', secret: 'shop-secret' } };
    expect(await mplusKind?.test(byAddress)).toEqual({ ok: true, message: `Connected to MplusKASSA API 67.1.3 at 127.0.0.1:${sandbox.port}.` });
    expect(await mplusKind?.test(real({}))).toMatchObject({ ok: true });
    expect(mplusKind?.upgradeConfig?.({ host: 'api.mpluskassa.nl', port: 44281, https: true })).toEqual({ apiAddress: 'https://api.mpluskassa.nl:44281' });
    expect(mplusKind?.upgradeConfig?.({ host: '127.0.0.1', port: 8080, https: false })).toEqual({ apiAddress: 'http://127.0.0.1:8080' });
    expect(mplusKind?.upgradeConfig?.({ apiAddress: 'https://a.nl:1' })).toEqual({ apiAddress: 'https://a.nl:1' });
  });
});

describe('the "mplus-sandbox" connection kind', () => {
  it('starts the sandbox of a new sandbox connection and says where its data is kept', async () => {
    const made = await newMplusSandboxConnection(dir.path);
    expect(made).toMatchObject({ kind: 'mplus-sandbox', name: 'MplusKASSA sandbox', config: { port: expect.any(Number), stateFile: expect.stringMatching(/sandboxes\/mplus-[0-9a-f]{8}\.json$/) } });
    expect(sandboxKind?.config.parse(made.config)).toEqual(made.config);
    const result = await sandboxKind?.test({ id: 'sb1', ...made });
    expect(result).toEqual({ ok: true, message: `The MplusKASSA sandbox is running on 127.0.0.1:${made.config.port}; it keeps its data in ${made.config.stateFile}.` });
  });

  it('says so when another program holds the port', async () => {
    const made = await newMplusSandboxConnection(dir.path);
    const result = await sandboxKind?.test({ id: 'sb2', ...made, config: { ...made.config, port: sandbox.port } });
    expect(result).toEqual({ ok: false, message: `Port ${sandbox.port} is in use by another program, so the MplusKASSA sandbox cannot start there. Choose another port for the sandbox connection, or stop that program.` });
  });
});
