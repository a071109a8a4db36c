// What the banner has to say, worked out from the stats alone (no React): per partner, which hooks
// are down, refusing, told us to stop, or back after an outage, how many orders that concerns —
// the same waiting numbers as the queue and the endpoints — and whether failed orders could be
// re-sent now that the trouble is over.
import type { EndpointHealth, PartnerHealth, Stats } from '../../../shared/api.ts';
import { byHookOrder } from '../common/words.ts';

export interface PartnerRef {
  id: string;
  name: string;
}

export type Notice =
  /** Every partner host fails at once: most likely the store's own internet. */
  | { kind: 'internet'; endpoints: EndpointHealth[]; waiting: number; since: string | null }
  /** Not answering (network, timeout, 5xx): `down` are probed, `held` wait behind them. */
  | { kind: 'down'; partner: PartnerRef; down: EndpointHealth[]; held: EndpointHealth[]; waiting: number; since: string | null }
  /** Answering, but refusing the webhooks (4xx): they fail at once. */
  | { kind: 'rejecting'; partner: PartnerRef; endpoints: EndpointHealth[]; notDelivered: number; since: string | null }
  /** 410 Gone: the partner asked us to stop. */
  | { kind: 'stopped'; partner: PartnerRef; endpoints: EndpointHealth[]; waiting: number }
  /** An outage ended a moment ago: how the backlog is draining. */
  | { kind: 'recovered'; partner: PartnerRef; sent: number; total: number }
  /** Trouble over, yet orders were not delivered: offer to re-send them. */
  | { kind: 'not-delivered'; partner: PartnerRef; count: number };

const earliest = (endpoints: readonly EndpointHealth[]) => endpoints.map((e) => e.failingSince).filter((at): at is string => at !== null).sort()[0] ?? null;
const sum = (endpoints: readonly EndpointHealth[]) => endpoints.reduce((total, e) => total + e.waiting, 0);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function partnerNotices(partner: PartnerHealth, endpoints: EndpointHealth[]): Notice[] {
  const ref = { id: partner.id, name: partner.name };
  const notices: Notice[] = [];
  const stopped = endpoints.filter((e) => e.enabled && (e.goneAt !== null || e.status === 'stopped'));
  const down = endpoints.filter((e) => e.enabled && e.status === 'backing-off' && e.goneAt === null);
  const rejecting = endpoints.filter((e) => e.enabled && e.status === 'rejecting' && e.goneAt === null);
  if (stopped.length > 0) notices.push({ kind: 'stopped', partner: ref, endpoints: stopped, waiting: sum(stopped) });
  if (down.length > 0) {
    const held = endpoints.filter((e) => e.status === 'held' && (e.heldBehind === null || down.some((d) => d.hook === e.heldBehind)));
    notices.push({ kind: 'down', partner: ref, down, held, waiting: sum(down) + sum(held), since: earliest(down) });
  }
  if (rejecting.length > 0) notices.push({ kind: 'rejecting', partner: ref, endpoints: rejecting, notDelivered: partner.notDelivered, since: earliest(rejecting) });
  if (notices.length > 0) return notices;

  const recovering = endpoints.filter((e) => e.recovery !== null);
  if (recovering.length > 0) {
    notices.push({
      kind: 'recovered', partner: ref,
      sent: recovering.reduce((total, e) => total + (e.recovery?.sent ?? 0), 0),
      total: recovering.reduce((total, e) => total + (e.recovery?.total ?? 0), 0),
    });
  }
  if (partner.notDelivered > 0) notices.push({ kind: 'not-delivered', partner: ref, count: partner.notDelivered });
  return notices;
}

export function noticesOf(stats: Stats): Notice[] {
  const enabled = stats.endpoints.filter((e) => e.enabled);
  const failing = enabled.filter((e) => e.status === 'backing-off');
  // Several partner hosts, all unreachable together: say what it most likely is, once.
  if (failing.length > 0 && failing.length === enabled.length && new Set(failing.map((e) => hostOf(e.url))).size > 1) {
    return [{ kind: 'internet', endpoints: failing, waiting: stats.queueDepth, since: earliest(failing) }];
  }
  return stats.partners.flatMap((partner) => partnerNotices(partner, byHookOrder(stats.endpoints.filter((e) => e.partnerId === partner.id))));
}

/** Notices that mean orders are not getting through right now. */
export function isTrouble(notice: Notice): boolean {
  return notice.kind !== 'recovered' && notice.kind !== 'not-delivered';
}
