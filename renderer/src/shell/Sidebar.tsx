/** The app's navigation: full width on list screens, an icon rail in the editor to give the canvas room. */
import { Activity, BarChart3, Command as CommandIcon, Home, Moon, Plug, Settings, Sun, Workflow } from 'lucide-react';
import { formatKeys, useCommandStore } from '../commands/registry';
import { usePrefsStore } from '../state/usePrefsStore';
import { navigate, useRouteStore, type Route } from '../state/useRouteStore';
import { Tip } from '../ui/Tip';
import { NoticeInbox } from './NoticeInbox';

const ITEMS: Array<{ label: string; route: Route; icon: typeof Home; match: Route['name'][] }> = [
  { label: 'Flows', route: { name: 'home' }, icon: Home, match: ['home', 'editor', 'wizard'] },
  { label: 'Run history', route: { name: 'runs' }, icon: Activity, match: ['runs', 'run'] },
  { label: 'Connections', route: { name: 'connections' }, icon: Plug, match: ['connections'] },
  { label: 'Dashboard', route: { name: 'dashboard' }, icon: BarChart3, match: ['dashboard'] },
  { label: 'Settings', route: { name: 'settings' }, icon: Settings, match: ['settings'] },
];

export function Sidebar({ compact }: { compact: boolean }) {
  const current = useRouteStore((s) => s.route.name);
  const effective = usePrefsStore((s) => s.effective);
  const setTheme = usePrefsStore((s) => s.setTheme);
  const openPalette = () => useCommandStore.getState().setPaletteOpen(true);
  const wrap = (label: string, node: React.ReactElement) => (compact ? <Tip content={label} side="right">{node}</Tip> : node);

  return (
    <nav className={`sidebar${compact ? ' compact' : ''}`} aria-label="Main">
      <div className="brand">
        <Workflow size={22} aria-hidden />
        {compact ? <span className="visually-hidden">Sincro</span> : <span>Sincro</span>}
      </div>
      <ul className="nav-list">
        {ITEMS.map((item) => {
          const active = item.match.includes(current);
          const Icon = item.icon;
          return (
            <li key={item.label}>
              {wrap(
                item.label,
                <a
                  href={`#/${item.route.name === 'home' ? '' : item.route.name}`}
                  className={`nav-item${active ? ' active' : ''}`}
                  aria-current={active ? 'page' : undefined}
                  aria-label={compact ? item.label : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(item.route);
                  }}
                >
                  <Icon size={18} aria-hidden />
                  {compact ? null : <span>{item.label}</span>}
                </a>,
              )}
            </li>
          );
        })}
      </ul>
      <div className="sidebar-foot">
        <NoticeInbox compact={compact} />
        {wrap(
          `Commands (${formatKeys('mod+k')})`,
          <button type="button" className="nav-item" onClick={openPalette} aria-label={compact ? 'Open the command palette' : undefined}>
            <CommandIcon size={18} aria-hidden />
            {compact ? null : (
              <>
                <span>Commands</span>
                <span className="kbd">{formatKeys('mod+k')}</span>
              </>
            )}
          </button>,
        )}
        {wrap(
          effective === 'dark' ? 'Light theme' : 'Dark theme',
          <button type="button" className="nav-item" onClick={() => setTheme(effective === 'dark' ? 'light' : 'dark')} aria-label={compact ? (effective === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme') : undefined}>
            {effective === 'dark' ? <Sun size={18} aria-hidden /> : <Moon size={18} aria-hidden />}
            {compact ? null : <span>{effective === 'dark' ? 'Light theme' : 'Dark theme'}</span>}
          </button>,
        )}
      </div>
    </nav>
  );
}
