import { describe, expect, it } from 'vitest';
import { decideOnClose, type CloseSituation } from './close-decision';

const scheduled: CloseSituation = { quitting: false, scheduledFlows: 2, schedulesPaused: false, trayAvailable: true, trayHintShown: false };

describe('closing the window', () => {
  it('keeps Sincro in the tray while a schedule is on, and tells the user the first time only', () => {
    expect(decideOnClose(scheduled)).toEqual({ action: 'hide-to-tray', tellUser: true });
    expect(decideOnClose({ ...scheduled, trayHintShown: true })).toEqual({ action: 'hide-to-tray', tellUser: false });
  });

  it('quits when nothing is scheduled, schedules are paused, or there is no tray to come back from', () => {
    expect(decideOnClose({ ...scheduled, scheduledFlows: 0 })).toEqual({ action: 'close' });
    expect(decideOnClose({ ...scheduled, schedulesPaused: true })).toEqual({ action: 'close' });
    expect(decideOnClose({ ...scheduled, trayAvailable: false })).toEqual({ action: 'close' });
  });

  it('always closes when the user chose Quit', () => {
    expect(decideOnClose({ ...scheduled, quitting: true })).toEqual({ action: 'close' });
  });
});
