/**
 * A sticky note on the canvas (issue 11 §3): text typed straight into it, dragged by its top strip,
 * resized from its corners when selected. It never runs; it explains the flow to whoever reads it.
 */
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { StickyNote } from 'lucide-react';
import { memo, useEffect, useRef, useState } from 'react';
import { noteIdOf, updateNote } from '../lib/notes';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import type { NoteNode } from './canvasTypes';

const TYPING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Delete', 'Backspace', 'Enter', ' ', 'Escape', 'Home', 'End']);

function NoteCardImpl({ id, data, selected }: NodeProps<NoteNode>) {
  const noteId = noteIdOf(id);
  const [text, setText] = useState(data.note.text);
  const area = useRef<HTMLTextAreaElement>(null);
  // Undo, or another window, changes the text from outside.
  useEffect(() => setText(data.note.text), [data.note.text]);
  useEffect(() => {
    if (useEditorStore.getState().focusNote === noteId) {
      area.current?.focus();
      useEditorStore.getState().setFocusNote(null);
    }
  }, [noteId]);
  return (
    <div className={`note-card${selected ? ' selected' : ''}`}>
      <NodeResizer isVisible={selected} minWidth={120} minHeight={64} lineClassName="note-resize-line" handleClassName="note-resize-handle" />
      <div className="note-strip">
        <StickyNote size={12} aria-hidden /> Note
      </div>
      <textarea
        ref={area}
        className="note-text nodrag nowheel"
        aria-label="Note text"
        placeholder="Write a note for whoever reads this flow…"
        value={text}
        maxLength={5000}
        onChange={(e) => {
          setText(e.target.value);
          const value = e.target.value;
          useFlowStore.getState().apply((d) => updateNote(d, noteId, { text: value }), { merge: `note:${noteId}` });
        }}
        // Typing keys stay in the text: the canvas would move or select the note with them.
        onKeyDown={(e) => TYPING_KEYS.has(e.key) && e.stopPropagation()}
      />
    </div>
  );
}

export const NoteCard = memo(NoteCardImpl);
