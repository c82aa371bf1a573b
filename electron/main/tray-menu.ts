/**
 * The tray menu as data (labels, which items are enabled, what each does), so main only turns it
 * into an Electron Menu and the wording is tested here.
 */
import type { FlowListItem } from '../../core/api/contract';

export type TrayAction = 'open' | 'pause' | 'resume' | 'quit';

export type TrayItem = { kind: 'separator' } | { kind: 'info'; label: string } | { kind: 'action'; action: TrayAction; label: string; enabled: boolean };

export interface TrayStatus {
  scheduledFlows: number;
  paused: boolean;
}

export function countScheduledFlows(flows: Pick<FlowListItem, 'schedule'>[]): number {
  return flows.filter((f) => f.schedule?.enabled).length;
}

export function scheduleLine(s: TrayStatus): string {
  if (s.scheduledFlows === 0) return 'No flows on a schedule';
  const flows = s.scheduledFlows === 1 ? '1 flow on a schedule' : `${s.scheduledFlows} flows on a schedule`;
  return s.paused ? `${flows} (paused)` : flows;
}

export function trayMenuModel(s: TrayStatus): TrayItem[] {
  return [
    { kind: 'action', action: 'open', label: 'Open Sincro', enabled: true },
    { kind: 'separator' },
    { kind: 'info', label: scheduleLine(s) },
    s.paused
      ? { kind: 'action', action: 'resume', label: 'Resume schedules', enabled: true }
      : { kind: 'action', action: 'pause', label: 'Pause schedules', enabled: s.scheduledFlows > 0 },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: 'Quit Sincro', enabled: true },
  ];
}

export function trayTooltip(s: TrayStatus): string {
  return `Sincro: ${scheduleLine(s).toLowerCase()}`;
}

/** Tray icons are drawn at 16 px on macOS and Windows, 22–24 px in Linux panels. */
export function trayIconSize(platform: NodeJS.Platform): number {
  return platform === 'linux' ? 24 : 16;
}
