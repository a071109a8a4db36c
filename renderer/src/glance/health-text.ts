// One endpoint's health in plain words: "Up", "Not answering since 10:32 · 14 waiting", …
import type { EndpointHealth } from '../../../shared/api.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { formatShortTime, formatTime, plural } from '../common/format.ts';

export function healthText(endpoint: EndpointHealth): string {
  const waiting = endpoint.waiting > 0 ? ` · ${plural(endpoint.waiting, 'waiting', 'waiting')}` : '';
  if (endpoint.goneAt) return `Partner asked to stop (410 Gone) at ${formatTime(endpoint.goneAt)}${waiting}`;
  switch (endpoint.status) {
    case 'off':
      return 'Off';
    case 'up':
      return `Up${waiting}`;
    case 'stopped':
      return `Stopped${waiting}`;
    case 'backing-off':
      return `Not answering since ${formatShortTime(endpoint.failingSince)}${waiting}`;
    case 'rejecting':
      return `Refusing orders (HTTP ${endpoint.lastStatus ?? '?'}) since ${formatShortTime(endpoint.failingSince)}${waiting}`;
    case 'held':
      return `Waiting behind ${endpoint.heldBehind ? HOOK_LABELS[endpoint.heldBehind] : 'another hook'}${waiting}`;
  }
}

/** The long form, for a tooltip: adds the next try and the last error. */
export function healthDetail(endpoint: EndpointHealth): string {
  const parts = [healthText(endpoint)];
  if (endpoint.nextProbeAt && endpoint.status === 'backing-off') parts.push(`next try ${formatTime(endpoint.nextProbeAt)}`);
  if (endpoint.lastError) parts.push(endpoint.lastError);
  if (endpoint.url) parts.push(endpoint.url);
  return parts.join(' · ');
}

export function healthTone(endpoint: EndpointHealth): 'ok' | 'bad' | 'off' {
  if (endpoint.goneAt || endpoint.status === 'backing-off' || endpoint.status === 'stopped' || endpoint.status === 'rejecting') return 'bad';
  return endpoint.status === 'off' ? 'off' : 'ok';
}
