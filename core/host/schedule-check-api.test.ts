/**
 * The host refuses on save exactly what the screen's cron check refuses, with the same words
 * (issue 11 §7: before, the screen described "61 * * * *" and the host refused it on save), and
 * tells the screen its time zone, in which a schedule without one of its own runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cronProblem } from '../api/cron-check';
import type { AppInfo } from '../api/contract';
import { flow, testStore } from '../testing/golden';
import { ApiError } from './api-error';
import { createApiService } from './create-api-service';

const store = testStore();
const api = createApiService(store, 'web');
afterAll(async () => {
  await api.stop();
  store.dispose();
});

const doc = (cron: string) => flow({ id: 'sched', name: 'Scheduled', nodes: [{ id: 'src', type: 'core.source.sample', config: { records: [] } }], schedule: { enabled: true, cron } });

describe('a schedule saved through the API', () => {
  it.each(['61 * * * *', '*/0 * * * *', '* * * * * * *', '0 0 31 2 *', '*/60 * * * *', '@reboot'])('refuses %j with the check\'s own message, at schedule.cron', async (cron) => {
    const message = cronProblem(cron);
    expect(message).toBeDefined();
    const error = await api.call('flows.save', { doc: doc(cron) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(message);
    expect((error as ApiError).problems).toEqual([{ path: 'schedule.cron', message }]);
    expect(store.flows.get('sched')?.doc.schedule?.cron).not.toBe(cron);
  });

  it.each(['*/15 * * * *', '* * * * * *', '0 7 * * 1-5', '@daily'])('saves %j, which the check accepts', async (cron) => {
    expect(cronProblem(cron)).toBeUndefined();
    await api.call('flows.save', { doc: doc(cron) });
    expect(store.flows.get('sched')?.doc.schedule?.cron).toBe(cron);
  });

  it('does not let a refused cron already stored (a flow file imported as it is) block saving other edits', async () => {
    const imported = { ...doc('61 * * * *'), id: 'imported' };
    store.flows.save(imported);
    await api.call('flows.save', { doc: { ...imported, description: 'edited in the app' } });
    expect(store.flows.get('imported')?.doc.description).toBe('edited in the app');
    // Changing it to another cron the check refuses is refused.
    await expect(api.call('flows.save', { doc: { ...imported, schedule: { enabled: true, cron: '*/0 * * * *' } } })).rejects.toThrow(/a step of 0 minutes/);
  });

  it('names the time zone a schedule without one runs in', async () => {
    const info = (await api.call('app.info', {})) as AppInfo;
    expect(info.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
