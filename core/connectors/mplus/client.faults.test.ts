/**
 * Failure handling against a misbehaving sandbox (FaultInjector) and dead endpoints: what is
 * retried, what is not (non-idempotent creates), and that every error reads plainly without the
 * credentials in it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFaults } from '../sandbox-faults';
import { MplusClient } from './client';
import { MplusHttpError, MplusMalformedResponseError, MplusSoapFaultError, MplusTransportError } from './errors';
import { demoRelationNumber } from './sandbox/demo-seed';
import { decideRetry } from './soap-caller';
import { expectSchemaValid, startHarness, type Harness } from './testing/harness';

let h: Harness;
const ident = 'shop-ident-77';
const secret = 'S3cr3t&Sauce';
const order = (extOrderId: string) => ({ extOrderId, relationNumber: demoRelationNumber('c01'), lineList: [{ articleNumber: 1000, data: { quantity: 1 } }] });

function counting(overrides: ConstructorParameters<typeof MplusClient>[0] | object = {}) {
  const retries: unknown[] = [];
  const client = h.client({ onRetry: (error) => retries.push(error), ...overrides });
  return { client, retries };
}

beforeAll(async () => {
  h = await startHarness({ ident, secret });
});
afterEach(() => h.sandbox.faults.configure(parseFaults('')));
afterAll(() => h.close());

describe('MplusClient failure handling', () => {
  it('wrong ident/secret: a Client fault, not retried, message without credentials', async () => {
    const before = h.exchanges.length;
    const { client, retries } = counting({ secret: 'wrong', ident: 'who' });
    const error = await client.getRelations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MplusSoapFaultError);
    expect(error).toMatchObject({ side: 'client', faultCode: 'SOAP-ENV:Client.Authentication', httpStatus: 500 });
    expect(String(error)).toContain('MplusKASSA getRelations failed: Invalid ident or secret.');
    expect(String(error)).not.toMatch(/wrong|who|S3cr3t|shop-ident/);
    expect(retries).toHaveLength(0);
    expect(h.exchanges.length - before).toBe(1);
  });

  it('sends credentials URL-encoded (a secret with & still authenticates)', async () => {
    expect(await h.client().getEmployees()).not.toHaveLength(0);
  });

  it('retries Server faults (HTTP 500) on reads until they succeed', async () => {
    h.sandbox.faults.configure(parseFaults('error5xx=0.5,seed=11'));
    const { client, retries } = counting({ retry: { retries: 12 } });
    for (let i = 0; i < 8; i++) expect((await client.getVatGroupList()).length).toBe(3);
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((e) => e instanceof MplusSoapFaultError && e.side === 'server')).toBe(true);
  });

  it('does not retry a non-idempotent create after a Server fault, and says why', async () => {
    h.sandbox.faults.configure(parseFaults('error5xx=1'));
    const { client, retries } = counting();
    const error = await client.createOrder(order('fault-create-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MplusSoapFaultError);
    expect(String(error)).toMatch(/not retried automatically: MplusKASSA may have processed it/);
    expect(retries).toHaveLength(0);
  });

  it('retries createOrderV3 (idempotencyKey) through Server faults without creating twice', async () => {
    h.sandbox.faults.configure(parseFaults('error5xx=0.6,seed=5'));
    const { client } = counting({ retry: { retries: 15 } });
    const created = await client.createOrderV3(order('fault-v3-1'), { idempotencyKey: 'fault-v3-key' });
    h.sandbox.faults.configure(parseFaults(''));
    const again = await client.createOrderV3(order('fault-v3-1'), { idempotencyKey: 'fault-v3-key' });
    expect(again).toMatchObject({ replayed: true, orderId: created.orderId });
    expect(h.sandbox.state().orders.filter((o) => o.extOrderId === 'fault-v3-1')).toHaveLength(1);
  });

  it('retries HTTP 429 for reads and creates alike (refused before any work)', async () => {
    h.sandbox.faults.configure(parseFaults('burst429=2/1'));
    const { client, retries } = counting({ retry: { retries: 6 } });
    await client.getDeliveryMethods();
    await client.createOrder(order('after-429'));
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.every((e) => e instanceof MplusHttpError && e.status === 429)).toBe(true);
  });

  it('reports a malformed answer clearly and does not retry it', async () => {
    h.sandbox.faults.configure(parseFaults('malformed=1'));
    const { client, retries } = counting();
    const error = await client.getProducts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MplusMalformedResponseError);
    expect(String(error)).toMatch(/^MplusMalformedResponseError: MplusKASSA getProducts failed: the answer is not a SOAP message \(not well-formed XML/);
    expect(retries).toHaveLength(0);
  });

  it('retries a dropped connection on reads, but not on a create', async () => {
    h.sandbox.faults.configure(parseFaults('drop=0.5,seed=2'));
    const reader = counting({ retry: { retries: 12 } });
    for (let i = 0; i < 5; i++) await reader.client.getTurnoverGroups();
    expect(reader.retries.some((e) => e instanceof MplusTransportError && e.failure === 'dropped')).toBe(true);

    h.sandbox.faults.configure(parseFaults('drop=1'));
    const writer = counting();
    const error = await writer.client.createRelation({ name: 'Wegval' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'dropped', mayHaveReachedServer: true });
    expect(String(error)).toMatch(/closed the connection before answering.*not retried automatically/);
    expect(writer.retries).toHaveLength(0);
  });

  it('times out on a slow answer', async () => {
    h.sandbox.faults.configure(parseFaults('latency=400'));
    const { client, retries } = counting({ timeoutMs: 100, retry: { retries: 1 } });
    const error = await client.getApiVersion().catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'timeout' });
    expect(String(error)).toMatch(/no answer from 127\.0\.0\.1:\d+ within 100 ms/);
    expect(retries).toHaveLength(1);
  });

  it('retries even a create when the connection was never established', async () => {
    const retries: unknown[] = [];
    const client = new MplusClient({ baseUrl: 'http://127.0.0.1:1', ident, secret, retry: { retries: 2, baseMs: 1, maxMs: 2 }, onRetry: (e) => retries.push(e) });
    const error = await client.createOrder(order('never-connected')).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unreachable', mayHaveReachedServer: false });
    expect(String(error)).toContain('MplusKASSA createOrder failed: cannot reach 127.0.0.1:1: the connection was refused');
    expect(String(error)).not.toContain(secret);
    expect(retries).toHaveLength(2);
  });

  it('stops retrying when the signal is aborted', async () => {
    h.sandbox.faults.configure(parseFaults('latency=300'));
    const controller = new AbortController();
    const { client, retries } = counting({ signal: controller.signal, retry: { retries: 5 } });
    setTimeout(() => controller.abort(), 50);
    const error = await client.getApiVersion().catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'aborted', message: 'MplusKASSA getApiVersion failed: the call was cancelled' });
    expect(retries).toHaveLength(0);
  });

  it('sets faults through the control path', async () => {
    const res = await fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ spec: 'error5xx=1' }) });
    expect(res.status).toBe(200);
    await expect(h.client({ retry: { retries: 0 } }).getApiVersion()).rejects.toBeInstanceOf(MplusSoapFaultError);
    const bad = await fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ spec: 'explode=1' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/unknown fault "explode"/);
  });

  it('every answered exchange (faults included) validates against the WSDL schema', async () => {
    await expectSchemaValid(h.exchanges);
  });
});

describe('decideRetry', () => {
  const fault = (code: string) => new MplusSoapFaultError('op', code, 'x', 500);
  const transport = (failure: 'unreachable' | 'dropped' | 'tls', reached: boolean) => new MplusTransportError('op', failure, reached, 'x');
  it.each([
    ['Server fault on a read: retried', fault('SOAP-ENV:Server'), 'read', true],
    ['Server fault on an unsafe write: not retried', fault('Server.Busy'), 'unsafe-write', false],
    ['Server fault on an idempotent write: retried', fault('Server'), 'idempotent-write', true],
    ['Client fault on a read: not retried', fault('SOAP-ENV:Client.Authentication'), 'read', false],
    ['429 on an unsafe write: retried', new MplusHttpError('op', 429), 'unsafe-write', true],
    ['502 on an unsafe write: not retried', new MplusHttpError('op', 502), 'unsafe-write', false],
    ['404 on a read: not retried', new MplusHttpError('op', 404), 'read', false],
    ['refused connection on an unsafe write: retried', transport('unreachable', false), 'unsafe-write', true],
    ['dropped connection on an unsafe write: not retried', transport('dropped', true), 'unsafe-write', false],
    ['dropped connection on a read: retried', transport('dropped', true), 'read', true],
    ['TLS problem on a read: not retried', transport('tls', true), 'read', false],
    ['malformed answer on a read: not retried', new MplusMalformedResponseError('op', 'x'), 'read', false],
  ] as const)('%s', (_name, error, safety, retry) => {
    expect(decideRetry(error, safety).retry).toBe(retry);
  });
});
