/**
 * `sincro flows update`: a flow made from an earlier version of its template gets the newest
 * version's steps, keeps its settings and connections, and the earlier steps stay a version of it.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeFlow } from '../flow/flow-file';
import { createTemplateCatalog } from '../templates';
import { sincroIn } from '../testing/cli-call';
import { tempDir } from '../testing/golden';

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
beforeEach(() => {
  dir = tempDir('sincro-flows-update-');
  dataDir = join(dir.path, 'data');
});
afterEach(() => dir.remove());
const sincro = (...args: string[]) => sincroIn(dataDir, ...args);

const catalog = createTemplateCatalog();
const ID = 'orders-mplus-to-teamleader';

function importFlow(doc: object): Promise<unknown> {
  const path = join(dir.path, 'flow.json');
  writeFileSync(path, serializeFlow(doc as Parameters<typeof serializeFlow>[0]));
  return sincro('flows', 'import', path);
}

describe('sincro flows update', () => {
  it('gives a flow made from version 1 the newest steps, keeps its answers, and keeps the old steps as a version', async () => {
    const now = catalog.create({ template: ID, flowId: 'flow_shop', name: 'Kassa naar CRM', connections: { mplus: 'conn_till', teamleader: 'conn_crm' }, settings: { sendInvoices: true } });
    const old = { ...now, template: { id: ID, version: 1 }, nodes: now.nodes.filter((n) => n.id !== 'articles'), edges: now.edges.filter((e) => e.from.node !== 'articles' && e.to.node !== 'articles') };
    await importFlow(old);

    const updated = await sincro('flows', 'update', 'flow_shop');
    expect(updated.code, updated.err).toBe(0);
    expect(updated.out).toContain(`Updated "Kassa naar CRM" from version 1 to version ${catalog.get(ID)?.version} of its template; stored as version 2 of the flow.`);
    expect(updated.out).toMatch(/^- version 2: A refund made at the till/m);
    const exported = JSON.parse((await sincro('flows', 'export', 'flow_shop')).out) as typeof now;
    expect(exported.nodes.map((n) => n.id)).toEqual(now.nodes.map((n) => n.id));
    expect(exported.settings).toMatchObject({ sendInvoices: true });
    expect(exported.nodes.find((n) => n.id === 'articles')?.config['connection']).toBe('conn_till');
    expect((await sincro('flows', 'versions', 'flow_shop')).out).toContain('updated to version 2 of its template');
    const earlier = JSON.parse((await sincro('flows', 'export', 'flow_shop', '--flow-version', '1')).out) as typeof now;
    expect(earlier.nodes.some((n) => n.id === 'articles')).toBe(false);

    const again = await sincro('flows', 'update', 'flow_shop');
    expect([again.code, again.out]).toEqual([0, expect.stringContaining('has the steps of the newest version')]);
  });

  it('refuses a flow not made from a template, naming it (exit 2)', async () => {
    const { template: _made, ...own } = catalog.create({ template: ID, flowId: 'flow_own', name: 'My own', connections: { mplus: 'conn_till', teamleader: 'conn_crm' }, settings: {} });
    await importFlow(own);
    const refused = await sincro('flows', 'update', 'flow_own');
    expect([refused.code, refused.err]).toEqual([2, expect.stringContaining('The flow "My own" was not made from a template')]);
  });
});
