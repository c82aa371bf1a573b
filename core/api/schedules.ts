/**
 * What the scheduler tells the screen and `sincro schedule`: the log of planned ticks, who runs
 * the schedules of a data folder, and the words for both.
 */

/**
 * What became of a planned tick: a run started (fired); skipped because the flow was still
 * running (busy) or schedules were paused (paused); passed while no scheduler ran, because the
 * computer slept or Sincro was closed (missed); made up for by one run afterwards (caught-up);
 * or the run could not start (error).
 */
export type ScheduleOutcome = 'fired' | 'busy' | 'paused' | 'missed' | 'caught-up' | 'error';

export interface ScheduleLogEntry {
  id: number;
  flowId: string;
  /** The flow's name now, or its id when the flow was deleted since. */
  flowName: string;
  outcome: ScheduleOutcome;
  /** The planned time of the (first) tick. */
  plannedAt: string;
  /** Ticks in a row with one outcome share an entry: the last one's planned time. */
  lastPlannedAt: string;
  ticks: number;
  /** When it was written (a caught-up tick: when it was caught up). */
  loggedAt: string;
  runId: string | null;
  message: string | null;
}

/** The process that runs the schedules of a data folder; there is one at a time. */
export interface SchedulerHolderInfo {
  /** "the desktop app", "sincro schedule run", "sincro serve". */
  name: string;
  pid: number;
  host: string;
  since: string;
  heartbeatAt: string;
  /** This process holds it. */
  here: boolean;
}

export const OUTCOME_WORDS: Record<ScheduleOutcome, string> = {
  fired: 'ran',
  busy: 'skipped: the flow was still running',
  paused: 'skipped: schedules were paused',
  missed: 'missed: Sincro was not running',
  'caught-up': 'caught up: ran once for the missed time(s)',
  error: 'could not start',
};

export function holderWords(h: SchedulerHolderInfo): string {
  return `${h.here ? 'this process' : h.name} (pid ${h.pid} on ${h.host}, since ${h.since.slice(0, 16).replace('T', ' ')} UTC)`;
}
