/**
 * The two kinds of Teamleader connection end to end: a sandbox connection that keeps its data and
 * its authorisation across restarts, rotated refresh tokens stored in the connection during runs,
 * a dead authorisation reported in words, and the browser sign-in against the sandbox.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredConnection } from '../../engine/services';
import { flow, runTestFlow, tempDir, testStore } from '../../testing/golden';
import {
  authorizeTeamleaderConnection,
  closeAllTeamleaderSandboxes,
  ensureTeamleaderSandbox,
  newTeamleaderSandboxConnection,
  teamleaderConnectionKind,
  teamleaderSandboxConnectionKind,
  testTeamleaderStoredConnection,
} from './connection-kinds';
import { secretsFromTokens } from './connection-settings';
import { ReconnectRequiredError } from './errors';
import { refreshAccessToken } from './oauth';
import { registry, sampleInto } from './nodes/test-support';
import { parseTeamleaderSeed } from './sandbox/seed-schema';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './sandbox/server';

const dir = tempDir();
afterAll(() => dir.remove());
afterEach(() => closeAllTeamleaderSandboxes());

/** What the app's "Sign in with Teamleader" button does with the browser: follow the sandbox's consent redirect. */
async function browser(url: string): Promise<void> {
  const consent = await fetch(url, { redirect: 'manual' });
  const back = consent.headers.get('location');
  if (!back) throw new Error(`no redirect from ${url}: ${consent.status}`);
  await (await fetch(back)).text();
}

function storedConnection(store: ReturnType<typeof testStore>, id: string): StoredConnection {
  const found = store.connections.get(id);
  if (!found) throw new Error(`no connection ${id}`);
  return found;
}

const lookupFlow = (connection: string, emails: string[]) =>
  sampleInto({ type: 'teamleader.lookup.customer', config: { connection } }, emails.map((email, i) => ({ id: `r${i}`, email })));

describe('the sandbox connection', () => {
  it('is made with its own integration and tokens, keeps its data and tokens across a restart, and tests in words', async () => {
    const made = await newTeamleaderSandboxConnection(dir.path);
    expect(made).toMatchObject({ kind: 'teamleader-sandbox', name: 'Teamleader sandbox', config: { port: expect.any(Number), stateFile: expect.stringMatching(/sandboxes[/\\]teamleader-[0-9a-f]{8}\.json$/) } });
    expect(made.secrets.clientId).toMatch(/^sincro-sandbox-/);
    expect(statSync(made.config.stateFile).mode & 0o777).toBe(0o600);
    const store = testStore();
    try {
      const { id } = store.connections.add(made);
      const create = sampleInto({ type: 'teamleader.target.customer', config: { connection: id, payload: 'customer' } }, [{ id: 'o1', customer: { email: 'blijft@example.com', last_name: 'Blijft' } }]);
      expect((await runTestFlow(create, { store, registry })).summary.status).toBe('succeeded');

      await closeAllTeamleaderSandboxes();
      const saved = parseTeamleaderSeed(JSON.parse(readFileSync(made.config.stateFile, 'utf8')));
      expect(saved.contacts.some((c) => c.last_name === 'Blijft')).toBe(true);
      expect(saved.oauth.clients).toContainEqual({ client_id: made.secrets.clientId, client_secret: made.secrets.clientSecret });

      // Started again from the file: the data is there and the stored tokens still work.
      const found = await runTestFlow(lookupFlow(id, ['blijft@example.com']), { store, registry });
      expect(found.records[0]).toMatchObject({ port: 'found' });
      expect(store.connections.get(id)?.secrets.refreshToken).toBe(made.secrets.refreshToken);

      const verdict = await teamleaderSandboxConnectionKind.test(storedConnection(store, id));
      expect(verdict).toEqual({
        ok: true,
        message: `Connected as Sanne Verbeek of Demowinkel BV. The Teamleader sandbox is running on 127.0.0.1:${made.config.port}; it keeps its data in ${made.config.stateFile}.`,
      });
    } finally {
      store.dispose();
    }
  });

  it('stores rotated refresh tokens in the connection during a run, and the sandbox keeps them across a restart', async () => {
    const made = await newTeamleaderSandboxConnection(dir.path);
    const store = testStore();
    try {
      // Access tokens of one second, and the stored one already expired: the run must renew.
      const { id } = store.connections.add({ ...made, config: { ...made.config, tokenLifetimeSec: 1 }, secrets: { ...made.secrets, expiresAt: '0' } });
      const first = await runTestFlow(lookupFlow(id, ['anna.devries@example.com', 'x@example.com']), { store, registry });
      expect(first.summary.status).toBe('succeeded');
      const afterFirst = store.connections.get(id)?.secrets ?? {};
      expect(afterFirst.refreshToken).not.toBe(made.secrets.refreshToken);
      // The spent token is dead; the sandbox saved the new one at once.
      const oauth = { clientId: made.secrets.clientId, clientSecret: made.secrets.clientSecret, authBaseUrl: (await ensureTeamleaderSandbox(storedConnection(store, id))).url };
      await expect(refreshAccessToken(oauth, made.secrets.refreshToken)).rejects.toBeInstanceOf(ReconnectRequiredError);
      expect(readFileSync(made.config.stateFile, 'utf8')).toContain(afterFirst.refreshToken);

      await new Promise((r) => setTimeout(r, 1100));
      await closeAllTeamleaderSandboxes();
      const second = await runTestFlow(lookupFlow(id, ['y@example.com']), { store, registry });
      expect(second.summary.status).toBe('succeeded');
      expect(store.connections.get(id)?.secrets.refreshToken).not.toBe(afterFirst.refreshToken);
    } finally {
      store.dispose();
    }
  });

  it('uses the same sandbox when another process runs it already, and says who is in the way when another program has the port', async () => {
    const made = await newTeamleaderSandboxConnection(dir.path);
    const first = await ensureTeamleaderSandbox({ id: 'c-app', kind: 'teamleader-sandbox', name: 'In the app', config: made.config, secrets: made.secrets });
    // Another registration of the same sandbox (as the CLI has while the app runs it) borrows it.
    expect(await ensureTeamleaderSandbox({ id: 'c-cli', kind: 'teamleader-sandbox', name: 'In the CLI', config: made.config, secrets: made.secrets })).toEqual(first);
    await closeAllTeamleaderSandboxes();

    // Another program: an ordinary web server.
    const squatter = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welcome</html>'));
    await new Promise<void>((r) => squatter.listen(made.config.port, '127.0.0.1', r));
    try {
      await expect(ensureTeamleaderSandbox({ id: 'c-taken', kind: 'teamleader-sandbox', name: 'Taken', config: made.config, secrets: made.secrets })).rejects.toThrow(
        `port ${made.config.port} is in use by another program, so the Teamleader sandbox cannot start there.`,
      );
    } finally {
      squatter.closeAllConnections();
      await new Promise((r) => squatter.close(r));
    }
  });
});

describe('a Teamleader connection', () => {
  let sandbox: TeamleaderSandbox;
  beforeAll(async () => {
    sandbox = await startTeamleaderSandbox();
  });
  afterAll(() => sandbox.close());

  const stored = async (extra: Record<string, string> = {}) => ({
    kind: 'teamleader',
    name: 'Teamleader',
    config: { baseUrl: sandbox.url, authBaseUrl: sandbox.url, redirectPort: 0 },
    secrets: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, ...secretsFromTokens(await sandbox.issueTokens()), ...extra },
  });

  it('two runs at once renew the access once and share the new pair', async () => {
    const store = testStore();
    try {
      const { id } = store.connections.add(await stored({ expiresAt: '0' }));
      const before = sandbox.stats().tokenRequests.refresh_token ?? 0;
      const runs = await Promise.all([0, 1, 2].map((i) => runTestFlow({ ...lookupFlow(id, [`p${i}@example.com`]), id: `flow-${i}` }, { store, registry })));
      expect(runs.map((r) => r.summary.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      expect((sandbox.stats().tokenRequests.refresh_token ?? 0) - before).toBe(1);
    } finally {
      store.dispose();
    }
  });

  it('with a dead authorisation, records fail with "needs to be reconnected", and so does the test', async () => {
    const store = testStore();
    const own = await startTeamleaderSandbox();
    try {
      const { id } = store.connections.add({
        kind: 'teamleader',
        name: 'Teamleader',
        config: { baseUrl: own.url, authBaseUrl: own.url },
        secrets: { clientId: own.clientId, clientSecret: own.clientSecret, ...secretsFromTokens(await own.issueTokens()) },
      });
      own.expireAccessTokens();
      own.revokeRefreshTokens();
      const run = await runTestFlow(
        sampleInto({ type: 'teamleader.target.customer', config: { connection: id, payload: 'customer' } }, [1, 2, 3].map((n) => ({ id: `o${n}`, customer: { email: `k${n}@example.com`, last_name: 'Klant' } }))),
        { store, registry },
      );
      expect(run.records.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
      for (const r of run.records) expect(r.message).toMatch(/^Teamleader needs to be reconnected: the saved authorisation is no longer valid/);
      // Asked once; the other records were told at once. Nothing is left pending in the ledger.
      expect(own.stats().tokenRequests.refresh_token).toBe(1);
      expect(store.ledger.get(`teamleader:${id}`, 'customer', 'k1@example.com')).toBeUndefined();

      const source = await runTestFlow(flow({ id: 'contacts', nodes: [{ id: 'src', type: 'teamleader.source.contacts', config: { connection: id } }] }), { store, registry });
      expect(source.summary.error).toMatch(/^Node "src" \(Contacts from Teamleader\) stopped the run: Teamleader needs to be reconnected: /);

      const verdict = await testTeamleaderStoredConnection(store.connections, id);
      expect(verdict.ok).toBe(false);
      expect(verdict.message).toMatch(/^Teamleader needs to be reconnected: /);
      // Without a place to store a renewed pair, the test does not spend the refresh token.
      const conn = storedConnection(store, id);
      expect(await teamleaderConnectionKind.test({ ...conn, secrets: { ...conn.secrets, expiresAt: '0' } })).toMatchObject({ ok: false, message: expect.stringMatching(/^The saved Teamleader access has expired/) });
    } finally {
      store.dispose();
      await own.close();
    }
  });

  it('tests in words: connected, not connected yet, host unreachable', async () => {
    const ok = await teamleaderConnectionKind.test({ id: 'c1', ...(await stored()) });
    expect(ok).toEqual({ ok: true, message: 'Connected as Sanne Verbeek of Demowinkel BV.' });
    const never = await teamleaderConnectionKind.test({ id: 'c2', kind: 'teamleader', name: 'T', config: {}, secrets: { clientId: 'a', clientSecret: 'b' } });
    expect(never).toEqual({ ok: false, message: 'Not signed in to Teamleader yet: click “Sign in with Teamleader” and allow Sincro.' });
    const gone = await teamleaderConnectionKind.test({ id: 'c3', ...(await stored()), config: { baseUrl: 'http://127.0.0.1:1' } });
    expect(gone).toEqual({ ok: false, message: 'Could not reach 127.0.0.1:1: the host could not be reached. Check the internet connection and the API address.' });
  });

  it('connects through the browser sign-in and stores the tokens', async () => {
    const store = testStore();
    try {
      const { id } = store.connections.add({ kind: 'teamleader', name: 'Teamleader', config: { baseUrl: sandbox.url, authBaseUrl: sandbox.url, redirectPort: 0 }, secrets: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret } });
      const result = await authorizeTeamleaderConnection(store.connections, id, browser);
      expect(result).toEqual({ ok: true, message: 'Signed in to Teamleader. Connected as Sanne Verbeek of Demowinkel BV.' });
      expect(store.connections.get(id)?.secrets).toMatchObject({ accessToken: expect.stringMatching(/^sbx_at_/), refreshToken: expect.stringMatching(/^sbx_rt_/), expiresAt: expect.stringMatching(/^\d+$/) });

      store.connections.update(id, { secrets: { clientSecret: 'wrong' } });
      expect(await authorizeTeamleaderConnection(store.connections, id, browser)).toEqual({
        ok: false,
        message: "Teamleader needs to be reconnected: Teamleader did not accept the integration's client id or client secret. Check them and connect again.",
      });
    } finally {
      store.dispose();
    }
  });

  it('connects a sandbox connection too', async () => {
    const made = await newTeamleaderSandboxConnection(dir.path);
    const store = testStore();
    try {
      const { id } = store.connections.add({ ...made, secrets: { clientId: made.secrets.clientId, clientSecret: made.secrets.clientSecret } });
      expect(await authorizeTeamleaderConnection(store.connections, id, browser)).toMatchObject({ ok: true, message: expect.stringMatching(/^Signed in to Teamleader\. Connected as Sanne Verbeek of Demowinkel BV\. The Teamleader sandbox is running/) });
      expect(existsSync(made.config.stateFile)).toBe(true);
    } finally {
      store.dispose();
    }
  });
});
