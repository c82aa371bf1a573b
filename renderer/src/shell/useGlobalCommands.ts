/** Commands available on every screen: navigation, the palette itself, theme, new flow. */
import { useCommands } from '../commands/useCommands';
import { useCommandStore } from '../commands/registry';
import { usePrefsStore } from '../state/usePrefsStore';
import { navigate } from '../state/useRouteStore';
import { createBlankFlow } from '../home/createFlow';

export function useGlobalCommands(): void {
  useCommands(
    () => [
      {
        id: 'palette.toggle',
        title: 'Show all commands',
        group: 'General',
        keys: ['mod+k'],
        inFields: true,
        hidden: true,
        run: () => {
          const s = useCommandStore.getState();
          s.setPaletteOpen(!s.paletteOpen);
        },
      },
      { id: 'go.home', title: 'Go to Flows', group: 'Go to', keys: ['alt+1'], run: () => navigate({ name: 'home' }) },
      { id: 'go.runs', title: 'Go to Run history', group: 'Go to', keys: ['alt+2'], run: () => navigate({ name: 'runs' }) },
      { id: 'go.connections', title: 'Go to Connections', group: 'Go to', keys: ['alt+3'], run: () => navigate({ name: 'connections' }) },
      { id: 'go.dashboard', title: 'Go to Dashboard', group: 'Go to', keys: ['alt+4'], run: () => navigate({ name: 'dashboard' }) },
      { id: 'go.settings', title: 'Go to Settings', group: 'Go to', run: () => navigate({ name: 'settings' }) },
      { id: 'go.wizard', title: 'Set up apps and flows (wizard)', group: 'Go to', keywords: ['first run', 'setup', 'onboarding'], run: () => navigate({ name: 'wizard' }) },
      { id: 'flow.new', title: 'New blank flow', group: 'Flow', keywords: ['create'], run: () => void createBlankFlow() },
      {
        id: 'theme.toggle',
        title: 'Switch light / dark theme',
        group: 'General',
        keywords: ['dark mode', 'appearance'],
        run: () => {
          const p = usePrefsStore.getState();
          p.setTheme(p.effective === 'dark' ? 'light' : 'dark');
        },
      },
    ],
    [],
  );
}
