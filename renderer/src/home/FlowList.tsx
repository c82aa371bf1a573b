/** The flows table: name, last run (colour + words), schedule in words, Run, and a menu. */
import { DropdownMenu } from 'radix-ui';
import { CalendarClock, Download, FlaskConical, MoreHorizontal, Pencil, Play, Trash2, Workflow } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { FlowListItem } from '../../../core/api/contract';
import { call, errorText } from '../api/call';
import { cronInWords } from '../lib/cron';
import { formatWhen } from '../lib/words';
import { useFlowListStore } from '../state/useFlowListStore';
import { useRunStore } from '../state/useRunStore';
import { navigate } from '../state/useRouteStore';
import { Modal } from '../ui/Modal';
import { RunStatusBadge } from '../ui/StatusBadge';
import { exportFlow } from './createFlow';

export function FlowList() {
  const flows = useFlowListStore((s) => s.flows);
  const loaded = useFlowListStore((s) => s.loaded);
  const [deleting, setDeleting] = useState<FlowListItem | null>(null);

  if (!loaded) return <div className="card card-pad muted">Loading flows…</div>;
  if (!flows.length) {
    return (
      <div className="card empty">
        <Workflow size={28} aria-hidden />
        <p>No flows yet. Pick a template below, or start with a blank flow.</p>
      </div>
    );
  }
  return (
    <div className="card table-scroll">
      <table className="table flows-table">
        <thead>
          <tr>
            <th scope="col">Flow</th>
            <th scope="col">Last run</th>
            <th scope="col">Schedule</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {flows.map((f) => (
            <FlowRow key={f.id} flow={f} onDelete={() => setDeleting(f)} />
          ))}
        </tbody>
      </table>
      {deleting ? <DeleteFlowDialog flow={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}

function FlowRow({ flow, onDelete }: { flow: FlowListItem; onDelete(): void }) {
  const liveId = useRunStore((s) => s.latestByFlow[flow.id]);
  const live = useRunStore((s) => (liveId ? s.runs[liveId] : undefined));
  const status = live && (!flow.lastRun || live.startedAt >= flow.lastRun.startedAt) ? live.status : flow.lastRun?.status;
  const when = live && live.startedAt >= (flow.lastRun?.startedAt ?? '') ? live.startedAt : flow.lastRun?.startedAt;
  const running = status === 'running';
  const lastRunId = live?.runId ?? flow.lastRun?.id;

  // A flow that never ran gets a dry run first: nothing happens by surprise.
  const dryRun = !status;
  const run = async () => {
    try {
      const { runId } = await call('runs.start', { flowId: flow.id, dryRun });
      useRunStore.getState().expect({ runId, flowId: flow.id, flowName: flow.name, dryRun });
      toast.success(dryRun ? `A dry run of “${flow.name}” is reading everything — nothing is written` : `“${flow.name}” is running`, {
        action: { label: dryRun ? 'See the plan' : 'Watch', onClick: () => navigate({ name: 'editor', flowId: flow.id }) },
      });
    } catch (e) {
      toast.error(`“${flow.name}” could not start`, { description: errorText(e) });
    }
  };

  return (
    <tr>
      <td>
        <a
          className="flow-name"
          href={`#/flows/${encodeURIComponent(flow.id)}`}
          onClick={(e) => {
            e.preventDefault();
            navigate({ name: 'editor', flowId: flow.id });
          }}
        >
          {flow.name}
        </a>
        <div className="muted small">Edited {formatWhen(flow.updatedAt)} · version {flow.version}</div>
      </td>
      <td>
        <div className="row">
          <RunStatusBadge status={status} />
          {when ? (
            lastRunId ? (
              <a
                className="small muted"
                href={`#/runs/${encodeURIComponent(lastRunId)}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ name: 'run', runId: lastRunId });
                }}
              >
                {formatWhen(when)}
              </a>
            ) : (
              <span className="small muted">{formatWhen(when)}</span>
            )
          ) : null}
        </div>
      </td>
      <td>
        {flow.schedule?.enabled ? (
          <div className="row small">
            <CalendarClock size={14} aria-hidden />
            <span>
              {cronInWords(flow.schedule.cron)}
              {flow.schedule.nextRunAt ? <span className="muted"> · next {formatWhen(flow.schedule.nextRunAt)}</span> : null}
            </span>
          </div>
        ) : (
          <span className="muted small">Only when you run it</span>
        )}
      </td>
      <td className="row-actions">
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn btn-sm" onClick={() => void run()} disabled={running} aria-label={`${running ? 'Running' : dryRun ? 'Dry run' : 'Run'} ${flow.name}`}>
            {dryRun ? <FlaskConical size={14} aria-hidden /> : <Play size={14} aria-hidden />}
            {running ? 'Running…' : dryRun ? 'Dry run' : 'Run'}
          </button>
          <DropdownMenu.Root>
            <DropdownMenu.Trigger className="icon-btn sm" aria-label={`More for ${flow.name}`}>
              <MoreHorizontal size={16} />
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content className="menu-content" align="end" sideOffset={4}>
                <DropdownMenu.Item className="menu-item" onSelect={() => navigate({ name: 'editor', flowId: flow.id })}>
                  <Pencil size={14} aria-hidden /> Open in the editor
                </DropdownMenu.Item>
                <DropdownMenu.Item className="menu-item" onSelect={() => void exportFlow(flow.id)}>
                  <Download size={14} aria-hidden /> Export as a file
                </DropdownMenu.Item>
                <DropdownMenu.Separator className="menu-separator" />
                <DropdownMenu.Item className="menu-item danger" onSelect={onDelete}>
                  <Trash2 size={14} aria-hidden /> Delete…
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        </div>
      </td>
    </tr>
  );
}

function DeleteFlowDialog({ flow, onClose }: { flow: FlowListItem; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await call('flows.delete', { id: flow.id });
      await useFlowListStore.getState().refresh();
      toast.success(`“${flow.name}” was deleted`);
      onClose();
    } catch (e) {
      toast.error('The flow could not be deleted', { description: errorText(e) });
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Delete “${flow.name}”?`}
      description="Its schedule stops. Its past runs stay in the run history until they are cleaned up."
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Keep it
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>
            <Trash2 size={14} aria-hidden />
            Delete flow
          </button>
        </>
      }
    >
      <p>Tip: export it first if you might want it back.</p>
    </Modal>
  );
}
