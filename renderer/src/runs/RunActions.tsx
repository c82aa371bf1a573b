/**
 * What can be done with a finished run: retry its failed records (after saying plainly what will
 * happen), and export its records as CSV or NDJSON (the desktop app asks where to save; a browser
 * downloads the file).
 */
import { DropdownMenu } from 'radix-ui';
import { Download, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { RunExportResult } from '../../../core/api/contract';
import type { RunSummary } from '../../../core/api/run-model';
import { call, errorText } from '../api/call';
import { follow } from '../editor/runActions';
import { navigate } from '../state/useRouteStore';
import { useRunStore } from '../state/useRunStore';
import { Modal } from '../ui/Modal';

const records = (n: number) => `${n.toLocaleString()} failed record${n === 1 ? '' : 's'}`;

export function RetryButton({ summary }: { summary: RunSummary }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (summary.status === 'running' || summary.failed === 0) return null;

  const retry = async () => {
    setBusy(true);
    try {
      const started = await call('runs.retry', { runId: summary.runId });
      useRunStore.getState().expect({ runId: started.runId, flowId: summary.flowId, flowName: summary.flowName, dryRun: false });
      follow(started.runId);
      setAsking(false);
      toast.info(`Retrying ${records(started.records)}`, { description: `of “${summary.flowName}”, with the flow as it is now.` });
      navigate({ name: 'run', runId: started.runId });
    } catch (e) {
      toast.error('The failed records could not be retried', { description: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => setAsking(true)}>
        <RotateCcw size={14} aria-hidden /> Retry the failed records
      </button>
      <Modal
        open={asking}
        onOpenChange={setAsking}
        title="Retry the failed records?"
        description={`${records(summary.failed)} of this run run again through “${summary.flowName}” as it is now.`}
        footer={
          <>
            <button type="button" className="btn" onClick={() => setAsking(false)}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void retry()}>
              <RotateCcw size={14} aria-hidden /> Retry {records(summary.failed)}
            </button>
          </>
        }
      >
        <ul className="small stack" style={{ gap: 'var(--space-1)', margin: 0, paddingLeft: 'var(--space-5)' }}>
          <li>Only the records that failed are read again; the other records of this run are left alone.</li>
          <li>Nothing is created twice: a record that was already sent is updated or left as it is.</li>
          <li>The flow’s next run still reads on from where its last run ended.</li>
        </ul>
      </Modal>
    </>
  );
}

/** Hands a download address to the browser as a click on a link would. */
function download(result: Extract<RunExportResult, { kind: 'download' }>): void {
  const a = document.createElement('a');
  a.href = new URL(result.url, window.location.href).href;
  a.download = result.fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

export function ExportMenu({ runId }: { runId: string }) {
  const exportAs = async (format: 'csv' | 'ndjson') => {
    try {
      const result = await call('runs.export', { runId, format });
      if (result.kind === 'download') download(result);
      else if (result.kind === 'saved') toast.success(`Exported ${result.records.toLocaleString()} record${result.records === 1 ? '' : 's'}`, { description: result.path });
    } catch (e) {
      toast.error('The records could not be exported', { description: errorText(e) });
    }
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="btn">
        <Download size={14} aria-hidden /> Export
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu-content" align="end" sideOffset={4}>
          <DropdownMenu.Item className="menu-item" onSelect={() => void exportAs('csv')}>
            CSV, for a spreadsheet
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => void exportAs('ndjson')}>
            NDJSON, with each record’s history
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
