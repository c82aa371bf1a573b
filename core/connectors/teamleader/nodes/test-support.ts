/**
 * For the node tests: a real Teamleader sandbox on 127.0.0.1 with a small seed, a real store with a
 * stored "teamleader" connection to it, and small flows run by the real engine.
 */
import type { FlowDocument } from '../../../api/flow-document';
import { demoId } from '../../demo-shop';
import { builtinNodeTypes } from '../../../nodes/builtin';
import { NodeRegistry } from '../../../nodes/registry';
import { flow, retryTestRun, runTestFlow, testStore, type TestRun } from '../../../testing/golden';
import type { Store } from '../../../store/store';
import { secretsFromTokens } from '../connection-settings';
import { parseTeamleaderSeed, type TeamleaderSeed, type TeamleaderSeedInput } from '../sandbox/seed-schema';
import { startTeamleaderSandbox, type TeamleaderSandbox, type TeamleaderSandboxOptions } from '../sandbox/server';
import { teamleaderNodeTypes } from './index';

export const registry = new NodeRegistry([...builtinNodeTypes, ...teamleaderNodeTypes]);

const id = (kind: string, key: string) => demoId(`teamleader.test.${kind}`, key);

/** Ids of the small seed. */
export const ids = {
  department: id('department', 'main'),
  otherDepartment: id('department', 'other'),
  taxRate: (p: 21 | 9 | 0) => id('taxRate', String(p)),
  otherTaxRate: id('taxRate', 'other-21'),
  category: (name: string) => id('category', name),
  anna: id('contact', 'anna'),
  bram: id('contact', 'bram'),
  bakery: id('company', 'bakery'),
  kopje: id('product', 'kopje'),
  theepot: id('product', 'theepot'),
  invoiceBooked: id('invoice', 'booked'),
  invoiceDraft: id('invoice', 'draft'),
  /** The purchase order number of the booked invoice: an order synced earlier. */
  syncedOrder: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
};

const line = (description: string, quantity: number, amount: number, productId?: string) => ({
  quantity,
  description,
  unit_price: { amount, tax: 'excluding' as const },
  tax_rate_id: ids.taxRate(21),
  ...(productId ? { product_id: productId } : {}),
});

/** One department (and a second one), tax rates, a few customers and products, two invoices. */
export function smallSeed(extra: Partial<TeamleaderSeedInput> = {}): TeamleaderSeed {
  return parseTeamleaderSeed({
    users: [{ id: id('user', 'sanne'), first_name: 'Sanne', last_name: 'Verbeek', email: 'sanne@demowinkel.example.com' }],
    departments: [
      { id: ids.department, name: 'Demowinkel BV', currency: 'EUR' },
      { id: ids.otherDepartment, name: 'Webshop BV', currency: 'EUR' },
    ],
    taxRates: [
      ...([21, 9, 0] as const).map((p) => ({ id: ids.taxRate(p), description: `${p}%`, rate: p / 100, department_id: ids.department })),
      { id: ids.otherTaxRate, description: '21%', rate: 0.21, department_id: ids.otherDepartment },
    ],
    paymentTerms: [
      { id: id('paymentTerm', 'cash'), type: 'cash' },
      { id: id('paymentTerm', '14'), type: 'after_invoice_date', days: 14 },
    ],
    defaultPaymentTermId: id('paymentTerm', '14'),
    productCategories: ['Koffie', 'Servies'].map((name) => ({ id: ids.category(name), name, ledgers: [{ department_id: ids.department, ledger_account_number: '70000' }] })),
    dealPipelines: [{ id: id('pipeline', 'sales'), name: 'Verkoop', phases: [{ id: id('phase', 'new'), name: 'Nieuw' }] }],
    contacts: [
      {
        id: ids.anna,
        first_name: 'Anna',
        last_name: 'de Vries',
        emails: [{ type: 'primary', email: 'anna@example.com' }],
        telephones: [{ type: 'mobile', number: '+31 6 1234 5678' }],
        addresses: [{ type: 'primary', address: { line_1: 'Oudegracht 1', postal_code: '3511 AB', city: 'Utrecht', country: 'NL' } }],
        updated_at: '2026-01-02T10:00:00+00:00',
      },
      {
        id: ids.bram,
        first_name: 'Bram',
        last_name: 'Jansen',
        emails: [{ type: 'primary', email: 'bram@bakkerij.example.com' }],
        companies: [{ company_id: ids.bakery, position: 'Zaakvoerder', decision_maker: true }],
        updated_at: '2026-01-03T10:00:00+00:00',
      },
    ],
    companies: [
      {
        id: ids.bakery,
        name: 'Bakkerij Jansen',
        vat_number: 'BE0123456749',
        emails: [
          { type: 'primary', email: 'info@bakkerij.example.com' },
          { type: 'invoicing', email: 'facturen@bakkerij.example.com' },
        ],
        addresses: [{ type: 'primary', address: { line_1: 'Veldstraat 1', postal_code: '9000', city: 'Gent', country: 'BE' } }],
        updated_at: '2026-01-04T10:00:00+00:00',
      },
    ],
    products: [
      {
        id: ids.kopje,
        name: 'Kopje',
        code: '1000',
        selling_price: { amount: 4.5, currency: 'EUR' },
        tax_rate_id: ids.taxRate(21),
        product_category_id: ids.category('Servies'),
        updated_at: '2026-01-05T10:00:00+00:00',
      },
      { id: ids.theepot, name: 'Theepot', code: 'TEA-POT-8', selling_price: { amount: 24, currency: 'EUR' }, tax_rate_id: ids.taxRate(21), updated_at: '2026-01-06T10:00:00+00:00' },
    ],
    invoices: [
      {
        id: ids.invoiceBooked,
        department_id: ids.department,
        invoicee: { customer: { type: 'company', id: ids.bakery }, for_attention_of: { contact_id: ids.bram } },
        payment_term: { type: 'cash' },
        purchase_order_number: ids.syncedOrder,
        grouped_lines: [{ line_items: [line('Kopje', 2, 4.5, ids.kopje)] }],
        invoice_date: '2026-01-10',
        status: 'outstanding',
        created_at: '2026-01-10T09:00:00+00:00',
        updated_at: '2026-01-10T10:00:00+00:00',
      },
      {
        id: ids.invoiceDraft,
        department_id: ids.department,
        invoicee: { customer: { type: 'contact', id: ids.anna } },
        payment_term: { type: 'cash' },
        grouped_lines: [{ line_items: [line('Theepot', 1, 24, ids.theepot)] }],
        invoice_date: '2026-01-11',
        created_at: '2026-01-11T09:00:00+00:00',
        updated_at: '2026-01-11T09:00:00+00:00',
      },
    ],
    ...extra,
  });
}

let counter = 0;

export interface NodeTestEnv {
  sandbox: TeamleaderSandbox;
  store: Store & { dispose(): void };
  /** The id of the stored "teamleader" connection to the sandbox. */
  connection: string;
  run(doc: FlowDocument, opts?: { dryRun?: boolean; batchSize?: number }): Promise<TestRun>;
  /** Retries the failed records of a run, with `doc` as the flow's current version. */
  retry(runId: string, doc: FlowDocument): Promise<TestRun>;
  close(): Promise<void>;
}

export async function nodeTestEnv(sandboxOpts: TeamleaderSandboxOptions = {}): Promise<NodeTestEnv> {
  const sandbox = await startTeamleaderSandbox({ seed: smallSeed(), ...sandboxOpts });
  const store = testStore();
  const connection = `tl-${++counter}`;
  store.connections.add({
    id: connection,
    kind: 'teamleader',
    name: 'Teamleader (test)',
    config: { baseUrl: sandbox.url, authBaseUrl: sandbox.url, redirectPort: 0 },
    secrets: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, ...secretsFromTokens(await sandbox.issueTokens()) },
  });
  return {
    sandbox,
    store,
    connection,
    run: (doc, opts = {}) => runTestFlow(doc, { store, registry, ...opts }),
    retry: (runId, doc) => retryTestRun(store, registry, runId, doc),
    close: async () => {
      store.dispose();
      await sandbox.close();
    },
  };
}

/** A sample source with `records` (key: `keyField`) into one node. */
export function sampleInto(node: { type: string; config: Record<string, unknown> }, records: unknown[], keyField = 'id'): FlowDocument {
  return flow({
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField, records } },
      { id: 'node', ...node },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'node', port: 'in' } }],
  });
}

let flows = 0;

/** A Teamleader source alone, in a flow of its own (cursors are kept per flow and node). */
export function sourceOnly(type: string, config: Record<string, unknown>): FlowDocument {
  return flow({ id: `source-flow-${++flows}`, nodes: [{ id: 'src', type, config }] });
}
