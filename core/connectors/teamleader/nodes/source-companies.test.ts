import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../test-support';
import { ids, nodeTestEnv, sourceOnly, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

describe('teamleader.source.companies (golden)', () => {
  it('reads the companies with their email and contact person', async () => {
    const doc = sourceOnly('teamleader.source.companies', { connection: env.connection });
    const run = await env.run(doc);
    expect(run.records.map((r) => r.key)).toEqual([ids.bakery]);
    expect(run.records[0]?.data).toMatchObject({
      type: 'company',
      id: ids.bakery,
      name: 'Bakkerij Jansen',
      email: 'info@bakkerij.example.com',
      vat_number: 'BE0123456749',
      primary_address: { line_1: 'Veldstraat 1', city: 'Gent', country: 'BE' },
      contact_person: { type: 'contact', id: ids.bram, first_name: 'Bram', last_name: 'Jansen', name: 'Bram Jansen', email: 'bram@bakkerij.example.com' },
    });
    expect(env.store.cursors.get(doc.id, 'src', 'updatedSince')).toBe('2026-01-04T10:00:00+00:00');
    expect((await env.run(doc)).records).toEqual([]);
  });

  it('reads a company again when one of its people changed (Teamleader does not mark the company changed), and only then', async () => {
    const doc = sourceOnly('teamleader.source.companies', { connection: env.connection });
    await env.run(doc);
    expect((await env.run(doc)).records).toEqual([]);
    const { client } = await clientFor(env.sandbox);
    // Someone else (not linked to a company) changes: no company is read for that.
    await client.contacts.update({ id: ids.anna, emails: [{ type: 'primary', email: 'anna.devries@example.com' }] });
    const before = env.sandbox.stats().byEndpoint['contacts.info'] ?? 0;
    expect((await env.run(doc)).records).toEqual([]);
    expect((env.sandbox.stats().byEndpoint['contacts.info'] ?? 0) - before).toBe(1);

    await client.contacts.update({ id: ids.bram, emails: [{ type: 'primary', email: 'bram.jansen@bakkerij.example.com' }] });
    const again = await env.run(doc);
    expect(again.records.map((r) => r.key)).toEqual([ids.bakery]);
    expect(again.records[0]?.data).toMatchObject({ contact_person: { id: ids.bram, email: 'bram.jansen@bakkerij.example.com' } });
    // Read once: the next run has nothing to read, and reads no person's details.
    const quiet = env.sandbox.stats().byEndpoint['contacts.info'] ?? 0;
    expect((await env.run(doc)).records).toEqual([]);
    expect((env.sandbox.stats().byEndpoint['contacts.info'] ?? 0) - quiet).toBe(0);
  });

  it('keeps who is linked to each company, and reads on when what it kept is damaged', async () => {
    const doc = sourceOnly('teamleader.source.companies', { connection: env.connection });
    await env.run(doc);
    expect(JSON.parse(env.store.cursors.get(doc.id, 'src', 'linkedPeople') ?? 'null')).toEqual({ [ids.bakery]: [ids.bram] });
    env.store.cursors.set(doc.id, 'src', 'linkedPeople', '{not json');
    const { client } = await clientFor(env.sandbox);
    // Teamleader's times have whole seconds: a change in the second the test before changed Bram is not a change.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await client.contacts.update({ id: ids.bram, telephones: [{ type: 'phone', number: '+32 9 123 45 67' }] });
    const again = await env.run(doc);
    expect(again.records.map((r) => r.key)).toEqual([ids.bakery]);
    expect(JSON.parse(env.store.cursors.get(doc.id, 'src', 'linkedPeople') ?? 'null')).toEqual({ [ids.bakery]: [ids.bram] });
  });
});
