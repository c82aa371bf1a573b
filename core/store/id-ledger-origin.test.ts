/** The document a target record was written from, noted in the id ledger and found by the target record's id. */
import { afterEach, expect, it } from 'vitest';
import { testStore } from '../testing/golden';

const stores: Array<ReturnType<typeof testStore>> = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
});

it('finds the origin of a target record by its id, per scope and entity; a record without one, or a damaged value, has none', () => {
  const store = testStore();
  stores.push(store);
  const { ledger } = store;
  ledger.commit('teamleader:c1', 'invoice', 'order-1', 'tl-invoice-1', null, 'run-1');
  ledger.noteOrigin('teamleader:c1', 'invoice', 'order-1', { app: 'mplus', entity: 'order', id: 'order-1' });
  ledger.commit('teamleader:c1', 'invoice', 'row-7', 'tl-invoice-2', null, 'run-1');

  expect(ledger.originOf('teamleader:c1', 'invoice', 'tl-invoice-1')).toEqual({ app: 'mplus', entity: 'order', id: 'order-1' });
  expect(ledger.originOf('teamleader:c1', 'invoice', 'tl-invoice-2')).toBeUndefined();
  expect(ledger.originOf('teamleader:c2', 'invoice', 'tl-invoice-1')).toBeUndefined();
  expect(ledger.originOf('teamleader:c1', 'quotation', 'tl-invoice-1')).toBeUndefined();

  store.db.prepare("UPDATE id_ledger SET origin = '{not json' WHERE target_id = 'tl-invoice-1'").run();
  expect(ledger.originOf('teamleader:c1', 'invoice', 'tl-invoice-1')).toBeUndefined();
  // Forgotten with its entry (the target record is gone).
  ledger.noteOrigin('teamleader:c1', 'invoice', 'order-1', { app: 'mplus', entity: 'order', id: 'order-1' });
  expect(ledger.forgetTarget('teamleader:c1', 'invoice', 'tl-invoice-1')).toBe(1);
  expect(ledger.originOf('teamleader:c1', 'invoice', 'tl-invoice-1')).toBeUndefined();
});
