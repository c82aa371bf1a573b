/**
 * "Pause schedules" in the tray: stops every cron job without touching the flows' saved schedules,
 * so "Resume" brings back exactly what was on. Core re-reads the schedules whenever a flow is
 * saved or deleted (and then emits `flows.changed`); while paused, that refresh is undone at once
 * (synchronously, in the same tick, so no job can fire in between). The pause lasts until Resume
 * or the next start of the app: a forgotten pause should not silently stop syncing for good.
 */
import type { EventEmitter } from 'node:events';
import type { AppEvent } from '../../core/api/contract';
import type { RunEvent } from '../../core/api/run-model';

export interface PausableApi {
  scheduler: { stop(): void; refresh(): void };
  events: EventEmitter<{ event: [RunEvent | AppEvent] }>;
}

export class SchedulePause {
  private pausedNow = false;
  private readonly listeners = new Set<(paused: boolean) => void>();

  constructor(private readonly api: PausableApi) {
    api.events.on('event', (e) => {
      if (this.pausedNow && e.type === 'flows.changed') api.scheduler.stop();
    });
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  pause(): void {
    if (this.pausedNow) return;
    this.pausedNow = true;
    this.api.scheduler.stop();
    this.changed();
  }

  resume(): void {
    if (!this.pausedNow) return;
    this.pausedNow = false;
    this.api.scheduler.refresh();
    this.changed();
  }

  onChange(listener: (paused: boolean) => void): void {
    this.listeners.add(listener);
  }

  private changed() {
    for (const l of this.listeners) l(this.pausedNow);
  }
}
