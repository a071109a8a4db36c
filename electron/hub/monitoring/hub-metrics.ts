// `GET /metrics` (contract §8): one prom-client registry per hub, never the module-level default.
// Figures the outbox knows (deliveries by state, attempts, accepted events) are read from SQLite
// at scrape time, so they survive restarts and retention; attempt durations, duplicates and
// refused requests are counted in memory since this process started. Plus the process's own
// metrics (collectDefaultMetrics on this registry).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DELIVERY_STATES } from '../../../shared/delivery.ts';
import { HOOKS } from '../../../shared/settings.ts';
import type { EndpointHealth } from '../../../shared/api.ts';
import type { Endpoint } from '../delivery/endpoint-health.ts';
import type { OutboxFigures } from './outbox-figures.ts';

export interface MetricsSources {
  figures: OutboxFigures;
  /** Every partner endpoint's health as `/api/stats` tells it. */
  endpoints: () => Promise<readonly EndpointHealth[]>;
  /** The store's partners now. */
  partners: () => readonly { id: string; name: string }[];
  hub: { id: string; version: string; storeName: () => string };
  now: () => number;
}

/** Seconds; the attempt timeout is 10 s. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const WAITING_STATES = new Set<string>(['pending', 'delivering', 'retrying']);

export function createHubMetrics(sources: MetricsSources) {
  const registry = new Registry();
  // The event-loop delay is sampled twice a second, not every 10 ms (prom-client's default woke an
  // idle hub 100 times a second, ~1% of a core on a store PC for a figure scraped every 15 s).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 500 });
  const registers = [registry];
  const queueDepth = new Gauge({ name: 'owh_queue_depth', help: 'Deliveries still to send to partners (pending, delivering, retrying), as /api/stats counts them', registers });
  const oldestAge = new Gauge({ name: 'owh_oldest_waiting_age_seconds', help: 'How long the longest-waiting delivery has waited (0: nothing waits)', registers });
  // A gauge whatever its name says: a delivery moves between states and delivered ones are pruned after 30 days.
  const deliveries = new Gauge({ name: 'owh_deliveries_total', help: 'Deliveries in the outbox now, by partner, hook and state', labelNames: ['partner', 'hook', 'state'], registers });
  const attempts = new Counter({ name: 'owh_attempts_total', help: 'Attempts since the outbox was created, by partner, hook and outcome (delivered, retry, failed)', labelNames: ['partner', 'hook', 'outcome'], registers });
  const duration = new Histogram({ name: 'owh_attempt_duration_seconds', help: 'How long partners took to answer an attempt, since this process started', labelNames: ['partner', 'hook'], buckets: DURATION_BUCKETS, registers });
  const ingest = new Counter({
    name: 'owh_ingest_events_total', labelNames: ['result'], registers,
    help: 'POS events: accepted since the outbox was created; duplicates and refused requests (nothing stored; a refused batch counts once) since this process started',
  });
  const endpointUp = new Gauge({ name: 'owh_endpoint_up', help: '1 while a partner endpoint that is on takes deliveries, 0 while it fails, rejects or asked to stop', labelNames: ['partner', 'hook'], registers });
  const partnerInfo = new Gauge({ name: 'owh_partner_info', help: 'The name of each partner id (always 1)', labelNames: ['partner', 'name'], registers });
  const hubInfo = new Gauge({ name: 'owh_hub_info', help: 'This hub (always 1)', labelNames: ['hub_id', 'version', 'store_name'], registers });
  let duplicates = 0;
  let refused = 0;

  /** Every (partner, hook, state) of a partner that exists, at 0 when empty: series do not come and go. */
  function setDeliveries() {
    const rows = sources.figures.stateCounts();
    deliveries.reset();
    for (const partner of sources.partners()) {
      for (const hook of HOOKS) for (const state of DELIVERY_STATES) deliveries.set({ partner: partner.id, hook, state }, 0);
    }
    let waiting = 0;
    for (const row of rows) {
      deliveries.set({ partner: row.partner_id, hook: row.hook, state: row.state }, row.n);
      if (WAITING_STATES.has(row.state)) waiting += row.n;
    }
    queueDepth.set(waiting);
  }

  function setCounters() {
    attempts.reset();
    for (const row of sources.figures.attemptCounts()) attempts.inc({ partner: row.partner_id, hook: row.hook, outcome: row.outcome }, row.n);
    ingest.reset();
    ingest.inc({ result: 'accepted' }, sources.figures.acceptedEvents());
    ingest.inc({ result: 'duplicate' }, duplicates);
    ingest.inc({ result: 'rejected' }, refused);
  }

  function setHealth(endpoints: readonly EndpointHealth[]) {
    endpointUp.reset();
    for (const endpoint of endpoints) {
      if (endpoint.status === 'off') continue;
      endpointUp.set({ partner: endpoint.partnerId, hook: endpoint.hook }, endpoint.status === 'up' || endpoint.status === 'held' ? 1 : 0);
    }
    partnerInfo.reset();
    for (const partner of sources.partners()) partnerInfo.set({ partner: partner.id, name: partner.name }, 1);
    hubInfo.reset();
    hubInfo.set({ hub_id: sources.hub.id, version: sources.hub.version, store_name: sources.hub.storeName() }, 1);
  }

  return {
    contentType: registry.contentType,

    /** The exposition text, every figure read now. */
    async render(): Promise<string> {
      const endpoints = await sources.endpoints();
      // Synchronous from here to registry.metrics(): one scrape's figures come from one moment.
      setDeliveries();
      setCounters();
      setHealth(endpoints);
      const oldest = sources.figures.oldestWaitingAt();
      oldestAge.set(oldest === null ? 0 : Math.max(0, (sources.now() - oldest) / 1000));
      return registry.metrics();
    },

    /** A partner attempt finished (the dispatcher's onAttempt). */
    observeAttempt(endpoint: Endpoint, latencyMs: number) {
      duration.observe({ partner: endpoint.partnerId, hook: endpoint.hook }, latencyMs / 1000);
    },

    /** What one accepted ingest request held beyond new events: events already stored. */
    countDuplicates(count: number) {
      duplicates += count;
    },

    /** An ingest request refused (nothing stored). */
    countRefused() {
      refused += 1;
    },
  };
}

export type HubMetrics = ReturnType<typeof createHubMetrics>;
