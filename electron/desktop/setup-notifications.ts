// Desktop notifications when a partner starts failing and when it recovers, so a manager sees
// trouble while the window sits in the tray. Clicking one opens the window.
import { Notification, type BrowserWindow } from 'electron';
import type { EndpointHealth } from '../../shared/api.ts';
import { endpointAlerts } from './endpoint-alerts.ts';
import { showWindow } from './main-window.ts';
import type { StatsWatch } from './stats-watch.ts';

export function setupNotifications(stats: StatsWatch, window: BrowserWindow, icon: string): void {
  if (!Notification.isSupported()) return;
  let previous: EndpointHealth[] | null = null;
  stats.subscribe((snapshot) => {
    for (const alert of endpointAlerts(previous, snapshot.endpoints)) {
      const notification = new Notification({ title: alert.title, body: alert.body, icon, urgency: alert.kind === 'recovered' ? 'low' : 'normal' });
      notification.on('click', () => showWindow(window));
      notification.show();
    }
    previous = snapshot.endpoints;
  });
}
