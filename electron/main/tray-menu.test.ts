import { describe, expect, it } from 'vitest';
import { countScheduledFlows, scheduleLine, trayIconSize, trayMenuModel, trayTooltip } from './tray-menu';

describe('the tray menu', () => {
  it('offers Open, the schedule count, Pause and Quit', () => {
    expect(trayMenuModel({ scheduledFlows: 3, paused: false })).toEqual([
      { kind: 'action', action: 'open', label: 'Open Sincro', enabled: true },
      { kind: 'separator' },
      { kind: 'info', label: '3 flows on a schedule' },
      { kind: 'action', action: 'pause', label: 'Pause schedules', enabled: true },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit Sincro', enabled: true },
    ]);
  });

  it('offers Resume while paused, and no Pause when there is nothing to pause', () => {
    expect(trayMenuModel({ scheduledFlows: 1, paused: true })[3]).toEqual({ kind: 'action', action: 'resume', label: 'Resume schedules', enabled: true });
    expect(trayMenuModel({ scheduledFlows: 0, paused: false })[3]).toMatchObject({ action: 'pause', enabled: false });
  });

  it('words the count in full sentences', () => {
    expect(scheduleLine({ scheduledFlows: 0, paused: false })).toBe('No flows on a schedule');
    expect(scheduleLine({ scheduledFlows: 1, paused: false })).toBe('1 flow on a schedule');
    expect(scheduleLine({ scheduledFlows: 2, paused: true })).toBe('2 flows on a schedule (paused)');
    expect(trayTooltip({ scheduledFlows: 1, paused: false })).toBe('Sincro: 1 flow on a schedule');
  });

  it('counts only schedules that are switched on', () => {
    const schedule = (enabled: boolean) => ({ enabled, cron: '* * * * *', nextRunAt: null });
    expect(countScheduledFlows([{ schedule: schedule(true) }, { schedule: schedule(false) }, {}, { schedule: schedule(true) }])).toBe(2);
  });

  it('draws the icon at the size each platform’s tray uses', () => {
    expect(trayIconSize('linux')).toBe(24);
    expect(trayIconSize('darwin')).toBe(16);
    expect(trayIconSize('win32')).toBe(16);
  });
});
