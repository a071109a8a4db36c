// The heartbeat to head office (contract §8), in-process against real HTTP receivers: sent on save
// and every interval, signed and keyed, its figures those of /api/stats; only the newest waiting
// one kept, so an outage ends in at most one stale heartbeat plus the next regular one; a head
// office that is down or hangs never slows the orders.
import { describe, expect, it } from 'vitest';
import { ManualClock, postEvents, settle } from '../support/hub-fixture.ts';
import { checkLifecycle, makeEvent } from '../support/events.ts';
import { HEAD_OFFICE_KEY, headOfficeRows, heartbeatOf, isHeartbeat, monitoringFor, verifiedHeartbeat, waitingHeartbeats } from './monitoring-kit.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();

describe('heartbeat', () => {
  it('arrives within a second of saving, verifies with standardwebhooks, carries the API key and agrees with /api/stats', async () => {
    // Real time: standardwebhooks refuses a webhook-timestamp more than 5 minutes off.
    const { hub, partner } = await kit.hubWithPartner({ clock: { now: () => Date.now() } });
    const headOffice = await kit.receiver();
    const check = { checkId: 'c-hb-1', checkNumber: '2001' };
    await postEvents(hub, { events: [makeEvent({ type: 'check.opened', source: 'OLO', check }), makeEvent({ type: 'check.updated', check })] });
    await partner.waitFor(2);
    await settle(hub);
    partner.setMode({ kind: 'fail', status: 503 });
    await postEvents(hub, makeEvent({ type: 'check.updated', check: { checkId: 'c-hb-2', checkNumber: '2002' } }));
    await partner.waitFor(3);
    await settle(hub);

    const saved = Date.now();
    const view = await hub.service.saveMonitoring(monitoringFor(headOffice.url));
    const [request] = await headOffice.waitFor(1, 1_000);
    expect(request!.receivedAt - saved).toBeLessThan(1_000);
    expect(request!.path).toBe('/hubs');
    expect(request!.headers['x-head-office-key']).toBe(HEAD_OFFICE_KEY);
    expect(request!.headers['user-agent']).toMatch(/^OrderWebhookHub\//);
    const heartbeat = verifiedHeartbeat(request!);
    const stats = await hub.service.getStats();

    expect(heartbeat.type).toBe('hub.heartbeat');
    expect(heartbeat.data).toMatchObject({
      hubId: view.hubId, storeName: 'Store 042 Main St', version: hub.version,
      queueDepth: stats.queueDepth, counts: stats.counts,
      lastHour: { delivered: stats.hourly.at(-1)!.delivered, failed: stats.hourly.at(-1)!.failed },
    });
    expect(heartbeat.data.hubId).toMatch(/^hub_[0-9a-f]{16}$/);
    expect(heartbeat.data.queueDepth).toBe(1);
    expect(heartbeat.data.counts.delivered).toBe(2);
    expect(heartbeat.data.lastHour).toEqual({ delivered: 2, failed: 1 });
    expect(Date.parse(heartbeat.data.oldestWaitingAt!)).toBeLessThanOrEqual(saved);
    expect(Date.parse(heartbeat.data.startedAt)).toBeLessThanOrEqual(saved);
    expect(heartbeat.data.partners).toEqual(stats.partners.map((p) => ({
      id: p.id, name: p.name,
      endpoints: stats.endpoints.filter((e) => e.partnerId === p.id).map((e) => ({ hook: e.hook, status: e.status, failingSince: e.failingSince, waiting: e.waiting })),
    })));
    expect(heartbeat.data.partners[0]!.endpoints.find((e) => e.hook === 'update')).toMatchObject({ status: 'backing-off', waiting: 1 });
    // Head office's messages are no delivery: the partners' figures do not count them.
    expect(stats.counts.pending + stats.counts.delivering + stats.counts.retrying).toBe(1);
  });

  it('goes again every interval, and only then', async () => {
    const clock = new ManualClock();
    const hub = await kit.hub({ clock });
    const headOffice = await kit.receiver();
    await hub.service.saveMonitoring(monitoringFor(headOffice.url, { intervalSeconds: 30 }));
    await headOffice.waitFor(1);
    clock.advance(29_000);
    await hub.internals.monitoring.tick();
    expect(headOffice.requests).toHaveLength(1);
    clock.advance(1_000);
    await hub.internals.monitoring.tick();
    await headOffice.waitFor(2);
    expect(Date.parse(heartbeatOf(headOffice.requests[1]!).timestamp) - Date.parse(heartbeatOf(headOffice.requests[0]!).timestamp)).toBe(30_000);
    expect((await hub.service.getMonitoring()).status).toMatchObject({ state: 'up', nextHeartbeatAt: new Date(clock.ms + 30_000).toISOString() });
  });

  it('after monitoring was down for several intervals: at most one stale heartbeat, then the next regular one; orders went on meanwhile', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock });
    const headOffice = await kit.receiver({ mode: { kind: 'fail', status: 503 } });
    await hub.service.saveMonitoring(monitoringFor(headOffice.url, { intervalSeconds: 10 }));
    await hub.internals.monitoring.tick();
    // Six intervals down, a second at a time: probes on a back-off, never more than one heartbeat
    // waiting, and an order each interval delivered in the same (frozen) moment it was accepted.
    for (let second = 1; second <= 60; second++) {
      clock.advance(1_000);
      if (second % 10 === 0) {
        await postEvents(hub, makeEvent({ check: { checkId: `c-down-${second}`, checkNumber: String(second) } }));
        await settle(hub);
        expect(partner.requests, `order of second ${second}`).toHaveLength(second / 10);
      }
      await hub.internals.monitoring.tick();
      expect(waitingHeartbeats(hub)).toBeLessThanOrEqual(1);
    }
    expect((await hub.service.getStats()).queueDepth).toBe(0);
    const probes = headOffice.requests.length;
    expect(probes).toBeGreaterThan(2);
    expect(probes).toBeLessThan(10); // one probe at a time on a back-off, not a heartbeat every 10 s retried on its own
    expect(headOfficeRows(hub).filter((r) => r.kind === 'heartbeat' && r.state !== 'delivered')).toHaveLength(1);

    headOffice.clear();
    headOffice.setMode({ kind: 'ok' });
    // Back: the next probe takes the one heartbeat waiting, then the regular ones follow.
    let firstAt = 0;
    for (let waited = 0; waited < 120_000 && headOffice.requests.length === 0; waited += 1_000) {
      clock.advance(1_000);
      await hub.internals.monitoring.tick();
      firstAt = clock.ms;
    }
    const stale = heartbeatOf(headOffice.requests[0]!);
    expect(firstAt - Date.parse(stale.timestamp)).toBeLessThan(10_000); // at most one interval old
    for (let second = 1; second <= 20; second++) {
      clock.advance(1_000);
      await hub.internals.monitoring.tick();
    }
    // Nothing from the outage but that one: then the regular heartbeats, one per interval.
    const sent = headOffice.requests.map(heartbeatOf);
    expect(sent.map((h) => Date.parse(h.timestamp) - Date.parse(stale.timestamp))).toEqual([0, 10_000, 20_000]);
  });

  it('a head office that hangs or is down takes no partner slot and never slows the orders', async () => {
    const { hub, partner } = await kit.hubWithPartner({ clock: { now: () => Date.now() }, delivery: { timeoutMs: 3_000, concurrency: 2 } });
    const headOffice = await kit.receiver({ mode: { kind: 'hang' } });
    await hub.service.saveMonitoring(monitoringFor(headOffice.url, { intervalSeconds: 10 }));
    await headOffice.waitFor(1); // the heartbeat is now hanging
    const started = performance.now();
    const events = Array.from({ length: 10 }, (_, i) => checkLifecycle({ checkId: `c-slow-${i}`, updates: 1 })).flat();
    await postEvents(hub, { events });
    await partner.waitFor(events.length, 2_000);
    expect(performance.now() - started).toBeLessThan(1_500);
    await settle(hub);
    expect(hub.internals.dispatcher.inFlightCount()).toBe(0); // while head office's request still hangs
    expect(headOffice.requests).toHaveLength(1);
    expect((await hub.service.getStats()).queueDepth).toBe(0);
  });
});

describe('Send heartbeat now', () => {
  it('answers like Send test: status, latency, body; a failure in plain words; no URL is refused', async () => {
    const hub = await kit.hub({ clock: new ManualClock() });
    await expect(hub.service.sendHeartbeatNow()).rejects.toMatchObject({ code: 'no_url', status: 400 });
    const headOffice = await kit.receiver({ mode: { kind: 'ok', status: 202, body: '{"received":true}' } });
    await hub.service.saveMonitoring(monitoringFor(headOffice.url));
    await headOffice.waitFor(1);
    const result = await hub.service.sendHeartbeatNow();
    expect(result).toMatchObject({ ok: true, url: `${headOffice.url}/hubs`, status: 202, body: '{"received":true}', error: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(headOffice.requests.filter(isHeartbeat)).toHaveLength(2);
    expect(headOffice.requests[1]!.headers['webhook-id']).not.toBe(headOffice.requests[0]!.headers['webhook-id']);

    headOffice.setMode({ kind: 'fail', status: 401, body: 'unknown key' });
    expect(await hub.service.sendHeartbeatNow()).toMatchObject({ ok: false, status: 401, body: 'unknown key', error: expect.stringMatching(/refused the request/) });
    await headOffice.close();
    expect(await hub.service.sendHeartbeatNow()).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/^Connection (refused|reset)/) });
  });

  it('turning monitoring off (URL empty) cancels what waits for head office and sends nothing more', async () => {
    const clock = new ManualClock();
    const hub = await kit.hub({ clock });
    const headOffice = await kit.receiver({ mode: { kind: 'fail', status: 503 } });
    await hub.service.saveMonitoring(monitoringFor(headOffice.url, { intervalSeconds: 10 }));
    await hub.internals.monitoring.tick();
    expect(waitingHeartbeats(hub)).toBe(1);
    const off = await hub.service.saveMonitoring(monitoringFor(headOffice.url, { url: '' }));
    expect(off.status).toMatchObject({ state: 'off', waiting: { heartbeats: 0, alerts: 0 }, nextHeartbeatAt: null });
    expect(headOfficeRows(hub).map((r) => r.state)).toEqual(['cancelled']);
    const before = headOffice.requests.length;
    clock.advance(120_000);
    await hub.internals.monitoring.tick();
    expect(headOffice.requests).toHaveLength(before);
  });
});
