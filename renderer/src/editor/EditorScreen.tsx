/**
 * The flow editor: top bar, palette (left), canvas (centre), inspector (right), run panel (bottom).
 * Loads the flow and its latest run; keeps it saved and checked while it is open.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { AlertTriangle, Loader2, PanelRightClose, PanelRightOpen } from 'lucide-react';
import { useEffect, useState } from 'react';
import { call, errorText } from '../api/call';
import { Inspector } from '../inspector/Inspector';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import { useReadStateStore } from '../state/useReadStateStore';
import { navigate } from '../state/useRouteStore';
import { Tip } from '../ui/Tip';
import { useMediaQuery } from '../ui/useMediaQuery';
import { ConnectToDialog } from './ConnectToDialog';
import { EditorTopBar } from './EditorTopBar';
import { FlowCanvas } from './FlowCanvas';
import { useFlowPersistence } from './flowPersistence';
import { Palette } from './Palette';
import { RunPanel } from './RunPanel';
import { ReadAgainDialog } from './TestActions';
import { loadLatestRun } from './runActions';
import { useEditorCommands } from './useEditorCommands';

export function EditorScreen({ flowId }: { flowId: string }) {
  const [state, setState] = useState<{ status: 'loading' } | { status: 'ready' } | { status: 'missing' } | { status: 'error'; message: string }>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    useEditorStore.getState().reset();
    useFlowStore.getState().unload();
    call('flows.get', { id: flowId })
      .then((got) => {
        if (!live) return;
        if (!got) return setState({ status: 'missing' });
        useFlowStore.getState().load(got.doc, got.version);
        setState({ status: 'ready' });
        void loadLatestRun(flowId);
        void useReadStateStore.getState().load(flowId);
      })
      .catch((e: unknown) => live && setState({ status: 'error', message: errorText(e) }));
    return () => {
      live = false;
    };
  }, [flowId]);

  if (state.status === 'loading') {
    return (
      <div className="empty" role="status" style={{ flex: 1 }}>
        <Loader2 className="spin" size={22} aria-hidden /> Opening the flow…
      </div>
    );
  }
  if (state.status !== 'ready') {
    return (
      <main className="empty" style={{ flex: 1 }}>
        <AlertTriangle size={26} aria-hidden />
        <h1 style={{ fontSize: 'var(--text-xl)', color: 'var(--text)' }}>{state.status === 'missing' ? 'This flow does not exist (any more)' : 'The flow could not be opened'}</h1>
        {state.status === 'error' ? <p>{state.message}</p> : null}
        <button type="button" className="btn btn-primary" onClick={() => navigate({ name: 'home' })}>
          Back to your flows
        </button>
      </main>
    );
  }
  return <EditorLayout />;
}

function EditorLayout() {
  useFlowPersistence();
  useEditorCommands();
  const inspectorOpen = useEditorStore((s) => s.inspectorOpen);
  // In a narrow window (or at 150 % zoom) the inspector floats over the canvas, and only while a
  // step is selected, so the canvas keeps its room.
  const narrow = useMediaQuery('(max-width: 1000px)');
  useEffect(() => {
    if (!narrow) return;
    useEditorStore.getState().setInspectorOpen(useEditorStore.getState().selectedNodes.size > 0);
    return useEditorStore.subscribe((s, prev) => {
      if (s.selectedNodes !== prev.selectedNodes) s.setInspectorOpen(s.selectedNodes.size > 0);
    });
  }, [narrow]);
  return (
    <ReactFlowProvider>
      <main className="editor" aria-label="Flow editor">
        <h1 className="visually-hidden">Flow editor</h1>
        <EditorTopBar />
        <div className="editor-body">
          <Palette />
          <div className="editor-centre">
            <FlowCanvas />
            <Tip content={inspectorOpen ? 'Hide the inspector' : 'Show the inspector'} side="left">
              <button type="button" className="icon-btn inspector-toggle" aria-label={inspectorOpen ? 'Hide the inspector' : 'Show the inspector'} onClick={() => useEditorStore.getState().setInspectorOpen(!inspectorOpen)}>
                {inspectorOpen ? <PanelRightClose size={16} /> : <PanelRightOpen size={16} />}
              </button>
            </Tip>
          </div>
          {inspectorOpen ? <Inspector /> : null}
        </div>
        <RunPanel />
        <ReadAgainDialog />
        <ConnectToDialog />
      </main>
    </ReactFlowProvider>
  );
}
