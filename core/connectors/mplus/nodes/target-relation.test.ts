import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION, operations, sample, startNodeHarness, type NodeHarness } from '../testing/node-harness';

let h: NodeHarness;
beforeAll(async () => (h = await startNodeHarness()));
afterAll(() => h.close());

const target = (config: Record<string, unknown> = {}) => ({ id: 'customer', type: 'mplus.target.relation', config: { connection: CONNECTION, payload: 'customer', ...config } });
const relationByEmail = (email: string) => h.sandbox.state().relations.find((r) => r.email?.toLowerCase() === email.toLowerCase());

describe('mplus.target.relation (golden)', () => {
  it('creates a person, a company with its contact, and updates a customer found by email', async () => {
    const existing = h.sandbox.state().relations.find((r) => r.email && !r.companyName);
    const email = existing?.email ?? '';
    const records = [
      { id: 'o1', customer: { email: 'joris@example.nl', firstName: 'Joris', lastName: 'Bakker', city: 'Delft', country: 'NL' } },
      { id: 'o2', customer: { email: 'inkoop@bakkerij-zon.nl', name: 'Sanne de Zon', companyName: 'Bakkerij De Zon', vatNumber: 'NL001234567B01' } },
      { id: 'o3', customer: { email: ` ${email.toUpperCase()}`, name: existing?.name, city: 'Zwolle' } },
      { id: 'o4', customer: { email: ' joris@example.nl ', firstName: 'Joris', lastName: 'Bakker', city: 'Delft', country: 'NL' } },
    ];
    const run = await h.run([sample(records), target()]);
    expect(run.summary.nodes['customer']).toMatchObject({ created: 2, updated: 1, unchanged: 1 });
    expect(relationByEmail('joris@example.nl')).toMatchObject({ name: 'Joris Bakker', city: 'Delft' });
    expect(relationByEmail('joris@example.nl')?.companyName).toBeUndefined();
    expect(relationByEmail('inkoop@bakkerij-zon.nl')).toMatchObject({ name: 'Bakkerij De Zon', companyName: 'Bakkerij De Zon', contact: 'Sanne de Zon', vatNumber: 'NL001234567B01' });
    expect(relationByEmail(email)).toMatchObject({ relationNumber: existing?.relationNumber, city: 'Zwolle' });
    expect(run.records[2]?.data).toMatchObject({ mplusRelationNumber: existing?.relationNumber });
    expect(run.records[3]?.data).toMatchObject({ mplusRelationNumber: relationByEmail('joris@example.nl')?.relationNumber });

    h.exchanges.length = 0;
    const again = await h.run([sample(records), target()]);
    expect(again.summary.nodes['customer']).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(operations(h.exchanges)).toEqual([]);
  });

  it('with "update existing customers" off, leaves them alone and still passes them on with their number', async () => {
    const existing = h.sandbox.state().relations.find((r) => r.email && !r.companyName && r.relationNumber !== undefined);
    const store = h.freshStore();
    try {
      const run = await h.run(
        [sample([{ id: 'a', customer: { email: existing?.email, name: 'Someone Else' } }, { id: 'b', customer: { email: 'new@example.nl', name: 'Nieuw' } }]), target({ updateExisting: false })],
        { store },
      );
      expect(run.records.map((r) => [r.key, r.status, r.action])).toEqual([['a', 'ok', 'unchanged'], ['b', 'ok', 'create']]);
      expect(run.records[0]?.data).toMatchObject({ mplusRelationNumber: existing?.relationNumber });
      expect(relationByEmail(existing?.email ?? '')?.name).toBe(existing?.name);
    } finally {
      store.dispose();
    }
  });

  it('fails a customer without email or name, and writes nothing in a dry run', async () => {
    const before = h.sandbox.state().relations.length;
    const run = await h.run([sample([{ id: 'x', customer: { name: 'No Mail' } }, { id: 'y', customer: { email: 'y@example.nl' } }, { id: 'z', customer: { email: 'z@example.nl', name: 'Zed' } }]), target()], { dryRun: true });
    expect(run.records.map((r) => r.message)).toEqual([
      'the customer has no email address; MplusKASSA customers are matched by email',
      'the customer has no name and no company name',
      null,
    ]);
    expect(run.records[2]).toMatchObject({ status: 'ok', action: 'create', targetId: '(new relation)' });
    expect(h.sandbox.state().relations.length).toBe(before);
  });

  it('changes neither of two customers with one email, and fails the record naming both', async () => {
    const { relationNumber: first } = await h.client.createRelation({ name: 'Kim Eerst', email: 'kim@twee.example.nl' });
    const { relationNumber: second } = await h.client.createRelation({ name: 'Kim Tweede', email: ' KIM@twee.example.nl' });
    const before = h.sandbox.state().relations.filter((r) => r.relationNumber === first || r.relationNumber === second);
    h.exchanges.length = 0;
    const store = h.freshStore();
    const run = await h.run([sample([{ id: 'k', customer: { email: 'kim@twee.example.nl', name: 'Kim Derde' } }]), target()], { store }).finally(() => store.dispose());
    expect(run.records[0]).toMatchObject({ status: 'failed', node: 'customer' });
    expect(run.records[0]?.message).toMatch(new RegExp(`^MplusKASSA has 2 customers with the email address kim@twee.example.nl: ${first} “Kim Eerst” and ${second} “Kim Tweede”\\.`));
    expect(operations(h.exchanges)).not.toContain('updateRelation');
    expect(h.sandbox.state().relations.filter((r) => r.relationNumber === first || r.relationNumber === second)).toEqual(before);
  });
});
