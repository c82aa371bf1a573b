/** The stored connections (names, kinds, which secrets are set — never their values). */
import { create } from 'zustand';
import type { ConnectionInfo } from '../../../core/api/contract';
import { call, errorText } from '../api/call';

interface ConnectionStore {
  loaded: boolean;
  error: string | null;
  list: ConnectionInfo[];
  refresh(): Promise<void>;
}

export const useConnectionStore = create<ConnectionStore>((set) => ({
  loaded: false,
  error: null,
  list: [],
  async refresh() {
    try {
      set({ list: await call('connections.list', {}), loaded: true, error: null });
    } catch (e) {
      set({ loaded: true, error: errorText(e) });
    }
  },
}));
