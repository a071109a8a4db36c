// The dashboard's truth (contract §5): counts, one waiting number per endpoint, and each
// endpoint's status in the words the manager needs — including rejecting (the partner refuses
// everything) and held (waiting behind another hook of the same partner, per-check order).
import { HubError } from '../../../shared/client.ts';
import { HOOKS, type Hook } from '../../../shared/settings.ts';
import type { StoredPartner } from '../../../shared/partners.ts';
import type { EndpointHealth as EndpointView, EndpointStatus, PartnerHealth, Stats, StatsQuery } from '../../../shared/api.ts';
import { acceptsSource } from '../settings/apply-settings.ts';
import type { Endpoint } from '../delivery/endpoint-health.ts';
import { waitingIn, type CountRow } from '../outbox/log-queries.ts';
import type { ServiceContext } from './service-context.ts';

export type { EndpointView };

/** How long "Partner is back — N sent" stays after an outage ended. */
export const RECOVERY_SHOWN_MS = 10 * 60_000;
const SEVERITY: Record<EndpointStatus, number> = { off: 0, up: 1, held: 2, 'backing-off': 3, rejecting: 4, stopped: 5 };
const iso = (ms: number | null) => (ms === null || ms === 0 ? null : new Date(ms).toISOString());

export function worstStatus(statuses: readonly EndpointStatus[]): EndpointStatus {
  return statuses.reduce<EndpointStatus>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'off');
}

export function createStatsView(context: ServiceContext) {
  const { health, deliveries, log, clock } = context;

  /** Any delivery of the endpoint due or in flight? None while some wait: they wait behind another hook. */
  const hasHeads = (endpoint: Endpoint) => health.state(endpoint).inFlight > 0 || deliveries.nextDueAt(endpoint) !== null;

  const waitingOf = (rows: readonly CountRow[], partnerId: string, hook: Hook) => waitingIn(rows, { partnerId, hook });

  /** Before `held` can be told: the endpoint's own status. */
  function ownStatus(partner: StoredPartner, hook: Hook, waiting: number): EndpointStatus {
    const routable = acceptsSource(partner, hook, 'OLO') || acceptsSource(partner, hook, 'POS');
    const s = health.state({ partnerId: partner.id, hook });
    if (!routable) return 'off';
    if (s.goneAt !== null) return 'stopped';
    if (s.consecutiveFailures > 0) return 'backing-off';
    if (s.rejectingSince !== null) return 'rejecting';
    if (waiting > 0 && !hasHeads({ partnerId: partner.id, hook })) return 'held';
    return 'up';
  }

  function endpointView(partner: StoredPartner, hook: Hook, rows: readonly CountRow[] = log.countRows()): EndpointView {
    const now = clock.now();
    const s = health.state({ partnerId: partner.id, hook });
    const waiting = waitingOf(rows, partner.id, hook);
    const status = ownStatus(partner, hook, waiting);
    let heldBehind: Hook | null = null;
    if (status === 'held') {
      // The hook whose deliveries are the heads of this one's checks: a failing one first.
      const others = HOOKS.filter((h) => h !== hook);
      heldBehind = others.find((h) => ['backing-off', 'rejecting', 'stopped'].includes(ownStatus(partner, h, waitingOf(rows, partner.id, h))))
        ?? others.find((h) => hasHeads({ partnerId: partner.id, hook: h })) ?? null;
    }
    const recovery = s.recovery && now - s.recovery.at < RECOVERY_SHOWN_MS
      ? { at: iso(s.recovery.at)!, sent: s.recovery.sent, total: s.recovery.total }
      : null;
    return {
      partnerId: partner.id, partnerName: partner.name, hook, url: partner.hooks[hook].url, enabled: status !== 'off', status,
      failingSince: iso(s.failingSince ?? s.rejectingSince), lastError: s.lastError, lastStatus: s.lastStatus,
      nextProbeAt: s.consecutiveFailures > 0 ? iso(Math.max(s.nextProbeAt, now)) : null,
      heldBehind, waiting, goneAt: iso(s.goneAt), recovery,
    };
  }

  function stats(query: StatsQuery = {}): Stats {
    const all = context.partners.list();
    if (query.partner !== undefined && !all.some((p) => p.id === query.partner)) {
      throw new HubError('not_found', `There is no partner ${query.partner}`, [{ path: 'partner', message: 'No such partner' }], 404);
    }
    const partners = query.partner === undefined ? all : all.filter((p) => p.id === query.partner);
    const rows = log.countRows().filter((r) => query.partner === undefined || r.partner_id === query.partner);
    const counts = log.emptyCounts();
    let resolved = 0;
    for (const row of rows) {
      counts[row.state] += row.n;
      if (row.state === 'failed' || row.state === 'dead') resolved += row.resolved;
    }
    const endpoints = partners.flatMap((partner) => HOOKS.map((hook) => endpointView(partner, hook, rows)));
    const partnerHealth: PartnerHealth[] = partners.map((partner) => {
      const own = endpoints.filter((e) => e.partnerId === partner.id);
      const mine = rows.filter((r) => r.partner_id === partner.id && (r.state === 'failed' || r.state === 'dead'));
      return {
        id: partner.id, name: partner.name, status: worstStatus(own.map((e) => e.status)),
        waiting: own.reduce((sum, e) => sum + e.waiting, 0),
        notDelivered: mine.reduce((sum, r) => sum + r.n - r.resolved, 0),
      };
    });
    return {
      counts,
      queueDepth: counts.pending + counts.delivering + counts.retrying,
      notDelivered: counts.failed + counts.dead - resolved,
      endpoints,
      partners: partnerHealth,
      hourly: log.hourly(clock.now(), query.partner),
    };
  }

  return { endpointView, stats };
}
