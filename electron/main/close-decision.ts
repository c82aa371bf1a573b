/**
 * What closing the window does. With a schedule switched on (and not paused), Sincro stays in the
 * tray so the schedule keeps running; the first time, it says so. Otherwise closing quits, so
 * nothing lingers in the background without a reason.
 */

export interface CloseSituation {
  /** The user chose Quit (tray, menu, OS shutdown): close for real. */
  quitting: boolean;
  scheduledFlows: number;
  schedulesPaused: boolean;
  /** Without a tray icon a hidden window could not be brought back. */
  trayAvailable: boolean;
  trayHintShown: boolean;
}

export type CloseDecision = { action: 'close' } | { action: 'hide-to-tray'; tellUser: boolean };

export function decideOnClose(s: CloseSituation): CloseDecision {
  if (s.quitting || !s.trayAvailable || s.schedulesPaused || s.scheduledFlows === 0) return { action: 'close' };
  return { action: 'hide-to-tray', tellUser: !s.trayHintShown };
}

export const TRAY_HINT = {
  title: 'Sincro keeps running',
  body: 'Your scheduled flows go on running in the background. Open Sincro or quit it from its icon in the tray.',
};
