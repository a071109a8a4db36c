// What every group of admin operations works on: the outbox, the partners, the dispatcher and the
// clock. Built once by the composition root (create-hub.ts).
import { HubError } from '../../../shared/client.ts';
import type { StoredPartner } from '../../../shared/partners.ts';
import type { Clock } from '../hub-types.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { DeliveryStore } from '../outbox/delivery-store.ts';
import type { LogQueries } from '../outbox/log-queries.ts';
import type { Dispatcher } from '../delivery/dispatcher.ts';
import type { EndpointHealth } from '../delivery/endpoint-health.ts';
import type { Sender } from '../delivery/send-attempt.ts';
import type { PartnerRegistry } from '../partners/partner-registry.ts';
import type { Monitoring } from '../monitoring/monitoring.ts';

export interface ServiceContext {
  settings: SettingsStore;
  partners: PartnerRegistry;
  deliveries: DeliveryStore;
  log: LogQueries;
  dispatcher: Dispatcher;
  health: EndpointHealth;
  testSender: Sender;
  /** Heartbeats and alerts for head office (contract §8). */
  monitoring: Monitoring;
  clock: Clock;
  version: string;
  /** Where the POS on the LAN can reach this hub, and the address the ingest server is bound to. */
  ingestUrls: () => string[];
  ingestHost: string;
  /** Tells the live log that `changed` deliveries changed. */
  notify: (changed: number) => void;
}

/** The partner, or a 404 the manager understands. */
export function partnerOrThrow(context: Pick<ServiceContext, 'partners'>, id: string): StoredPartner {
  const partner = context.partners.get(id);
  if (!partner) throw new HubError('not_found', `There is no partner ${id}`, [{ path: 'id', message: 'No such partner' }], 404);
  return partner;
}
