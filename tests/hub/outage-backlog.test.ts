// A partner outage (contract §4): while the endpoint keeps failing it is backed off as a whole —
// one probe at a time, not one request per waiting delivery — and when it answers again the
// backlog of many interleaved checks drains at once, each check in POS order.
import { describe, expect, it } from 'vitest';
import { ManualClock, postEvents, settle } from '../support/hub-fixture.ts';
import { checkLifecycle, makeEvent } from '../support/events.ts';
import { modeSequence } from '../support/test-receiver.ts';
import type { PosEvent } from '../../shared/event.ts';
import { countRows, eventIdOf, payloadOf, useHubs } from './hub-kit.ts';

const kit = useHubs();
const HOUR = 3_600_000;

/** 25 checks whose lifecycles overlap in time, merged into one POS stream. */
function interleavedStream(startAt: number): PosEvent[] {
  const checks = Array.from({ length: 25 }, (_, i) => checkLifecycle({
    checkId: `c-${String(i).padStart(3, '0')}`, source: i % 3 === 0 ? 'OLO' : 'POS', startAt: startAt + i * 20_000, gapMs: 60_000,
  }));
  return checks.flat().sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

describe('a backlog built during an outage', () => {
  it('probes one at a time while the partner is down, then drains every check in order', async () => {
    const clock = new ManualClock();
    let up = false;
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: () => (up ? { kind: 'ok' } : { kind: 'fail', status: 503 }) });
    const stream = interleavedStream(clock.now());
    expect(new Set(stream.slice(0, 10).map((e) => e.check.checkId)).size).toBeGreaterThan(3); // really interleaved

    // The first event finds the partner down.
    await postEvents(hub, stream[0]!);
    await settle(hub);
    expect(partner.requests).toHaveLength(1);

    // The rest arrives while it is down: nothing is sent until the endpoint's probe is due.
    for (let i = 1; i < stream.length; i += 40) {
      expect((await postEvents(hub, { events: stream.slice(i, i + 40) })).status).toBe(202);
    }
    await settle(hub);
    expect(partner.requests).toHaveLength(1);

    const stats = await hub.service.getStats();
    const open = stats.endpoints.find((e) => e.hook === 'open')!;
    expect(open.status).toBe('backing-off');
    expect(stats.queueDepth).toBe(stream.length);

    for (let probe = 2; probe <= 6; probe++) {
      clock.advance(HOUR);
      await settle(hub);
      expect(partner.requests).toHaveLength(probe); // one probe per backoff period, not a retry storm
    }
    const outageRequests = partner.requests.length;

    up = true;
    clock.advance(HOUR);
    await settle(hub); // the probe succeeds; everything else goes without further clock time
    const delivered = partner.requests.slice(outageRequests);
    expect(delivered).toHaveLength(stream.length);
    expect(new Set(delivered.map(eventIdOf)).size).toBe(stream.length);

    const arrivedByCheck = new Map<string, string[]>();
    for (const request of delivered) {
      const checkId = payloadOf(request).data.check.checkId;
      arrivedByCheck.set(checkId, [...(arrivedByCheck.get(checkId) ?? []), eventIdOf(request)]);
    }
    for (const [checkId, arrived] of arrivedByCheck) {
      expect(arrived).toEqual(stream.filter((e) => e.check.checkId === checkId).map((e) => e.eventId));
    }
    const after = await hub.service.getStats();
    expect(after.counts.delivered).toBe(stream.length);
    expect(after.queueDepth).toBe(0);
    expect(after.endpoints.find((e) => e.hook === 'open')?.status).toBe('up');
  });

  it('starts no second probe while one is still in flight, however much time passes', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: modeSequence({ kind: 'fail', status: 503 }, { kind: 'hang' }) });
    const opens = interleavedStream(clock.now()).filter((e) => e.type === 'check.opened');
    await postEvents(hub, opens[0]!);
    await settle(hub); // the endpoint is down
    await postEvents(hub, { events: opens.slice(1) });
    await settle(hub);
    expect(partner.requests).toHaveLength(1);

    clock.advance(HOUR);
    hub.internals.dispatcher.wake();
    await partner.waitFor(2); // the probe hangs at the partner (default 10 s timeout)
    for (let i = 0; i < 3; i++) {
      clock.advance(HOUR);
      hub.internals.dispatcher.wake();
      await new Promise((resolve) => setImmediate(resolve));
      expect(hub.internals.dispatcher.inFlightCount()).toBe(1);
    }
    expect(partner.requests).toHaveLength(2);
    await partner.close(); // the probe ends with a reset
    await settle(hub);
    expect(countRows(hub, 'attempts')).toBe(2);
  });

  it('a blip during a burst (many attempts failing together) is retried within seconds, not an hour later', async () => {
    const clock = new ManualClock();
    let up = false;
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: () => (up ? { kind: 'ok' } : { kind: 'fail', status: 503 }) });
    const events = Array.from({ length: 16 }, (_, i) => makeEvent({ check: { checkId: `c-${i}` } }));
    await postEvents(hub, { events });
    await settle(hub);
    expect(partner.requests).toHaveLength(16); // all were in flight when the partner went down
    expect(hub.internals.health.state({ partnerId: 'p1', hook: 'update' }).nextProbeAt - clock.now()).toBeLessThanOrEqual(10_000);

    up = true;
    clock.advance(10_000);
    await settle(hub);
    expect(partner.requests).toHaveLength(32);
    expect((await hub.service.getStats()).counts.delivered).toBe(16);
  });
});
