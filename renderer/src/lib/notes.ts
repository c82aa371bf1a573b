/**
 * Sticky notes (issue 11 §3): kept in the flow document beside its steps, drawn on the canvas as
 * nodes of their own whose ids say they are notes ("note:<id>"), so a selection can hold both.
 */
import type { FlowDocument, FlowNote } from '../../../core/api/flow-document';

const PREFIX = 'note:';

export const isNoteId = (canvasId: string): boolean => canvasId.startsWith(PREFIX);
export const noteCanvasId = (id: string): string => `${PREFIX}${id}`;
export const noteIdOf = (canvasId: string): string => canvasId.slice(PREFIX.length);

export const NOTE_SIZE = { width: 220, height: 120 };

export function newNoteId(doc: FlowDocument): string {
  const used = new Set((doc.notes ?? []).map((n) => n.id));
  for (let i = 1; ; i++) if (!used.has(`note-${i}`)) return `note-${i}`;
}

export function addNote(doc: FlowDocument, note: FlowNote): FlowDocument {
  return { ...doc, notes: [...(doc.notes ?? []), note] };
}

export function updateNote(doc: FlowDocument, id: string, patch: Partial<Omit<FlowNote, 'id'>>): FlowDocument {
  return { ...doc, notes: (doc.notes ?? []).map((n) => (n.id === id ? { ...n, ...patch } : n)) };
}

/** Removes the notes among canvas ids (other ids are steps and are left alone). */
export function removeNotes(doc: FlowDocument, canvasIds: ReadonlySet<string>): FlowDocument {
  const ids = new Set([...canvasIds].filter(isNoteId).map(noteIdOf));
  if (!ids.size || !doc.notes?.length) return doc;
  return { ...doc, notes: doc.notes.filter((n) => !ids.has(n.id)) };
}

/** Moves notes by canvas id; unchanged notes keep their identity. */
export function moveNotes(doc: FlowDocument, positions: ReadonlyMap<string, { x: number; y: number }>): FlowDocument {
  let changed = false;
  const notes = (doc.notes ?? []).map((n) => {
    const p = positions.get(noteCanvasId(n.id));
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...doc, notes } : doc;
}
