import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../api/flow-document';
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
