/**
 * "Add connection" (and "Edit") can be asked for from anywhere (connections screen, a node's
 * connection picker, the wizard); one dialog, mounted by the app, answers, and hands the
 * connection back.
 */
import { create } from 'zustand';
import type { ConnectionInfo } from '../../../core/api/contract';

export interface AddConnectionRequest {
  /** Only these kinds fit (a node's connectionKinds); all when absent. */
  kinds?: string[];
  /** The app chosen already (the wizard's step, a node's app): its kind comes first. */
  app?: string;
  /** Edit this connection instead of adding one. */
  edit?: ConnectionInfo;
  /** Called once the connection is saved (its test may still have failed: the card says so). */
  onCreated?(connection: ConnectionInfo): void;
}

interface AddConnectionStore {
  request: AddConnectionRequest | null;
  open(request?: AddConnectionRequest): void;
  close(): void;
}

export const useAddConnectionStore = create<AddConnectionStore>((set) => ({
  request: null,
  open(request = {}) {
    set({ request });
  },
  close() {
    set({ request: null });
  },
}));

/** Does a stored connection's kind fit a node's list? Sandbox kinds fit their app's kind. */
export function kindFits(kind: string, wanted: readonly string[] | undefined): boolean {
  if (!wanted?.length) return true;
  return wanted.some((w) => kind === w || kind === `${w}-sandbox` || kind.replace(/-sandbox$/, '') === w.replace(/-sandbox$/, ''));
}
