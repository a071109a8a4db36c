// Health in plain words: one endpoint ("Up", "Not answering since 10:32 · 14 waiting", "Refusing
// orders (HTTP 401): the partner refuses the API key"), one partner as a whole (its worst hook),
// and the likely cause of a rejection.
import type { EndpointHealth, PartnerHealth } from '../../../shared/api.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { formatShortTime, formatTime, plural } from '../common/format.ts';

/** What a partner's HTTP status most likely means, for a manager who can fix it (or call them). */
export function rejectionCause(status: number | null): string {
  if (status === 401 || status === 403) return 'the partner refuses the API key';
  if (status === 404) return 'nothing answers at that address: the URL may be wrong';
  if (status === 405) return 'that address does not take orders: the URL may be wrong';
  if (status === 400 || status === 422) return 'the partner cannot use the orders as sent';
  if (status === 413) return 'the orders are too large for the partner';
  if (status === 410) return 'the partner asked us to stop sending';
  if (status !== null && status >= 300 && status < 400) return 'the address redirects elsewhere, and redirects are not followed: enter the address it points to';
  return 'the partner refuses the orders';
}

/** What to do about it, after the cause. */
export function rejectionAdvice(status: number | null): string {
  if (status === 401 || status === 403) return 'Check the Request Header (API Key and Value) with the partner.';
  if (status === 404 || status === 405 || (status !== null && status >= 300 && status < 400)) return 'Check the URL with the partner.';
  return 'Ask the partner what it expects.';
}

const waitingText = (waiting: number) => (waiting > 0 ? ` · ${plural(waiting, 'waiting', 'waiting')}` : '');

export function healthText(endpoint: EndpointHealth): string {
  const waiting = waitingText(endpoint.waiting);
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
      return `Refusing orders (HTTP ${endpoint.lastStatus ?? '?'}): ${rejectionCause(endpoint.lastStatus)}${waiting}`;
    case 'held':
      return `Waiting behind ${endpoint.heldBehind ? HOOK_LABELS[endpoint.heldBehind] : 'another hook'}${waiting}`;
  }
}

/** The long form, for a tooltip: adds the next check and the last error. */
export function healthDetail(endpoint: EndpointHealth): string {
  const parts = [healthText(endpoint)];
  if (endpoint.status === 'rejecting' && endpoint.failingSince) parts.push(`since ${formatTime(endpoint.failingSince)}`);
  if (endpoint.nextProbeAt && endpoint.status === 'backing-off') parts.push(`next check ${formatTime(endpoint.nextProbeAt)}`);
  if (endpoint.lastError) parts.push(endpoint.lastError);
  if (endpoint.url) parts.push(endpoint.url);
  return parts.join(' · ');
}

export type Tone = 'ok' | 'bad' | 'off';

const BAD: ReadonlySet<EndpointHealth['status']> = new Set(['backing-off', 'stopped', 'rejecting']);

export function healthTone(endpoint: Pick<EndpointHealth, 'status'> & { goneAt?: string | null }): Tone {
  if (endpoint.goneAt || BAD.has(endpoint.status)) return 'bad';
  return endpoint.status === 'off' ? 'off' : 'ok';
}

/** One partner's state in words: its worst hook, or Up / Off. */
export function partnerStatusText(partner: PartnerHealth, endpoints: readonly EndpointHealth[]): string {
  const worst = endpoints.find((endpoint) => endpoint.partnerId === partner.id && endpoint.status === partner.status);
  if (partner.status === 'off') return 'Off: every hook is set to NO';
  if (!worst) return 'Up';
  const hook = HOOK_LABELS[worst.hook];
  switch (worst.status) {
    case 'backing-off':
      return `${hook} not answering since ${formatShortTime(worst.failingSince)}`;
    case 'rejecting':
      return `${hook} refusing orders (HTTP ${worst.lastStatus ?? '?'}): ${rejectionCause(worst.lastStatus)}`;
    case 'stopped':
      return `${hook}: partner asked to stop (410 Gone)`;
    case 'held':
      return `${hook} waiting behind ${worst.heldBehind ? HOOK_LABELS[worst.heldBehind] : 'another hook'}`;
    default:
      return 'Up';
  }
}

/** One partner in a line: its state, then its one waiting number and what was not delivered. */
export function partnerHealthText(partner: PartnerHealth, endpoints: readonly EndpointHealth[]): string {
  return `${partnerStatusText(partner, endpoints)}${waitingText(partner.waiting)}${partner.notDelivered > 0 ? ` · ${partner.notDelivered} not delivered` : ''}`;
}
