// Which desktop notifications a new stats snapshot calls for, in the desktop's words. When trouble
// is news (a minute of failures, a 410 Gone at once, then the recovery) is decided in the hub core
// (electron/hub/monitoring/endpoint-alerts.ts), the same rule that raises head office's alerts. The
// first snapshot is the baseline: trouble already there at start-up is in the window's banner, not
// replayed as a notification, but its recovery is still announced.
import type { EndpointHealth } from '../../shared/api.ts';
import { HOOK_LABELS, type Hook } from '../../shared/settings.ts';
import { FAILING_GRACE_MS, endpointTransitions, type AlertKind, type AlertState } from '../hub/monitoring/endpoint-alerts.ts';

export { FAILING_GRACE_MS, type AlertState };

export interface EndpointAlert {
  hook: Hook;
  kind: AlertKind;
  title: string;
  body: string;
}

function waitingText(waiting: number): string {
  return waiting === 1 ? '1 order is waiting' : `${waiting} orders are waiting`;
}

function alertFor(endpoint: EndpointHealth, kind: AlertKind): EndpointAlert {
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

export function endpointAlerts(
  state: AlertState,
  endpoints: readonly EndpointHealth[],
  now: number,
  graceMs = FAILING_GRACE_MS,
): { alerts: EndpointAlert[]; state: AlertState } {
  const result = endpointTransitions(state, endpoints, now, { graceMs });
  return { alerts: result.transitions.map(({ endpoint, kind }) => alertFor(endpoint, kind)), state: result.state };
}
