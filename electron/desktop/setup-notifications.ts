// Desktop notifications when a partner starts failing and when it recovers, so a manager sees
// trouble while the window sits in the tray. Clicking one opens the window. Electron holds a
// main-process Notification only weakly: once collected, its click handler is gone
// (electron/electron#16922), so each one is kept here until it is clicked, closed or fails.
import { Notification, type BrowserWindow } from 'electron';
import { endpointAlerts, type AlertState } from './endpoint-alerts.ts';
import { showWindow } from './main-window.ts';
import type { StatsWatch } from './stats-watch.ts';

/** Toasts the OS never reports closed (dismissed in Windows' action centre) must not pile up. */
const MAX_KEPT = 20;

export function setupNotifications(stats: StatsWatch, window: BrowserWindow, icon: string): void {
  if (!Notification.isSupported()) return;
  const shown = new Set<Notification>();
  let state: AlertState = null;
  stats.subscribe((snapshot) => {
    const result = endpointAlerts(state, snapshot.endpoints, Date.now());
    state = result.state;
    for (const alert of result.alerts) {
      const notification = new Notification({ title: alert.title, body: alert.body, icon, urgency: alert.kind === 'recovered' ? 'low' : 'normal' });
      const release = () => shown.delete(notification);
      notification.on('click', () => {
        release();
        showWindow(window);
      });
      notification.on('close', release);
      notification.on('failed', release);
      shown.add(notification);
      for (const oldest of shown) {
        if (shown.size <= MAX_KEPT) break;
        shown.delete(oldest);
      }
      notification.show();
    }
  });
}
