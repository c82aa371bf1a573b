/**
 * Where the open flow's sources stand (flows.readState): since when each has read only what
 * changed, what is pinned, and the last run that read records — what the editor offers to test on
 * when a dry run reads nothing. Reloaded after every run of the flow and after cursors are reset.
 */
import { create } from 'zustand';
import type { FlowReadState } from '../../../core/api/contract';
import { call } from '../api/call';

interface ReadStateStore {
  flowId: string | null;
  state: FlowReadState | null;
  load(flowId: string): Promise<void>;
  clear(): void;
}

export const useReadStateStore = create<ReadStateStore>((set, get) => ({
  flowId: null,
  state: null,
  async load(flowId) {
    if (get().flowId !== flowId) set({ flowId, state: null });
    try {
      const state = await call('flows.readState', { id: flowId });
      if (get().flowId === flowId) set({ state });
    } catch {
      // the flow is not stored yet, or the host is busy: nothing to offer for now
    }
  },
  clear() {
    set({ flowId: null, state: null });
  },
}));
