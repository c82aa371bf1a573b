/**
 * This window's edit session (issue 11 §8): the editor names it in every save, so the changes of
 * one sitting make one version (core/store/flows.ts). Kept per window in sessionStorage, so a
 * reload goes on with the same session and a second window has its own.
 */
const KEY = 'sincro.editSession';
let fallback: string | undefined;

const newId = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);

export function editSession(): string {
  try {
    let id = sessionStorage.getItem(KEY);
    if (!id) {
      id = newId();
      sessionStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    // No storage (a locked-down browser): one session for as long as the page lives.
    fallback ??= newId();
    return fallback;
  }
}
