/** The look of a node kind (colour + icon) and of an app (a small badge), shared by palette and canvas. */
import { ArrowRightLeft, Database, Search, Send } from 'lucide-react';
import type { NodeKind } from '../../../core/api/flow-document';
import { appName } from '../lib/words';

export const KIND_ICON: Record<NodeKind, typeof Database> = {
  source: Database,
  transform: ArrowRightLeft,
  lookup: Search,
  target: Send,
};

export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  const Icon = KIND_ICON[kind];
  return (
    <span className={`kind-icon kind-${kind}`} aria-hidden>
      <Icon size={size} />
    </span>
  );
}

export function AppBadge({ app }: { app: string }) {
  return <span className={`app-badge app-${app}`}>{appName(app)}</span>;
}
