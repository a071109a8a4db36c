// One endpoint's health in plain words: "Up", "Backing off since 10:32 — 14 waiting", …
import type { EndpointHealth } from '../../../shared/api.ts';
import { formatTime, plural } from '../common/format.ts';

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
      return `Backing off since ${formatTime(endpoint.failingSince)}${waiting}${endpoint.nextProbeAt ? ` · next try ${formatTime(endpoint.nextProbeAt)}` : ''}`;
  }
}

export function healthTone(endpoint: EndpointHealth): 'ok' | 'bad' | 'off' {
  if (endpoint.goneAt || endpoint.status === 'backing-off' || endpoint.status === 'stopped') return 'bad';
  return endpoint.status === 'off' ? 'off' : 'ok';
}
