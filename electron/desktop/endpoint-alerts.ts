// Which desktop notifications a new stats snapshot calls for: a partner that has been failing for
// a while (one timeout is not news; a 410 Gone is, at once) and, after that, its recovery. The
// first snapshot is the baseline: trouble already there at start-up is in the window's banner, not
// replayed as a notification, but its recovery is still announced.
import type { EndpointHealth } from '../../shared/api.ts';
import { HOOK_LABELS, type Hook } from '../../shared/settings.ts';
import { isFailing } from './tray-status.ts';

export interface EndpointAlert {
  hook: Hook;
  kind: 'failing' | 'gone' | 'recovered';
  title: string;
  body: string;
}

/** What has been announced so far, per hook; null before the first snapshot. */
export type AlertState = ReadonlyMap<Hook, 'failing' | 'gone'> | null;

/** A partner must fail this long before the manager is told. */
export const FAILING_GRACE_MS = 60_000;

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

function failingLongEnough(endpoint: EndpointHealth, now: number, graceMs: number): boolean {
  const since = endpoint.failingSince ? Date.parse(endpoint.failingSince) : Number.NaN;
  return Number.isNaN(since) || now - since >= graceMs;
}

export function endpointAlerts(
  state: AlertState,
  endpoints: readonly EndpointHealth[],
  now: number,
  graceMs = FAILING_GRACE_MS,
): { alerts: EndpointAlert[]; state: AlertState } {
  const next = new Map<Hook, 'failing' | 'gone'>();
  const alerts: EndpointAlert[] = [];
  for (const endpoint of endpoints) {
    const announced = state?.get(endpoint.hook);
    if (endpoint.status === 'up') {
      if (announced) alerts.push(alertFor(endpoint, 'recovered'));
      continue;
    }
    if (!isFailing(endpoint)) continue; // turned off: nothing to say, and nothing owed
    const kind = endpoint.goneAt ? 'gone' : 'failing';
    if (state === null) next.set(endpoint.hook, kind);
    else if (announced === kind || announced === 'gone') next.set(endpoint.hook, announced);
    else if (kind === 'gone' || failingLongEnough(endpoint, now, graceMs)) {
      alerts.push(alertFor(endpoint, kind));
      next.set(endpoint.hook, kind);
    } else if (announced) next.set(endpoint.hook, announced);
  }
  return { alerts, state: next };
}
