import { afterAll, describe, expect, it } from 'vitest';
import type { FlowListItem } from '../../core/api/contract';
import { createApiService } from '../../core/host/create-api-service';
import { flow, testStore } from '../../core/testing/golden';
import { SchedulePause } from './schedule-pause';

const store = testStore();
const api = createApiService(store, 'electron');
afterAll(async () => {
  await api.stop();
  store.dispose();
});

const doc = (id: string) => flow({ id, name: id, nodes: [{ id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }] } }] });
const nextRuns = async () => ((await api.call('flows.list', {})) as FlowListItem[]).map((f) => [f.id, f.schedule?.enabled, f.schedule?.nextRunAt !== null]);

describe('pausing the schedules from the tray', () => {
  it('stops every job, survives saving flows, and resumes exactly what was on', async () => {
    await api.call('flows.save', { doc: doc('a') });
    await api.call('flows.setSchedule', { id: 'a', schedule: { enabled: true, cron: '0 3 * * *' } });
    api.start();
    const pause = new SchedulePause(api);
    const changes: boolean[] = [];
    pause.onChange((p) => changes.push(p));
    expect(await nextRuns()).toEqual([['a', true, true]]);

    pause.pause();
    expect(pause.paused).toBe(true);
    expect(await nextRuns()).toEqual([['a', true, false]]);

    // Saving or scheduling a flow makes core re-read the schedules; the pause holds.
    await api.call('flows.save', { doc: doc('b') });
    await api.call('flows.setSchedule', { id: 'b', schedule: { enabled: true, cron: '*/5 * * * *' } });
    expect(api.scheduler.nextRun('a')).toBeNull();
    expect(api.scheduler.nextRun('b')).toBeNull();

    pause.resume();
    expect(pause.paused).toBe(false);
    expect(api.scheduler.nextRun('a')).not.toBeNull();
    expect(api.scheduler.nextRun('b')).not.toBeNull();
    // The saved schedules were never touched.
    expect(((await api.call('flows.get', { id: 'a' })) as { doc: { schedule?: unknown } }).doc.schedule).toEqual({ enabled: true, cron: '0 3 * * *' });

    pause.resume(); // already running: no change reported
    expect(changes).toEqual([true, false]);
  });
});
