/**
 * The editor's top bar: back, the flow's name (editable), saved state, problems, undo/redo,
 * schedule, Dry run, Run (or Cancel while running), and a menu (export, versions, tidy up).
 */
import { DropdownMenu } from 'radix-ui';
import { AlertTriangle, ArrowLeft, ChevronDown, Download, FlaskConical, History, Keyboard, LayoutGrid, Loader2, MoreHorizontal, Play, Redo2, RotateCcw, Square, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { formatKeys, useCommandStore } from '../commands/registry';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowListStore } from '../state/useFlowListStore';
import { useFlowStore } from '../state/useFlowStore';
import { useReadStateStore } from '../state/useReadStateStore';
import { navigate } from '../state/useRouteStore';
import { useRunStore } from '../state/useRunStore';
import { Modal } from '../ui/Modal';
import { Tip } from '../ui/Tip';
import { downloadFlow } from '../home/createFlow';
import { autoLayout } from './editorActions';
import { cancelRun, startRun } from './runActions';
import { SaveIndicator } from './SaveIndicator';
import { ScheduleControl } from './ScheduleControl';
import { useShownRun } from './useShownRun';
import { VersionsDialog } from './VersionsDialog';

export function EditorTopBar() {
  const name = useFlowStore((s) => s.doc?.name ?? '');
  const flowId = useFlowStore((s) => s.doc?.id ?? '');
  const problems = useFlowStore((s) => s.problems);
  const canUndo = useFlowStore((s) => s.past.length > 0);
  const canRedo = useFlowStore((s) => s.future.length > 0);
  const shown = useShownRun();
  const listedRun = useFlowListStore((s) => !!s.flows.find((f) => f.id === flowId)?.lastRun);
  const liveRun = useRunStore((s) => !!s.latestByFlow[flowId]);
  const everRan = listedRun || liveRun;
  const lastRecords = useReadStateStore((s) => s.state?.lastRecords);
  const [versions, setVersions] = useState(false);
  const [confirmFirst, setConfirmFirst] = useState(false);
  const running = shown?.status === 'running' && shown.flowId === flowId;

  const run = () => (everRan ? void startRun(false) : setConfirmFirst(true));
  const showProblems = () => {
    const first = problems.find((p) => p.node);
    if (first?.node) useEditorStore.getState().select([first.node]);
    else useEditorStore.getState().clearSelection();
    useEditorStore.getState().setInspectorOpen(true);
  };

  return (
    <header className="editor-topbar">
      <Tip content="Back to your flows">
        <button type="button" className="icon-btn" aria-label="Back to your flows" onClick={() => navigate({ name: 'home' })}>
          <ArrowLeft size={18} />
        </button>
      </Tip>
      <label className="visually-hidden" htmlFor="flow-name">
        Flow name
      </label>
      <input
        id="flow-name"
        className="flow-name-input"
        value={name}
        maxLength={200}
        spellCheck={false}
        onChange={(e) => useFlowStore.getState().apply((d) => ({ ...d, name: e.target.value }), { merge: 'flow-name' })}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      <SaveIndicator />
      {problems.length ? (
        <button type="button" className="badge fail problems-badge" onClick={showProblems}>
          <AlertTriangle size={12} aria-hidden />
          {problems.length === 1 ? '1 problem' : `${problems.length} problems`}
        </button>
      ) : null}
      <div className="toolbar-group" role="group" aria-label="Undo and redo">
        <Tip content={`Undo (${formatKeys('mod+z')})`}>
          <button type="button" className="icon-btn" aria-label="Undo" disabled={!canUndo} onClick={() => useFlowStore.getState().undo()}>
            <Undo2 size={16} />
          </button>
        </Tip>
        <Tip content={`Redo (${formatKeys('shift+mod+z')})`}>
          <button type="button" className="icon-btn" aria-label="Redo" disabled={!canRedo} onClick={() => useFlowStore.getState().redo()}>
            <Redo2 size={16} />
          </button>
        </Tip>
      </div>
      <span className="spacer" />
      <ScheduleControl />
      {running && shown ? (
        <button type="button" className="btn" onClick={() => void cancelRun(shown.runId)}>
          <Square size={14} aria-hidden />
          Cancel {shown.dryRun ? 'dry run' : 'run'}
        </button>
      ) : (
        <>
          <div className="split-btn" role="group" aria-label="Dry run">
            <Tip content={`Reads what changed (or the pinned test records) and shows what would be written, without writing (${formatKeys('shift+mod+enter')})`}>
              <button type="button" className="btn" onClick={() => void startRun(true)}>
                <FlaskConical size={16} aria-hidden />
                Dry run
              </button>
            </Tip>
            <DropdownMenu.Root>
              <DropdownMenu.Trigger className="btn split-btn-more" aria-label="Other ways to test">
                <ChevronDown size={14} aria-hidden />
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content className="menu-content" align="end" sideOffset={4}>
                  <DropdownMenu.Item className="menu-item" disabled={!lastRecords} onSelect={() => void startRun(true, { lastRunRecords: true })}>
                    <History size={14} aria-hidden /> Test on the last run’s records{lastRecords ? ` (${lastRecords.read.toLocaleString()})` : ''}
                  </DropdownMenu.Item>
                  <DropdownMenu.Item className="menu-item" onSelect={() => useEditorStore.getState().setConfirmReadAgain(true)}>
                    <RotateCcw size={14} aria-hidden /> Read everything again…
                  </DropdownMenu.Item>
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
          </div>
          <Tip content={`Run now (${formatKeys('mod+enter')})`}>
            <button type="button" className="btn btn-primary" onClick={run}>
              <Play size={16} aria-hidden />
              Run
            </button>
          </Tip>
        </>
      )}
      {running ? <Loader2 size={16} className="spin" aria-label="Running" /> : null}
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className="icon-btn" aria-label="More actions">
          <MoreHorizontal size={18} />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu-content" align="end" sideOffset={4}>
            <DropdownMenu.Item className="menu-item" onSelect={() => autoLayout()}>
              <LayoutGrid size={14} aria-hidden /> Tidy up the layout <span className="kbd">{formatKeys('shift+l')}</span>
            </DropdownMenu.Item>
            <DropdownMenu.Item className="menu-item" onSelect={() => setVersions(true)}>
              <History size={14} aria-hidden /> Versions…
            </DropdownMenu.Item>
            <DropdownMenu.Item
              className="menu-item"
              onSelect={() => {
                const doc = useFlowStore.getState().doc;
                if (doc) downloadFlow(doc);
              }}
            >
              <Download size={14} aria-hidden /> Export as a file
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="menu-separator" />
            <DropdownMenu.Item className="menu-item" onSelect={() => useCommandStore.getState().setPaletteOpen(true)}>
              <Keyboard size={14} aria-hidden /> All commands and shortcuts <span className="kbd">{formatKeys('mod+k')}</span>
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {versions ? <VersionsDialog flowId={flowId} onClose={() => setVersions(false)} /> : null}
      {confirmFirst ? (
        <Modal
          open
          onOpenChange={(o) => !o && setConfirmFirst(false)}
          title="This flow has never run"
          description="A dry run reads everything and shows what it would create, update and skip — without writing anything."
          footer={
            <>
              <button type="button" className="btn" onClick={() => (setConfirmFirst(false), void startRun(false))}>
                Run for real
              </button>
              <button type="button" className="btn btn-primary" onClick={() => (setConfirmFirst(false), void startRun(true))}>
                <FlaskConical size={16} aria-hidden />
                Dry run first
              </button>
            </>
          }
        >
          <p>Recommended for a new flow: look at the plan first, then run it for real.</p>
        </Modal>
      ) : null}
    </header>
  );
}
