// Alerts to head office (contract §8): hub.partner_failing / hub.partner_recovered at the moments
// the desktop notifications fire — a 410 Gone at once, a minute of failures or rejections — per
// partner endpoint, kept and sent in order, and still owed across a restart while head office is
// down. The rule itself is pure and tested first.
import { describe, expect, it } from 'vitest';
import type { EndpointHealth } from '../../shared/api.ts';
import { endpointTransitions, nextAnnouncementAt, type AlertState } from '../../electron/hub/monitoring/endpoint-alerts.ts';
import { ManualClock, postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import { alertOf, headOfficeRows, isAlert, monitoringFor, verifiedAlert } from './monitoring-kit.ts';
import { useHubs } from './hub-kit.ts';

const kit = useHubs();
const t0 = Date.parse('2026-11-27T19:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

function endpoint(partnerId: string, hook: EndpointHealth['hook'], status: EndpointHealth['status'], extra: Partial<EndpointHealth> = {}): EndpointHealth {
  return {
    partnerId, partnerName: `Partner ${partnerId}`, hook, url: `https://${partnerId}.example/${hook}`, enabled: status !== 'off', status,
    failingSince: null, lastError: null, lastStatus: null, nextProbeAt: null, heldBehind: null, waiting: 0, goneAt: null, recovery: null, ...extra,
  };
}

describe('the alert rule (pure)', () => {
  const failing = (partnerId: string, extra: Partial<EndpointHealth> = {}) => endpoint(partnerId, 'open', 'backing-off', { failingSince: at(t0), lastError: 'Timeout', ...extra });

  it('tells two partners\' Open hooks apart', () => {
    let step = endpointTransitions(new Map(), [endpoint('p1', 'open', 'up'), endpoint('p2', 'open', 'up')], t0);
    step = endpointTransitions(step.state, [failing('p1'), endpoint('p2', 'open', 'up', { lastStatus: 200 })], t0 + 61_000);
    expect(step.transitions.map((t) => [t.kind, t.endpoint.partnerId])).toEqual([['failing', 'p1']]);
    step = endpointTransitions(step.state, [failing('p1'), failing('p2', { failingSince: at(t0 + 61_000) })], t0 + 130_000);
    expect(step.transitions.map((t) => [t.kind, t.endpoint.partnerId])).toEqual([['failing', 'p2']]);
    step = endpointTransitions(step.state, [endpoint('p1', 'open', 'up', { lastStatus: 200 }), failing('p2')], t0 + 140_000);
    expect(step.transitions.map((t) => [t.kind, t.endpoint.partnerId])).toEqual([['recovered', 'p1']]);
    expect([...step.state]).toEqual([['p2/open', 'failing']]);
  });

  it('counts a partner rejecting everything (401) as failing, after the same minute', () => {
    const rejecting = endpoint('p1', 'update', 'rejecting', { failingSince: at(t0), lastStatus: 401, lastError: 'HTTP 401' });
    expect(endpointTransitions(new Map(), [rejecting], t0 + 59_000).transitions).toEqual([]);
    expect(endpointTransitions(new Map(), [rejecting], t0 + 60_000).transitions).toEqual([{ kind: 'failing', endpoint: rejecting }]);
    expect(nextAnnouncementAt(new Map(), [rejecting])).toBe(t0 + 60_000);
  });

  it('with recoveryNeedsAnswer, "up" before anything was sent (a restart) is no recovery; a 2xx is', () => {
    const state: AlertState = new Map([['p1/close', 'gone']]);
    const fresh = endpointTransitions(state, [endpoint('p1', 'close', 'up')], t0, { recoveryNeedsAnswer: true });
    expect(fresh.transitions).toEqual([]);
    expect([...fresh.state]).toEqual([['p1/close', 'gone']]);
    const answered = endpointTransitions(fresh.state, [endpoint('p1', 'close', 'up', { lastStatus: 204 })], t0, { recoveryNeedsAnswer: true });
    expect(answered.transitions.map((t) => t.kind)).toEqual(['recovered']);
    // Held behind another hook is not back either; turned off owes nothing.
    expect(endpointTransitions(state, [endpoint('p1', 'close', 'held', { lastStatus: 200 })], t0).state.get('p1/close')).toBe('gone');
    expect(endpointTransitions(state, [endpoint('p1', 'close', 'off')], t0)).toEqual({ transitions: [], state: new Map() });
  });
});

async function monitoredHub(clock = new ManualClock()) {
  const partner = await kit.receiver();
  const headOffice = await kit.receiver();
  const dataDir = kit.dataDir();
  const hub = await kit.hub({ clock, dataDir });
  await hub.service.saveSettings(settingsFor(partner.url));
  await hub.service.saveMonitoring(monitoringFor(headOffice.url, { intervalSeconds: 3600 }));
  await headOffice.waitFor(1); // the heartbeat of the save
  headOffice.clear();
  return { hub, partner, headOffice, clock, dataDir };
}

const check = (id: string) => ({ checkId: id, checkNumber: id.replace(/\D/g, '') || '1' });

describe('alerts to head office', () => {
  it('a partner answering 410 raises hub.partner_failing at once; its recovery raises hub.partner_recovered, in order, signed', async () => {
    const { hub, partner, headOffice } = await monitoredHub(new ManualClock(Date.now()));
    partner.setMode({ kind: 'fail', status: 410 });
    await postEvents(hub, makeEvent({ type: 'check.updated', check: check('c-410') }));
    await settle(hub);
    const [failing] = await headOffice.waitFor(isAlert, 1_000);
    const alert = verifiedAlert(failing!);
    expect(alert).toMatchObject({
      type: 'hub.partner_failing',
      data: { partnerId: 'p1', partnerName: 'Order webhook', hook: 'update', status: 'stopped', lastError: expect.stringMatching(/410 Gone/), waiting: 0 },
    });
    expect(alert.data.hubId).toBe((await hub.service.getMonitoring()).hubId);

    partner.setMode({ kind: 'ok' });
    await postEvents(hub, makeEvent({ type: 'check.updated', check: check('c-411') }));
    await settle(hub);
    const alerts = await headOffice.waitFor(isAlert, 1_000, 2);
    expect(alerts.map((r) => verifiedAlert(r).type)).toEqual(['hub.partner_failing', 'hub.partner_recovered']);
    expect(verifiedAlert(alerts[1]!).data).toMatchObject({ partnerId: 'p1', hook: 'update', status: 'up', lastError: null });
    expect(alerts[0]!.headers['webhook-id']).not.toBe(alerts[1]!.headers['webhook-id']);
  });

  it('a partner down or rejecting is news after a minute, not before, and only once', async () => {
    const { hub, partner, headOffice, clock } = await monitoredHub();
    partner.setMode((request) => (request.path === '/update' ? { kind: 'fail', status: 503 } : { kind: 'fail', status: 401 }));
    await postEvents(hub, { events: [makeEvent({ type: 'check.updated', check: check('c-5') }), makeEvent({ type: 'check.closed', check: check('c-6') })] });
    await settle(hub);
    clock.advance(59_000);
    await hub.internals.monitoring.tick();
    expect(headOffice.requests.filter(isAlert)).toHaveLength(0);
    clock.advance(1_000);
    await hub.internals.monitoring.tick();
    const alerts = headOffice.requests.filter(isAlert).map(alertOf);
    expect(alerts.map((a) => [a.type, a.data.hook, a.data.status])).toEqual(
      expect.arrayContaining([['hub.partner_failing', 'update', 'backing-off'], ['hub.partner_failing', 'close', 'rejecting']]),
    );
    expect(alerts).toHaveLength(2);
    expect(alerts.find((a) => a.data.hook === 'update')!.data).toMatchObject({ since: new Date(clock.ms - 60_000).toISOString(), waiting: 1 });
    clock.advance(600_000);
    await hub.internals.monitoring.tick();
    expect(headOffice.requests.filter(isAlert)).toHaveLength(2);
  });

  it('both alerts survive a hub restart while head office is down, and go in order once it is back', async () => {
    const { hub, partner, headOffice, clock, dataDir } = await monitoredHub();
    headOffice.setMode({ kind: 'fail', status: 503 });
    partner.setMode({ kind: 'fail', status: 410 });
    await postEvents(hub, makeEvent({ type: 'check.updated', check: check('c-7') }));
    await settle(hub);
    partner.setMode({ kind: 'ok' });
    await postEvents(hub, makeEvent({ type: 'check.updated', check: check('c-8') }));
    await settle(hub);
    await hub.internals.monitoring.tick();
    expect(headOfficeRows(hub).filter((r) => r.kind === 'alert').map((r) => [r.type, r.state])).toEqual([
      ['hub.partner_failing', expect.stringMatching(/^(pending|retrying)$/)], ['hub.partner_recovered', 'pending'],
    ]);
    await hub.close();

    headOffice.clear();
    headOffice.setMode({ kind: 'ok' });
    const again = await kit.hub({ clock, dataDir });
    await again.internals.monitoring.tick();
    const alerts = await headOffice.waitFor(isAlert, 2_000, 2);
    expect(alerts.map((r) => alertOf(r).type)).toEqual(['hub.partner_failing', 'hub.partner_recovered']);
    expect(headOfficeRows(again).filter((r) => r.kind === 'alert').map((r) => r.state)).toEqual(['delivered', 'delivered']);
  });

  it('a recovery after a restart is still announced, once the partner answers again; not before', async () => {
    const { hub, partner, headOffice, clock, dataDir } = await monitoredHub();
    partner.setMode({ kind: 'fail', status: 410 });
    await postEvents(hub, makeEvent({ type: 'check.updated', check: check('c-9') }));
    await settle(hub);
    await headOffice.waitFor(isAlert);
    await hub.close();

    const again = await kit.hub({ clock, dataDir });
    await again.internals.monitoring.tick();
    headOffice.clear();
    clock.advance(120_000);
    await again.internals.monitoring.tick();
    expect(headOffice.requests.filter(isAlert)).toHaveLength(0); // "up" only because nothing was sent since the start
    partner.setMode({ kind: 'ok' });
    await postEvents(again, makeEvent({ type: 'check.updated', check: check('c-10') }));
    await settle(again);
    await again.internals.monitoring.tick();
    expect(headOffice.requests.filter(isAlert).map((r) => alertOf(r).type)).toEqual(['hub.partner_recovered']);
  });
});
