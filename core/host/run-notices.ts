/**
 * What the user is told when a run ends (MISSION PLT-4): a notice in the inbox, and for a new one
 * a `notice` event, which the desktop app's main process shows as an OS notification (also with
 * the window closed) and the screen as a toast. A flow that keeps failing is told once: its
 * further failures are merged into the open notice, which counts them, and only a change of
 * outcome (it works again) starts a new one. Which outcomes are told is the `notifyOn` setting.
 */
import type { AppEvent } from '../api/contract';
import type { RunSummary } from '../api/run-model';
import { familyOf, type NewNotice, type NoticeInfo, type NoticeOutcome } from '../store/notices';
import { runSummaryOf } from '../store/runs';
import type { Store } from '../store/store';

export type NoticeEvent = Extract<AppEvent, { type: 'notice' }>;

/** What a run's end is, as a notice would tell it; undefined for a dry run or a cancelled one. */
export function outcomeOf(store: Store, summary: RunSummary): NoticeOutcome | undefined {
  if (summary.dryRun || summary.status === 'cancelled' || summary.status === 'running') return undefined;
  if (summary.status === 'failed') return 'failed';
  if (summary.status === 'partial') return 'partial';
  return failedBefore(store, summary) ? 'recovered' : 'succeeded';
}

/** Whether the flow's run before this one (not a dry run) ended failed or partial. */
function failedBefore(store: Store, summary: RunSummary): boolean {
  for (const run of store.runs.list({ flowId: summary.flowId, until: summary.startedAt, limit: 20 })) {
    if (run.id === summary.runId || run.dryRun || run.status === 'cancelled' || run.status === 'running') continue;
    return run.status === 'failed' || run.status === 'partial';
  }
  return false;
}

const records = (n: number) => `${n.toLocaleString('en-US')} record${n === 1 ? '' : 's'}`;

/** The words of a notice counting `count` runs of the flow, the latest `summary`. */
function wordsFor(outcome: NoticeOutcome, summary: RunSummary, count: number): Pick<NewNotice, 'title' | 'message' | 'level'> {
  const name = summary.flowName;
  const couldNotRun = summary.status === 'failed' && summary.read === 0 && (summary.error ?? '').startsWith('The flow cannot run');
  const inARow = count > 1 ? ` (${count} runs in a row)` : '';
  switch (outcome) {
    case 'failed':
      return {
        level: 'error',
        title: count > 1 ? `${name} keeps failing${inARow}` : `${name} ${couldNotRun ? 'could not run' : 'failed'}`,
        message: summary.error ?? 'Open the run to see what went wrong.',
      };
    case 'partial':
      return {
        level: 'error',
        title: count > 1 ? `${name}: records keep failing${inARow}` : `${name}: ${records(summary.failed)} failed`,
        message: `${count > 1 ? `The last run: ${records(summary.failed)} failed, ${summary.ok.toLocaleString('en-US')} done. ` : ''}Open the run to see each failed record and why, and retry them once the cause is fixed.`,
      };
    case 'recovered':
      return { level: 'info', title: `${name} works again`, message: `The run succeeded after a failed one: ${records(summary.ok)} done.` };
    case 'succeeded':
      return { level: 'info', title: count > 1 ? `${name} succeeded${inARow}` : `${name} succeeded`, message: `${records(summary.ok)} done, ${records(summary.skipped)} skipped.` };
  }
}

export interface Raised {
  notice: NoticeInfo;
  /** A new notice (told at once); false when merged into an open one (counted, not told again). */
  isNew: boolean;
}

export class RunNotices {
  constructor(private readonly store: Store) {}

  /** Records what a finished run means for its flow's notices; undefined when nothing is told. */
  afterRun(summary: RunSummary): Raised | undefined {
    const outcome = outcomeOf(this.store, summary);
    if (!outcome) return undefined;
    const { notices, settings } = this.store;
    const family = familyOf(outcome);
    return this.store.db.transaction((): Raised | undefined => {
      notices.closeOthers(summary.flowId, family);
      if (!settings.get('notifyOn').includes(outcome)) return undefined;
      const open = family === 'once' ? undefined : notices.openFor(summary.flowId, family);
      const notice: NewNotice = {
        flowId: summary.flowId,
        flowName: summary.flowName,
        outcome,
        runId: summary.runId,
        failedRecords: summary.failed,
        ...wordsFor(outcome, summary, (open?.count ?? 0) + 1),
      };
      return open ? { notice: notices.merge(open.id, notice), isNew: false } : { notice: notices.add(notice), isNew: true };
    })();
  }

  /**
   * Runs whose process died (killed, crashed, switched off) end without a RunManager to tell it:
   * each is told here once, as the failure it is, before anything later of its flow (so the next
   * success is "works again", after a failure the user heard of).
   */
  afterInterrupted(): Raised[] {
    const raised: Raised[] = [];
    for (const run of this.store.runs.takeUntoldInterrupted()) {
      if (run.dryRun) continue;
      const told = this.afterRun(runSummaryOf(run));
      if (told) raised.push(told);
    }
    return raised;
  }

  /** A notice that is not about a finished run (a scheduled run that could not start): kept as a failure of its flow. */
  fromEvent(event: NoticeEvent): Raised | undefined {
    if (!this.store.settings.get('notifyOn').includes('failed')) return undefined;
    const notice: NewNotice = { flowId: event.flowId ?? null, flowName: null, outcome: 'failed', level: event.level, title: event.title, message: event.message, runId: event.runId ?? null };
    const open = event.flowId ? this.store.notices.openFor(event.flowId, 'failure') : undefined;
    return open ? { notice: this.store.notices.merge(open.id, { ...notice, title: open.title }), isNew: false } : { notice: this.store.notices.add(notice), isNew: true };
  }

  /**
   * The events a raised notice sends: a new one is told; one merged into an open notice is
   * counted (the screen updates its toast, nothing is told again); every change updates the
   * unread count.
   */
  eventsFor(raised: Raised | undefined): AppEvent[] {
    if (!raised) return [];
    const { notice } = raised;
    const changed: AppEvent = { type: 'notices.changed', unread: this.store.notices.unreadCount() };
    const about = {
      noticeId: notice.id,
      level: notice.level,
      title: notice.title,
      message: notice.message,
      ...(notice.flowId ? { flowId: notice.flowId } : {}),
      ...(notice.runId ? { runId: notice.runId } : {}),
    };
    const told: AppEvent = raised.isNew ? { type: 'notice', ...about } : { type: 'notice.counted', ...about, count: notice.count };
    return [told, changed];
  }
}
