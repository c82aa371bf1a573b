import { afterEach, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../nodes/builtin';
import { flow, testStore } from '../testing/golden';
import { executeFlow } from './execute-flow';

const doc = (reason: string) =>
  flow({
    id: 'skipper',
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }] } },
      { id: 'skip', type: 'core.transform.skip', config: { reason } },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'skip', port: 'in' } }],
  });

let store: ReturnType<typeof testStore>;
afterEach(() => store.dispose());

describe('executeFlow', () => {
  it('saves a changed flow file as a new version before a real run', async () => {
    store = testStore();
    const first = await executeFlow(store, builtinRegistry(), doc('one'), { saveNote: 'run from f.json' });
    const second = await executeFlow(store, builtinRegistry(), doc('two'), { saveNote: 'run from f.json' });
    expect([first.ok && first.summary.flowVersion, second.ok && second.summary.flowVersion]).toEqual([1, 2]);
    expect(store.flows.versions('skipper').map((v) => v.version)).toEqual([2, 1]);
  });

  it('a dry run saves nothing: the versions stay as they were, whether the file changed or not', async () => {
    store = testStore();
    await executeFlow(store, builtinRegistry(), doc('one'), { saveNote: 'run from f.json' });
    const before = store.flows.versions('skipper');

    const changed = await executeFlow(store, builtinRegistry(), doc('changed'), { saveNote: 'run from f.json', dryRun: true });
    expect(changed.ok && changed.summary).toMatchObject({ dryRun: true, status: 'succeeded', flowVersion: null, skipped: 1 });
    expect(store.flows.versions('skipper')).toEqual(before);
    expect(store.flows.get('skipper')?.doc.nodes[1]?.config).toEqual({ reason: 'one' });

    // The same document as the stored version runs as that version, still saving nothing.
    const same = await executeFlow(store, builtinRegistry(), doc('one'), { saveNote: 'run from f.json', dryRun: true });
    expect(same.ok && same.summary.flowVersion).toBe(1);
    expect(store.flows.versions('skipper')).toEqual(before);

    // A flow that was never stored is not stored by a dry run either.
    await executeFlow(store, builtinRegistry(), { ...doc('x'), id: 'never-stored' }, { saveNote: 'run from g.json', dryRun: true });
    expect(store.flows.get('never-stored')).toBeUndefined();
    expect(store.flows.list().map((f) => f.id)).toEqual(['skipper']);
  });
});
