/** The user's flows as listed on Home (name, schedule, last run), refreshed on flows.changed. */
import { create } from 'zustand';
import type { FlowListItem } from '../../../core/api/contract';
import { call, errorText } from '../api/call';

interface FlowListStore {
  loaded: boolean;
  error: string | null;
  flows: FlowListItem[];
  refresh(): Promise<void>;
}

export const useFlowListStore = create<FlowListStore>((set) => ({
  loaded: false,
  error: null,
  flows: [],
  async refresh() {
    try {
      const flows = await call('flows.list', {});
      set({ flows: [...flows].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), loaded: true, error: null });
    } catch (e) {
      set({ loaded: true, error: errorText(e) });
    }
  },
}));
