// `owh_endpoint_up` per partner endpoint, straight from endpoint health: 1 while it takes
// deliveries (up, or waiting behind another hook), 0 while it fails, rejects or asked to stop; a
// hook that is off has no series. The same rule as /api/stats' statuses (stats-view.ts), without
// its "held" look into the outbox, which the gauge does not need.
import { HOOKS, type Hook } from '../../../shared/settings.ts';
import type { StoredPartner } from '../../../shared/partners.ts';
import type { EndpointHealth } from '../delivery/endpoint-health.ts';
import { acceptsSource } from '../settings/apply-settings.ts';

export interface EndpointUp { partnerId: string; hook: Hook; up: boolean }

export function endpointsUp(partners: readonly StoredPartner[], health: Pick<EndpointHealth, 'state'>): EndpointUp[] {
  return partners.flatMap((partner) => HOOKS
    .filter((hook) => acceptsSource(partner, hook, 'OLO') || acceptsSource(partner, hook, 'POS'))
    .map((hook) => {
      const s = health.state({ partnerId: partner.id, hook });
      return { partnerId: partner.id, hook, up: s.goneAt === null && s.consecutiveFailures === 0 && s.rejectingSince === null };
    }));
}
