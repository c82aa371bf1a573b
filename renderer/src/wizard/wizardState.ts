/** The set-up wizard's answers, kept while it is open (a small store so steps stay small files). */
import { create } from 'zustand';
import type { AppId } from '../connections/appConnections';

export type ConnectMode = 'demo' | 'mine';

export interface WizardState {
  step: number;
  apps: AppId[];
  mode: Record<AppId, ConnectMode>;
  connection: Partial<Record<AppId, string>>;
  templates: string[];
  settings: Record<string, Record<string, unknown>>;
  names: Record<string, string>;
  created: Array<{ id: string; name: string; problems: number }>;
  set(patch: Partial<Omit<WizardState, 'set' | 'reset'>>): void;
  reset(): void;
}

const initial = {
  step: 0,
  apps: ['mplus', 'teamleader'] as AppId[],
  mode: { mplus: 'demo', teamleader: 'demo' } as Record<AppId, ConnectMode>,
  connection: {},
  templates: [] as string[],
  settings: {},
  names: {},
  created: [],
};

export const useWizardStore = create<WizardState>((set) => ({
  ...initial,
  set(patch) {
    set(patch);
  },
  reset() {
    set(initial);
  },
}));
