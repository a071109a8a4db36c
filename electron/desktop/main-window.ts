// The manager's window: locked-down webPreferences, the sandboxed preload, our renderer. A renderer
// that fails to load is logged and said in a dialog (with Try again), never left as an invisible
// app in the tray. Quitting and unsaved changes are setup-lifecycle.ts's.
import { app, BrowserWindow, dialog } from 'electron';
import type { DesktopLog } from './desktop-log.ts';
import type { RendererLocation } from './renderer-location.ts';
import { APP_NAME } from './tray-status.ts';

export interface MainWindowOptions {
  preload: string;
  location: RendererLocation;
  icon: string;
  show: boolean;
  log: DesktopLog;
}

/** Electron's code for a load that a newer navigation replaced: not a failure. */
const ABORTED = 'ERR_ABORTED';

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function load(window: BrowserWindow, options: MainWindowOptions): void {
  window.loadURL(options.location.url).catch(async (error: unknown) => {
    if (window.isDestroyed() || codeOf(error) === ABORTED) return;
    const why = error instanceof Error ? error.message : String(error);
    options.log(`the window could not load ${options.location.url}: ${why}`, 'error');
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: APP_NAME,
      message: `${APP_NAME} could not open its window.`,
      detail: `${why}\n\nOrders are still received and delivered. If this keeps happening, reinstall the app.`,
      buttons: ['Try again', 'Quit', 'Keep running in the tray'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (response === 0) load(window, options);
    else if (response === 1) app.quit();
  });
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
  load(window, options);
  return window;
}

/** Brings the window back from the tray (or from behind other windows). */
export function showWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
