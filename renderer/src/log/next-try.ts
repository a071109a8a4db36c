// What will really happen next to a waiting delivery, in words: after the earlier order of its
// check, with the partner's next check while it is down (the backed-off endpoint sends one probe
// at a time, whatever the delivery's own retry time says), or at its retry time.
import type { EndpointHealth } from '../../../shared/api.ts';
import type { Delivery } from '../../../shared/delivery.ts';
import { formatTime } from '../common/format.ts';

export function nextTryText(delivery: Delivery, endpoint: EndpointHealth | undefined, now = Date.now()): string | null {
  if (delivery.state !== 'pending' && delivery.state !== 'retrying') return null;
  if (delivery.waitingFor !== null) return `after #${delivery.waitingFor}, an earlier order of this check, is done`;
  if (endpoint?.status === 'backing-off') {
    return endpoint.nextProbeAt ? `with the next check of the partner, at ${formatTime(endpoint.nextProbeAt)}` : 'with the next check of the partner';
  }
  if (endpoint?.status === 'held') return 'once the earlier orders of its check are done';
  if (!delivery.nextAttemptAt) return null;
  return Date.parse(delivery.nextAttemptAt) <= now ? 'any moment now' : `at ${formatTime(delivery.nextAttemptAt)}`;
}
