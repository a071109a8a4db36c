// What the tray says about the queue: a one-line tooltip and the status lines of its menu,
// computed from the hub's stats (no Electron here, so it is tested under Node).
import type { EndpointHealth, Stats } from '../../shared/api.ts';
import { HOOK_LABELS } from '../../shared/settings.ts';

export const APP_NAME = 'Order Webhook Hub';

export interface TrayStatus {
  tooltip: string;
  lines: string[];
  /** Some partner is failing: the tray shows its alert icon. */
  alert: boolean;
}

export function isFailing(endpoint: EndpointHealth): boolean {
  return endpoint.status === 'backing-off' || endpoint.status === 'stopped' || endpoint.status === 'rejecting';
}

/** "Update Order Web Hooks", or "Loyalty Co — Update Order Web Hooks" when the store has several partners. */
export function endpointLabel(endpoint: EndpointHealth, severalPartners: boolean): string {
  return severalPartners ? `${endpoint.partnerName} — ${HOOK_LABELS[endpoint.hook]}` : HOOK_LABELS[endpoint.hook];
}

function endpointLine(endpoint: EndpointHealth, severalPartners: boolean): string {
  const label = endpointLabel(endpoint, severalPartners);
  switch (endpoint.status) {
    case 'up':
      return `${label}: OK${endpoint.waiting > 0 ? `, ${endpoint.waiting} waiting` : ''}`;
    case 'backing-off':
      return `${label}: not answering, ${endpoint.waiting} waiting`;
    case 'stopped':
      return `${label}: ${endpoint.goneAt ? 'partner asked to stop' : 'stopped'}, ${endpoint.waiting} waiting`;
    case 'rejecting':
      return `${label}: partner refuses the orders (${endpoint.lastStatus ?? 'error'}), ${endpoint.waiting} waiting`;
    case 'held':
      return `${label}: waiting behind ${endpoint.heldBehind ? HOOK_LABELS[endpoint.heldBehind] : 'another hook'}, ${endpoint.waiting} waiting`;
    case 'off':
      return `${label}: off`;
  }
}

export function trayStatus(stats: Stats | null): TrayStatus {
  if (!stats) return { tooltip: `${APP_NAME}: starting…`, lines: ['Starting…'], alert: false };
  const failing = new Set(stats.endpoints.filter(isFailing).map((e) => e.partnerId)).size;
  const several = new Set(stats.endpoints.map((e) => e.partnerId)).size > 1;
  const queue = stats.queueDepth === 0 ? 'all delivered' : `${stats.queueDepth} waiting`;
  const trouble = failing === 0 ? '' : failing === 1 ? ', 1 partner failing' : `, ${failing} partners failing`;
  const lines = [
    stats.queueDepth === 0 ? 'Queue: all delivered' : `Queue: ${stats.queueDepth} waiting`,
    ...stats.endpoints.filter((e) => e.status !== 'off').map((e) => endpointLine(e, several)),
  ];
  // Failed and dead orders a delivered re-send has not resolved yet.
  if (stats.notDelivered > 0) lines.push(`Not delivered: ${stats.notDelivered} (re-send from the log)`);
  return { tooltip: `${APP_NAME}: ${queue}${trouble}`, lines, alert: failing > 0 };
}
