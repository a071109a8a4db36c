// Which desktop notifications a new stats snapshot calls for, in the desktop's words. When trouble
// is news (a minute of failures, a 410 Gone at once, then the recovery) is decided in the hub core
// (electron/hub/monitoring/endpoint-alerts.ts), the same rule that raises head office's alerts. The
// first snapshot is the baseline: trouble already there at start-up is in the window's banner, not
// replayed as a notification, but its recovery is still announced.
import type { EndpointHealth } from '../../shared/api.ts';
import type { Hook } from '../../shared/settings.ts';
import { endpointLabel } from './tray-status.ts';
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

/** The likely cause of a rejection, in the manager's words. */
function rejectionCause(status: number | null): string {
  if (status === 401 || status === 403) return 'the partner refuses the API key: check the Request Header with the partner';
  if (status === 404) return 'the partner does not know this address: check the URL';
  return 'the partner rejects the orders: check its answer in the delivery log';
}

/** "Loyalty Co — Update Order Web Hooks not answering, 12 waiting" (the partner named when the store has several). */
function alertFor(endpoint: EndpointHealth, kind: AlertKind, severalPartners: boolean): EndpointAlert {
  const label = endpointLabel(endpoint, severalPartners);
  switch (kind) {
    case 'gone':
      return { hook: endpoint.hook, kind, title: `${label}: partner asked to stop`,
        body: `${endpoint.url} answered 410 Gone. Check with the partner, then fix the URL or turn the hook off. ${waitingText(endpoint.waiting)}.` };
    case 'failing':
      if (endpoint.status === 'rejecting') {
        return { hook: endpoint.hook, kind, title: `${label} refusing orders (HTTP ${endpoint.lastStatus ?? '?'})`,
          body: `${rejectionCause(endpoint.lastStatus)}. Refused orders are not retried: re-send them from the log once it is fixed.` };
      }
      return { hook: endpoint.hook, kind, title: `${label} not answering, ${endpoint.waiting} waiting`,
        body: `${endpoint.lastError ?? 'Deliveries are failing'}. ${waitingText(endpoint.waiting)}; they are retried automatically.` };
    case 'recovered':
      return { hook: endpoint.hook, kind, title: `${label}: partner back`,
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
  const several = new Set(endpoints.map((e) => e.partnerId)).size > 1;
  return { alerts: result.transitions.map(({ endpoint, kind }) => alertFor(endpoint, kind, several)), state: result.state };
}
