/**
 * Which screen is shown, mirrored in the address's #fragment so reload and back/forward work in
 * the browser and in the Electron window alike (file:// has no server-side routes).
 */
import { create } from 'zustand';

export type Route =
  | { name: 'home' }
  | { name: 'editor'; flowId: string }
  | { name: 'runs'; key?: string }
  | { name: 'run'; runId: string; record?: number }
  | { name: 'connections' }
  | { name: 'wizard' }
  | { name: 'dashboard' }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p));
  const [head, arg, arg2] = parts;
  switch (head) {
    case 'flows':
      return arg ? { name: 'editor', flowId: arg } : { name: 'home' };
    case 'runs':
      return arg ? { name: 'run', runId: arg, ...(arg2 && /^\d+$/.test(arg2) ? { record: Number(arg2) } : {}) } : { name: 'runs' };
    case 'connections':
    case 'wizard':
    case 'dashboard':
    case 'settings':
      return { name: head };
    default:
      return { name: 'home' };
  }
}

export function routeHash(r: Route): string {
  switch (r.name) {
    case 'home':
      return '#/';
    case 'editor':
      return `#/flows/${encodeURIComponent(r.flowId)}`;
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${encodeURIComponent(r.runId)}${r.record !== undefined ? `/${r.record}` : ''}`;
    default:
      return `#/${r.name}`;
  }
}

interface RouteStore {
  route: Route;
  navigate(route: Route): void;
}

export const useRouteStore = create<RouteStore>((set) => ({
  route: typeof window === 'undefined' ? { name: 'home' } : parseRoute(window.location.hash),
  navigate(route) {
    const hash = routeHash(route);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    set({ route });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useRouteStore.setState({ route: parseRoute(window.location.hash) }));
  window.addEventListener('hashchange', () => useRouteStore.setState({ route: parseRoute(window.location.hash) }));
}

export const navigate = (route: Route) => useRouteStore.getState().navigate(route);
