/** The customers template against both sandboxes (MISSION CUS-1..4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoShop } from '../connectors/demo-shop';
import type { TemplateOutcome } from './demo-run';
import { requestsBetween, templateEnv, type MplusState, type TemplateEnv } from './testing/template-env';

const shop = buildDemoShop();
let env: TemplateEnv;
let run: TemplateOutcome;
let before: MplusState;
let after: MplusState;
let leaveExisting: TemplateOutcome;

beforeAll(async () => {
  env = await templateEnv();
  before = await env.mplus();
  leaveExisting = await env.run('customers-teamleader-to-mplus', { flowId: 'cus3-leave-existing', settings: { updateExistingCustomers: false }, dryRun: true });
  run = await env.run('customers-teamleader-to-mplus', { settings: { vatMethodByCountry: [{ from: 'NL', to: 'VAT-METHOD-INCLUSIVE' }, { from: 'BE', to: 'VAT-METHOD-SHIFTED' }], otherCountries: 'default' } });
  after = await env.mplus();
}, 120_000);
afterAll(() => env.close());

const relationOf = (state: MplusState, email: string | undefined) => state.relations.filter((r) => r.email === email);

describe('Customers Teamleader → MplusKASSA', () => {
  it('CUS-1: customers are matched by email: created when new, updated when present', () => {
    expect(run.summary.status).toBe('succeeded');
    for (const c of shop.customers.filter((x) => x.inTeamleader && x.email)) {
      expect(relationOf(after, c.email), c.key).toHaveLength(1);
    }
    const moved = shop.customers.find((c) => c.edge === 'address-changed');
    expect(relationOf(before, moved?.email)[0]?.['address']).toBe(`${moved?.address.street} ${moved?.address.houseNumber}`);
    expect(relationOf(after, moved?.email)[0]).toMatchObject({ address: 'Nieuwe Gracht 12' });
  });

  it('CUS-2: a company becomes a company relation with its contact; a person a private one', () => {
    const company = shop.customers.find((c) => c.kind === 'company' && c.contact && c.inTeamleader);
    expect(relationOf(after, company?.email)[0]).toMatchObject({ companyName: company?.companyName, contact: `${company?.contact?.firstName} ${company?.contact?.lastName}` });
    const lonely = shop.customers.find((c) => c.edge === 'company-without-contact' && c.inTeamleader);
    // No contact: none on a new relation, an empty one on an updated relation (it clears one a person who left had).
    if (lonely) expect(relationOf(after, lonely.email)[0]?.['contact'] ?? '').toBe('');
    const person = shop.customers.find((c) => c.kind === 'person' && c.inTeamleader && !c.inMplus && c.email);
    expect(relationOf(after, person?.email)[0]).toMatchObject({ name: `${person?.firstName} ${person?.lastName}` });
    expect(relationOf(after, person?.email)[0]?.['companyName']).toBeUndefined();
  });

  it('CUS-2: a person without an email is skipped with the reason, not guessed', () => {
    const noEmail = shop.customers.find((c) => c.edge === 'no-email');
    expect(noEmail?.inTeamleader).toBe(true);
    expect(run.summary.nodes['no-email']?.skipped).toBe(1);
  });

  it('CUS-3: with “update existing customers” off, existing ones are left as they are and new ones created', () => {
    expect(leaveExisting.summary.nodes['customer']).toMatchObject({ updated: 0, unchanged: run.summary.nodes['customer']?.updated, created: run.summary.nodes['customer']?.created });
  });

  it('CUS-3: the VAT method per country is set on each customer', () => {
    const inBelgium = shop.customers.filter((c) => c.inTeamleader && c.email && (c.teamleaderAddress ?? c.address).country === 'BE');
    expect(inBelgium.length).toBeGreaterThan(0);
    for (const c of inBelgium) expect(relationOf(after, c.email)[0]?.['defaultVatMethod'], c.key).toBe('VAT-METHOD-SHIFTED');
  });

  it('CUS-3: a rerun with nothing changed writes nothing and asks one page of changes per source (the companies’ also of their people)', async () => {
    const before = await env.requests();
    const again = await env.run('customers-teamleader-to-mplus');
    const after = await env.requests();
    expect(Object.values(again.summary.nodes).reduce((s, c) => s + c.created + c.updated, 0)).toBe(0);
    expect(requestsBetween(before.teamleader, after.teamleader)).toEqual({ 'contacts.list': 2, 'companies.list': 1 });
    expect(requestsBetween(before.mplus, after.mplus)).toEqual({});
  });
});
