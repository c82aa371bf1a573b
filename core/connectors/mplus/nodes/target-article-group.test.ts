import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION, sample, startNodeHarness, type NodeHarness } from '../testing/node-harness';

let h: NodeHarness;
beforeAll(async () => (h = await startNodeHarness()));
afterAll(() => h.close());

const target = (config: Record<string, unknown> = {}) => ({ id: 'group', type: 'mplus.target.articleGroup', config: { connection: CONNECTION, payload: 'group', ...config } });
const groupsNamed = (name: string) => h.sandbox.state().articleGroups.filter((g) => g.name.toLowerCase() === name.toLowerCase());

describe('mplus.target.articleGroup (golden)', () => {
  it('creates a missing group, updates one found by name (ignoring capitals), and creates nothing twice', async () => {
    const existing = h.sandbox.state().articleGroups[0];
    const records = [
      { id: 'cat-1', group: { name: 'Theepotten', text: 'Theepotten en kannen' } },
      { id: 'cat-2', group: { name: ` ${existing?.name.toUpperCase()} `, text: 'Nieuwe omschrijving' } },
      { id: 'cat-3', group: { name: 'theepotten', text: 'Theepotten en kannen' } },
    ];
    const run = await h.run([sample(records), target()]);
    expect(run.records.map((r) => [r.key, r.action])).toEqual([['cat-1', 'create'], ['cat-2', 'update'], ['cat-3', 'update']]);
    expect(groupsNamed('Theepotten')).toMatchObject([{ parentGroupNumber: 0, text: 'Theepotten en kannen', isDeleted: false }]);
    expect(h.sandbox.state().articleGroups.find((g) => g.groupNumber === existing?.groupNumber)?.text).toBe('Nieuwe omschrijving');
    expect(run.records[0]?.data).toMatchObject({ mplusGroupNumber: groupsNamed('Theepotten')[0]?.groupNumber });

    const again = await h.run([sample(records), target()]);
    expect(again.summary.nodes['group']).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('matches by number when asked to', async () => {
    const existing = h.sandbox.state().articleGroups[2];
    const run = await h.run([sample([{ id: 'g', group: { groupNumber: existing?.groupNumber, name: 'Hernoemd' } }]), target({ matchBy: 'number' })]);
    expect(run.records[0]).toMatchObject({ action: 'update', targetId: String(existing?.groupNumber) });
    expect(h.sandbox.state().articleGroups.find((g) => g.groupNumber === existing?.groupNumber)?.name).toBe('Hernoemd');
  });
});
