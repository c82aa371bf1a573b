import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, nodeTestEnv, sampleInto, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv({ recordRequests: true });
});
afterAll(() => env.close());

const lookup = (config: Record<string, unknown> = {}) => ({ type: 'teamleader.lookup.customer', config: { connection: env.connection, ...config } });

describe('teamleader.lookup.customer (golden)', () => {
  it('finds a company or a contact by email, attaches { type, id, … } and routes found / missing', async () => {
    const before = env.sandbox.requestLog().length;
    const run = await env.run(
      sampleInto(lookup(), [
        { id: 'o1', email: ' INFO@bakkerij.example.com' },
        { id: 'o2', email: 'anna@example.com' },
        { id: 'o3', email: 'nobody@example.com' },
        { id: 'o4' },
        { id: 'o5', email: 'anna@example.com' },
      ]),
    );
    expect(run.records.map((r) => [r.key, r.port])).toEqual([
      ['o1', 'found'],
      ['o2', 'found'],
      ['o3', 'missing'],
      ['o4', 'missing'],
      ['o5', 'found'],
    ]);
    expect(run.records[0]?.data).toMatchObject({ teamleaderCustomer: { type: 'company', id: ids.bakery, name: 'Bakkerij Jansen', email: 'info@bakkerij.example.com', vat_number: 'BE0123456749' } });
    expect(run.records[1]?.data).toMatchObject({ teamleaderCustomer: { type: 'contact', id: ids.anna, name: 'Anna de Vries', email: 'anna@example.com' } });
    expect(run.records[2]?.lineage.at(-1)?.note).toBe('no company or contact with email nobody@example.com in Teamleader');
    // Asked once per email in a run (o5 used what o2 found); an email not found by the exact filter
    // is searched once more as text (an address stored as typed, " Anna@…").
    const asked = env.sandbox.requestLog().slice(before).filter((r) => r.endpoint === 'contacts.list');
    expect(asked).toHaveLength(3);
    // Nothing was changed in Teamleader.
    expect(env.sandbox.state().contacts).toHaveLength(2);
  });

  it('can look among contacts only', async () => {
    const run = await env.run(sampleInto(lookup({ search: 'contact', key: 'customer.email', as: 'tl.customer' }), [{ id: 'o1', customer: { email: 'info@bakkerij.example.com' } }]));
    expect(run.records[0]).toMatchObject({ port: 'missing' });
    expect(run.records[0]?.lineage.at(-1)?.note).toBe('no contact with email info@bakkerij.example.com in Teamleader');
  });
});
