// "Start at login": Windows and macOS through app.setLoginItemSettings; Linux through an XDG
// autostart entry (Electron has no login items there). The app then starts hidden in the tray.
import { app } from 'electron';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from './tray-status.ts';

export interface LoginItem {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

/** What the OS runs: the app itself (an AppImage by its own path), plus our switches. */
function command(args: string[]): { exe: string; args: string[] } {
  const exe = process.env.APPIMAGE ?? process.execPath;
  return { exe, args: app.isPackaged ? args : [app.getAppPath(), ...args] };
}

function desktopQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

function linuxLoginItem(args: string[]): LoginItem {
  const configHome = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  const file = path.join(configHome, 'autostart', 'order-webhook-hub.desktop');
  return {
    isEnabled: () => existsSync(file),
    setEnabled(enabled) {
      if (!enabled) return rmSync(file, { force: true });
      const { exe, args: argv } = command(args);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, [
        '[Desktop Entry]', 'Type=Application', `Name=${APP_NAME}`,
        `Exec=${[exe, ...argv].map(desktopQuote).join(' ')}`, 'X-GNOME-Autostart-enabled=true', '',
      ].join('\n'));
    },
  };
}

export function loginItem(args: string[]): LoginItem {
  if (process.platform === 'linux') return linuxLoginItem(args);
  const { exe, args: argv } = command(args);
  return {
    isEnabled: () => app.getLoginItemSettings({ path: exe, args: argv }).openAtLogin,
    setEnabled: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, path: exe, args: argv }),
  };
}
