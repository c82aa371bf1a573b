/** Registers a screen's commands while it is mounted; the list is rebuilt when deps change. */
import { useEffect } from 'react';
import { dispatchKey, useCommandStore, type Command } from './registry';

export function useCommands(make: () => Command[], deps: readonly unknown[]): void {
  useEffect(() => useCommandStore.getState().register(make()), deps);
}

/** The one keydown listener of the app. */
export function useShortcutListener(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      dispatchKey(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
