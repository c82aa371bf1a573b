/**
 * Keeping the edited flow saved and checked. Every change is saved by itself a moment after the
 * last edit (the top bar says so), Ctrl/Cmd-S saves at once, and the checker runs shortly after
 * each change of content (not of positions) so problems appear on the nodes while editing.
 */
import { useEffect } from 'react';
import type { FlowDocument } from '../../../core/api/flow-document';
import { call, errorProblems, errorText } from '../api/call';
import { sameContent } from '../lib/flowOps';
import { useFlowListStore } from '../state/useFlowListStore';
import { useFlowStore } from '../state/useFlowStore';
import { editSession } from './editSession';

const AUTOSAVE_MS = 1000;
const CHECK_MS = 350;

let inFlight: Promise<boolean> | null = null;

/**
 * Saves the current document now; resolves true when what is on screen is stored. Saves of this
 * window's edit session make one version; a note makes (or names) a version of its own.
 */
export async function saveNow(note?: string): Promise<boolean> {
  while (inFlight) await inFlight;
  const { doc, savedDoc } = useFlowStore.getState();
  if (!doc) return false;
  if (doc === savedDoc && !note) return true;
  const attempt = (async () => {
    useFlowStore.getState().markSaving();
    try {
      const result = await call('flows.save', { doc, session: editSession(), ...(note ? { note } : {}) });
      useFlowStore.getState().markSaved(doc, result.version);
      useFlowStore.getState().setCheck(result, doc);
      void useFlowListStore.getState().refresh();
      return true;
    } catch (e) {
      useFlowStore.getState().markSaveError(errorText(e));
      const problems = errorProblems(e);
      if (problems.length) useFlowStore.getState().setCheck({ problems, summaries: useFlowStore.getState().summaries }, doc);
      return false;
    }
  })();
  inFlight = attempt;
  try {
    return await attempt;
  } finally {
    inFlight = null;
  }
}

export async function checkNow(doc: FlowDocument): Promise<void> {
  try {
    const result = await call('flows.check', { doc });
    useFlowStore.getState().setCheck(result, doc);
  } catch (e) {
    const problems = errorProblems(e);
    useFlowStore.getState().setCheck({ problems: problems.length ? problems : [{ message: errorText(e) }], summaries: useFlowStore.getState().summaries }, doc);
  }
}

export function useFlowPersistence(): void {
  useEffect(() => {
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let checkTimer: ReturnType<typeof setTimeout> | undefined;
    let lastChecked: FlowDocument | null = null;
    const first = useFlowStore.getState().doc;
    if (first) {
      lastChecked = first;
      void checkNow(first);
    }
    const unsub = useFlowStore.subscribe((s, prev) => {
      if (!s.doc || s.doc === prev.doc) return;
      const doc = s.doc;
      if (!lastChecked || !sameContent(doc, lastChecked)) {
        if (checkTimer) clearTimeout(checkTimer);
        checkTimer = setTimeout(() => {
          lastChecked = doc;
          void checkNow(useFlowStore.getState().doc ?? doc);
        }, CHECK_MS);
      }
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(function tick() {
        // Never save half a drag; try again when the gesture has ended.
        if (useFlowStore.getState().gestureBase) saveTimer = setTimeout(tick, AUTOSAVE_MS);
        else void saveNow();
      }, AUTOSAVE_MS);
    });
    const beforeUnload = (e: BeforeUnloadEvent) => {
      const st = useFlowStore.getState();
      if (st.doc && st.doc !== st.savedDoc) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unsub();
      window.removeEventListener('beforeunload', beforeUnload);
      if (checkTimer) clearTimeout(checkTimer);
      if (saveTimer) clearTimeout(saveTimer);
      // Leaving the editor saves what is left (this document, whatever opens next).
      const st = useFlowStore.getState();
      if (st.doc && st.doc !== st.savedDoc) {
        const doc = st.doc;
        void call('flows.save', { doc, session: editSession() }).then(() => useFlowListStore.getState().refresh(), () => undefined);
      }
    };
  }, []);
}
