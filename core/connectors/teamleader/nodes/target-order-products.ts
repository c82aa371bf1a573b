/**
 * teamleader.target.orderProducts: makes sure every product on an order exists in Teamleader before
 * the invoice or quotation is made (MISSION ORD-5). Each line carries the product in Teamleader's
 * shape (at `product`, found by its code); products Teamleader lacks are created — or, when the
 * setting says so, the order fails naming them. Existing products are never changed from an order.
 * The order goes on with each line's product id, so the document links its lines to the products.
 */
import { z } from 'zod';
import { emit, RecordError, type Rec } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { FIELD_PATH, getPath, withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { keysOfBatch } from '../../shared/collection-index';
import { currency } from '../schemas-common';
import { ledgerKnows } from '../../shared/target-support';
import { checkConnection, connectionField, teamleaderScope } from './connection-field';
import { productPayload, productWriter } from './product-write';

export const teamleaderOrderProductsTarget = defineNode({
  type: 'teamleader.target.orderProducts',
  kind: 'target',
  app: 'teamleader',
  title: 'Make sure the order’s products exist in Teamleader',
  description:
    'For every line of the order, finds its product in Teamleader by code (the SKU) and, when it is missing, creates it — or fails the order naming the missing products, as chosen. Each line holds the product to use at `product`: { code (required), name, description, selling_price (euros without VAT), tax_rate (the VAT percentage) , category }. Products already in Teamleader are never changed here. The order goes on with each line’s product id in `product_id`.',
  config: z.object({
    connection: connectionField,
    lines: z.string().regex(FIELD_PATH, 'must be a field path like lines').default('lines').meta(ui({ label: 'The order’s lines', help: 'The field holding the list of lines.' })),
    whenMissing: z
      .enum(['create', 'fail'])
      .default('create')
      .meta(ui({ label: 'A product Teamleader does not have', help: 'create: make it from the line’s product; fail: fail the order and name the products, so they can be added first.' })),
    department: z.string().optional().meta(ui({ label: 'Department', placeholder: '(the default department)', help: 'Whose tax rates the VAT percentages are (its name or id).' })),
    currency: currency.default('EUR').meta(ui({ label: 'Currency of plain amounts' })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `every product of ${c.lines} · ${c.whenMissing === 'create' ? 'create the missing ones' : 'fail when one is missing'}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const writer = productWriter(ctx, { connection: c.connection, mode: 'create', updateProductInformation: false, department: c.department, currency: c.currency });
      const codesOf = (rec: Rec) => {
        const lines = getPath(rec.data, c.lines);
        const codes = Array.isArray(lines) ? lines.flatMap((line: unknown) => productPayload.safeParse(getPath(line, 'product')).data?.code ?? []) : [];
        // Those the id ledger does not know yet are looked for in Teamleader.
        return codes.filter((code) => !ledgerKnows(ctx, teamleaderScope(c.connection), 'product', code));
      };
      const beforeBatch = async (batch: Rec[]) => writer.expect(await keysOfBatch(batch, codesOf));
      const handle = async (rec: Rec) => {
        const lines = getPath(rec.data, c.lines);
        if (!Array.isArray(lines)) throw new RecordError(`the order has no list of lines in ${c.lines}`, c.lines);
        const products = lines.map((line: unknown, i) => {
          const parsed = productPayload.safeParse(getPath(line, 'product'));
          if (!parsed.success) throw new RecordError(`line ${i + 1} has no product to look up: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'product'} ${x.message}`).join('; ')}`, `${c.lines}[${i}].product`);
          return parsed.data;
        });
        const ids: string[] = [];
        const created: string[] = [];
        const notes: string[] = [];
        if (c.whenMissing === 'fail') {
          const missing: string[] = [];
          for (const p of products) {
            const id = await writer.find(p.code);
            if (id) ids.push(id);
            else missing.push(p.code);
          }
          if (missing.length) throw new RecordError(`the product${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in Teamleader; add ${missing.length > 1 ? 'them' : 'it'} (the products flow does) or let this node create missing products`);
        } else {
          for (const [i, p] of products.entries()) {
            const { result, note } = await writer.write(p, p.code, (field) => `${c.lines}[${i}].product.${field}`);
            if (result.targetId === undefined) throw new RecordError(`the product ${p.code} could not be found or made in Teamleader: ${result.outcome === 'skipped' ? result.reason : 'no id'}`);
            ids.push(result.targetId);
            if (result.outcome === 'written' && result.action === 'create') created.push(p.code);
            if (note) notes.push(`${p.code}: ${note}`);
          }
        }
        const withIds = lines.map((line: unknown, i) => withPath(line, 'product_id', ids[i]));
        const note = [created.length ? `${ctx.dryRun ? 'would create' : 'created'} the product${created.length > 1 ? 's' : ''} ${created.join(', ')} in Teamleader` : undefined, ...notes].filter(Boolean).join('; ');
        return emit(rec, withPath(rec.data, c.lines, withIds), 'out', { action: created.length ? 'create' : 'unchanged', ...(note ? { note } : {}) });
      };
      return { beforeBatch, handle };
    },
    { concurrency: () => 2 },
  ),
});
