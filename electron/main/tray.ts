/** The tray icon and its menu (the menu's content is tray-menu.ts). */
import { Menu, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { trayMenuModel, trayTooltip, type TrayAction, type TrayStatus } from './tray-menu';

export interface SincroTray {
  refresh(): void;
  destroy(): void;
}

export function createSincroTray(opts: { image: NativeImage; status: () => TrayStatus; actions: Record<TrayAction, () => void> }): SincroTray {
  const tray = new Tray(opts.image);
  const refresh = () => {
    const status = opts.status();
    const template: MenuItemConstructorOptions[] = trayMenuModel(status).map((item) => {
      if (item.kind === 'separator') return { type: 'separator' };
      if (item.kind === 'info') return { label: item.label, enabled: false };
      return { label: item.label, enabled: item.enabled, click: opts.actions[item.action] };
    });
    tray.setToolTip(trayTooltip(status));
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };
  // Windows and most Linux trays: a plain click opens the window; the menu is on the other button.
  tray.on('click', opts.actions.open);
  refresh();
  return { refresh, destroy: () => tray.destroy() };
}
