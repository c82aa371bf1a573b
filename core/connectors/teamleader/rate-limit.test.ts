/**
 * The rate limit: the client paces itself so the sandbox's sliding window never refuses it, and a
 * 429 storm (two Sincro instances on one account, or injected bursts) fails no call. The window is
 * shortened (10 requests per 500 ms instead of 200 per minute) to keep the test fast.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TeamleaderClient } from './client';
import { TeamleaderRateLimitError } from './errors';
import { SlidingWindowRateLimiter, parseResetHeader } from './rate-limiter';
import { demoIds } from './sandbox/demo-seed';
import type { TeamleaderSandbox } from './sandbox/server';
import { clientFor, connectToSandbox } from './test-support';

const window = { limit: 10, windowMs: 500 };
let sandbox: TeamleaderSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('headers', () => {
  it('reads X-RateLimit-Reset as a datetime (also "+0100") or epoch seconds', () => {
    expect(parseResetHeader('2021-06-15T10:51:23.035+0100')).toBe(Date.parse('2021-06-15T09:51:23.035Z'));
    expect(parseResetHeader('2026-02-08T11:09:08+00:00')).toBe(Date.parse('2026-02-08T11:09:08Z'));
    expect(parseResetHeader('1770548948')).toBe(1770548948000);
    expect(parseResetHeader('soon')).toBeUndefined();
    expect(parseResetHeader(undefined)).toBeUndefined();
  });
});

describe('the limiter', () => {
  it('lets `limit` requests through per sliding window, in order', async () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 4, windowMs: 200, marginMs: 10 });
    const started = Date.now();
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.acquire().then((answered) => (answered(), order.push(i)))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 10 requests at 4 per 200 ms need two full windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('counts a request from its answer, and holds its slot while it is in flight', async () => {
    let t = 0;
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 100, marginMs: 0, now: () => t, sleep: async (ms) => void (t += ms) });
    const first = await limiter.acquire();
    // Teamleader may count the request as late as its answer: 80 ms after it was sent.
    const second = limiter.acquire().then(() => t);
    await new Promise((r) => setTimeout(r, 5));
    t = 80;
    first();
    expect(await second).toBeGreaterThanOrEqual(180);
  });

  it('counts requests others made on the same account (X-RateLimit-Remaining)', () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 10, windowMs: 1000 });
    limiter.observe({ limit: 10, remaining: 3 });
    expect(limiter.snapshot().inWindow).toBe(7);
    limiter.observe({ limit: 5 });
    expect(limiter.snapshot().limit).toBe(5);
  });
});

describe('against the sandbox', () => {
  it('paces requests so the sandbox never answers 429', async () => {
    const c = await connectToSandbox({ rateLimit: window }, { rateLimit: { ...window, marginMs: 30 } });
    sandbox = c.sandbox;
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 35 }, () => c.client.users.me()));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(c.sandbox.stats().rateLimited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('paces requests that reach the sandbox late (a slow first token or connection)', async () => {
    // The first ten are held up between taking their slot and reaching the sandbox, longer than the
    // (shortened) window, as a token refresh or new connections on a loaded machine can hold them;
    // the next ten are not held up, and must not overtake them into the sandbox's window.
    let first = 10;
    const c = await connectToSandbox({ rateLimit: window }, { rateLimit: { ...window, marginMs: 30 } });
    sandbox = c.sandbox;
    const { tokens } = c;
    const late = {
      getAccessToken: async () => {
        if (first-- > 0) await new Promise((r) => setTimeout(r, 600));
        return tokens.getAccessToken();
      },
    };
    const slow = await clientFor(c.sandbox, { rateLimit: { ...window, marginMs: 30 }, auth: late });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => slow.client.users.me()));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(c.sandbox.stats().rateLimited).toBe(0);
  });

  it('a 429 storm from two instances on one account fails no call and duplicates no write', async () => {
    const c = await connectToSandbox({ rateLimit: window }, { rateLimit: { ...window, marginMs: 30 } });
    sandbox = c.sandbox;
    const other = await clientFor(c.sandbox, { rateLimit: { ...window, marginMs: 30 } });
    const contactsBefore = c.sandbox.state().contacts.length;
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      calls.push(c.client.users.me(), other.client.taxRates.list().next());
      if (i % 4 === 0) calls.push(c.client.contacts.add({ last_name: `Storm ${i}` }), other.client.contacts.add({ last_name: `Storm other ${i}` }));
    }
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(c.sandbox.stats().rateLimited).toBeGreaterThan(0);
    expect(c.sandbox.state().contacts.length).toBe(contactsBefore + 10);
  });

  it('injected 429 bursts are sat out, writes included', async () => {
    const c = await connectToSandbox({ faults: 'burst429=4/10' });
    sandbox = c.sandbox;
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, () => c.client.products.info(demoIds.product('p001'))),
      ...Array.from({ length: 5 }, (_, i) => c.client.contacts.add({ last_name: `Burst ${i}` })),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(c.sandbox.stats().rateLimited).toBeGreaterThanOrEqual(8);
    expect(c.sandbox.state().contacts.filter((x) => x.last_name.startsWith('Burst'))).toHaveLength(5);
  });

  it('gives up with a plain message only after its patience is used up', async () => {
    const c = await connectToSandbox({ faults: 'burst429=50/1' }, { max429: 3 });
    sandbox = c.sandbox;
    await c.client.users.me(); // the one request before the burst
    const error = await c.client.users.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamleaderRateLimitError);
    expect((error as Error).message).toMatch(/^Teamleader users\.me stayed rate limited after 4 tries/);
  });

  it('one limiter can be shared by clients of the same account', async () => {
    const c = await connectToSandbox({ rateLimit: window });
    sandbox = c.sandbox;
    const limiter = new SlidingWindowRateLimiter({ ...window, marginMs: 30 });
    const a = await clientFor(c.sandbox, { limiter });
    const b = await clientFor(c.sandbox, { limiter });
    expect(a.client.transport.limiter).toBe(b.client.transport.limiter);
    const results = await Promise.allSettled([...Array.from({ length: 15 }, () => a.client.users.me()), ...Array.from({ length: 15 }, () => b.client.users.me())]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(c.sandbox.stats().rateLimited).toBe(0);
    expect(c.client).toBeInstanceOf(TeamleaderClient);
  });
});
