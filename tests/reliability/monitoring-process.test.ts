// Fleet health end to end against the real hub process (`npm run serve`'s entry) and real HTTP:
// a heartbeat within a second of saving that head office can verify, its figures those of the
// store's own /api/stats; /metrics for a local Prometheus agent; a 410 raising an alert at once,
// the recovery another, both still delivered — in order — after a restart while head office was down.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { getMetricsFromStream, type PromData } from 'prom2javascript';
import type { Stats } from '../../shared/api.ts';
import type { MonitoringView } from '../../shared/monitoring.ts';
import { startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { adminCall, restartHub, saveSettings, waitUntil } from '../support/reliability-kit.ts';
import { makeEvent } from '../support/events.ts';
import { settingsFor } from '../support/hub-fixture.ts';
import { HEAD_OFFICE_KEY, HEAD_OFFICE_SECRET, isAlert, isHeartbeat, monitoringFor, verifiedAlert, verifiedHeartbeat } from '../hub/monitoring-kit.ts';

const hubs: HubProcess[] = [];
const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
});

const METRICS_TOKEN = 'metrics-token-for-the-agent-0123456789';

async function start(env: Record<string, string> = {}) {
  const hub = await startHubProcess({ env: { HUB_METRICS_TOKEN: METRICS_TOKEN, HUB_LOG_LEVEL: 'info', ...env } });
  hubs.push(hub);
  return hub;
}

async function receiver(mode?: Parameters<typeof startTestReceiver>[0]) {
  const started = await startTestReceiver(mode);
  receivers.push(started);
  return started;
}

async function ingest(hub: HubProcess, events: unknown[]) {
  const response = await fetch(hub.ingestUrl, {
    method: 'POST', headers: { authorization: `Bearer ${hub.posToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }),
  });
  expect(response.status).toBe(202);
}

const monitoring = async (hub: HubProcess) => (await adminCall(hub, 'GET', '/api/monitoring')).json as MonitoringView;

describe('fleet health, real hub process', () => {
  it('a heartbeat within a second of saving, verified and keyed, agreeing with /api/stats; /metrics for the agent', async () => {
    const hub = await start();
    const partner = await receiver({ mode: (r) => (r.path === '/close' ? { kind: 'fail', status: 503 } : { kind: 'ok' }) });
    const headOffice = await receiver();
    await saveSettings(hub, settingsFor(partner.url));
    const check = { checkId: 'c-proc-1', checkNumber: '3001' };
    await ingest(hub, [makeEvent({ type: 'check.opened', source: 'OLO', check }), makeEvent({ type: 'check.closed', check })]);
    await partner.waitFor(2);
    await waitUntil(async () => ((await adminCall(hub, 'GET', '/api/stats')).json as Stats).counts.retrying === 1, 5_000, () => 'the close to retry');

    const saved = Date.now();
    const answer = await adminCall(hub, 'PUT', '/api/monitoring', monitoringFor(headOffice.url));
    expect(answer.status, answer.text).toBe(200);
    const [request] = await headOffice.waitFor(isHeartbeat, 1_000);
    console.log(`heartbeat arrived ${request!.receivedAt - saved} ms after the save was sent`);
    expect(request!.receivedAt - saved).toBeLessThan(1_000);
    expect(request!.headers['x-head-office-key']).toBe(HEAD_OFFICE_KEY);
    const heartbeat = verifiedHeartbeat(request!);
    const stats = (await adminCall(hub, 'GET', '/api/stats')).json as Stats;
    expect(heartbeat.data).toMatchObject({
      hubId: (answer.json as MonitoringView).hubId, storeName: 'Store 042 Main St', queueDepth: stats.queueDepth, counts: stats.counts,
      lastHour: { delivered: stats.hourly.at(-1)!.delivered, failed: stats.hourly.at(-1)!.failed },
    });
    expect(heartbeat.data.queueDepth).toBe(1);
    expect(heartbeat.data.partners[0]!.endpoints.find((e) => e.hook === 'close')).toMatchObject({ status: 'backing-off', waiting: 1 });

    // The local agent's scrape: the read-only token; the figures are the stats'.
    const metricsUrl = `${hub.adminOrigin}/metrics`;
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(`${hub.adminOrigin}/api/stats`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(401);
    let text = '';
    await waitUntil(async () => {
      text = await (await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return !/ Nan$/m.test(text); // event-loop statistics before their first sample (see monitoring-metrics.test.ts)
    }, 5_000, () => 'a scrape without Nan', 600);
    const metrics = await getMetricsFromStream(Readable.from([text]));
    expect((metrics.owh_queue_depth!.data as PromData[])[0]!.value).toBe(stats.queueDepth);
    expect((metrics.owh_endpoint_up!.data as PromData[]).find((d) => d.labels.hook === 'close')!.value).toBe(0);
    expect(metrics.process_resident_memory_bytes).toBeDefined();
    // Head office's key and secret are write-only: in no answer but the reveal, in no log line.
    const view = await adminCall(hub, 'GET', '/api/monitoring');
    for (const secret of [HEAD_OFFICE_KEY, HEAD_OFFICE_SECRET, METRICS_TOKEN]) {
      expect(view.text).not.toContain(secret);
      expect(hub.output()).not.toContain(secret);
    }
    expect((await adminCall(hub, 'POST', '/api/monitoring/signing-secret/reveal')).json).toEqual({ value: HEAD_OFFICE_SECRET });
  });

  it('a partner answering 410 raises hub.partner_failing at once, its recovery hub.partner_recovered; both survive a restart while head office is down', async () => {
    const hub = await start();
    const partner = await receiver({ mode: { kind: 'fail', status: 410 } });
    const headOffice = await receiver({ mode: { kind: 'fail', status: 503 } });
    await saveSettings(hub, settingsFor(partner.url));
    expect((await adminCall(hub, 'PUT', '/api/monitoring', monitoringFor(headOffice.url))).status).toBe(200);

    await ingest(hub, [makeEvent({ type: 'check.updated', check: { checkId: 'c-gone', checkNumber: '3100' } })]);
    const [gone] = await partner.waitFor(1);
    await waitUntil(async () => (await monitoring(hub)).status.waiting.alerts === 1, 1_000, () => 'the alert to be queued');
    console.log(`hub.partner_failing queued ${Date.now() - gone!.receivedAt} ms after the partner's 410`);

    partner.setMode({ kind: 'ok' });
    await ingest(hub, [makeEvent({ type: 'check.updated', check: { checkId: 'c-back', checkNumber: '3101' } })]);
    await partner.waitFor(2);
    await waitUntil(async () => (await monitoring(hub)).status.waiting.alerts === 2, 2_000, () => 'the recovery to be queued');
    expect(headOffice.requests.filter(isAlert)).toHaveLength(0); // head office refused everything so far

    await hub.stop();
    headOffice.clear();
    headOffice.setMode({ kind: 'ok' });
    const again = await restartHub(hub, { env: { HUB_METRICS_TOKEN: METRICS_TOKEN } });
    hubs.push(again);
    const alerts = await headOffice.waitFor(isAlert, 10_000, 2);
    expect(alerts.map((r) => verifiedAlert(r).type)).toEqual(['hub.partner_failing', 'hub.partner_recovered']);
    expect(verifiedAlert(alerts[0]!).data).toMatchObject({ partnerId: 'p1', hook: 'update', status: 'stopped', lastError: expect.stringMatching(/410/) });
    await waitUntil(async () => (await monitoring(again)).status.waiting.alerts === 0, 5_000, () => 'the alerts to be sent');
    expect((await monitoring(again)).status.state).toBe('up');
  });
});
