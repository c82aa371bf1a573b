/**
 * One subscription to the host's events for the whole screen. Run events are batched (a fast run
 * sends thousands of record results) and applied at most ~8 times a second; app events refresh
 * the lists they concern; notices become toasts that link to the run.
 */
import { toast } from 'sonner';
import type { AppEvent } from '../../../core/api/contract';
import type { RunEvent } from '../../../core/api/run-model';
import { useConnectionStore } from '../state/useConnectionStore';
import { useFlowListStore } from '../state/useFlowListStore';
import { useNoticeStore } from '../state/useNoticeStore';
import { navigate } from '../state/useRouteStore';
import { useRunStore } from '../state/useRunStore';
import { sincroApi } from './sincro-api';

const FLUSH_MS = 120;

export function startEventPump(): () => void {
  let buffer: RunEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const events = buffer;
    buffer = [];
    useRunStore.getState().applyEvents(events);
  };
  const stop = sincroApi().onEvent((event: RunEvent | AppEvent) => {
    switch (event.type) {
      case 'flows.changed':
        void useFlowListStore.getState().refresh();
        return;
      case 'connections.changed':
        void useConnectionStore.getState().refresh();
        return;
      case 'notice':
        showNotice(event);
        return;
      case 'notices.changed':
        useNoticeStore.getState().changed(event.unread);
        return;
      default:
        buffer.push(event);
        // Starts and ends are shown at once; the stream in between is batched.
        if (event.type === 'finished' || event.type === 'started') {
          if (timer) clearTimeout(timer);
          flush();
          if (event.type === 'finished') void useFlowListStore.getState().refresh();
        } else if (!timer) timer = setTimeout(flush, FLUSH_MS);
    }
  });
  return () => {
    if (timer) clearTimeout(timer);
    stop();
  };
}

function showNotice(n: Extract<AppEvent, { type: 'notice' }>) {
  const show = n.level === 'error' ? toast.error : n.level === 'warn' ? toast.warning : toast.info;
  const runId = n.runId;
  const noticeId = n.noticeId;
  show(n.title, {
    description: n.message,
    duration: n.level === 'error' ? Infinity : 8000,
    ...(runId
      ? {
          action: {
            label: 'Open run',
            onClick: () => {
              if (noticeId !== undefined) void useNoticeStore.getState().markRead([noticeId]).catch(() => undefined);
              navigate({ name: 'run', runId });
            },
          },
        }
      : {}),
  });
}
