/** The saved state, always visible: "Saved", "Saving…", "Unsaved changes", or why saving failed. */
import { AlertCircle, Check, Loader2 } from 'lucide-react';
import { formatKeys } from '../commands/registry';
import { useFlowStore } from '../state/useFlowStore';
import { Tip } from '../ui/Tip';
import { saveNow } from './flowPersistence';

export function SaveIndicator() {
  const state = useFlowStore((s) => s.saveState);
  const error = useFlowStore((s) => s.saveError);
  const version = useFlowStore((s) => s.version);
  if (state === 'saving') {
    return (
      <span className="save-state" role="status">
        <Loader2 size={14} className="spin" aria-hidden /> Saving…
      </span>
    );
  }
  if (state === 'error') {
    return (
      <Tip content={error}>
        <button type="button" className="save-state fail" onClick={() => void saveNow()}>
          <AlertCircle size={14} aria-hidden /> Not saved — retry
        </button>
      </Tip>
    );
  }
  if (state === 'unsaved') {
    return (
      <Tip content={`Saves by itself in a moment (${formatKeys('mod+s')} saves now)`}>
        <button type="button" className="save-state" onClick={() => void saveNow()}>
          <span className="dot warn" aria-hidden /> Unsaved changes
        </button>
      </Tip>
    );
  }
  return (
    <span className="save-state ok" role="status">
      <Check size={14} aria-hidden /> Saved{version ? ` · v${version}` : ''}
    </span>
  );
}
