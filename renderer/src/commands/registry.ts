/**
 * One registry of commands feeds both the keyboard shortcuts and the command palette (Ctrl/Cmd-K),
 * so a shortcut always has a name a user can search for, and the palette always shows the keys.
 * Screens register their commands while they are shown.
 */
import { create } from 'zustand';

export interface Command {
  id: string;
  title: string;
  group: string;
  /** Shortcuts like "mod+z", "shift+mod+z", "delete", "/"; "mod" is Ctrl, or ⌘ on a Mac. */
  keys?: string[];
  run(): void;
  enabled?(): boolean;
  /** Also fires while typing in a field (save, palette). */
  inFields?: boolean;
  /** Keys only: not listed in the palette. */
  hidden?: boolean;
  /** Extra words the palette search matches. */
  keywords?: string[];
}

interface CommandStore {
  commands: Record<string, Command>;
  paletteOpen: boolean;
  register(list: Command[]): () => void;
  setPaletteOpen(open: boolean): void;
}

export const useCommandStore = create<CommandStore>((set, get) => ({
  commands: {},
  paletteOpen: false,
  register(list) {
    set({ commands: { ...get().commands, ...Object.fromEntries(list.map((c) => [c.id, c])) } });
    return () => {
      const next = { ...get().commands };
      for (const c of list) if (next[c.id] === c) delete next[c.id];
      set({ commands: next });
    };
  },
  setPaletteOpen(paletteOpen) {
    set({ paletteOpen });
  },
}));

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The key chord of a keyboard event, in the registry's notation. */
export function chordOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): string {
  const parts: string[] = [];
  if (e.altKey) parts.push('alt');
  if (e.shiftKey && e.key.length > 1) parts.push('shift');
  else if (e.shiftKey && /^[a-z]$/i.test(e.key)) parts.push('shift');
  if (isMac ? e.metaKey : e.ctrlKey) parts.push('mod');
  let key = e.key.toLowerCase();
  if (key === ' ') key = 'space';
  if (key === 'del') key = 'delete';
  parts.push(key);
  return parts.join('+');
}

export function normalizeChord(keys: string): string {
  const parts = keys.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  const mods = ['alt', 'shift', 'mod'].filter((m) => parts.includes(m));
  return [...mods, key].join('+');
}

export function formatKeys(keys: string): string {
  // Conventional order: Ctrl+Shift+Alt+key on Windows/Linux, ⌥⇧⌘key on a Mac.
  const order = isMac ? ['alt', 'shift', 'mod'] : ['mod', 'shift', 'alt'];
  const parts = keys.split('+');
  const key = parts.pop() ?? '';
  const mods = order.filter((m) => parts.includes(m));
  return [...mods, key]
    .map((k) => {
      if (k === 'mod') return isMac ? '⌘' : 'Ctrl';
      if (k === 'shift') return isMac ? '⇧' : 'Shift';
      if (k === 'alt') return isMac ? '⌥' : 'Alt';
      if (k === 'delete') return 'Del';
      if (k === 'enter') return isMac ? '↩' : 'Enter';
      if (k === 'escape') return 'Esc';
      return k.length === 1 ? k.toUpperCase() : k.charAt(0).toUpperCase() + k.slice(1);
    })
    .join(isMac ? '' : '+');
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.getAttribute('role') === 'combobox';
}

/** Finds and runs the command bound to a key event; true when one ran. */
export function dispatchKey(e: KeyboardEvent): boolean {
  const chord = chordOf(e);
  const inField = typingIn(e.target);
  const inDialog = !!(e.target as HTMLElement | null)?.closest?.('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]');
  for (const cmd of Object.values(useCommandStore.getState().commands)) {
    if (!cmd.keys?.some((k) => normalizeChord(k) === chord)) continue;
    if ((inField || inDialog) && !cmd.inFields) continue;
    if (cmd.enabled && !cmd.enabled()) continue;
    e.preventDefault();
    e.stopPropagation();
    cmd.run();
    return true;
  }
  return false;
}
