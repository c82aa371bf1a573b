/**
 * Run by hidden-class.test.ts in a Node of its own (`--allow-natives-syntax`, the sources through
 * tsx, as the CLI's build runs them): whether the records the steps copy to give them a field share
 * one V8 hidden class, record after record, once the code runs optimised. On Node 20 a spread copy
 * given a new field gets a class of its own (own-field.ts `copyFields`). Prints one JSON object.
 */
import { copyFields, putField } from '../util/own-field';
import { withPath } from './expressions';
import { compileRecordBuilder } from './jsonata-compile';

const same = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean;
const N = 20_000;
// As an NDJSON source reads them: each one parsed on its own.
const records = Array.from({ length: N }, (_, i) => JSON.parse(JSON.stringify({ externalId: `ORD-${i}`, orderDate: '2024-01-01 08:00', store: 'S1', contactName: `C ${i}`, contactEmail: `c${i}@x.nl`, companyName: null, addressLine: 'M 1', zip: '1234', town: 'L', countryCode: 'DE', paymentType: 'cash', items: [{ productId: i }], itemCount: 1, netCents: i, taxCents: 2, totalCents: 3, currencyCode: 'EUR' })) as Record<string, unknown>);
const lastTwoAlike = (copy: (r: Record<string, unknown>) => unknown) => {
  const out = records.map(copy);
  return same(out[N - 2], out[N - 1]);
};
const keepOthers = compileRecordBuilder([{ expr: '"new"', parts: ['segment'], optional: false }], true);

console.log(
  JSON.stringify({
    // What the check must see: else it proves nothing.
    spreadCopy: lastTwoAlike((r) => {
      const copy = { ...r };
      copy['contact'] = r['externalId'];
      return copy;
    }),
    copyFields: lastTwoAlike((r) => {
      const copy = copyFields(r);
      putField(copy, 'contact', r['externalId']);
      return copy;
    }),
    lookupsWithPath: lastTwoAlike((r) => withPath(r, 'contact', r['externalId'])),
    mappingThatKeepsTheOtherFields: lastTwoAlike((r) => keepOthers?.(r, undefined)),
  }),
);
