// The tray icon: queue status in its tooltip and menu (refreshed from the shared stats watch),
// an alert icon while a partner fails, Open, Start at login, Quit.
import { Menu, Tray, nativeImage, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import type { LoginItem } from './login-item.ts';
import type { TrayIconNames } from './tray-icons.ts';
import { showWindow } from './main-window.ts';
import type { StatsWatch } from './stats-watch.ts';
import { APP_NAME, trayStatus } from './tray-status.ts';

export interface TrayOptions {
  iconDir: string;
  icons: TrayIconNames;
  window: BrowserWindow;
  stats: StatsWatch;
  login: LoginItem;
  quit(): void;
}

export function setupTray(options: TrayOptions): Tray {
  const { window, stats, login, quit } = options;
  const image = (name: string) => {
    const icon = nativeImage.createFromPath(path.join(options.iconDir, name));
    if (options.icons.template) icon.setTemplateImage(true);
    return icon;
  };
  const icons = { ok: image(options.icons.ok), alert: image(options.icons.alert) };
  const tray = new Tray(icons.ok);
  let lastAlert = false;

  function render() {
    const status = trayStatus(stats.current());
    if (status.alert !== lastAlert) tray.setImage(status.alert ? icons.alert : icons.ok);
    lastAlert = status.alert;
    tray.setToolTip(status.tooltip);
    const template: MenuItemConstructorOptions[] = [
      { label: `Open ${APP_NAME}`, click: () => showWindow(window) },
      { type: 'separator' },
      ...status.lines.map((label): MenuItemConstructorOptions => ({ label, enabled: false })),
      { type: 'separator' },
      { label: 'Start at login', type: 'checkbox', checked: login.isEnabled(), click: (item) => login.setEnabled(item.checked) },
      { label: 'Quit (stops sending orders)', click: quit },
    ];
    tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  tray.on('click', () => showWindow(window));
  stats.subscribe(render);
  render();
  return tray;
}
