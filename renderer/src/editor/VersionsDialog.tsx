/** Earlier saved versions of the flow; bringing one back is a normal (undoable) change. */
import { History } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { call, errorText } from '../api/call';
import { formatDateTime, formatWhen } from '../lib/words';
import { useFlowStore } from '../state/useFlowStore';
import { Modal } from '../ui/Modal';

export function VersionsDialog({ flowId, onClose }: { flowId: string; onClose(): void }) {
  const [versions, setVersions] = useState<Array<{ version: number; savedAt: string; note: string | null }> | null>(null);
  const current = useFlowStore((s) => s.version);
  useEffect(() => {
    call('flows.versions', { id: flowId })
      .then((v) => setVersions([...v].sort((a, b) => b.version - a.version)))
      .catch((e: unknown) => {
        toast.error('The versions could not be loaded', { description: errorText(e) });
        setVersions([]);
      });
  }, [flowId]);

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

  return (
    <Modal open onOpenChange={(o) => !o && onClose()} title="Versions" description="Every save keeps a version. Bring an earlier one back; your current one stays in the list.">
      {!versions ? (
        <p className="muted">Loading…</p>
      ) : (
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
                <td className="muted small">{v.note ?? ''}</td>
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
      )}
    </Modal>
  );
}
