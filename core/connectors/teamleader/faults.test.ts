/**
 * A misbehaving Teamleader (the sandbox's fault injection): reads and idempotent writes get through
 * 5xx answers, broken JSON, dropped connections and slow answers; non-idempotent writes are never
 * repeated after the request may have been processed, so nothing is created twice.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaults } from '../sandbox-faults';
import { TeamleaderNetworkError, TeamleaderResponseError, TeamleaderServerError } from './errors';
import { demoIds } from './sandbox/demo-seed';
import type { TeamleaderSandbox } from './sandbox/server';
import { clientFor, connectToSandbox } from './test-support';

let sandbox: TeamleaderSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('reads', () => {
  it('get through 5xx, malformed answers and dropped connections', async () => {
    const c = await connectToSandbox({ faults: 'error5xx=0.15,malformed=0.05,drop=0.1,seed=3' });
    sandbox = c.sandbox;
    const retries: string[] = [];
    const { client } = await clientFor(c.sandbox, { onEvent: (e) => void (e.type === 'retry' && retries.push(e.reason)) });
    for (let i = 0; i < 40; i++) {
      const p = await client.products.info(demoIds.product('p001'));
      expect(p.code).toBe('1000');
    }
    expect(retries.some((r) => r.includes('HTTP 500'))).toBe(true);
    expect(retries.some((r) => r.includes('HTTP 503'))).toBe(true);
    expect(retries.some((r) => r.includes('not valid JSON'))).toBe(true);
    expect(retries.some((r) => r.includes('connection'))).toBe(true);
  });

  it('get through slow answers that time out', async () => {
    const c = await connectToSandbox({ faults: 'latency=0-150,seed=5' }, { timeoutMs: 100 });
    sandbox = c.sandbox;
    for (let i = 0; i < 10; i++) expect((await c.client.users.me()).id).toBe(demoIds.user);
  });

  it('paging survives faults without losing or repeating records', async () => {
    const c = await connectToSandbox({ faults: 'error5xx=0.2,drop=0.1,seed=11' }, { pageSize: 7 });
    sandbox = c.sandbox;
    const ids: string[] = [];
    for await (const p of c.client.products.list()) ids.push(p.id);
    expect(ids).toHaveLength(c.sandbox.state().products.length);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('writes', () => {
  it('idempotent updates are repeated until they get through', async () => {
    const c = await connectToSandbox({ faults: 'error5xx=0.3,drop=0.1,seed=7' });
    sandbox = c.sandbox;
    for (let i = 0; i < 15; i++) await c.client.contacts.update({ id: demoIds.contact('c01'), remarks: `visit ${i}` });
    expect(c.sandbox.state().contacts.find((x) => x.id === demoIds.contact('c01'))?.remarks).toBe('visit 14');
  });

  it('adds are repeated only when the answer proves nothing happened, so nothing is created twice', async () => {
    const c = await connectToSandbox({ faults: 'error5xx=0.3,drop=0.1,seed=9', recordRequests: true });
    sandbox = c.sandbox;
    const outcomes = [];
    for (let i = 0; i < 30; i++) outcomes.push(await c.client.contacts.add({ last_name: `Fault ${i}` }).then((id) => ({ id }), (error: unknown) => ({ error })));
    const failed = outcomes.flatMap((o) => ('error' in o ? [o.error] : []));
    const created = c.sandbox.state().contacts.filter((x) => x.last_name.startsWith('Fault'));
    expect(created).toHaveLength(outcomes.length - failed.length);
    expect(new Set(created.map((x) => x.last_name)).size).toBe(created.length);
    expect(failed.length).toBeGreaterThan(0);
    for (const error of failed) {
      // 500 and lost connections surface (the add may have been made); 503 was retried.
      if (error instanceof TeamleaderServerError) expect(error.status).toBe(500);
      else expect(error).toBeInstanceOf(TeamleaderNetworkError);
      expect(String(error)).toMatch(/Teamleader contacts\.add failed/);
    }
    const networkFailure = failed.find((e) => e instanceof TeamleaderNetworkError);
    expect(String(networkFailure)).toContain('the change may or may not have been made in Teamleader');
    const log = c.sandbox.requestLog().filter((r) => r.endpoint === 'contacts.add');
    const retried503 = log.filter((r) => r.status === 503).length;
    expect(retried503).toBeGreaterThan(0);
    expect(log.length).toBe(outcomes.length + retried503);
  });

  it('a write that timed out is not sent again', async () => {
    const c = await connectToSandbox({ faults: 'latency=300', recordRequests: true }, { timeoutMs: 100 });
    sandbox = c.sandbox;
    const error = await c.client.contacts.add({ last_name: 'Slow' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamleaderNetworkError);
    expect((error as TeamleaderNetworkError).failure).toBe('timeout');
    // The error holds no part of the HTTP request: no bearer token for a log to leak.
    expect(inspect(error, { depth: 20 })).not.toContain((await c.store.load())?.accessToken ?? 'x');
    await new Promise((r) => setTimeout(r, 400));
    // Teamleader did make it, after the client stopped waiting: exactly once.
    expect(c.sandbox.state().contacts.filter((x) => x.last_name === 'Slow')).toHaveLength(1);
    expect(c.sandbox.requestLog().filter((r) => r.endpoint === 'contacts.add')).toHaveLength(1);
  });

  it('a write answered with broken JSON is reported, not repeated', async () => {
    const c = await connectToSandbox({ faults: 'malformed=1', recordRequests: true });
    sandbox = c.sandbox;
    const error = await c.client.invoices.book({ id: demoIds.invoice('o004'), on: '2026-05-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamleaderResponseError);
    expect(String(error)).toContain('not valid JSON; the change may or may not have been made');
    expect(c.sandbox.requestLog()).toHaveLength(1);
  });
});

describe('fault control', () => {
  it('faults are set at run time over HTTP and never touch the control or OAuth paths', async () => {
    const c = await connectToSandbox();
    sandbox = c.sandbox;
    const set = await fetch(`${c.sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ spec: 'error5xx=1' }) });
    expect(set.status).toBe(200);
    expect(c.sandbox.faults.current).toEqual(parseFaults('error5xx=1'));
    expect((await fetch(`${c.sandbox.url}/__sandbox/state`)).status).toBe(200);
    const token = await fetch(`${c.sandbox.url}/oauth2/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: (await c.sandbox.issueTokens()).refreshToken, client_id: c.sandbox.clientId, client_secret: c.sandbox.clientSecret }),
    });
    expect(token.status).toBe(200);
    const api = await fetch(`${c.sandbox.url}/users.me`, { method: 'POST' });
    expect([500, 503]).toContain(api.status);
    const bad = await fetch(`${c.sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ spec: 'error5xx=2' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { title: string }[] }).errors[0]?.title).toContain('expected a share between 0 and 1');
    await fetch(`${c.sandbox.url}/__sandbox/faults`, { method: 'POST', body: '{"spec": ""}' });
    expect((await c.client.users.me()).id).toBe(demoIds.user);
  });
});
