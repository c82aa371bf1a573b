// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoginItemState, MethodName, ScheduleLogView, SincroApi } from '../../../core/api/contract';
import { StartAtLogin } from '../settings/StartAtLogin';
import { ScheduleLog } from './ScheduleLog';

afterEach(cleanup);

/** A stand-in for core answering the two methods these parts call. */
function fakeApi(answers: Partial<Record<MethodName, (input: unknown) => unknown>>): SincroApi & { call: ReturnType<typeof vi.fn> } {
  return {
    onEvent: () => () => undefined,
    call: vi.fn(async (method: MethodName, input: unknown) => {
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(input);
    }),
  } as SincroApi & { call: ReturnType<typeof vi.fn> };
}

const view: ScheduleLogView = {
  entries: [
    { id: 3, flowId: 'f', flowName: 'F', outcome: 'caught-up', plannedAt: '2026-06-01T11:00:00.000Z', lastPlannedAt: '2026-06-01T13:00:00.000Z', ticks: 3, loggedAt: '2026-06-01T13:30:00.000Z', runId: 'r2', message: null },
    { id: 2, flowId: 'f', flowName: 'F', outcome: 'busy', plannedAt: '2026-06-01T10:30:00.000Z', lastPlannedAt: '2026-06-01T10:30:00.000Z', ticks: 1, loggedAt: '2026-06-01T10:30:00.000Z', runId: null, message: 'The flow was still running.' },
    { id: 1, flowId: 'f', flowName: 'F', outcome: 'fired', plannedAt: '2026-06-01T10:00:00.000Z', lastPlannedAt: '2026-06-01T10:00:00.000Z', ticks: 1, loggedAt: '2026-06-01T10:00:00.000Z', runId: 'r1', message: null },
  ],
  nextRunAt: '2026-06-01T14:00:00.000Z',
  lastRunAt: '2026-06-01T13:30:00.000Z',
  lastRunId: 'r2',
  holder: { name: 'sincro schedule run', pid: 4242, host: 'server', since: '2026-06-01T09:00:00.000Z', heartbeatAt: '2026-06-01T13:30:00.000Z', here: false },
  paused: false,
};

describe('the scheduler log on the flow page', () => {
  it('lists each planned time in words, with its count and run, and who runs the schedules', async () => {
    window.sincro = fakeApi({ 'schedules.log': () => view });
    render(<ScheduleLog flowId="f" />);
    await screen.findByText('caught up: ran once for the missed time(s)');
    expect(screen.getByText('skipped: the flow was still running')).toBeTruthy();
    expect(screen.getByText('ran')).toBeTruthy();
    expect(screen.getByText(/3 times, to/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'run' })).toHaveLength(2);
    expect(screen.getByText(/Schedules run in sincro schedule run \(pid 4242 on server/)).toBeTruthy();
    expect(window.sincro.call).toHaveBeenCalledWith('schedules.log', { flowId: 'f', limit: 8 });
  });
});

describe('start at login in Settings', () => {
  it('switches the login item on through the API', async () => {
    let state: LoginItemState = { available: true, openAtLogin: false };
    const api = fakeApi({ 'loginItem.get': () => state, 'loginItem.set': (input) => (state = { available: true, openAtLogin: (input as { openAtLogin: boolean }).openAtLogin }) });
    window.sincro = api;
    render(<StartAtLogin />);
    const toggle = await screen.findByRole('switch', { name: 'Start Sincro when I log in' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect(api.call).toHaveBeenCalledWith('loginItem.set', { openAtLogin: true });
  });

  it('is not shown where Sincro cannot start at login (sincro serve)', async () => {
    const api = fakeApi({ 'loginItem.get': () => ({ available: false, openAtLogin: false }) });
    window.sincro = api;
    const { container } = render(<StartAtLogin />);
    await waitFor(() => expect(api.call).toHaveBeenCalled());
    expect(container.innerHTML).toBe('');
  });
});
