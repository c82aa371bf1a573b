/** Which stored connections belong to an app, and one-click sandbox connections. */
import { toast } from 'sonner';
import type { ConnectionInfo, ConnectionKindInfo } from '../../../core/api/contract';
import { call, errorText } from '../api/call';
import { appName } from '../lib/words';
import { useConnectionStore } from '../state/useConnectionStore';

export type AppId = 'mplus' | 'teamleader';

export function appOfKind(kinds: readonly ConnectionKindInfo[], kind: string): string | undefined {
  return kinds.find((k) => k.kind === kind)?.app ?? (kind.startsWith('mplus') ? 'mplus' : kind.startsWith('teamleader') ? 'teamleader' : undefined);
}

export function connectionsForApp(list: readonly ConnectionInfo[], kinds: readonly ConnectionKindInfo[], app: string): ConnectionInfo[] {
  return list.filter((c) => appOfKind(kinds, c.kind) === app);
}

export function isSandbox(c: Pick<ConnectionInfo, 'kind'>): boolean {
  return c.kind.endsWith('-sandbox');
}

export async function addSandbox(app: AppId): Promise<ConnectionInfo | null> {
  try {
    const c = await call('connections.addSandbox', { app });
    await useConnectionStore.getState().refresh();
    toast.success(`${appName(app)} demo connection added`, { description: 'It talks to a local sandbox with demo data — nothing real is touched.' });
    return c;
  } catch (e) {
    toast.error(`The ${appName(app)} demo connection could not be added`, { description: errorText(e) });
    return null;
  }
}
