/** The app shell: loads what every screen needs, then shows the screen the route names. */
import { Tooltip } from 'radix-ui';
import { AlertTriangle, Loader2 } from 'lucide-react';
import { lazy, Suspense, useEffect } from 'react';
import { Toaster } from 'sonner';
import { startEventPump } from './api/events';
import { CommandPalette } from './commands/CommandPalette';
import { useShortcutListener } from './commands/useCommands';
import { AddConnectionHost } from './connections/AddConnectionDialog';
import { ConnectionsScreen } from './connections/ConnectionsScreen';
import { EditorScreen } from './editor/EditorScreen';
import { HomeScreen } from './home/HomeScreen';
import { RunDetailScreen } from './runs/RunDetailScreen';
import { RunHistoryScreen } from './runs/RunHistoryScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { Sidebar } from './shell/Sidebar';
import { useMediaQuery } from './ui/useMediaQuery';
import { useGlobalCommands } from './shell/useGlobalCommands';
import { useCatalogStore } from './state/useCatalogStore';
import { useConnectionStore } from './state/useConnectionStore';
import { useFlowListStore } from './state/useFlowListStore';
import { applyTheme, usePrefsStore } from './state/usePrefsStore';
import { useRouteStore, type Route } from './state/useRouteStore';
import { WizardScreen } from './wizard/WizardScreen';

// The charts library is big and only the dashboard needs it: load it when the dashboard opens.
const DashboardScreen = lazy(() => import('./dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen })));

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'editor':
      return <EditorScreen key={route.flowId} flowId={route.flowId} />;
    case 'runs':
      return <RunHistoryScreen initialKey={route.key} />;
    case 'run':
      return <RunDetailScreen key={route.runId} runId={route.runId} />;
    case 'connections':
      return <ConnectionsScreen />;
    case 'wizard':
      return <WizardScreen />;
    case 'dashboard':
      return (
        <Suspense fallback={<div className="empty" role="status">Loading the dashboard…</div>}>
          <DashboardScreen />
        </Suspense>
      );
    case 'settings':
      return <SettingsScreen />;
  }
}

export function App() {
  const route = useRouteStore((s) => s.route);
  // At 150 % zoom or in a window up to 1000 px wide the sidebar is an icon rail: the screen gets its room.
  const narrow = useMediaQuery('(max-width: 1000px)');
  const loaded = useCatalogStore((s) => s.loaded);
  const error = useCatalogStore((s) => s.error);
  const theme = usePrefsStore((s) => s.effective);
  useShortcutListener();
  useGlobalCommands();

  useEffect(() => applyTheme(), []);
  useEffect(() => {
    void useCatalogStore.getState().load();
    void useConnectionStore.getState().refresh();
    void useFlowListStore.getState().refresh();
    return startEventPump();
  }, []);

  const titles: Record<Route['name'], string> = { home: 'Flows', editor: 'Editor', runs: 'Run history', run: 'Run', connections: 'Connections', wizard: 'Set up', dashboard: 'Dashboard', settings: 'Settings' };
  useEffect(() => {
    document.title = `${titles[route.name]} · Sincro`;
  });

  return (
    <Tooltip.Provider delayDuration={300}>
      <div className="app">
        <Sidebar compact={route.name === 'editor' || narrow} />
        <div className="app-main" id="main">
          {!loaded ? (
            <div className="empty" role="status" style={{ flex: 1 }}>
              <Loader2 className="spin" size={24} aria-hidden />
              Starting Sincro…
            </div>
          ) : error ? (
            <main className="empty" style={{ flex: 1 }}>
              <AlertTriangle size={28} aria-hidden />
              <h1 style={{ fontSize: 'var(--text-xl)', color: 'var(--text)' }}>Sincro could not start</h1>
              <p>{error}</p>
              <button className="btn btn-primary" type="button" onClick={() => void useCatalogStore.getState().load()}>
                Try again
              </button>
            </main>
          ) : (
            <Screen route={route} />
          )}
        </div>
      </div>
      <CommandPalette />
      <AddConnectionHost />
      <Toaster theme={theme} position="bottom-right" offset={{ bottom: 56, right: 16 }} closeButton richColors toastOptions={{ className: 'toast' }} />
    </Tooltip.Provider>
  );
}
