/**
 * Earlier saved versions of the flow; bringing one back is a normal (undoable) change. The edits
 * of one sitting make one version (core/store/flows.ts); a note keeps the current one as it is.
 */
import { History, Tag } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { call, errorText } from '../api/call';
import { formatDateTime, formatWhen } from '../lib/words';
import { useFlowStore } from '../state/useFlowStore';
import { Modal } from '../ui/Modal';
import { saveNow } from './flowPersistence';

type Version = { version: number; savedAt: string; note: string | null };

export function VersionsDialog({ flowId, onClose }: { flowId: string; onClose(): void }) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [note, setNote] = useState('');
  const current = useFlowStore((s) => s.version);
  const load = useCallback(() => {
    call('flows.versions', { id: flowId })
      .then((v) => setVersions([...v].sort((a, b) => b.version - a.version)))
      .catch((e: unknown) => {
        toast.error('The versions could not be loaded', { description: errorText(e) });
        setVersions([]);
      });
  }, [flowId]);
  useEffect(load, [load]);

  const restore = async (version: number) => {
    try {
      const got = await call('flows.get', { id: flowId, version });
      if (!got) throw new Error('That version is gone.');
      useFlowStore.getState().apply(() => got.doc);
      toast.success(`Version ${version} is back. Undo (Ctrl+Z) if that was not what you wanted.`);
      onClose();
    } catch (e) {
      toast.error('The version could not be restored', { description: errorText(e) });
    }
  };

  const keep = async () => {
    const text = note.trim();
    if (!text) return;
    if (await saveNow(text)) {
      setNote('');
      toast.success(`Version ${useFlowStore.getState().version ?? ''} is kept as “${text}”`);
      load();
    } else toast.error('The version could not be kept', { description: useFlowStore.getState().saveError ?? undefined });
  };
  const currentNote = versions?.find((v) => v.version === current)?.note;

  return (
    <Modal open onOpenChange={(o) => !o && onClose()} title="Versions" description="Your changes in one sitting make one version; a run, a note, or a pause of 10 minutes starts the next. Bring an earlier one back; your current one stays in the list.">
      <form
        className="row wrap version-note"
        onSubmit={(e) => {
          e.preventDefault();
          void keep();
        }}
      >
        <label className="field-label" htmlFor="version-note">
          {currentNote ? 'This version is kept as' : 'Keep this version, with a note'}
        </label>
        {currentNote ? (
          <span className="badge info">{currentNote}</span>
        ) : (
          <>
            <input id="version-note" className="input" placeholder="e.g. prices now without VAT" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            <button type="submit" className="btn btn-sm" disabled={!note.trim()}>
              <Tag size={14} aria-hidden /> Keep
            </button>
          </>
        )}
      </form>
      {!versions ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>v{v.version}</td>
                  <td title={formatDateTime(v.savedAt)}>{formatWhen(v.savedAt)}</td>
                  <td className="muted small">{v.note ?? 'Edits'}</td>
                  <td className="num">
                    {v.version === current ? (
                      <span className="badge info">Current</span>
                    ) : (
                      <button type="button" className="btn btn-sm" onClick={() => void restore(v.version)}>
                        <History size={14} aria-hidden /> Bring back
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}
