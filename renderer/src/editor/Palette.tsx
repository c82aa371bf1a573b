/**
 * The node palette: grouped by kind (Sources, Transforms, Lookups, Targets) and by app, with a
 * search box. Drag a step onto the canvas — or press Enter/click: it lands next to the selected
 * step and is wired to it.
 */
import { useReactFlow } from '@xyflow/react';
import { Search, X } from 'lucide-react';
import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { NodeKind } from '../../../core/api/flow-document';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';
import { appName, KIND_WORDS } from '../lib/words';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import { KindIcon } from '../ui/NodeVisuals';
import { addNodeOfType, PALETTE_MIME } from './editorActions';

const KINDS: NodeKind[] = ['source', 'transform', 'lookup', 'target'];
const APP_ORDER = ['mplus', 'teamleader', 'core', 'file', 'http'];

export function Palette() {
  const types = useCatalogStore((s) => s.nodeTypes);
  const query = useEditorStore((s) => s.paletteQuery);
  const setQuery = useEditorStore((s) => s.setPaletteQuery);
  const rf = useReactFlow();

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const match = (t: NodeTypeDescriptor) => !q || `${t.title} ${t.description} ${appName(t.app)} ${t.kind} ${KIND_WORDS[t.kind].one}`.toLowerCase().includes(q);
    return KINDS.map((kind) => {
      const list = types.filter((t) => t.kind === kind && match(t));
      const apps = [...new Set(list.map((t) => t.app))].sort((a, b) => (APP_ORDER.indexOf(a) + 99) % 99 - (APP_ORDER.indexOf(b) + 99) % 99);
      return { kind, apps: apps.map((app) => ({ app, list: list.filter((t) => t.app === app) })), count: list.length };
    }).filter((g) => g.count > 0);
  }, [types, query]);

  const addAtView = (type: string) => {
    const doc = useFlowStore.getState().doc;
    const sel = [...useEditorStore.getState().selectedNodes];
    const anchor = sel.length === 1 ? doc?.nodes.find((n) => n.id === sel[0]) : undefined;
    let position: { x: number; y: number };
    if (anchor) position = { x: anchor.position.x + 300, y: anchor.position.y };
    else {
      const box = document.querySelector('.canvas')?.getBoundingClientRect();
      const p = box ? rf.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      position = { x: Math.round(p.x - 116), y: Math.round(p.y - 40) };
    }
    addNodeOfType(type, position, { connectFromSelection: true });
  };

  // One Tab stop for the whole list (roving focus): the arrow keys move between the steps, Home
  // and End jump to the first and last, Enter adds the one with the focus.
  const flat = useMemo(() => groups.flatMap((g) => g.apps.flatMap((a) => a.list.map((t) => t.type))), [groups]);
  const [active, setActive] = useState<string | null>(null);
  const current = active && flat.includes(active) ? active : (flat[0] ?? null);
  const list = useRef<HTMLDivElement>(null);
  const focusItem = (type: string | undefined) => {
    if (!type) return;
    setActive(type);
    list.current?.querySelector<HTMLButtonElement>(`[data-type="${CSS.escape(type)}"]`)?.focus();
  };
  const onItemKey = (e: KeyboardEvent, type: string) => {
    const i = flat.indexOf(type);
    const to = e.key === 'ArrowDown' ? flat[i + 1] : e.key === 'ArrowUp' ? flat[i - 1] : e.key === 'Home' ? flat[0] : e.key === 'End' ? flat.at(-1) : undefined;
    if (e.key === 'ArrowUp' && i === 0) {
      e.preventDefault();
      document.getElementById('palette-search')?.focus();
      return;
    }
    if (!to) return;
    e.preventDefault();
    focusItem(to);
  };

  const onDragStart = (e: DragEvent, type: string) => {
    e.dataTransfer.setData(PALETTE_MIME, type);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="palette" aria-label="Steps you can add">
      <div className="palette-search">
        <Search size={14} aria-hidden />
        <input id="palette-search" className="input input-sm" type="search" placeholder="Search steps  /" aria-label="Search steps" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => (e.key === 'Escape' ? setQuery('') : e.key === 'ArrowDown' ? (e.preventDefault(), focusItem(current ?? undefined)) : undefined)} />
        {query ? (
          <button type="button" className="icon-btn sm" aria-label="Clear the search" onClick={() => setQuery('')}>
            <X size={14} />
          </button>
        ) : null}
      </div>
      <div className="palette-list" ref={list} role="toolbar" aria-orientation="vertical" aria-label="Steps: arrow keys to choose, Enter to add">
        {groups.length === 0 ? <p className="muted small" style={{ padding: 12 }}>No step matches “{query}”.</p> : null}
        {groups.map((g) => (
          <section key={g.kind} className="palette-group" aria-labelledby={`palette-${g.kind}`}>
            <h2 id={`palette-${g.kind}`} className={`palette-heading kind-text-${g.kind}`}>
              {KIND_WORDS[g.kind].many}
            </h2>
            {g.apps.map(({ app, list }) => (
              <div key={app} className="palette-app">
                <div className="palette-app-name">{appName(app)}</div>
                <ul>
                  {list.map((t) => (
                    <li key={t.type}>
                      <button
                        type="button"
                        className={`palette-item kind-${t.kind}`}
                        tabIndex={t.type === current ? 0 : -1}
                        draggable
                        onDragStart={(e) => onDragStart(e, t.type)}
                        onClick={() => addAtView(t.type)}
                        onFocus={() => setActive(t.type)}
                        onKeyDown={(e) => onItemKey(e, t.type)}
                        title={t.description}
                        data-type={t.type}
                      >
                        <KindIcon kind={t.kind} size={14} />
                        <span className="palette-item-text">
                          <span className="palette-item-title">{t.title}</span>
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </div>
      <p className="palette-foot muted small">Drag onto the canvas (onto a connection to put it in between), or press Enter to add it after the selected step.</p>
    </aside>
  );
}
