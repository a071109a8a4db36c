// Issue 9: the hub keeps its word on a store PC's bad days. Re-sent copies go in POS order, a
// hook set to NO sends nothing, a recovery written while the disk refuses is kept (never a row
// stranded in `delivering`), the dispatcher sleeps while it waits, and rotating the signing secret
// during an outage does not reset the back-off. Real SQLite files, real HTTP.
import { describe, expect, it } from 'vitest';
import { ManualClock, postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { checkLifecycle } from '../support/events.ts';
import { modeSequence, type RecordedRequest } from '../support/test-receiver.ts';
import { waitUntil } from '../support/reliability-kit.ts';
import { deliveryRows, useHubs } from './hub-kit.ts';

const kit = useHubs();
const typeOf = (r: RecordedRequest) => (r.json as { type: string }).type;
const HOUR = 3_600_000;

describe('re-sent copies keep the check\'s POS order (9.5)', () => {
  it('copies re-sent hook by hook (Close, then Open, then Update) while the partner is down arrive opened, updated, closed', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: modeSequence({ kind: 'fail', status: 400 }, { kind: 'fail', status: 400 }, { kind: 'fail', status: 400 }, { kind: 'fail', status: 503 }) });
    await postEvents(hub, { events: checkLifecycle({ checkId: 'c-9', source: 'OLO', updates: 1, startAt: clock.now() }) });
    await settle(hub);
    const [opened, updated, closed] = deliveryRows(hub);
    expect([opened, updated, closed].map((d) => d!.state)).toEqual(['failed', 'failed', 'failed']);

    for (const original of [closed!, opened!, updated!]) {
      await hub.service.resendDelivery(original.id);
      await settle(hub);
    }
    partner.clear();
    partner.setMode({ kind: 'ok' });
    clock.advance(HOUR);
    await settle(hub);
    expect(partner.requests.map(typeOf)).toEqual(['order.opened', 'order.updated', 'order.closed']);
  });

  it('bulk re-send with "all" hooks (or none named) takes every hook of the range in one action, in POS order per check', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: { kind: 'fail', status: 401 } });
    for (const checkId of ['c-a', 'c-b']) await postEvents(hub, { events: checkLifecycle({ checkId, source: 'OLO', updates: 1, startAt: clock.now() }) });
    await settle(hub);
    expect(deliveryRows(hub).every((d) => d.state === 'failed')).toBe(true);
    partner.clear();
    partner.setMode({ kind: 'ok' });
    const range = { since: new Date(clock.now() - HOUR).toISOString(), until: new Date(clock.now() + HOUR).toISOString() };
    expect(await hub.service.resendBulk({ ...range, hook: 'all', dryRun: true })).toEqual({ queued: 6 });
    expect(partner.requests).toHaveLength(0); // a dry run queues nothing
    expect(await hub.service.resendBulk(range)).toEqual({ queued: 6 });
    await settle(hub);
    for (const checkId of ['c-a', 'c-b']) {
      const ofCheck = partner.requests.filter((r) => (r.json as { data: { check: { checkId: string } } }).data.check.checkId === checkId);
      expect(ofCheck.map(typeOf)).toEqual(['order.opened', 'order.updated', 'order.closed']);
    }
    expect(await hub.service.resendBulk(range)).toEqual({ queued: 0 }); // each original is re-sent once
  });
});

describe('a hook set to NO sends nothing (9.6)', () => {
  it('refuses Re-send and Retry now of a delivery whose hook is now off, in words, and the partner hears nothing', async () => {
    const { hub, partner } = await kit.hubWithPartner({}, {}, { mode: modeSequence({ kind: 'fail', status: 400 }, { kind: 'fail', status: 503 }) });
    await postEvents(hub, { events: checkLifecycle({ checkId: 'c-1', source: 'OLO', updates: 0 }).slice(0, 1) });
    await settle(hub);
    const [failed] = deliveryRows(hub);
    expect(failed!.state).toBe('failed');
    await hub.service.saveSettings(settingsFor(partner.url.replace(/$/, ''), { hooks: { ...settingsFor(partner.url).hooks, open: { url: `${partner.url}/open`, enabled: false } }, thirdPartyOrders: false }));
    partner.clear();
    await expect(hub.service.resendDelivery(failed!.id)).rejects.toMatchObject({ code: 'hook_off', status: 409, message: expect.stringMatching(/Open Order Web Hooks is set to NO/) });
    await expect(hub.service.retryDelivery(failed!.id)).rejects.toMatchObject({ code: 'hook_off', status: 409 });
    await expect(hub.service.resendBulk({ since: new Date(0).toISOString(), until: new Date(Date.now() + HOUR).toISOString() })).resolves.toEqual({ queued: 0 });
    await settle(hub);
    expect(partner.requests).toHaveLength(0);
  });

  it('an attempt whose retry is written after the hook was turned off is cancelled, not retried', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: { kind: 'fail', status: 503 } });
    const { deliveries } = hub.internals;
    const atomically = deliveries.atomically;
    let turnedOff = false;
    // The hook is turned off in the moment between the partner's answer and the turn that writes it.
    deliveries.atomically = ((work) => {
      if (partner.requests.length > 0 && !turnedOff) {
        turnedOff = true;
        void hub.service.saveSettings(settingsFor(partner.url, { hooks: { ...settingsFor(partner.url).hooks, update: { url: `${partner.url}/update`, enabled: false } } }));
      }
      return atomically(work);
    }) as typeof atomically;
    await postEvents(hub, { events: [checkLifecycle({ checkId: 'c-2', updates: 1 })[1]!] });
    await settle(hub);
    expect(turnedOff).toBe(true);
    expect(deliveryRows(hub).map((d) => d.state)).toEqual(['cancelled']);
    clock.advance(HOUR);
    await settle(hub);
    expect(partner.requests).toHaveLength(1);
  });
});

describe('every write of the dispatcher commits with its turn or is kept (9.4)', () => {
  it('a recovery noticed while the disk refuses writes is kept: nothing stays `delivering`, nothing is sent twice', async () => {
    const clock = new ManualClock();
    const dataDir = kit.dataDir();
    let down = true;
    let diskRefuses = false;
    const { hub, partner } = await kit.hubWithPartner({ clock, dataDir }, {}, {
      mode: () => (down ? { kind: 'fail', status: 503 } : { kind: 'ok' }),
      // The partner comes back; the moment it answers the probe, the disk refuses every write.
      onRequest: () => {
        if (!down && !diskRefuses) {
          diskRefuses = true;
          hub.internals.db.pragma('query_only = ON');
        }
      },
    });
    await postEvents(hub, { events: ['c-1', 'c-2', 'c-3'].map((checkId) => checkLifecycle({ checkId, updates: 1 })[1]!) });
    await settle(hub);
    expect(deliveryRows(hub).every((d) => d.state === 'retrying' || d.state === 'pending')).toBe(true);
    down = false;
    partner.clear();
    clock.advance(HOUR);
    hub.internals.dispatcher.wake();
    await partner.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the 200 arrives; its turn cannot be written
    hub.internals.db.pragma('query_only = OFF'); // the disk is back
    await waitUntil(() => deliveryRows(hub).every((d) => d.state === 'delivered'), 10_000, () => JSON.stringify(deliveryRows(hub).map((d) => d.state)));
    const ids = partner.requests.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3); // the one answered while the disk refused was not sent again
    await hub.close();
    const reopened = await kit.hub({ dataDir, clock });
    expect(deliveryRows(reopened).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
  });
});

describe('the dispatcher sleeps while it waits (9.7)', () => {
  it('with a probe hanging at a backed-off partner, it takes no turns until something changes', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock, delivery: { timeoutMs: 3_000 } }, {}, { mode: modeSequence({ kind: 'fail', status: 503 }, { kind: 'hang' }) });
    await postEvents(hub, { events: ['c-1', 'c-2'].map((checkId) => checkLifecycle({ checkId, updates: 1 })[1]!) });
    await settle(hub);
    clock.advance(HOUR);
    hub.internals.dispatcher.wake();
    await partner.waitFor(2); // the probe is out and hangs
    const { deliveries } = hub.internals;
    let lookups = 0;
    const nextDueAt = deliveries.nextDueAt;
    deliveries.nextDueAt = ((endpoint) => { lookups += 1; return nextDueAt(endpoint); }) as typeof nextDueAt;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    deliveries.nextDueAt = nextDueAt;
    expect(lookups, 'dispatcher turns while only waiting for the hanging probe').toBeLessThan(10);
  });

  it('with every slot busy at a slow partner, it takes a turn per finished attempt, not a busy loop', async () => {
    const { hub, partner } = await kit.hubWithPartner({ delivery: { concurrency: 2, perEndpointConcurrency: 2 } }, {}, { mode: { kind: 'ok', delayMs: 600 } });
    await postEvents(hub, { events: ['c-1', 'c-2', 'c-3', 'c-4'].map((checkId) => checkLifecycle({ checkId, updates: 1 })[1]!) });
    await partner.waitFor(2);
    const { deliveries } = hub.internals;
    let lookups = 0;
    const nextDueAt = deliveries.nextDueAt;
    deliveries.nextDueAt = ((endpoint) => { lookups += 1; return nextDueAt(endpoint); }) as typeof nextDueAt;
    await new Promise((resolve) => setTimeout(resolve, 400)); // both slots busy the whole time
    deliveries.nextDueAt = nextDueAt;
    expect(lookups).toBeLessThan(10);
    await settle(hub);
  });
});

describe('rotating the signing secret during an outage (9.10)', () => {
  it('keeps the back-off: no burst at a partner that is down', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: { kind: 'fail', status: 503 } });
    await postEvents(hub, { events: ['c-1', 'c-2', 'c-3'].map((checkId) => checkLifecycle({ checkId, updates: 1 })[1]!) });
    await settle(hub);
    const before = partner.requests.length;
    const probeAt = hub.internals.health.state({ partnerId: 'p1', hook: 'update' }).nextProbeAt;
    expect(probeAt).toBeGreaterThan(clock.now());
    await hub.service.rotateSigningSecret();
    await settle(hub);
    expect(partner.requests.length).toBe(before);
    expect(hub.internals.health.state({ partnerId: 'p1', hook: 'update' }).nextProbeAt).toBe(probeAt);
  });
});
