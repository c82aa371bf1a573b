/**
 * One scheduler per data folder, whichever process holds it: the desktop app, `sincro schedule
 * run` or `sincro serve`. The holder renews its heartbeat in the store; another process takes the
 * lock only when the holder is gone, judged as runs' owners are (run-owner.ts): on this host, its
 * process has ended or has been silent far longer than a live one ever is; elsewhere (a shared
 * folder), its heartbeat is stale. So a schedule never fires twice for one tick, and a scheduler
 * that died is replaced.
 */
import type { SchedulerHolderInfo } from '../api/schedules';
import type { Db } from './database';
import { newRunOwner, ownerGone, processAlive, type RunOwner } from './run-owner';

interface LockRow {
  owner_pid: number;
  owner_instance: string;
  owner_host: string;
  holder: string;
  since: string;
  heartbeat_at: string;
}

export type LockClaim = { held: true; tookOverFrom?: SchedulerHolderInfo } | { held: false; holder: SchedulerHolderInfo };

export class SchedulerLock {
  constructor(
    private readonly db: Db,
    private readonly owner: RunOwner,
    /** How another process names this one ("the desktop app"). */
    private readonly name: string,
    private readonly alive: (pid: number) => boolean = processAlive,
  ) {}

  /**
   * Takes the lock when it is free or its holder is gone, renews it when this one holds it, and
   * otherwise says who holds it. One short write transaction.
   */
  claim(now: number): LockClaim {
    return this.db
      .transaction((): LockClaim => {
        const row = this.row();
        const mine = row?.owner_instance === this.owner.instance;
        if (row && !mine && !ownerGone(row, this.owner, now, this.alive)) return { held: false, holder: this.info(row) };
        const at = new Date(now).toISOString();
        this.db
          .prepare('INSERT OR REPLACE INTO scheduler_lock (id, owner_pid, owner_instance, owner_host, holder, since, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?)')
          .run(this.owner.pid, this.owner.instance, this.owner.host, this.name, mine && row ? row.since : at, at);
        return row && !mine ? { held: true, tookOverFrom: this.info(row) } : { held: true };
      })
      .immediate();
  }

  /** Lets go (a clean stop), so another scheduler may take over at once. */
  release(): void {
    this.db.prepare('DELETE FROM scheduler_lock WHERE id = 1 AND owner_instance = ?').run(this.owner.instance);
  }

  /** Who holds the lock now, if anyone does (a holder that is gone is not named). */
  holder(now: number): SchedulerHolderInfo | undefined {
    const row = this.row();
    if (!row) return undefined;
    if (row.owner_instance !== this.owner.instance && ownerGone(row, this.owner, now, this.alive)) return undefined;
    return this.info(row);
  }

  private row(): LockRow | undefined {
    return this.db.prepare('SELECT * FROM scheduler_lock WHERE id = 1').get() as LockRow | undefined;
  }

  private info(row: LockRow): SchedulerHolderInfo {
    return { name: row.holder, pid: row.owner_pid, host: row.owner_host, since: row.since, heartbeatAt: row.heartbeat_at, here: row.owner_instance === this.owner.instance };
  }
}

/** Who runs the schedules of this store's data folder, as seen from a process that does not. */
export function schedulerHolder(db: Db, now = Date.now()): SchedulerHolderInfo | undefined {
  return new SchedulerLock(db, newRunOwner(), '').holder(now);
}
