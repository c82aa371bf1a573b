/**
 * Preferences of this screen (not of the engine): the theme. Kept in localStorage; "system"
 * follows the OS and changes with it.
 */
import { create } from 'zustand';

export type ThemeChoice = 'light' | 'dark' | 'system';
const KEY = 'sincro.theme';

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
  } catch {
    return 'system';
  }
}

const systemDark = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches === true;

interface PrefsStore {
  theme: ThemeChoice;
  effective: 'light' | 'dark';
  setTheme(theme: ThemeChoice): void;
}

const resolve = (t: ThemeChoice): 'light' | 'dark' => (t === 'system' ? (systemDark() ? 'dark' : 'light') : t);

export const usePrefsStore = create<PrefsStore>((set) => ({
  theme: stored(),
  effective: resolve(stored()),
  setTheme(theme) {
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // private mode: the choice lasts for this session only
    }
    set({ theme, effective: resolve(theme) });
  },
}));

/** Keeps <html data-theme> in step with the choice and, for "system", with the OS. */
export function applyTheme(): () => void {
  const root = document.documentElement;
  const apply = () => {
    const { effective } = usePrefsStore.getState();
    root.dataset.theme = effective;
  };
  apply();
  const unsub = usePrefsStore.subscribe(apply);
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  const onOs = () => {
    const { theme } = usePrefsStore.getState();
    if (theme === 'system') usePrefsStore.setState({ effective: resolve('system') });
  };
  mq?.addEventListener('change', onOs);
  return () => {
    unsub();
    mq?.removeEventListener('change', onOs);
  };
}
