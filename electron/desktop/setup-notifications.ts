// Desktop notifications when a partner starts failing and when it recovers, so a manager sees
// trouble while the window sits in the tray. Clicking one opens the window.
import { Notification, type BrowserWindow } from 'electron';
import { endpointAlerts, type AlertState } from './endpoint-alerts.ts';
import { showWindow } from './main-window.ts';
import type { StatsWatch } from './stats-watch.ts';

export function setupNotifications(stats: StatsWatch, window: BrowserWindow, icon: string): void {
  if (!Notification.isSupported()) return;
  let state: AlertState = null;
  stats.subscribe((snapshot) => {
    const result = endpointAlerts(state, snapshot.endpoints, Date.now());
    state = result.state;
    for (const alert of result.alerts) {
      const notification = new Notification({ title: alert.title, body: alert.body, icon, urgency: alert.kind === 'recovered' ? 'low' : 'normal' });
      notification.on('click', () => showWindow(window));
      notification.show();
    }
  });
}
