import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinNodeTypes } from '../nodes/builtin';
import { defineNode } from '../nodes/define-node';
import { perRecordPure } from '../nodes/per-record';
import { NodeRegistry } from '../nodes/registry';
import { flow, runTestFlow } from '../testing/golden';
import { emit, INTERNAL_ERROR, RecordError, toRecordError } from './record';

describe('what failed a record, as the user reads it', () => {
  it('keeps a record error and the message of anything else thrown', () => {
    const own = new RecordError('the price has a fraction of a cent', 'price');
    expect(toRecordError(own)).toBe(own);
    expect(toRecordError(new Error('the server said no')).message).toBe('the server said no');
    // JSONata throws plain objects.
    expect(toRecordError({ code: 'T2001', message: 'The left side of the "+" operator must evaluate to a number' }).message).toBe('The left side of the "+" operator must evaluate to a number');
    expect(toRecordError('just a string').message).toBe('just a string');
    // Node's own TypeErrors carry a code, and are about what they were given (a URL made from a record).
    let invalidUrl: unknown;
    try {
      new URL('http://[not a host');
    } catch (e) {
      invalidUrl = e;
    }
    expect(toRecordError(invalidUrl).message).toBe('Invalid URL');
  });

  it('says a TypeError or ReferenceError is an error in Sincro, not in the record', () => {
    for (const e of [new TypeError("Cannot read properties of undefined (reading 'email')"), new ReferenceError('x is not defined')]) {
      const r = toRecordError(e);
      expect(r.message).toBe(`${INTERNAL_ERROR}: ${e.message}`);
      expect(r.code).toBe('internal');
    }
  });

  it('fails only the record a node’s mistake hit, saying so in the history', async () => {
    const buggy = defineNode({
      type: 'test.buggy',
      kind: 'transform',
      app: 'test',
      title: 'Buggy',
      description: 'reads a field of a field that only some records have',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      run: perRecordPure(() => (rec) => emit(rec, { city: (rec.data as { address?: { city: string } }).address!.city })),
    });
    const registry = new NodeRegistry([...builtinNodeTypes, buggy]);
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 1, address: { city: 'Gent' } }, { id: 2 }] } },
          { id: 'bug', type: 'test.buggy' },
        ],
        edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'bug', port: 'in' } }],
      }),
      { registry },
    );
    expect(run.summary.status).toBe('partial');
    const byKey = new Map(run.records.map((r) => [r.key, r]));
    expect(byKey.get('1')).toMatchObject({ status: 'ok', data: { city: 'Gent' } });
    expect(byKey.get('2')?.status).toBe('failed');
    expect(byKey.get('2')?.message).toMatch(new RegExp(`^${INTERNAL_ERROR.replace(/[()]/g, '\\$&')}: Cannot read properties of undefined`));
  });

  it('says so too when such a mistake stops a whole step', async () => {
    const broken = defineNode({
      type: 'test.broken',
      kind: 'target',
      app: 'test',
      title: 'Broken',
      description: 'calls what is not there',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      async *run(_ctx, input) {
        for await (const batch of input) {
          (undefined as unknown as { send(): void }).send();
          yield batch.map((r) => emit(r, r.data));
        }
      },
    });
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { records: [{ id: 1 }] } },
          { id: 'out', type: 'test.broken' },
        ],
        edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }],
      }),
      { registry: new NodeRegistry([...builtinNodeTypes, broken]) },
    );
    expect(run.summary.status).toBe('failed');
    expect(run.summary.error).toBe(`Node "out" (Broken) stopped the run: ${INTERNAL_ERROR}: Cannot read properties of undefined (reading 'send')`);
  });
});
