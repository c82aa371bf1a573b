/** The inbox of notices (runs that failed, flows that work again): the latest ones and the unread count. */
import { create } from 'zustand';
import type { NoticeItem } from '../../../core/api/contract';
import { call } from '../api/call';

interface NoticeStore {
  notices: NoticeItem[];
  unread: number;
  loaded: boolean;
  refresh(): Promise<void>;
  /** The host said the inbox changed: the count at once, the list when it is next looked at. */
  changed(unread: number): void;
  markRead(ids?: number[]): Promise<void>;
}

export const useNoticeStore = create<NoticeStore>((set, get) => ({
  notices: [],
  unread: 0,
  loaded: false,
  async refresh() {
    const { notices, unread } = await call('notices.list', { limit: 50 });
    set({ notices, unread, loaded: true });
  },
  changed(unread) {
    set({ unread });
    if (get().loaded) void get().refresh().catch(() => undefined);
  },
  async markRead(ids) {
    const now = new Date().toISOString();
    // Shown read at once; the host's count follows.
    set({ notices: get().notices.map((n) => (!ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)) });
    const { unread } = await call('notices.markRead', ids ? { ids } : {});
    set({ unread });
  },
}));
