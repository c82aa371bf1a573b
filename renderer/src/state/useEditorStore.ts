/**
 * The editor's UI state: what is selected, which panels are open, the palette search, the
 * clipboard, and the reason shown while a connection is being dragged. Never saved with the flow.
 */
import { create } from 'zustand';
import type { Clip } from '../lib/flowOps';

export type RunPanelTab = 'plan' | 'records';

interface EditorStore {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  paletteQuery: string;
  runPanelOpen: boolean;
  runPanelTab: RunPanelTab;
  inspectorOpen: boolean;
  /** The run whose counts the canvas and the run panel show. */
  shownRunId: string | null;
  clipboard: Clip | null;
  /** While dragging a connection: why the port under the pointer does not fit. */
  connectHint: string | null;
  mapperWide: boolean;
  /** The "Read everything again?" confirmation is open. */
  confirmReadAgain: boolean;
  /** A note just added, whose text gets the focus once drawn. */
  focusNote: string | null;
  /** The "Connect to…" dialog is open for the selected step. */
  connectOpen: boolean;
  /** While a step is dragged over a connection: that connection (dropping splits it). */
  dropEdge: string | null;

  select(nodes: Iterable<string>, edges?: Iterable<string>): void;
  setSelection(patch: { nodes?: ReadonlySet<string>; edges?: ReadonlySet<string> }): void;
  clearSelection(): void;
  setPaletteQuery(q: string): void;
  setRunPanel(open: boolean, tab?: RunPanelTab): void;
  setInspectorOpen(open: boolean): void;
  showRun(runId: string | null): void;
  setClipboard(clip: Clip | null): void;
  setConnectHint(hint: string | null): void;
  setMapperWide(wide: boolean): void;
  setConfirmReadAgain(open: boolean): void;
  setFocusNote(id: string | null): void;
  setConnectOpen(open: boolean): void;
  setDropEdge(key: string | null): void;
  reset(): void;
}

const EMPTY: ReadonlySet<string> = new Set();

export const useEditorStore = create<EditorStore>((set, get) => ({
  selectedNodes: EMPTY,
  selectedEdges: EMPTY,
  paletteQuery: '',
  runPanelOpen: false,
  runPanelTab: 'plan',
  inspectorOpen: true,
  shownRunId: null,
  clipboard: null,
  connectHint: null,
  mapperWide: false,
  confirmReadAgain: false,
  focusNote: null,
  connectOpen: false,
  dropEdge: null,

  select(nodes, edges = []) {
    set({ selectedNodes: new Set(nodes), selectedEdges: new Set(edges) });
  },
  setSelection(patch) {
    set(patch.nodes && patch.edges ? { selectedNodes: patch.nodes, selectedEdges: patch.edges } : patch.nodes ? { selectedNodes: patch.nodes } : patch.edges ? { selectedEdges: patch.edges } : {});
  },
  clearSelection() {
    if (get().selectedNodes.size || get().selectedEdges.size) set({ selectedNodes: EMPTY, selectedEdges: EMPTY });
  },
  setPaletteQuery(paletteQuery) {
    set({ paletteQuery });
  },
  setRunPanel(runPanelOpen, tab) {
    set(tab ? { runPanelOpen, runPanelTab: tab } : { runPanelOpen });
  },
  setInspectorOpen(inspectorOpen) {
    set({ inspectorOpen });
  },
  showRun(shownRunId) {
    set({ shownRunId });
  },
  setClipboard(clipboard) {
    set({ clipboard });
  },
  setConnectHint(connectHint) {
    if (get().connectHint !== connectHint) set({ connectHint });
  },
  setMapperWide(mapperWide) {
    set({ mapperWide });
  },
  setConfirmReadAgain(confirmReadAgain) {
    set({ confirmReadAgain });
  },
  setFocusNote(focusNote) {
    set({ focusNote });
  },
  setConnectOpen(connectOpen) {
    set({ connectOpen });
  },
  setDropEdge(dropEdge) {
    if (get().dropEdge !== dropEdge) set({ dropEdge });
  },
  reset() {
    set({ selectedNodes: EMPTY, selectedEdges: EMPTY, shownRunId: null, connectHint: null, paletteQuery: '', mapperWide: false, runPanelOpen: false, runPanelTab: 'plan', confirmReadAgain: false, focusNote: null, connectOpen: false, dropEdge: null });
  },
}));
