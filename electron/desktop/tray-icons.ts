// Which tray icon files to show. macOS draws menu-bar icons from a black-and-alpha "Template"
// image it tints for light and dark bars (Electron marks a file whose name ends in Template as
// one); elsewhere the coloured icons. Each has an @2x variant Electron picks on HiDPI screens.

export interface TrayIconNames {
  ok: string;
  alert: string;
  /** macOS: mark the images as templates. */
  template: boolean;
}

export function trayIconNames(platform: NodeJS.Platform): TrayIconNames {
  if (platform === 'darwin') return { ok: 'trayTemplate.png', alert: 'tray-alertTemplate.png', template: true };
  return { ok: 'tray-ok.png', alert: 'tray-alert.png', template: false };
}
