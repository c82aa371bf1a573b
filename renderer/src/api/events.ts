/**
 * One subscription to the host's events for the whole screen. Run events are batched (a fast run
 * sends thousands of record results) and applied at most ~8 times a second; app events refresh
 * the lists they concern; notices become toasts that link to the run, one per flow (noticeToasts.ts).
 */
import type { AppEvent } from '../../../core/api/contract';
import type { RunEvent } from '../../../core/api/run-model';
import { useConnectionStore } from '../state/useConnectionStore';
import { useFlowListStore } from '../state/useFlowListStore';
import { useNoticeStore } from '../state/useNoticeStore';
import { useRunStore } from '../state/useRunStore';
import { showCountedNotice, showNotice } from './noticeToasts';
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
      case 'notice.counted':
        showCountedNotice(event);
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
