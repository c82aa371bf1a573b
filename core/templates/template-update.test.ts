import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../api/flow-document';
import { stableHash } from '../util/stable-hash';
import { createTemplateCatalog, TemplateError, updateFromTemplate } from './index';

const catalog = createTemplateCatalog();
const ID = 'orders-mplus-to-teamleader';
const connections = { mplus: 'conn_till', teamleader: 'conn_crm' };

/** A flow made from version 1: fewer steps, a step's config a user changed, an answer v1 asked that the template no longer asks. */
function madeFromVersionOne(): FlowDocument {
  const now = catalog.create({ template: ID, flowId: 'flow_shop', name: 'Kassa naar CRM', connections, settings: { sendInvoices: true, invoiceState: 'book' } });
  const gone = new Set(['credit-invoices', 'articles', 'refund-as-invoice', 'no-quotation-refund', 'sale-there', 'credited-sale', 'credit-waits']);
  return {
    ...now,
    template: { id: ID, version: 1 },
    settings: { ...now.settings, askedInVersionOne: true },
    nodes: now.nodes.filter((n) => !gone.has(n.id)).map((n) => (n.id === 'no-email' ? { ...n, config: { reason: 'my own words' } } : n)),
    edges: now.edges.filter((e) => !gone.has(e.from.node) && !gone.has(e.to.node)),
    notes: [{ id: 'note_1', text: 'Ask Piet before booking', position: { x: 0, y: 0 } }],
  };
}

describe('A flow made from an earlier version of its template', () => {
  it('gets the newest version’s steps, and keeps its id, name, notes, answers and connections', () => {
    const old = madeFromVersionOne();
    const { doc, from, to } = updateFromTemplate(catalog, old);
    const latest = catalog.create({ template: ID, flowId: 'flow_shop', name: 'Kassa naar CRM', connections, settings: { sendInvoices: true, invoiceState: 'book' } });
    expect([from, to, doc.template]).toEqual([1, catalog.get(ID)?.version, { id: ID, version: catalog.get(ID)?.version }]);
    expect([doc.id, doc.name, doc.notes]).toEqual([old.id, old.name, old.notes]);
    expect(doc.nodes).toEqual(latest.nodes);
    expect(doc.edges).toEqual(latest.edges);
    // Its answers kept, the rest at their defaults; an answer to a question no longer asked left behind.
    expect(doc.settings).toEqual(latest.settings);
    expect(doc.settings).toMatchObject({ sendInvoices: true, invoiceState: 'book' });
    const connectionsUsed = new Set(doc.nodes.map((n) => n.config['connection']).filter(Boolean));
    expect([...connectionsUsed].sort()).toEqual(['conn_crm', 'conn_till']);
  });

  it('finds its connections in steps of their app when the step ids changed', () => {
    const old = madeFromVersionOne();
    const renamed = { ...old, nodes: old.nodes.map((n) => ({ ...n, id: `my-${n.id}` })), edges: old.edges.map((e) => ({ from: { ...e.from, node: `my-${e.from.node}` }, to: { ...e.to, node: `my-${e.to.node}` } })) };
    const connectionsUsed = new Set(updateFromTemplate(catalog, renamed).doc.nodes.map((n) => n.config['connection']).filter(Boolean));
    expect([...connectionsUsed].sort()).toEqual(['conn_crm', 'conn_till']);
  });

  it('is refused, naming why, without a template or without a connection to keep', () => {
    const old = madeFromVersionOne();
    const { template: _t, ...plain } = old;
    expect(() => updateFromTemplate(catalog, plain)).toThrow(new TemplateError('The flow "Kassa naar CRM" was not made from a template.'));
    const noCrm = { ...old, nodes: old.nodes.filter((n) => !n.type.startsWith('teamleader.')) };
    expect(() => updateFromTemplate(catalog, noCrm)).toThrow(/has no Teamleader connection in its steps to keep/);
    expect(() => updateFromTemplate(catalog, { ...old, template: { id: 'gone', version: 1 } })).toThrow(/the template "gone", which this Sincro does not have/);
  });

  it('is told what changed since: every template says what each of its later versions changed', () => {
    for (const info of catalog.list()) expect(info.changes.map((c) => c.version), info.id).toEqual(Array.from({ length: info.version - 1 }, (_, i) => i + 2));
    expect(catalog.list().find((t) => t.id === ID)?.changes[0]?.text).toMatch(/refund made at the till/);
  });
});

/**
 * What runs in each template (its steps' ids, types, configs and switches, and its connections;
 * not positions, titles or notes), by version. A flow is offered an update only when its template's
 * version is raised, so a fix shipped without raising it would never reach the flows made before.
 */
const STEPS_BY_VERSION: Record<string, { version: number; steps: string }> = {
  'orders-mplus-to-teamleader': { version: 2, steps: '11e99b11d488c94fea6dbbfec2eb7a38c76c2c53' },
  'orders-teamleader-to-mplus': { version: 1, steps: 'bdafebb24553ab1efe993ac2d6d58458ec44fae4' },
  'customers-teamleader-to-mplus': { version: 1, steps: '419089ea7064e8136ccde1a2dc72e9a90aaf18fd' },
  'products-mplus-to-teamleader': { version: 1, steps: '917e1e511f42251244272e68fa5168bc93574619' },
  'products-teamleader-to-mplus': { version: 1, steps: '97672fcbb033ca1a4ee4ff595e40c55a41afdc86' },
};

describe('A template', () => {
  it('changes its steps only with a new version, which says what changed', () => {
    for (const t of catalog.templates) {
      const doc = catalog.load(t.id);
      const steps = stableHash({ nodes: doc.nodes.map(({ id, type, config, enabled }) => ({ id, type, config, enabled })), edges: doc.edges });
      expect({ version: t.version, steps }, `${t.id}: its steps changed. Raise its version in builtin-templates.ts, say what changed (changes), and note the new steps here`).toEqual(STEPS_BY_VERSION[t.id]);
    }
  });
});
