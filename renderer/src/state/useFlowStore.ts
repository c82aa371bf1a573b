/**
 * The flow document being edited, with undo/redo over document changes only (selection, panels
 * and run progress live in their own stores). A gesture — a whole node drag — is one undo step:
 * its intermediate positions are applied "transient" and the step is recorded when it ends.
 * The last check's problems and card summaries are kept here too, indexed by node.
 */
import { create } from 'zustand';
import type { FlowCheck } from '../../../core/api/contract';
import type { FlowDocument, FlowProblem } from '../../../core/api/flow-document';

const HISTORY_LIMIT = 100;
const MERGE_MS = 1500;
const NO_PROBLEMS: FlowProblem[] = [];

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

interface FlowStore {
  doc: FlowDocument | null;
  /** The stored version the document was loaded from or last saved as. */
  version: number | null;
  /** The document as last saved (by identity): anything else is unsaved. */
  savedDoc: FlowDocument | null;
  saveState: SaveState;
  saveError: string | null;
  savedAt: string | null;
  past: FlowDocument[];
  future: FlowDocument[];
  gestureBase: FlowDocument | null;
  problems: FlowProblem[];
  problemsByNode: Record<string, FlowProblem[]>;
  summaries: Record<string, string>;
  checkedDoc: FlowDocument | null;
  lastMerge: { key: string; at: number } | null;

  load(doc: FlowDocument, version: number): void;
  unload(): void;
  /**
   * Applies a change. `transient` changes belong to a gesture and make no undo step of their own;
   * changes with the same `merge` key in quick succession (typing in one field) make one step.
   */
  apply(change: (doc: FlowDocument) => FlowDocument, opts?: { transient?: boolean; merge?: string }): void;
  beginGesture(): void;
  endGesture(): void;
  undo(): void;
  redo(): void;
  setCheck(check: FlowCheck, forDoc: FlowDocument): void;
  markSaving(): void;
  markSaved(doc: FlowDocument, version: number): void;
  markSaveError(message: string): void;
}

function byNode(problems: FlowProblem[], prev: Record<string, FlowProblem[]>): Record<string, FlowProblem[]> {
  const out: Record<string, FlowProblem[]> = {};
  for (const p of problems) if (p.node) (out[p.node] ??= []).push(p);
  // Keep the previous array when nothing changed for a node, so its card does not redraw.
  for (const [id, list] of Object.entries(out)) {
    const old = prev[id];
    if (old && old.length === list.length && old.every((p, i) => p.message === list[i]?.message && p.path === list[i]?.path)) out[id] = old;
  }
  return out;
}

const saveStateOf = (doc: FlowDocument | null, savedDoc: FlowDocument | null): SaveState => (doc === savedDoc ? 'saved' : 'unsaved');

export const useFlowStore = create<FlowStore>((set, get) => ({
  doc: null,
  version: null,
  savedDoc: null,
  saveState: 'saved',
  saveError: null,
  savedAt: null,
  past: [],
  future: [],
  gestureBase: null,
  problems: [],
  problemsByNode: {},
  summaries: {},
  checkedDoc: null,
  lastMerge: null,

  load(doc, version) {
    set({ doc, version, savedDoc: doc, saveState: 'saved', saveError: null, savedAt: null, past: [], future: [], gestureBase: null, problems: [], problemsByNode: {}, summaries: {}, checkedDoc: null, lastMerge: null });
  },
  unload() {
    set({ doc: null, version: null, savedDoc: null, past: [], future: [], gestureBase: null, problems: [], problemsByNode: {}, summaries: {}, checkedDoc: null });
  },
  apply(change, opts) {
    const { doc, past, gestureBase, savedDoc, saveState } = get();
    if (!doc) return;
    const next = change(doc);
    if (next === doc) return;
    const keepState = saveState === 'saving' || saveState === 'error' ? saveState : saveStateOf(next, savedDoc);
    const now = Date.now();
    const last = get().lastMerge;
    const merging = !!opts?.merge && last?.key === opts.merge && now - last.at < MERGE_MS && past.length > 0;
    const lastMerge = opts?.merge ? { key: opts.merge, at: now } : null;
    if (opts?.transient || gestureBase) set({ doc: next, saveState: keepState });
    else if (merging) set({ doc: next, future: [], saveState: keepState, lastMerge });
    else set({ doc: next, past: [...past, doc].slice(-HISTORY_LIMIT), future: [], saveState: keepState, lastMerge });
  },
  beginGesture() {
    const { doc, gestureBase } = get();
    if (doc && !gestureBase) set({ gestureBase: doc });
  },
  endGesture() {
    const { doc, gestureBase, past } = get();
    if (!gestureBase) return;
    if (doc && doc !== gestureBase) set({ gestureBase: null, past: [...past, gestureBase].slice(-HISTORY_LIMIT), future: [] });
    else set({ gestureBase: null });
  },
  undo() {
    const { doc, past, future, savedDoc, gestureBase } = get();
    const prev = past.at(-1);
    if (!doc || !prev || gestureBase) return;
    set({ doc: prev, past: past.slice(0, -1), future: [doc, ...future], saveState: saveStateOf(prev, savedDoc), lastMerge: null });
  },
  redo() {
    const { doc, past, future, savedDoc, gestureBase } = get();
    const next = future[0];
    if (!doc || !next || gestureBase) return;
    set({ doc: next, past: [...past, doc], future: future.slice(1), saveState: saveStateOf(next, savedDoc), lastMerge: null });
  },
  setCheck(check, forDoc) {
    if (get().doc?.id !== forDoc.id) return;
    set({ problems: check.problems, problemsByNode: byNode(check.problems, get().problemsByNode), summaries: check.summaries, checkedDoc: forDoc });
  },
  markSaving() {
    set({ saveState: 'saving', saveError: null });
  },
  markSaved(saved, version) {
    const { doc } = get();
    if (doc?.id !== saved.id) return;
    set({ savedDoc: saved, version, saveError: null, savedAt: new Date().toISOString(), saveState: saveStateOf(doc, saved) });
  },
  markSaveError(message) {
    set({ saveState: 'error', saveError: message });
  },
}));

export const noProblems = NO_PROBLEMS;
