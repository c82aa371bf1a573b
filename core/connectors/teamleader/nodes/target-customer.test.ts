import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, nodeTestEnv, sampleInto, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeEach(async () => {
  env = await nodeTestEnv();
});
afterEach(() => env.close());

const target = (config: Record<string, unknown> = {}) => ({ type: 'teamleader.target.customer', config: { connection: env.connection, payload: 'customer', ...config } });

describe('teamleader.target.customer (golden)', () => {
  it('creates a person as a contact and a company with its contact person, and passes { type, id } on', async () => {
    const run = await env.run(
      sampleInto(target(), [
        { id: 'o1', customer: { email: ' Lisa@Example.com ', first_name: 'Lisa', last_name: 'Maes', telephones: [{ type: 'mobile', number: '+32 470 11 22 33' }], addresses: [{ type: 'primary', address: { line_1: 'Kouter 5', postal_code: '9000', city: 'Gent', country: 'BE' } }] } },
        { id: 'o2', customer: { email: 'info@fietsen.example.com', first_name: 'Wout', last_name: 'Claes', company_name: 'Fietsen Claes', vat_number: 'BE0477472701', telephones: [{ type: 'mobile', number: '+32 470 99 88 77' }] } },
      ]),
    );
    expect(run.summary.status).toBe('succeeded');
    expect(run.summary.nodes['node']).toMatchObject({ created: 2 });

    const state = env.sandbox.state();
    const lisa = state.contacts.find((c) => c.last_name === 'Maes');
    expect(lisa).toMatchObject({ first_name: 'Lisa', emails: [{ type: 'primary', email: 'Lisa@Example.com' }], addresses: [{ type: 'primary', address: { city: 'Gent' } }] });
    const company = state.companies.find((c) => c.name === 'Fietsen Claes');
    // Companies have phone and fax numbers only: the mobile number becomes the phone.
    expect(company).toMatchObject({ vat_number: 'BE0477472701', emails: [{ type: 'primary', email: 'info@fietsen.example.com' }], telephones: [{ type: 'phone', number: '+32 470 99 88 77' }] });
    const wout = state.contacts.find((c) => c.last_name === 'Claes');
    expect(wout?.companies).toEqual([expect.objectContaining({ company_id: company?.id, decision_maker: true })]);

    expect(run.records.find((r) => r.key === 'o1')?.data).toMatchObject({ teamleaderCustomer: { type: 'contact', id: lisa?.id } });
    expect(run.records.find((r) => r.key === 'o2')?.data).toMatchObject({ teamleaderCustomer: { type: 'company', id: company?.id } });
  });

  it('finds existing customers by email, also with an empty ledger, and updates only what it is given', async () => {
    const run = await env.run(
      sampleInto(target(), [
        { id: 'o1', customer: { email: 'ANNA@example.com', first_name: 'Anna', last_name: 'de Vries', addresses: [{ type: 'delivery', address: { line_1: 'Biltstraat 9', postal_code: '3572 AB', city: 'Utrecht', country: 'NL' } }] } },
        { id: 'o2', customer: { email: 'info@bakkerij.example.com', last_name: 'Jansen', first_name: 'Bram', company_name: 'Bakkerij Jansen', telephones: [{ type: 'phone', number: '09 123 45 67' }] } },
      ]),
    );
    expect(run.summary.nodes['node']).toMatchObject({ created: 0, updated: 2 });
    const state = env.sandbox.state();
    expect(state.contacts).toHaveLength(2);
    expect(state.companies).toHaveLength(1);
    // The delivery address is added; the primary address stays.
    expect(state.contacts.find((c) => c.id === ids.anna)?.addresses.map((a) => a.type).sort()).toEqual(['delivery', 'primary']);
    // The invoicing email stays; Bram, already linked by name, is not added a second time.
    const bakery = state.companies.find((c) => c.id === ids.bakery);
    expect(bakery?.emails).toEqual([
      { type: 'primary', email: 'info@bakkerij.example.com' },
      { type: 'invoicing', email: 'facturen@bakkerij.example.com' },
    ]);
    expect(bakery?.telephones).toEqual([{ type: 'phone', number: '09 123 45 67' }]);
    expect(run.records.map((r) => r.data)).toEqual([
      expect.objectContaining({ teamleaderCustomer: { type: 'contact', id: ids.anna } }),
      expect.objectContaining({ teamleaderCustomer: { type: 'company', id: ids.bakery } }),
    ]);
  });

  it('uses the company when a person orders with the company’s email, without renaming it', async () => {
    const run = await env.run(sampleInto(target(), [{ id: 'o1', customer: { email: 'info@bakkerij.example.com', first_name: 'Iemand', last_name: 'Anders', telephones: [{ type: 'fax', number: '09 000 00 00' }] } }]));
    expect(run.records[0]).toMatchObject({ action: 'update', data: expect.objectContaining({ teamleaderCustomer: { type: 'company', id: ids.bakery } }) });
    const state = env.sandbox.state();
    expect(state.companies.find((c) => c.id === ids.bakery)).toMatchObject({ name: 'Bakkerij Jansen', telephones: [{ type: 'fax', number: '09 000 00 00' }] });
    expect(state.contacts).toHaveLength(2);
  });

  it('with "update existing" off, leaves existing customers alone but still passes them on', async () => {
    const run = await env.run(sampleInto(target({ updateExisting: false }), [{ id: 'o1', customer: { email: 'anna@example.com', last_name: 'Changed' } }]));
    expect(run.records[0]).toMatchObject({ status: 'ok', action: 'unchanged', data: expect.objectContaining({ teamleaderCustomer: { type: 'contact', id: ids.anna } }) });
    expect(env.sandbox.state().contacts.find((c) => c.id === ids.anna)?.last_name).toBe('de Vries');
  });

  it('two orders of one new customer in one run make one customer', async () => {
    const customer = { email: 'nieuw@example.com', last_name: 'Nieuw' };
    const run = await env.run(sampleInto(target(), [{ id: 'o1', customer }, { id: 'o2', customer }, { id: 'o3', customer }]));
    expect(run.summary.nodes['node']).toMatchObject({ created: 1, unchanged: 2 });
    expect(env.sandbox.state().contacts.filter((c) => c.last_name === 'Nieuw')).toHaveLength(1);
  });

  it('fails a record without email or name, in words, and sends nothing in a dry run', async () => {
    const run = await env.run(
      sampleInto(target(), [
        { id: 'o1', customer: { first_name: 'Geen', last_name: 'Email' } },
        { id: 'o2', customer: { email: 'x@example.com' } },
        { id: 'o3', customer: { email: 'dry@example.com', last_name: 'Droog' } },
      ]),
      { dryRun: true },
    );
    expect(run.records.map((r) => [r.status, r.message])).toEqual([
      ['failed', 'the customer to send is not complete: customer.email is required: customers are found by email'],
      ['failed', 'the customer has no last name and no company name'],
      ['ok', null],
    ]);
    expect(run.records[2]).toMatchObject({ action: 'create', data: expect.objectContaining({ teamleaderCustomer: { type: 'contact', id: '(new customer)' } }) });
    expect(env.sandbox.state().contacts).toHaveLength(2);
  });
});
