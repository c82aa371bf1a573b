/** While dragging a connection over a port that does not fit, the reason follows the pointer. */
import { useEffect, useState } from 'react';
import { useEditorStore } from '../state/useEditorStore';

export function ConnectHint() {
  const hint = useEditorStore((s) => s.connectHint);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);
  useEffect(() => {
    if (!hint) return;
    const move = (e: PointerEvent | MouseEvent) => setPos({ x: e.clientX, y: e.clientY });
    window.addEventListener('pointermove', move);
    window.addEventListener('mousemove', move);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('mousemove', move);
    };
  }, [hint]);
  if (!hint || !pos) return null;
  return (
    <div className="connect-hint" role="status" style={{ left: pos.x + 14, top: pos.y + 14 }}>
      {hint}
    </div>
  );
}
