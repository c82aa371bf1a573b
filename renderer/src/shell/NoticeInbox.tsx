/**
 * The inbox: a bell in the sidebar with the number of unread notices, and a panel with the latest
 * ones (a run that failed, a flow that keeps failing with how many runs, a flow that works again),
 * each linking to its run. Opening a notice's run marks it read.
 */
import { Popover } from 'radix-ui';
import { AlertTriangle, Bell, CheckCircle2, Info } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { NoticeItem } from '../../../core/api/contract';
import { errorText } from '../api/call';
import { formatDateTime, formatWhen } from '../lib/words';
import { useNoticeStore } from '../state/useNoticeStore';
import { navigate } from '../state/useRouteStore';
import { Tip } from '../ui/Tip';

function NoticeIcon({ notice }: { notice: NoticeItem }) {
  if (notice.outcome === 'recovered' || notice.outcome === 'succeeded') return <CheckCircle2 size={16} className="text-ok" aria-hidden />;
  if (notice.level === 'info') return <Info size={16} aria-hidden />;
  return <AlertTriangle size={16} className="text-fail" aria-hidden />;
}

function NoticeRow({ notice, onOpen }: { notice: NoticeItem; onOpen(): void }) {
  const unread = notice.readAt === null;
  const body = (
    <>
      <NoticeIcon notice={notice} />
      <span className="inbox-text">
        <span className="inbox-title">
          {notice.title}
          {unread ? <span className="visually-hidden"> (unread)</span> : null}
        </span>
        <span className="inbox-message small muted">{notice.message}</span>
        <span className="small muted" title={formatDateTime(notice.updatedAt)}>
          {formatWhen(notice.updatedAt)}
          {notice.count > 1 ? ` · ${notice.count} runs since ${formatWhen(notice.createdAt)}` : ''}
        </span>
      </span>
      {unread ? <span className="dot info inbox-unread" aria-hidden /> : null}
    </>
  );
  return (
    <li className={`inbox-item${unread ? ' unread' : ''}`}>
      {notice.runId ? (
        <a
          href={`#/runs/${encodeURIComponent(notice.runId)}`}
          className="inbox-link"
          onClick={(e) => {
            e.preventDefault();
            onOpen();
          }}
        >
          {body}
        </a>
      ) : (
        <div className="inbox-link">{body}</div>
      )}
    </li>
  );
}

export function NoticeInbox({ compact }: { compact: boolean }) {
  const { notices, unread, loaded, refresh, markRead } = useNoticeStore();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    refresh().catch((e: unknown) => setError(errorText(e)));
  }, [refresh]);

  const label = unread ? `Notices (${unread} unread)` : 'Notices';
  // On the icon rail the count is the only text shown, so the name starts with it (WCAG 2.5.3).
  const compactLabel = unread ? `${unread} unread notice${unread === 1 ? '' : 's'}` : 'Notices';
  const trigger = (
    <Popover.Trigger className="nav-item inbox-trigger" aria-label={compact ? compactLabel : undefined}>
      <span className="inbox-bell">
        <Bell size={18} aria-hidden />
        {unread ? (
          <span className="inbox-count" aria-hidden>
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </span>
      {compact ? null : (
        <span>
          Notices
          {unread ? <span className="visually-hidden"> ({unread} unread)</span> : null}
        </span>
      )}
    </Popover.Trigger>
  );

  return (
    <Popover.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) refresh().catch((e: unknown) => setError(errorText(e)));
      }}
    >
      {compact ? <Tip content={label} side="right">{trigger}</Tip> : trigger}
      <Popover.Portal>
        <Popover.Content className="inbox" side="right" align="end" sideOffset={8} aria-label="Notices">
          <div className="inbox-head">
            <h2 style={{ fontSize: 'var(--text-md)' }}>Notices</h2>
            <span className="spacer" />
            <button type="button" className="btn btn-ghost btn-sm" disabled={!unread} onClick={() => void markRead().catch((e: unknown) => setError(errorText(e)))}>
              Mark all read
            </button>
          </div>
          {error ? <p className="text-fail small">{error}</p> : null}
          {loaded && !notices.length ? <p className="muted small inbox-empty">Nothing to tell yet. When a run fails, it shows here (and on your desktop when Sincro is in the background).</p> : null}
          <ul className="inbox-list">
            {notices.map((n) => (
              <NoticeRow
                key={n.id}
                notice={n}
                onOpen={() => {
                  setOpen(false);
                  if (n.readAt === null) void markRead([n.id]).catch(() => undefined);
                  if (n.runId) navigate({ name: 'run', runId: n.runId });
                }}
              />
            ))}
          </ul>
          <p className="small muted inbox-foot">
            Which outcomes are told is set in{' '}
            <a
              href="#/settings"
              onClick={(e) => {
                e.preventDefault();
                setOpen(false);
                navigate({ name: 'settings' });
              }}
            >
              Settings
            </a>
            .
          </p>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
