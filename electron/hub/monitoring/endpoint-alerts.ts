// When a partner endpoint's trouble is news, decided from snapshots of endpoint health — the one
// rule behind the desktop notifications and head office's alerts: a partner failing for a minute
// (one timeout is not news), a 410 Gone at once, and afterwards its recovery. Rejections (the
// partner answers, but refuses: 401, 403, …) count as failing. Keyed per partner endpoint, so two
// partners' Open hooks are told apart. Pure: state in, state out.
import type { EndpointHealth } from '../../../shared/api.ts';

export type AlertKind = 'failing' | 'gone' | 'recovered';
/** What has been announced for an endpoint. */
export type Announced = 'failing' | 'gone';

export interface EndpointTransition {
  kind: AlertKind;
  endpoint: EndpointHealth;
}

/**
 * Announced so far, by endpointAlertKey. `null` before the first snapshot: that snapshot is the
 * baseline, and trouble already there is not announced (the desktop window shows it).
 */
export type AlertState = ReadonlyMap<string, Announced> | null;

/** A partner must fail this long before anyone is told. */
export const FAILING_GRACE_MS = 60_000;

export interface AlertRules {
  graceMs?: number;
  /**
   * Announce a recovery only once the endpoint answered 2xx again. Head office needs this: after a
   * restart an endpoint shows `up` before anything was sent to it, which says nothing.
   */
  recoveryNeedsAnswer?: boolean;
}

export const endpointAlertKey = (endpoint: Pick<EndpointHealth, 'partnerId' | 'hook'>) => `${endpoint.partnerId}/${endpoint.hook}`;

export function isFailingStatus(status: EndpointHealth['status']): boolean {
  return status === 'backing-off' || status === 'rejecting' || status === 'stopped';
}

function failingLongEnough(endpoint: EndpointHealth, now: number, graceMs: number): boolean {
  const since = endpoint.failingSince ? Date.parse(endpoint.failingSince) : Number.NaN;
  return Number.isNaN(since) || now - since >= graceMs;
}

function answered(endpoint: EndpointHealth): boolean {
  return endpoint.lastStatus !== null && endpoint.lastStatus >= 200 && endpoint.lastStatus < 300;
}

/** The transitions a new snapshot calls for, and the state to keep for the next one. */
export function endpointTransitions(state: AlertState, endpoints: readonly EndpointHealth[], now: number, rules: AlertRules = {}):
  { transitions: EndpointTransition[]; state: Map<string, Announced> } {
  const graceMs = rules.graceMs ?? FAILING_GRACE_MS;
  const next = new Map<string, Announced>();
  const transitions: EndpointTransition[] = [];
  for (const endpoint of endpoints) {
    const key = endpointAlertKey(endpoint);
    const announced = state?.get(key);
    if (endpoint.status === 'off') continue; // turned off: nothing to say, and nothing owed
    if (!isFailingStatus(endpoint.status)) {
      // `held` (waiting behind another hook) is not back either: the announcement stands.
      const back = endpoint.status === 'up' && (!rules.recoveryNeedsAnswer || answered(endpoint));
      if (announced && back) transitions.push({ kind: 'recovered', endpoint });
      else if (announced) next.set(key, announced);
      continue;
    }
    const kind: Announced = endpoint.goneAt ? 'gone' : 'failing';
    if (state === null) next.set(key, kind);
    else if (announced === kind || announced === 'gone') next.set(key, announced);
    else if (kind === 'gone' || failingLongEnough(endpoint, now, graceMs)) {
      transitions.push({ kind, endpoint });
      next.set(key, kind);
    } else if (announced) next.set(key, announced);
  }
  return { transitions, state: next };
}

/**
 * When the next snapshot could announce something by time alone: the earliest moment an endpoint
 * failing but not yet announced has failed for the grace period. Null: nothing is pending.
 */
export function nextAnnouncementAt(state: AlertState, endpoints: readonly EndpointHealth[], graceMs = FAILING_GRACE_MS): number | null {
  let earliest: number | null = null;
  for (const endpoint of endpoints) {
    if (!isFailingStatus(endpoint.status) || state?.has(endpointAlertKey(endpoint)) || !endpoint.failingSince) continue;
    const at = Date.parse(endpoint.failingSince) + graceMs;
    earliest = earliest === null ? at : Math.min(earliest, at);
  }
  return earliest;
}
