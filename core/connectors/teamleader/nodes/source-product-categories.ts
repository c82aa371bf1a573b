/** teamleader.source.productCategories: every product category of Teamleader (for article groups). */
import { z } from 'zod';
import { emit } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { field, firstText } from '../../shared/record-label';
import { collect } from '../paging';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection, connectionField } from './connection-field';
import { referenceData } from './reference-data';

export const teamleaderProductCategoriesSource = defineNode({
  type: 'teamleader.source.productCategories',
  kind: 'source',
  app: 'teamleader',
  title: 'Product categories from Teamleader',
  description:
    'Reads all product categories of Teamleader, on every run (Teamleader keeps no change date for them, and there are few). Each record is one category (key: its Teamleader id): { id, name, ledgers: [{ department, ledger_account_number }] }. Categories can only be made in Teamleader itself.',
  config: z.object({
    connection: connectionField,
    department: z
      .string()
      .optional()
      .meta(ui({ label: 'Department', placeholder: '(all departments)', help: 'Only the categories with a ledger in this department (its name or id).' })),
  }),
  outputs: [{ name: 'out' }],
  labelOf: (data) => firstText(field(data, 'name')),
  summary: (c) => `all product categories${c.department ? ` of ${c.department}` : ''}`,
  check: checkConnection,
  async *run(ctx) {
    const client = await teamleaderClientFor(ctx, ctx.config.connection);
    const department = ctx.config.department ? await referenceData(ctx, ctx.config.connection).department(ctx.config.department) : undefined;
    const categories = await collect(client.productCategories.list(department ? { filter: { department_id: department.id } } : {}, callOptions(ctx)));
    for (let i = 0; i < categories.length; i += ctx.batchSize) {
      yield categories.slice(i, i + ctx.batchSize).map((c) => emit(ctx.newRecord(c.id, c), c));
    }
  },
});
