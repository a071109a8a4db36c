// How the app lives unattended and how it stops. Closing the window hides it to the tray while the
// dispatcher keeps delivering. The manager's Quit (tray, app menu) asks first when the page has
// unsaved changes — with the async dialog, since this process also runs ingest and delivery — and
// a reload never asks. Stops nobody can answer (signals, Windows shutdown or log-off, a system
// shutdown) close the hub and exit at once; before-quit/will-quit do not come then.
// hub-shutdown.ts closes the hub exactly once whichever way comes first.
import { app, dialog, Notification, powerMonitor, type BrowserWindow } from 'electron';
import type { HubShutdown } from './hub-shutdown.ts';
import { showWindow } from './main-window.ts';
import { APP_NAME } from './tray-status.ts';

export interface LifecycleOptions {
  window: BrowserWindow;
  shutdown: HubShutdown;
}

export interface Lifecycle {
  /** The manager's Quit: asks about unsaved changes, then closes the hub and exits. */
  quit(): void;
}

function hasPreventDefault(value: unknown): value is { preventDefault(): void } {
  return typeof value === 'object' && value !== null && 'preventDefault' in value && typeof value.preventDefault === 'function';
}

export function setupLifecycle({ window, shutdown }: LifecycleOptions): Lifecycle {
  let quitting = false;
  let discardChanges = false;
  let asking = false;
  let toldAboutTray = false;

  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
    if (!toldAboutTray && Notification.isSupported()) {
      toldAboutTray = true;
      new Notification({ title: `${APP_NAME} is still running`, body: 'Orders keep being delivered. Open it or quit from the tray icon.', silent: true }).show();
    }
  });

  async function askToDiscard(): Promise<void> {
    asking = true;
    showWindow(window); // a question on a window hidden in the tray would never be seen
    const { response } = await dialog.showMessageBox(window, {
      type: 'question',
      buttons: ['Discard changes', 'Keep editing'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      message: 'You have unsaved changes on this page.',
      detail: 'Quit anyway and lose them?',
    });
    asking = false;
    if (response !== 0) return;
    discardChanges = true;
    app.quit();
  }

  // The page's beforeunload asks to stay. On a reload (or any unload that is not a quit) the
  // page just goes; on the manager's quit, Electron calls the quit off and we ask.
  window.webContents.on('will-prevent-unload', (event) => {
    if (!quitting || discardChanges) return event.preventDefault();
    quitting = false;
    if (!asking) void askToDiscard();
  });

  app.on('before-quit', () => {
    quitting = true;
  });
  // Keep running with no window visible: the tray is the app.
  app.on('window-all-closed', () => {});
  app.on('activate', () => showWindow(window));
  app.on('will-quit', (event) => {
    if (shutdown.closed) return;
    event.preventDefault();
    void shutdown.close('quit').then(() => app.quit());
  });

  // Windows: shutdown, restart and log-off. Holding the first message delays the session's end
  // (Windows lists the app as "stopping") until the hub has closed, then the exit lets it go on.
  window.on('query-session-end', (event) => {
    if (!shutdown.closed) event.preventDefault();
    shutdown.stopNow(`Windows session ending: ${event.reasons.join(', ')}`);
  });
  window.on('session-end', (event) => shutdown.stopNow(`Windows session ended: ${event.reasons.join(', ')}`));
  // Linux (logind) and macOS: preventDefault() asks the system to wait for our exit.
  powerMonitor.on('shutdown', (...args: unknown[]) => {
    if (hasPreventDefault(args[0])) args[0].preventDefault();
    shutdown.stopNow('system shutdown');
  });

  return { quit: () => app.quit() };
}
