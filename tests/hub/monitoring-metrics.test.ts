// GET /metrics (contract §8) over real HTTP: parsed by a Prometheus text-format parser
// (prom2javascript: labels, histograms per label set with +Inf = count; parse-prometheus-text-format
// folds a labelled histogram into one and could not check ours), the
// families of §8 with their labels, figures equal to /api/stats, counters read from SQLite so they
// survive pruning and restarts, and only this PC with the admin token or the metrics token.
import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { getMetricsFromStream, type PromData, type PromHistogramData, type PromMetric } from 'prom2javascript';
import { ManualClock, postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { checkLifecycle, makeEvent } from '../support/events.ts';
import type { TestHub } from '../support/hub-fixture.ts';
import { waitUntil } from '../support/reliability-kit.ts';
import { countRows, useHubs } from './hub-kit.ts';

const kit = useHubs();
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

async function scrape(hub: TestHub, token: string | null = hub.adminToken) {
  const origin = new URL(hub.adminUrl!).origin;
  const response = await fetch(`${origin}/metrics`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/**
 * The scrape, parsed. Right after a start prom-client writes the event-loop delay statistics as
 * `Nan` until their first sample; Prometheus reads that (as NaN), prom2javascript does not, so
 * this waits for the first sample.
 */
async function families(hub: TestHub): Promise<Map<string, PromMetric>> {
  let text = '';
  await waitUntil(async () => {
    const scraped = await scrape(hub);
    expect(scraped.status).toBe(200);
    text = scraped.text;
    return !/ Nan$/m.test(text);
    // Each scrape restarts the event-loop histogram, sampled every 500 ms: leave it a sample's time.
  }, 5_000, () => 'event-loop statistics still Nan', 600);
  return new Map(Object.entries(await getMetricsFromStream(Readable.from([text]))));
}

/** A request with a Host header of our choosing (fetch sets its own). */
function withHost(url: string, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host, authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const matches = (labels: Record<string, string>, wanted: Record<string, string>) => Object.entries(wanted).every(([k, v]) => labels[k] === v);

/** The value of the sample whose labels include `labels`. */
function value(family: PromMetric | undefined, labels: Record<string, string> = {}): number {
  const sample = (family?.data as PromData[] | undefined)?.find((m) => matches(m.labels, labels));
  if (!sample) throw new Error(`no sample ${JSON.stringify(labels)}`);
  return sample.value;
}

function samples(family: PromMetric | undefined): PromData[] {
  return (family?.data ?? []) as PromData[];
}

async function metricsHub(options: Parameters<typeof kit.hub>[0] = {}) {
  const partner = await kit.receiver();
  const hub = await kit.hub({ adminPort: 0, metricsToken: METRICS_TOKEN, ...options });
  await hub.service.saveSettings(settingsFor(partner.url));
  return { hub, partner };
}

describe('GET /metrics', () => {
  it('parses as the Prometheus text format with the families of §8, and its figures are those of /api/stats', async () => {
    const { hub, partner } = await metricsHub();
    const events = [...checkLifecycle({ checkId: 'c-m1', updates: 2 }), ...checkLifecycle({ checkId: 'c-m2', updates: 1 })];
    await postEvents(hub, { events });
    await postEvents(hub, { events: events.slice(0, 2) }); // duplicates
    await postEvents(hub, '{"not": "an event"}'); // refused
    await settle(hub);
    partner.setMode((request) => (request.path === '/close' ? { kind: 'fail', status: 503 } : { kind: 'ok' }));
    await postEvents(hub, { events: checkLifecycle({ checkId: 'c-m3', updates: 1 }) });
    await settle(hub);

    const { type, text } = await scrape(hub);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = await families(hub);
    const stats = await hub.service.getStats();
    for (const [name, kind] of [
      ['owh_queue_depth', 'gauge'], ['owh_oldest_waiting_age_seconds', 'gauge'], ['owh_deliveries_total', 'gauge'], ['owh_attempts_total', 'counter'],
      ['owh_attempt_duration_seconds', 'histogram'], ['owh_ingest_events_total', 'counter'], ['owh_endpoint_up', 'gauge'],
      ['process_cpu_seconds_total', 'counter'], ['process_resident_memory_bytes', 'gauge'], ['nodejs_eventloop_lag_seconds', 'gauge'],
    ] as const) {
      expect(metrics.get(name)?.type, name).toBe(kind);
      expect(metrics.get(name)?.help, name).toBeTruthy();
    }

    expect(value(metrics.get('owh_queue_depth'))).toBe(stats.queueDepth);
    expect(stats.queueDepth).toBe(1);
    expect(value(metrics.get('owh_oldest_waiting_age_seconds'))).toBeGreaterThanOrEqual(0);
    for (const state of ['pending', 'delivered', 'retrying', 'failed'] as const) {
      const sum = samples(metrics.get('owh_deliveries_total')).filter((m) => m.labels.state === state).reduce((total, m) => total + m.value, 0);
      expect(sum, state).toBe(stats.counts[state]);
    }
    expect(value(metrics.get('owh_deliveries_total'), { partner: 'p1', hook: 'close', state: 'retrying' })).toBe(1);
    expect(value(metrics.get('owh_deliveries_total'), { partner: 'p1', hook: 'open', state: 'dead' })).toBe(0); // series do not come and go
    expect(value(metrics.get('owh_attempts_total'), { partner: 'p1', hook: 'close', outcome: 'retry' })).toBe(1);
    expect(value(metrics.get('owh_attempts_total'), { partner: 'p1', hook: 'update', outcome: 'delivered' })).toBe(4);
    expect(value(metrics.get('owh_ingest_events_total'), { result: 'accepted' })).toBe(events.length + 3);
    expect(value(metrics.get('owh_ingest_events_total'), { result: 'duplicate' })).toBe(2);
    expect(value(metrics.get('owh_ingest_events_total'), { result: 'rejected' })).toBe(1);
    expect(value(metrics.get('owh_endpoint_up'), { partner: 'p1', hook: 'update' })).toBe(1);
    expect(value(metrics.get('owh_endpoint_up'), { partner: 'p1', hook: 'close' })).toBe(0);
    const histograms = metrics.get('owh_attempt_duration_seconds')!.data as PromHistogramData[];
    const update = histograms.find((h) => matches(h.labels, { partner: 'p1', hook: 'update' }))!;
    expect(update.count).toBe(4);
    expect(update.buckets['10']).toBe(4);
    expect(histograms.find((h) => matches(h.labels, { partner: 'p1', hook: 'close' }))!.count).toBe(3); // 2 delivered, 1 to retry
    expect(text).toMatch(/^owh_partner_info\{partner="p1",name="Order webhook"\} 1$/m);
    expect(text).toMatch(/^owh_hub_info\{hub_id="hub_[0-9a-f]{16}",version="[^"]+",store_name="[^"]+"\} 1$/m);
  });

  it('counts attempts from the outbox: pruning them and restarting the hub change nothing', async () => {
    const clock = new ManualClock();
    const dataDir = kit.dataDir();
    const { hub } = await metricsHub({ clock, dataDir });
    await postEvents(hub, { events: checkLifecycle({ checkId: 'c-keep', updates: 2 }) });
    await settle(hub);
    const before = value((await families(hub)).get('owh_attempts_total'), { partner: 'p1', hook: 'update', outcome: 'delivered' });
    expect(before).toBe(2);
    clock.advance(31 * 86_400_000);
    while (hub.internals.pruneOnce() > 0);
    expect(countRows(hub, 'attempts')).toBe(0);
    expect(value((await families(hub)).get('owh_attempts_total'), { partner: 'p1', hook: 'update', outcome: 'delivered' })).toBe(before);
    await hub.close();

    const again = await kit.hub({ adminPort: 0, clock, dataDir });
    const metrics = await families(again);
    expect(value(metrics.get('owh_attempts_total'), { partner: 'p1', hook: 'update', outcome: 'delivered' })).toBe(before);
    expect(value(metrics.get('owh_ingest_events_total'), { result: 'accepted' })).toBe(4);
    expect(value(metrics.get('owh_queue_depth'))).toBe((await again.service.getStats()).queueDepth);
  });

  it('refuses without a token or with a wrong one; the metrics token opens /metrics and nothing else; other hosts are refused', async () => {
    const { hub } = await metricsHub();
    await postEvents(hub, makeEvent());
    const anonymous = await scrape(hub, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain('owh_');
    expect((await scrape(hub, 'wrong-token')).status).toBe(401);
    expect((await scrape(hub, METRICS_TOKEN)).status).toBe(200);
    expect((await scrape(hub, hub.adminToken)).status).toBe(200);
    const origin = new URL(hub.adminUrl!).origin;
    const settings = await fetch(`${origin}/api/settings`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(settings.status).toBe(401);
    expect(await withHost(`${origin}/metrics`, 'metrics.example:8788', METRICS_TOKEN)).toBe(403);
    expect((await fetch(`${origin}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(405);
  });

  it('without HUB_METRICS_TOKEN only the admin token opens it', async () => {
    const hub = await kit.hub({ adminPort: 0 });
    expect((await scrape(hub, METRICS_TOKEN)).status).toBe(401);
    expect((await scrape(hub, '')).status).toBe(401);
    expect((await scrape(hub)).status).toBe(200);
  });
});
