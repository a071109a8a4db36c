// Which desktop notifications a new stats snapshot calls for: a partner that starts failing and
// one that recovers. The first snapshot is the baseline (the window's banner covers the state at
// start-up), so restarting the app does not replay old news.
import type { EndpointHealth } from '../../shared/api.ts';
import { HOOK_LABELS, type Hook } from '../../shared/settings.ts';
import { isFailing } from './tray-status.ts';

export interface EndpointAlert {
  hook: Hook;
  kind: 'failing' | 'gone' | 'recovered';
  title: string;
  body: string;
}

function waitingText(waiting: number): string {
  return waiting === 1 ? '1 order is waiting' : `${waiting} orders are waiting`;
}

function alertFor(endpoint: EndpointHealth, kind: EndpointAlert['kind']): EndpointAlert {
  const label = HOOK_LABELS[endpoint.hook];
  switch (kind) {
    case 'gone':
      return { hook: endpoint.hook, kind, title: `Partner asked to stop: ${label}`,
        body: `${endpoint.url} answered 410 Gone. Check with the partner, then fix the URL or turn the hook off. ${waitingText(endpoint.waiting)}.` };
    case 'failing':
      return { hook: endpoint.hook, kind, title: `Partner not answering: ${label}`,
        body: `${endpoint.lastError ?? 'Deliveries are failing'}. ${waitingText(endpoint.waiting)}; they are retried automatically.` };
    case 'recovered':
      return { hook: endpoint.hook, kind, title: `Partner back: ${label}`,
        body: `Deliveries to ${endpoint.url} are going through again.` };
  }
}

export function endpointAlerts(previous: readonly EndpointHealth[] | null, next: readonly EndpointHealth[]): EndpointAlert[] {
  if (!previous) return [];
  const before = new Map(previous.map((e) => [e.hook, e]));
  const alerts: EndpointAlert[] = [];
  for (const endpoint of next) {
    const old = before.get(endpoint.hook);
    if (!old) continue;
    const wasFailing = isFailing(old);
    if (!wasFailing && isFailing(endpoint)) alerts.push(alertFor(endpoint, endpoint.goneAt ? 'gone' : 'failing'));
    else if (wasFailing && isFailing(endpoint) && !old.goneAt && endpoint.goneAt) alerts.push(alertFor(endpoint, 'gone'));
    else if (wasFailing && endpoint.status === 'up') alerts.push(alertFor(endpoint, 'recovered'));
  }
  return alerts;
}
