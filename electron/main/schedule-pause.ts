/**
 * "Pause schedules" in the tray: the scheduler stops every cron job without touching the flows'
 * saved schedules, so "Resume" brings back exactly what was on (flows saved meanwhile included).
 * The pause lasts until Resume or the next start of the app: a forgotten pause should not
 * silently stop syncing for good. This class adds the tray's change listeners.
 */
export interface PausableApi {
  scheduler: { pause(): void; resume(): void };
}

export class SchedulePause {
  private pausedNow = false;
  private readonly listeners = new Set<(paused: boolean) => void>();

  constructor(private readonly api: PausableApi) {}

  get paused(): boolean {
    return this.pausedNow;
  }

  pause(): void {
    if (this.pausedNow) return;
    this.pausedNow = true;
    this.api.scheduler.pause();
    this.changed();
  }

  resume(): void {
    if (!this.pausedNow) return;
    this.pausedNow = false;
    this.api.scheduler.resume();
    this.changed();
  }

  onChange(listener: (paused: boolean) => void): void {
    this.listeners.add(listener);
  }

  private changed() {
    for (const l of this.listeners) l(this.pausedNow);
  }
}
