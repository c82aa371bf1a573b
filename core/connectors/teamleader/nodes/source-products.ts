/** teamleader.source.products: the products made or changed in Teamleader since the last run, with prices. */
import { z } from 'zod';
import { defineNode } from '../../../nodes/define-node';
import { field, firstText } from '../../shared/record-label';
import { mapLimited } from '../../shared/run-cache';
import type { TeamleaderProductListItem } from '../schemas-responses';
import { changesConfig, readChanges, rereadEach } from './changes-source';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection } from './connection-field';
import { details } from './details';

export const teamleaderProductsSource = defineNode({
  type: 'teamleader.source.products',
  kind: 'source',
  app: 'teamleader',
  title: 'Products from Teamleader',
  description:
    'Reads the products added or changed in Teamleader since the last run, each with its details (one request per product, as Teamleader’s list has no prices). Each record is one product (key: its Teamleader id) in Teamleader’s shape: code (the SKU), name, description, selling_price and purchase_price ({ amount in euros without VAT, currency }), stock, unit, … with tax completed to { id, rate: 0.21, percentage: 21, description } and product_category to { id, name }.',
  config: z.object(changesConfig('products')),
  outputs: [{ name: 'out' }],
  // readChanges reads the records that failed last time again by id.
  rereadsFailed: true,
  // The SKU.
  labelOf: (data) => firstText(field(data, 'code'), field(data, 'name')),
  summary: (c) => `products changed since the last run${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
  check: checkConnection,
  async *run(ctx) {
    const client = await teamleaderClientFor(ctx, ctx.config.connection);
    const more = details(ctx, ctx.config.connection);
    yield* readChanges<TeamleaderProductListItem>(ctx, {
      what: 'product',
      filtersBySince: true,
      items: (since) => client.products.list({ filter: since ? { updated_since: since } : {} }, callOptions(ctx)),
      complete: (items) => mapLimited(items, 4, (item) => more.product(item.id)),
      // more.product is products.info with the tax rate and category named (from lists read once a run).
      reread: rereadEach(more.product, async (product) => product),
    });
  },
});
