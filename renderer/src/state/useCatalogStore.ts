/**
 * What this Sincro offers, loaded once: node types (for the palette and the inspector), the kinds
 * of connection, templates, and the app's own info. Templates can be reloaded (connectors add them).
 */
import { create } from 'zustand';
import type { AppInfo, ConnectionKindInfo, TemplateInfo } from '../../../core/api/contract';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';
import { call, errorText } from '../api/call';

interface CatalogStore {
  loaded: boolean;
  error: string | null;
  info: AppInfo | null;
  nodeTypes: NodeTypeDescriptor[];
  byType: ReadonlyMap<string, NodeTypeDescriptor>;
  connectionKinds: ConnectionKindInfo[];
  templates: TemplateInfo[];
  load(): Promise<void>;
}

export const useCatalogStore = create<CatalogStore>((set) => ({
  loaded: false,
  error: null,
  info: null,
  nodeTypes: [],
  byType: new Map(),
  connectionKinds: [],
  templates: [],
  async load() {
    try {
      const [info, nodeTypes, connectionKinds, templates] = await Promise.all([
        call('app.info', {}),
        call('nodeTypes.list', {}),
        call('connectionKinds.list', {}),
        call('templates.list', {}).catch(() => [] as TemplateInfo[]),
      ]);
      set({ loaded: true, error: null, info, nodeTypes, byType: new Map(nodeTypes.map((t) => [t.type, t])), connectionKinds, templates });
    } catch (e) {
      set({ loaded: true, error: errorText(e) });
    }
  },
}));
