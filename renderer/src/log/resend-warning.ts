// Whether a Re-send needs a "sure?" first, and what to say: the partner already received this
// order (the copy has a new webhook-id, so it can't be dropped as a duplicate), or the hook's last
// answer was a rejection (the copy will most likely be refused again).
import type { EndpointHealth } from '../../../shared/api.ts';
import type { Delivery } from '../../../shared/delivery.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { rejectionCause } from '../glance/health-text.ts';

/** A 3xx or 4xx the hub does not retry (408 and 429 are retried). */
export function isRejection(status: number | null): boolean {
  return status !== null && status >= 300 && status < 500 && status !== 408 && status !== 429;
}

export function resendWarnings(delivery: Pick<Delivery, 'state' | 'hook'>, endpoint: EndpointHealth | undefined): string[] {
  const warnings: string[] = [];
  if (delivery.state === 'delivered') {
    warnings.push('The partner already received this order. A re-send delivers it to them again as a copy with a new webhook-id, so they can\'t recognise it as a duplicate and may process it twice.');
  }
  if (endpoint && (endpoint.status === 'rejecting' || isRejection(endpoint.lastStatus))) {
    const status = endpoint.lastStatus;
    warnings.push(`The partner's last answer on ${HOOK_LABELS[delivery.hook]} was HTTP ${status ?? '4xx'}: ${rejectionCause(status)}. This copy will most likely be refused again; fix that on the partner's page first.`);
  }
  return warnings;
}
