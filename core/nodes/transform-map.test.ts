import { describe, expect, it } from 'vitest';
import { builtinRegistry } from './builtin';
import { validateFlow } from '../flow/validate-flow';
import { withPath } from './expressions';
import { flow, runTestFlow } from '../testing/golden';

const orders = [
  { id: 'o1', firstName: 'Anna', lastName: 'Jansen', billing: { city: 'Utrecht' }, lines: [{ sku: '1001', quantity: 2, price: 4.5 }, { sku: '1002', quantity: 1, price: 3 }] },
  { id: 'o2', firstName: 'Bram', lastName: 'Peeters', lines: [{ sku: '1003', quantity: 1, price: 10 }] },
];

const mapFlow = (fields: unknown[], extra: Record<string, unknown> = {}) =>
  flow({
    settings: { employeeNumber: 999999 },
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: orders } },
      { id: 'map', type: 'core.transform.map', config: { fields, ...extra } },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'map', port: 'in' } }],
  });

describe('core.transform.map (golden)', () => {
  it('fills each target field from a path or an expression', async () => {
    const run = await runTestFlow(
      mapFlow([
        { target: 'orderNumber', expr: 'id' },
        { target: 'customer.name', expr: 'firstName & " " & lastName' },
        { target: 'total', expr: '$sum(lines.(quantity * price))' },
        { target: 'skus', expr: 'lines.sku' },
        { target: 'employee', expr: '$settings.employeeNumber' },
        { target: 'city', expr: 'billing.city', optional: true },
      ]),
    );
    expect(run.records.map((r) => r.data)).toEqual([
      { orderNumber: 'o1', customer: { name: 'Anna Jansen' }, total: 12, skus: ['1001', '1002'], employee: 999999, city: 'Utrecht' },
      { orderNumber: 'o2', customer: { name: 'Bram Peeters' }, total: 10, skus: '1003', employee: 999999 },
    ]);
  });

  it('fails a record whose field has no value, never filling in a silent null', async () => {
    const run = await runTestFlow(mapFlow([{ target: 'city', expr: 'billing.city' }]));
    expect(run.summary.status).toBe('partial');
    expect(run.records.map((r) => [r.key, r.status])).toEqual([['o1', 'ok'], ['o2', 'failed']]);
    expect(run.records[1]?.message).toBe('"city" could not be filled: the field billing.city has no value in this record');
  });

  it('keeps the other fields when asked', async () => {
    const run = await runTestFlow(mapFlow([{ target: 'billing.country', expr: '"NL"' }], { keepOtherFields: true }));
    expect(run.records[0]?.data).toMatchObject({ id: 'o1', billing: { city: 'Utrecht', country: 'NL' } });
    // The source record was not changed in place: its lineage step still shows it without a country.
    expect(run.records[0]?.lineage[0]?.data).toMatchObject({ billing: { city: 'Utrecht' } });
    expect((run.records[0]?.lineage[0]?.data as { billing: object }).billing).not.toHaveProperty('country');
  });

  it('refuses a bad expression before the run, naming the node and the field', () => {
    const v = validateFlow(mapFlow([{ target: 'ok', expr: 'id' }, { target: 'total', expr: '$sum(lines.(quantity * price)' }]), builtinRegistry());
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatchObject({ node: 'map', path: 'config.fields[1].expr' });
    expect(v.problems[0]?.message).toMatch(/^Node "map" \(Map fields\): fields\[1\]\.expr is not a valid expression: Expected "\)"/);
  });

  it('writes a target field named __proto__ as a field, never changing a prototype', async () => {
    const run = await runTestFlow(mapFlow([{ target: '__proto__.polluted', expr: 'id' }]));
    expect(run.summary.status).toBe('succeeded');
    expect(JSON.stringify(run.records[0]?.data)).toBe('{"__proto__":{"polluted":"o1"}}');
    const out = withPath({ a: 1 }, '__proto__.polluted', true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['a', '__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // The field itself named so: written, with or without the other fields (it was lost, the record "ok").
    for (const keepOtherFields of [false, true]) {
      const plain = await runTestFlow(mapFlow([{ target: '__proto__', expr: 'id' }, { target: 'name', expr: 'firstName' }], { keepOtherFields }));
      expect(plain.records.map((r) => JSON.stringify(r.data))).toEqual(
        keepOtherFields ? [expect.stringMatching(/"__proto__":"o1","name":"Anna"\}$/), expect.stringMatching(/"__proto__":"o2","name":"Bram"\}$/)] : ['{"__proto__":"o1","name":"Anna"}', '{"__proto__":"o2","name":"Bram"}'],
      );
    }
  });
});
