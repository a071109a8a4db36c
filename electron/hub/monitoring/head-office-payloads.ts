// What head office receives (contract §8), built from the same stats `/api/stats` answers with, so
// a heartbeat's figures agree with the store's own screen. Pure.
import type { Stats } from '../../../shared/api.ts';
import type { Heartbeat, PartnerAlert } from '../../../shared/monitoring.ts';
import type { EndpointTransition } from './endpoint-alerts.ts';

/** Who is speaking: the same in every heartbeat and alert of this hub process. */
export interface HubIdentity {
  hubId: string;
  storeName: string;
  version: string;
  startedAt: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function heartbeatOf(stats: Stats, hub: HubIdentity, oldestWaitingAt: number | null, now: number): Heartbeat {
  const current = stats.hourly[stats.hourly.length - 1];
  return {
    type: 'hub.heartbeat',
    timestamp: iso(now),
    data: {
      hubId: hub.hubId,
      storeName: hub.storeName,
      version: hub.version,
      startedAt: iso(hub.startedAt),
      queueDepth: stats.queueDepth,
      oldestWaitingAt: oldestWaitingAt === null ? null : iso(oldestWaitingAt),
      counts: stats.counts,
      lastHour: { delivered: current?.delivered ?? 0, failed: current?.failed ?? 0 },
      partners: stats.partners.map((partner) => ({
        id: partner.id,
        name: partner.name,
        endpoints: stats.endpoints.filter((e) => e.partnerId === partner.id)
          .map((e) => ({ hook: e.hook, status: e.status, failingSince: e.failingSince, waiting: e.waiting })),
      })),
    },
  };
}

export function alertOf({ kind, endpoint }: EndpointTransition, hub: Pick<HubIdentity, 'hubId' | 'storeName'>, now: number): PartnerAlert {
  const since = kind === 'recovered' ? endpoint.recovery?.at ?? iso(now) : endpoint.failingSince ?? endpoint.goneAt ?? iso(now);
  return {
    type: kind === 'recovered' ? 'hub.partner_recovered' : 'hub.partner_failing',
    timestamp: iso(now),
    data: {
      hubId: hub.hubId,
      storeName: hub.storeName,
      partnerId: endpoint.partnerId,
      partnerName: endpoint.partnerName,
      hook: endpoint.hook,
      status: endpoint.status,
      since,
      lastError: endpoint.lastError,
      waiting: endpoint.waiting,
    },
  };
}
