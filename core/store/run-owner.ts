/**
 * Who runs a run in progress, and whether that owner is gone. Several processes open one data
 * folder (the desktop app, `sincro runs list`, a scheduled `sincro run`), so a run left 'running' is
 * only taken for interrupted when its process is known to be dead, or has stopped showing signs of
 * life (a heartbeat in the store) for far longer than a busy process ever would.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export interface RunOwner {
  pid: number;
  /** One per opened store, so two stores in one process (or a reused pid) are told apart. */
  instance: string;
  host: string;
}

export interface OwnedRunRow {
  owner_pid: number | null;
  owner_instance: string | null;
  owner_host: string | null;
  heartbeat_at: string | null;
}

/** A live owner writes its heartbeat every few seconds; these limits leave room for a stalled machine. */
export const HEARTBEAT_MS = 5_000;
/** Same host, process still there: only a reused pid explains a heartbeat this old. */
export const SAME_HOST_STALE_MS = 10 * 60_000;
/** Another host (a shared data folder): its processes cannot be seen, only its heartbeat. */
export const OTHER_HOST_STALE_MS = 2 * 60_000;

export function newRunOwner(): RunOwner {
  return { pid: process.pid, instance: randomUUID(), host: hostname() };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a run's owner is gone, as seen by `me` at `now`. Runs written before owners were kept have none. */
export function ownerGone(row: OwnedRunRow, me: RunOwner, now: number, alive: (pid: number) => boolean = processAlive): boolean {
  if (row.owner_instance === me.instance) return false;
  if (row.owner_pid === null || row.owner_host === null) return true;
  const beat = row.heartbeat_at ? Date.parse(row.heartbeat_at) : 0;
  const silentFor = now - beat;
  if (row.owner_host === me.host) return !alive(row.owner_pid) || silentFor > SAME_HOST_STALE_MS;
  return silentFor > OTHER_HOST_STALE_MS;
}
