// The manager's window: locked-down webPreferences, the sandboxed preload, our renderer. Unsaved
// changes on a page ask before the window really unloads (only on quit; closing hides to the tray).
import { BrowserWindow, dialog } from 'electron';
import type { RendererLocation } from './renderer-location.ts';
import { APP_NAME } from './tray-status.ts';

export interface MainWindowOptions {
  preload: string;
  location: RendererLocation;
  icon: string;
  show: boolean;
  /** The manager chose to keep editing, so the quit that asked is off. */
  onQuitCancelled(): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    icon: options.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in new windows; the open handler denies them anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (options.show) window.once('ready-to-show', () => window.show());
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Discard changes', 'Keep editing'],
      defaultId: 1,
      cancelId: 1,
      message: 'You have unsaved changes on this page.',
      detail: 'Quit anyway and lose them?',
    });
    if (choice === 0) event.preventDefault();
    else options.onQuitCancelled();
  });
  void window.loadURL(options.location.url);
  return window;
}

/** Brings the window back from the tray (or from behind other windows). */
export function showWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
