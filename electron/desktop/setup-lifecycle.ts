// How the app lives unattended: closing the window hides it to the tray while the dispatcher keeps
// delivering; Quit (tray, menu, OS, Ctrl+C) stops the hub cleanly — in-flight attempts finish or
// go back to the queue — before the process exits.
import { app, Notification, type BrowserWindow } from 'electron';
import type { Hub } from '../hub/hub-types.ts';
import { showWindow } from './main-window.ts';
import { APP_NAME } from './tray-status.ts';

export interface LifecycleOptions {
  window: BrowserWindow;
  hub: Pick<Hub, 'close'>;
  /** Run before the hub closes (IPC handlers, stats watch). */
  disposers: Array<() => void>;
  log(message: string): void;
  /** A hub that will not close in time is abandoned; its queue is in SQLite either way. */
  closeTimeoutMs?: number;
}

export interface Lifecycle {
  quit(): void;
  /** A page kept its unsaved changes: the window goes back to hiding on close. */
  cancelQuit(): void;
}

export function setupLifecycle(options: LifecycleOptions): Lifecycle {
  const { window, hub, disposers, log, closeTimeoutMs = 30_000 } = options;
  let quitting = false;
  let hubClosed = false;
  let closing = false;
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

  app.on('before-quit', () => {
    quitting = true;
  });
  // Keep running with no window visible: the tray is the app.
  app.on('window-all-closed', () => {});
  app.on('activate', () => showWindow(window));

  app.on('will-quit', (event) => {
    if (hubClosed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    for (const dispose of disposers) dispose();
    const timeout = new Promise<void>((resolve) => setTimeout(() => {
      log(`The hub did not stop within ${closeTimeoutMs} ms; exiting anyway (queued orders are safe in SQLite).`);
      resolve();
    }, closeTimeoutMs).unref());
    Promise.race([hub.close(), timeout])
      .catch((error: unknown) => log(`Closing the hub failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        hubClosed = true;
        app.quit();
      });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  return {
    quit: () => app.quit(),
    cancelQuit: () => {
      quitting = false;
    },
  };
}
