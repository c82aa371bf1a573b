/** Setting questions several templates ask, worded for a shop owner. */
import { z } from 'zod';
import { ui } from '../nodes/define-node';

export const firstRun = z
  .enum(['everything', 'from-now'])
  .default('everything')
  .meta(ui({ label: 'On the first run', help: 'everything: bring over all records there are now; from-now: only what is added or changed from today on.' }));

/** A translation table: each row maps a value of one app to a value of the other. */
export const valueTable = (label: string, help: string, rows: Array<{ from: string; to: string | number }> = []) =>
  z
    .array(z.object({ from: z.string().min(1, 'needs a value to translate'), to: z.union([z.string().min(1), z.number()]) }))
    .default(rows)
    .meta(ui({ label, help, widget: 'value-table' }));

export const vatMethod = z.enum(['VAT-METHOD-INCLUSIVE', 'VAT-METHOD-EXCLUSIVE', 'VAT-METHOD-SHIFTED', 'VAT-METHOD-NONE']);

export const updateExistingCustomers = z
  .boolean()
  .default(true)
  .meta(ui({ label: 'Update customers that already exist', help: 'On: name, address and phone follow the other app. Off: existing customers are left as they are; only new ones are created.' }));
