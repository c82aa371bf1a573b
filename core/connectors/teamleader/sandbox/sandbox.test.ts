/**
 * The sandbox on its own: seed format and demo seed, control paths, Teamleader's rules (required
 * fields from the blueprint, unknown ids, bearer check, page size), paging and `updated_since`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoShop, demoId } from '../../demo-shop';
import { blueprintEndpoint } from '../blueprint/schema-tools';
import { sincroEndpoints, type SincroEndpoint } from '../blueprint/sincro-endpoints';
import { collect } from '../paging';
import { toTeamleaderDateTime } from '../schemas-common';
import { clientFor, connectToSandbox, type Connected } from '../test-support';
import { dreddFixtureSeed, dreddIds } from '../dredd/fixture-seed';
import { demoIds, demoTeamleaderSeed } from './demo-seed';
import { parseTeamleaderSeed, TeamleaderSeedError } from './seed-schema';
import { sandboxEndpoints, startTeamleaderSandbox, type TeamleaderSandbox } from './server';

const shop = buildDemoShop();

describe('seed', () => {
  it('a minimal seed gets defaults', () => {
    const seed = parseTeamleaderSeed({ contacts: [{ id: demoId('x', '1'), last_name: 'Solo' }] });
    expect(seed.users).toHaveLength(1);
    expect(seed.contacts[0]).toMatchObject({ first_name: null, emails: [], status: 'active', added_at: '2026-01-01T09:00:00+00:00' });
  });

  it('the example in SEED.md is a valid seed', () => {
    const doc = readFileSync(new URL('./SEED.md', import.meta.url), 'utf8');
    const example = /Example:\n\n```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    const seed = parseTeamleaderSeed(example ?? '');
    expect(seed.invoices[0]?.status).toBe('outstanding');
  });

  it('errors name the path', () => {
    expect(() => parseTeamleaderSeed({ contacts: [{ id: demoId('x', '1') }, { id: 'nope', last_name: 'B' }] })).toThrow(
      /teamleader\.contacts\[0\]\.last_name: required\nteamleader\.contacts\[1\]\.id: must be a Teamleader id/,
    );
    expect(() =>
      parseTeamleaderSeed({ contacts: [{ id: demoId('x', '1'), last_name: 'A', companies: [{ company_id: demoId('x', 'missing') }] }] }),
    ).toThrow(/teamleader\.contacts\[0\]\.companies\[0\]\.company_id: refers to company .* which is not in the seed/);
    expect(() => parseTeamleaderSeed('{ not json')).toThrow(TeamleaderSeedError);
  });

  it('the demo seed follows the demo shop, with deterministic ids', () => {
    const seed = demoTeamleaderSeed();
    expect(seed).toEqual(demoTeamleaderSeed());
    const inTl = shop.customers.filter((x) => x.inTeamleader);
    expect(seed.companies).toHaveLength(inTl.filter((x) => x.kind === 'company').length);
    // Persons, plus the contact person of each company that has one.
    expect(seed.contacts).toHaveLength(inTl.filter((x) => x.kind === 'person' || x.contact).length);
    expect(seed.products.map((p) => p.code).sort()).toEqual(shop.products.filter((p) => p.inTeamleader).map((p) => p.sku).sort());
    expect(seed.productCategories.map((x) => x.name)).toEqual(shop.groups);
    expect(seed.taxRates.map((t) => t.rate)).toEqual([0.21, 0.09, 0]);
    expect(seed.departments).toHaveLength(1);

    const lonely = shop.customers.find((x) => x.edge === 'company-without-contact');
    expect(seed.companies.some((x) => x.id === demoIds.company(lonely?.key ?? ''))).toBe(true);
    expect(seed.contacts.some((x) => x.companies.some((l) => l.company_id === demoIds.company(lonely?.key ?? '')))).toBe(false);

    const moved = shop.customers.find((x) => x.edge === 'address-changed');
    const movedContact = seed.contacts.find((x) => x.id === demoIds.contact(moved?.key ?? ''));
    expect(movedContact?.addresses[0]?.address.line_1).toBe(`${moved?.teamleaderAddress?.street} ${moved?.teamleaderAddress?.houseNumber}`);

    const noEmail = shop.customers.find((x) => x.edge === 'no-email');
    expect(seed.contacts.find((x) => x.id === demoIds.contact(noEmail?.key ?? ''))?.emails).toEqual([]);

    const tlOrders = shop.orders.filter((o) => o.origin === 'teamleader');
    for (const o of tlOrders) expect(seed.invoices.some((i) => i.id === demoId('teamleader.invoice', o.key))).toBe(true);
    const statuses = new Set(seed.invoices.map((i) => i.status));
    expect(statuses).toEqual(new Set(['draft', 'outstanding', 'matched']));
    expect(seed.invoices.filter((i) => i.status !== 'draft').every((i) => /^2026 \/ \d+$/.test(i.invoice_number ?? ''))).toBe(true);
    expect(seed.invoices.filter((i) => i.status === 'draft').every((i) => i.invoice_number === null)).toBe(true);

    const synced = shop.orders.find((o) => o.origin === 'mplus' && o.alreadySynced);
    const mplusInvoice = seed.invoices.find((i) => i.id === demoId('teamleader.invoice', synced?.key ?? ''));
    expect(mplusInvoice?.purchase_order_number).toBe(demoId('mplus.order', synced?.key ?? '').replaceAll('-', ''));
    expect(mplusInvoice?.purchase_order_number).toMatch(/^[0-9a-f]{32}$/);
    expect(mplusInvoice?.status).not.toBe('draft');
    const teaPot = shop.products.find((p) => p.edge === 'non-numeric-sku');
    expect(seed.products.find((p) => p.id === demoIds.product(teaPot?.key ?? ''))?.code).toBe('TEA-POT-8');
  });
});

let c: Connected;
beforeAll(async () => {
  c = await connectToSandbox();
});
afterAll(async () => {
  await c.sandbox.close();
});

async function post(path: string, body: unknown, token?: string): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(`${c.sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

describe('control paths', () => {
  it('state, reset with a seed file, reset to the demo seed', async () => {
    const state = (await (await fetch(`${c.sandbox.url}/__sandbox/state`)).json()) as { invoices: unknown[] };
    expect(state.invoices).toHaveLength(c.sandbox.state().invoices.length);
    // The full seed file of the CLI: { mplus, teamleader }.
    const small = { teamleader: { contacts: [{ id: demoId('t', '1'), last_name: 'Alleen' }] }, mplus: { anything: true } };
    expect((await post('/__sandbox/reset', small)).json).toMatchObject({ ok: true, contacts: 1 });
    expect(c.sandbox.state().contacts.map((x) => x.last_name)).toEqual(['Alleen']);
    const bad = await post('/__sandbox/reset', { contacts: [{ id: demoId('t', '1') }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('teamleader.contacts[0].last_name: required');
    expect((await post('/__sandbox/reset', undefined)).json).toMatchObject({ ok: true, invoices: demoTeamleaderSeed().invoices.length });
  });

  it('the state is a seed: saving and loading it gives the same state', async () => {
    await c.client.contacts.add({ last_name: 'Rond', emails: [{ type: 'primary', email: 'rond@example.com' }] });
    const saved = c.sandbox.state();
    c.sandbox.reset();
    c.sandbox.reset(JSON.parse(JSON.stringify(saved)));
    expect(c.sandbox.state()).toEqual(saved);
    c.sandbox.reset();
  });
});

describe('rules', () => {
  it('serves exactly the endpoints Sincro uses', () => {
    expect(sandboxEndpoints).toEqual([...sincroEndpoints].sort());
  });

  it('wants a bearer token and sends rate-limit headers on every answer', async () => {
    const none = await post('/users.me', {});
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ errors: [{ title: 'Unauthorized: no access token was sent', status: 401 }] });
    const { accessToken } = await c.sandbox.issueTokens();
    const ok = await post('/users.me', undefined, accessToken);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('200');
    expect(Number(ok.headers.get('x-ratelimit-remaining'))).toBeLessThan(200);
    expect(ok.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect((await post('/contacts.delete', { id: demoIds.contact('c01') }, accessToken)).status).toBe(404);
    expect((await post('/contacts.list', '{broken', accessToken)).status).toBe(400);
  });

  it('reads also work as GET with bracketed query parameters', async () => {
    const { accessToken } = await c.sandbox.issueTokens();
    const res = await fetch(`${c.sandbox.url}/products.list?page[size]=3&page[number]=2&filter[ids][]=${demoIds.product('p001')}&filter[ids][]=${demoIds.product('p002')}`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown[] }).data).toEqual([]);
    const info = await fetch(`${c.sandbox.url}/products.info?id=${demoIds.product('p001')}`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(((await info.json()) as { data: { code: string } }).data.code).toBe('1000');
  });

  it('refuses a page larger than 100', async () => {
    const { accessToken } = await c.sandbox.issueTokens();
    const res = await post('/contacts.list', { page: { size: 101 } }, accessToken);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: [{ title: 'page.size must not be more than 100', status: 400, meta: { field: 'page.size' } }] });
  });
});

/**
 * The blueprint's example requests (with the fixture's ids) are accepted, and without any field the
 * blueprint marks required they are refused with 400 naming that field.
 */
describe('the blueprint\'s example requests and required fields', () => {
  const rewriteExample = createRequire(import.meta.url)('../dredd/example-bodies.cjs').rewriteExample as (body: unknown, endpoint: string, ids: Record<string, string>) => unknown;
  let fixture: TeamleaderSandbox;
  let token = '';
  beforeAll(async () => {
    fixture = await startTeamleaderSandbox({ seed: dreddFixtureSeed() });
    token = (await fixture.issueTokens()).accessToken;
  });
  afterAll(async () => {
    await fixture.close();
  });
  const send = async (endpoint: string, body: unknown) => {
    const res = await fetch(`${fixture.url}/${endpoint}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as { errors?: { meta?: { field?: string } }[] } | undefined };
  };
  const example = (endpoint: SincroEndpoint) => rewriteExample(blueprintEndpoint(endpoint).requestExample, endpoint, dreddIds) as Record<string, unknown>;

  const requiredPaths = (schema: unknown, prefix = ''): string[] => {
    if (typeof schema !== 'object' || schema === null) return [];
    const s = schema as { properties?: Record<string, unknown>; required?: string[] };
    const own = (s.required ?? []).map((k) => `${prefix}${k}`);
    const nested = Object.entries(s.properties ?? {}).flatMap(([k, v]) => requiredPaths(v, `${prefix}${k}.`));
    return [...own, ...nested];
  };
  const at = (body: unknown, path: string): unknown =>
    path.split('.').reduce<unknown>((node, p) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[p] : undefined), body);
  const without = (body: Record<string, unknown>, path: string): unknown => {
    const copy = structuredClone(body);
    const parts = path.split('.');
    const parent = at(copy, parts.slice(0, -1).join('.')) ?? copy;
    delete (parts.length > 1 ? (parent as Record<string, unknown>) : copy)[parts[parts.length - 1] ?? ''];
    return copy;
  };

  const withExamples = sincroEndpoints.filter((e) => blueprintEndpoint(e).requestExample !== null);
  for (const endpoint of withExamples) {
    it(`${endpoint}: the example is accepted`, async () => {
      const res = await send(endpoint, example(endpoint));
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    });
  }

  const checked = withExamples.flatMap((endpoint) =>
    requiredPaths(blueprintEndpoint(endpoint).requestSchema)
      .filter((path) => at(example(endpoint), path) !== undefined)
      .map((path) => [endpoint, path] as const),
  );

  it('covers the documented required fields', () => {
    expect(checked.map(([e, p]) => `${e} ${p}`)).toEqual(
      expect.arrayContaining(['contacts.add last_name', 'companies.add name', 'invoices.draft department_id', 'invoices.draft grouped_lines', 'deals.create lead.customer', 'invoices.book on']),
    );
  });

  for (const [endpoint, path] of checked) {
    it(`${endpoint} without ${path} → 400 naming it`, async () => {
      const res = await send(endpoint, without(example(endpoint), path));
      expect(res.status).toBe(400);
      expect(res.json?.errors?.map((e) => e.meta?.field)).toContain(path);
    });
  }
});

describe('paging and updated_since', () => {
  it('pages until a short page, with any page size', async () => {
    for (const pageSize of [1, 7, 20, 100]) {
      const { client } = await clientFor(c.sandbox, { pageSize });
      const ids = (await collect(client.contacts.list())).map((x) => x.id);
      expect(ids).toHaveLength(c.sandbox.state().contacts.length);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('lists only what changed since a moment, inclusive', async () => {
    const before = await collect(c.client.products.list({ filter: { updated_since: '2026-06-01T00:00:00+00:00' } }));
    expect(before).toEqual([]);
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
    await c.client.products.update({ id: demoIds.product('p002'), description: 'Nieuw' });
    const productId = await c.client.products.add({ name: 'Nieuw product', code: '9999' });
    const changed = await collect(c.client.products.list({ filter: { updated_since: t0 } }));
    expect(changed.map((p) => p.id).sort()).toEqual([demoIds.product('p002'), productId].sort());
    const stamp = changed.find((p) => p.id === productId)?.updated_at ?? '';
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const inclusive = await collect(c.client.products.list({ filter: { updated_since: stamp } }));
    expect(inclusive.map((p) => p.id)).toContain(productId);

    await c.client.contacts.update({ id: demoIds.contact('c01'), remarks: 'moved' });
    expect((await collect(c.client.contacts.list({ filter: { updated_since: t0 } }))).map((x) => x.id)).toContain(demoIds.contact('c01'));
    const companyIds = (await collect(c.client.companies.list({ filter: { updated_since: toTeamleaderDateTime(t0) } }))).map((x) => x.id);
    expect(companyIds).toEqual([]);
    const invoice = demoIds.invoice(shop.orders.filter((o) => o.origin === 'teamleader')[0]?.key ?? '');
    await c.client.invoices.update({ id: invoice, note: 'changed' });
    expect((await collect(c.client.invoices.list({ filter: { updated_since: t0 } }))).map((x) => x.id)).toEqual([invoice]);
  });
});
