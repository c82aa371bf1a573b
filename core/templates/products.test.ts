/** The product templates against both sandboxes (MISSION PRD-1..6). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoShop } from '../connectors/demo-shop';
import type { TemplateOutcome } from './demo-run';
import { requestsBetween, templateEnv, type MplusState, type TeamleaderState, type TemplateEnv } from './testing/template-env';

const shop = buildDemoShop();
let env: TemplateEnv;
let toTeamleader: TemplateOutcome;
let toMplus: TemplateOutcome;
let tl: TeamleaderState;
let mp: MplusState;
let rerun: TemplateOutcome;
let rerunRequests: { mplus: Record<string, number>; teamleader: Record<string, number> };
const articles = (state: MplusState) => state.products.flatMap((p) => p.articleList);

beforeAll(async () => {
  env = await templateEnv();
  toTeamleader = await env.run('products-mplus-to-teamleader');
  const before = await env.requests();
  rerun = await env.run('products-mplus-to-teamleader');
  const after = await env.requests();
  rerunRequests = { mplus: requestsBetween(before.mplus, after.mplus), teamleader: requestsBetween(before.teamleader, after.teamleader) };
  toMplus = await env.run('products-teamleader-to-mplus');
  tl = await env.teamleader();
  mp = await env.mplus();
}, 120_000);
afterAll(() => env.close());

describe('Products MplusKASSA → Teamleader', () => {
  it('PRD-1: articles become products by SKU, once each', () => {
    expect(toTeamleader.summary.status).toBe('succeeded');
    for (const p of shop.products.filter((x) => x.inMplus)) expect(tl.products.filter((t) => t.code === p.sku), p.key).toHaveLength(1);
  });

  it('PRD-6: name, SKU, description, price without VAT, VAT rate and EAN come across', () => {
    const p = shop.products.find((x) => x.inMplus && !x.inTeamleader && !x.edge);
    const made = tl.products.find((t) => t.code === p?.sku);
    expect(made?.['name']).toBe(p?.name);
    expect(made?.['selling_price']).toMatchObject({ amount: (p?.priceExclCents ?? 0) / 100 });
    expect(String(made?.['description'])).toContain(`EAN ${p?.ean}`);
  });

  it('PRD-5: article groups map to existing Teamleader categories; images are not synced', () => {
    const p = shop.products.find((x) => x.inMplus && !x.inTeamleader && !x.edge);
    const category = tl.productCategories.find((c) => c.name === p?.group);
    expect(tl.products.find((t) => t.code === p?.sku)?.['product_category_id']).toBe(category?.id);
  });

  it('PRD-1: a second run with nothing changed writes nothing and asks one page of changes', () => {
    expect(Object.values(rerun.summary.nodes).reduce((s, c) => s + c.created + c.updated, 0)).toBe(0);
    expect(rerunRequests).toEqual({ mplus: { getProducts: 1 }, teamleader: {} });
  });

  it('PRD-1: syncing products both ways does not start a loop: the runs settle', async () => {
    const writes = (o: TemplateOutcome) => Object.values(o.summary.nodes).reduce((s, c) => s + c.created + c.updated, 0);
    // The article Teamleader → MplusKASSA created is new to MplusKASSA; it goes back once, matched
    // to the Teamleader product it came from, and after that nothing moves either way.
    expect(writes(await env.run('products-mplus-to-teamleader'))).toBeLessThanOrEqual(toMplus.summary.nodes['article']?.created ?? 0);
    expect(writes(await env.run('products-teamleader-to-mplus'))).toBe(0);
    expect(writes(await env.run('products-mplus-to-teamleader'))).toBe(0);
  });

  it('PRD-2: with “update product information” off, what was changed in Teamleader stays', async () => {
    const p = shop.products.find((x) => x.inMplus && x.inTeamleader && !x.edge);
    const off = await env.run('products-mplus-to-teamleader', { flowId: 'prd2-off', settings: { updateProductInformation: false } });
    expect(off.summary.nodes['product']?.updated).toBe(0);
    expect(off.summary.nodes['product']?.created).toBe(0);
    expect((await env.teamleader()).products.find((t) => t.code === p?.sku)?.['name']).toBe(tl.products.find((t) => t.code === p?.sku)?.['name']);
  });

  it('PRD-3: a filter in the settings decides which products sync', async () => {
    const run = await env.run('products-mplus-to-teamleader', { flowId: 'prd3-filter', settings: { productFilter: 'vatPercentage = 21' }, dryRun: true });
    // 21 % is VAT code 2 in the demo shop's MplusKASSA.
    const all = articles(mp);
    const high = all.filter((a) => a['vatCode'] === 2).length;
    expect(run.summary.nodes['which']?.out).toEqual({ pass: high, reject: all.length - high });
    expect(run.summary.nodes['left-out']?.skipped).toBe(all.length - high);
  });

  it('PRD-6: prices including VAT are converted, because Teamleader takes them without', async () => {
    const run = await env.run('products-mplus-to-teamleader', { flowId: 'prd6-incl', settings: { priceIncludesVat: true }, dryRun: true });
    expect(run.summary.status).toBe('succeeded');
    const records = run.summary.nodes['as-product'];
    expect(records?.failed).toBe(0);
  });
});

describe('Products Teamleader → MplusKASSA', () => {
  it('PRD-1: products become articles by SKU; a SKU that is not digits only fails with the reason', () => {
    const nonNumeric = shop.products.find((p) => p.edge === 'non-numeric-sku');
    expect(toMplus.failures.map((f) => f.message)).toContain(`SKU ${nonNumeric?.sku} is not a number; MplusKASSA article numbers are digits only`);
    expect(articles(mp).some((a) => a['description'] === nonNumeric?.name)).toBe(false);
    const onlyTl = shop.products.find((p) => p.edge === 'only-in-teamleader');
    expect(articles(mp).filter((a) => a.articleNumber === Number(onlyTl?.sku))).toHaveLength(1);
  });

  it('PRD-5: categories become article groups, created or updated by name', () => {
    for (const group of shop.groups) expect(mp.articleGroups.filter((g) => g.name === group), group).toHaveLength(1);
  });

  it('PRD-4: attributes and characteristics are mapped by hand in the datamapper', async () => {
    const run = await env.run('products-teamleader-to-mplus', {
      flowId: 'prd4-mapped',
      settings: { updateProductInformation: true },
      edit: (doc) => ({
        ...doc,
        nodes: doc.nodes.map((n) =>
          n.id === 'as-article' ? { ...n, config: { ...n.config, fields: [...(n.config['fields'] as unknown[]), { target: 'article.receiptText', expr: '"Herkomst: NL"' }] } } : n,
        ),
      }),
    });
    expect(run.summary.nodes['article']?.updated).toBeGreaterThan(0);
    expect(articles(await env.mplus()).some((a) => a['receiptText'] === 'Herkomst: NL')).toBe(true);
  });
});
