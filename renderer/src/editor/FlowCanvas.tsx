/**
 * The canvas: React Flow drawing the flow document. The document store is the truth; this only
 * turns its nodes and edges into React Flow's (reusing the objects of nodes that did not change,
 * which keeps a drag smooth in big flows) and turns React Flow's changes back into document edits.
 */
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { LayoutGrid, Map as MapIcon, StickyNote } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toast } from 'sonner';
import type { FlowDocument, FlowNode } from '../../../core/api/flow-document';
import { addEdge, moveNodes } from '../lib/flowOps';
import { isNoteId, moveNotes, noteIdOf, updateNote } from '../lib/notes';
import { checkConnection, connectionWarnings, mainPath, type ConnectionAttempt } from '../lib/graph';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import { usePrefsStore } from '../state/usePrefsStore';
import type { CanvasNode, CountEdgeType } from './canvasTypes';
import { ConnectHint } from './ConnectHint';
import { ConnectionLine } from './ConnectionLine';
import { CountEdge } from './CountEdge';
import { addStickyNote, autoLayout, registerFitView } from './editorActions';
import { DetailContext, detailLevel, detailOf, detailVars, flowOutOfView } from './canvasDetail';
import { fitFlow, fitsInView, revealNodes } from './fitFlow';
import { FlowNodeCard } from './FlowNodeCard';
import { NoteCard } from './NoteCard';
import { useCanvasDrops } from './useCanvasDrops';
import { useCanvasElements } from './useCanvasElements';

const nodeTypes = { card: FlowNodeCard, note: NoteCard };
const edgeTypes = { count: CountEdge };
const KIND_COLORS: Record<string, string> = { source: 'var(--kind-source)', transform: 'var(--kind-transform)', lookup: 'var(--kind-lookup)', target: 'var(--kind-target)' };
// Props given to React Flow keep their identity between renders, so its memoised parts stay put.
const PRO_OPTIONS = { hideAttribution: true };
const DEFAULT_EDGE_OPTIONS = { type: 'count' };
const MULTI_SELECT_KEYS = ['Meta', 'Control'];
const ARIA_LABELS = { 'node.a11yDescription.default': 'Press Enter or Space to select this step, then the arrow keys to move it. Delete removes it.' };
const MINIMAP_STYLE = { width: 168, height: 112 };
const MINIMAP_LINGER_MS = 1500;
const beginGesture = () => useFlowStore.getState().beginGesture();
const endGesture = () => useFlowStore.getState().endGesture();
const clearHint = () => useEditorStore.getState().setConnectHint(null);
const clearSelection = () => useEditorStore.getState().clearSelection();
const minimapColor = (n: { data: unknown }) => {
  const node = (n.data as { node?: FlowNode }).node;
  return node ? (KIND_COLORS[useCatalogStore.getState().byType.get(node.type)?.kind ?? ''] ?? 'var(--edge)') : 'var(--note)';
};

type Size = { width: number; height: number };
function warnNewConnection(before: FlowDocument, after: FlowDocument, nodeId: string) {
  const types = useCatalogStore.getState().byType;
  const had = new Set(connectionWarnings(before, types)[nodeId] ?? []);
  const now = (connectionWarnings(after, types)[nodeId] ?? []).filter((w) => !had.has(w));
  if (now.length) toast.warning('Connected — but check this', { description: now.join(' ') });
}

export function FlowCanvas() {
  const doc = useFlowStore((s) => s.doc);
  const byType = useCatalogStore((s) => s.byType);
  const selectedNodes = useEditorStore((s) => s.selectedNodes);
  const selectedEdges = useEditorStore((s) => s.selectedEdges);
  const theme = usePrefsStore((s) => s.effective);
  const rf = useReactFlow<CanvasNode, CountEdgeType>();
  const sizes = useRef(new Map<string, Size>());
  const [sizeTick, setSizeTick] = useState(0);
  const lastHint = useRef<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  // How much detail a card shows at this zoom (canvasDetail.ts): one string, so zooming redraws
  // the canvas only when the level or the simplified title's size changes.
  const detail = useStore((s) => detailOf(s.transform[2]));
  const detailStyle = useMemo(() => detailVars(detail), [detail]);
  const fitToMain = useCallback((duration?: number) => {
    const d = useFlowStore.getState().doc;
    fitFlow(rf, wrapper.current, duration, d ? mainPath(d, useCatalogStore.getState().byType) : []);
  }, [rf]);

  useEffect(() => {
    registerFitView(
      () => fitToMain(250),
      (ids) => revealNodes(rf, wrapper.current, ids),
    );
    return () => registerFitView(null);
  }, [fitToMain, rf]);

  // The first time the cards have their sizes, put the flow in view.
  const initialized = useNodesInitialized();
  const fitted = useRef(false);
  useEffect(() => {
    if (initialized && !fitted.current) {
      fitted.current = true;
      fitToMain();
    }
  }, [initialized, fitToMain]);
  // The minimap only while part of the flow is out of view and the user moves around it (and a
  // moment after), or when pinned: so it never sits over steps for good, with the run panel open
  // or not.
  const overflowing = useStore((s) => flowOutOfView(s));
  const [moving, setMoving] = useState(false);
  const [mapPinned, setMapPinned] = useState(false);
  const hideMap = useRef<number | undefined>(undefined);
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => {
    if (!e) return; // the canvas fitting itself is not the user moving around
    window.clearTimeout(hideMap.current);
    setMoving(true);
  }, []);
  const onMoveEnd = useCallback((e: MouseEvent | TouchEvent | null) => {
    if (!e) return;
    window.clearTimeout(hideMap.current);
    hideMap.current = window.setTimeout(() => setMoving(false), MINIMAP_LINGER_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(hideMap.current), []);
  const showMap = mapPinned || (moving && overflowing);

  // Opening or closing the run panel or the inspector changes the canvas: keep a small flow in view.
  // (In a narrow window the inspector floats over the canvas, which then keeps its size.)
  const panelOpen = useEditorStore((s) => s.runPanelOpen);
  const inspectorOpen = useEditorStore((s) => s.inspectorOpen);
  const layoutKey = `${panelOpen}/${window.matchMedia?.('(max-width: 1000px)').matches ? 'narrow' : inspectorOpen}`;
  const firstLayout = useRef(true);
  useEffect(() => {
    if (firstLayout.current) {
      firstLayout.current = false;
      return;
    }
    // Only a flow that fits whole is re-fitted: on a wider one the user's own scrolling is kept.
    requestAnimationFrame(() => {
      if (fitsInView(rf, wrapper.current)) fitToMain(200);
    });
  }, [layoutKey, rf, fitToMain]);

  const dropEdge = useEditorStore((s) => s.dropEdge);
  const { nodes, edges } = useCanvasElements(doc, byType, selectedNodes, selectedEdges, sizes.current, sizeTick, dropEdge);
  const drops = useCanvasDrops(rf);
  const onNodeDragStop = useCallback(
    (e: MouseEvent | TouchEvent, node: CanvasNode) => {
      drops.spliceOnDragStop(e, node);
      endGesture();
    },
    [drops],
  );

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const positions = new Map<string, { x: number; y: number }>();
    const noteSizes = new Map<string, { width: number; height: number }>();
    let select: Set<string> | null = null;
    let resized = false;
    for (const c of changes) {
      if (c.type === 'position' && c.position) positions.set(c.id, c.position);
      else if (c.type === 'dimensions' && c.dimensions && isNoteId(c.id)) {
        // A note's size is the user's (its resize handles), kept in the document.
        if (c.resizing !== undefined || c.setAttributes) noteSizes.set(c.id, c.dimensions);
      } else if (c.type === 'dimensions' && c.dimensions) {
        const prev = sizes.current.get(c.id);
        if (!prev || prev.width !== c.dimensions.width || prev.height !== c.dimensions.height) {
          sizes.current.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
          resized = true;
        }
      } else if (c.type === 'select') {
        select ??= new Set(useEditorStore.getState().selectedNodes);
        if (c.selected) select.add(c.id);
        else select.delete(c.id);
      }
    }
    if (positions.size) useFlowStore.getState().apply((d) => moveNotes(moveNodes(d, positions), positions), { transient: !!useFlowStore.getState().gestureBase });
    if (noteSizes.size) {
      useFlowStore.getState().apply(
        (d) => [...noteSizes].reduce((x, [id, size]) => updateNote(x, noteIdOf(id), { width: Math.round(size.width), height: Math.round(size.height) }), d),
        { transient: !!useFlowStore.getState().gestureBase },
      );
    }
    if (select) useEditorStore.getState().setSelection({ nodes: select });
    if (resized) setSizeTick((t) => t + 1);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<CountEdgeType>[]) => {
    let select: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        select ??= new Set(useEditorStore.getState().selectedEdges);
        if (c.selected) select.add(c.id);
        else select.delete(c.id);
      }
    }
    if (select) useEditorStore.getState().setSelection({ edges: select });
  }, []);

  const check = useCallback((c: ConnectionAttempt) => {
    const d = useFlowStore.getState().doc;
    if (!d) return { ok: false as const, reason: 'No flow is open.' };
    return checkConnection(d, useCatalogStore.getState().byType, c);
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | CountEdgeType) => {
      const r = check(c);
      const hint = r.ok ? null : r.reason;
      lastHint.current = hint;
      useEditorStore.getState().setConnectHint(hint);
      return r.ok;
    },
    [check],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const r = check(c);
      if (!r.ok) return;
      const before = useFlowStore.getState().doc;
      useFlowStore.getState().apply((d) => addEdge(d, r.edge));
      const after = useFlowStore.getState().doc;
      // Allowed, but worth a word: two paths into an input that takes one, or records arriving twice.
      if (before && after) warnNewConnection(before, after, r.edge.to.node);
    },
    [check],
  );

  const onConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (!state.isValid && state.toHandle && lastHint.current) toast.error('These cannot be connected', { description: lastHint.current });
    lastHint.current = null;
    useEditorStore.getState().setConnectHint(null);
  }, []);

  if (!doc) return null;
  return (
    <div className={`canvas detail-${detailLevel(detail)}`} style={detailStyle} ref={wrapper} onDragOver={drops.onDragOver} onDragLeave={drops.onDragLeave} onDrop={drops.onDrop}>
      <DetailContext.Provider value={detailLevel(detail)}>
        <ReactFlow<CanvasNode, CountEdgeType>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStart={beginGesture}
          onNodeDrag={drops.onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onSelectionDragStart={beginGesture}
          onSelectionDragStop={endGesture}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          onConnect={onConnect}
          onConnectStart={clearHint}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          connectionMode={ConnectionMode.Loose}
          connectionLineComponent={ConnectionLine}
          connectionRadius={24}
          onPaneClick={clearSelection}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          colorMode={theme}
          minZoom={0.1}
          maxZoom={2}
          onlyRenderVisibleElements={doc.nodes.length > 80}
          proOptions={PRO_OPTIONS}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          ariaLabelConfig={ARIA_LABELS}
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1.4} color="var(--canvas-dots)" />
          {showMap ? <MiniMap position="bottom-right" pannable zoomable style={MINIMAP_STYLE} ariaLabel="Overview of the flow" nodeColor={minimapColor} nodeStrokeWidth={0} maskColor="color-mix(in srgb, var(--bg) 70%, transparent)" /> : null}
          <Controls position="bottom-left" showInteractive={false} aria-label="Zoom">
            <ControlButton onClick={() => autoLayout()} title="Tidy up (auto-layout)" aria-label="Tidy up the layout">
              <LayoutGrid size={14} />
            </ControlButton>
            <ControlButton onClick={addStickyNote} title="Add a sticky note (N)" aria-label="Add a sticky note">
              <StickyNote size={14} />
            </ControlButton>
            <ControlButton onClick={() => setMapPinned((p) => !p)} title={mapPinned ? 'Hide the overview map' : 'Show the overview map'} aria-label="Overview map" aria-pressed={mapPinned}>
              <MapIcon size={14} />
            </ControlButton>
          </Controls>
        </ReactFlow>
      </DetailContext.Provider>
      <ConnectHint />
      {doc.nodes.length === 0 ? (
        <div className="canvas-empty">
          <p>
            <strong>An empty flow.</strong> Drag a source from the left onto the canvas to start — or press Enter on it.
          </p>
        </div>
      ) : null}
    </div>
  );
}
