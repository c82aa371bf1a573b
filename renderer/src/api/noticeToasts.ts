/**
 * Notices as toasts: one toast per flow. A new notice of a flow replaces the flow's toast (a
 * failure, then "works again"); a flow that keeps failing updates its toast with the count
 * ("records keep failing (3 runs in a row)") instead of stacking one per run. A toast the user
 * closed (or that closed by itself) stays closed for that notice: the inbox keeps counting it.
 */
import { toast } from 'sonner';
import type { AppEvent } from '../../../core/api/contract';
import { useNoticeStore } from '../state/useNoticeStore';
import { navigate } from '../state/useRouteStore';

type Told = Extract<AppEvent, { type: 'notice' }>;
type Counted = Extract<AppEvent, { type: 'notice.counted' }>;

/** Notices whose toast the user closed in this window. */
const closed = new Set<number>();
let unnamed = 0;

/** The toast's id: one per flow; a notice about no flow has its own. */
const toastIdOf = (n: { flowId?: string; noticeId?: number }) => (n.flowId ? `flow-notice:${n.flowId}` : `notice:${n.noticeId ?? `unnamed-${++unnamed}`}`);

export function showNotice(n: Told): void {
  if (n.noticeId !== undefined) closed.delete(n.noticeId);
  show({ ...n, count: 1 });
}

export function showCountedNotice(n: Counted): void {
  if (closed.has(n.noticeId)) return;
  show(n);
}

function show(n: Omit<Told, 'type'> & { count: number }): void {
  const pop = n.level === 'error' ? toast.error : n.level === 'warn' ? toast.warning : toast.info;
  const { runId, noticeId } = n;
  const close = () => noticeId !== undefined && closed.add(noticeId);
  pop(n.title, {
    id: toastIdOf(n),
    description: n.message,
    duration: n.level === 'error' ? Infinity : 8000,
    onDismiss: close,
    onAutoClose: close,
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
