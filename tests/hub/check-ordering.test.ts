// Per-check order (contract §4): while a check's first delivery is retrying, its later deliveries
// (other hooks included) wait — no request for them arrives — and go in POS order once it is
// delivered, failed or cancelled. Other checks are not held up.
import { describe, expect, it } from 'vitest';
import { ManualClock, postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { checkLifecycle, makeEvent } from '../support/events.ts';
import type { ReceiverMode, RecordedRequest } from '../support/test-receiver.ts';
import { deliveryRows, eventIdOf, useHubs } from './hub-kit.ts';

const kit = useHubs();

/** The first `failures` requests to /open fail with 503; everything else is answered 200. */
function openFailsFirst(failures: number, failure: ReceiverMode = { kind: 'fail', status: 503 }) {
  let seen = 0;
  return (request: RecordedRequest): ReceiverMode => (request.path === '/open' && seen++ < failures ? failure : { kind: 'ok' });
}

describe('ordering within a check', () => {
  it('updated and closed wait while opened is retrying, then arrive in POS order', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: openFailsFirst(2) });
    const [opened, ...rest] = checkLifecycle({ checkId: 'c-100', source: 'OLO', updates: 2, startAt: clock.now() });
    await postEvents(hub, opened!);
    await settle(hub);
    for (const event of rest) expect((await postEvents(hub, event)).status).toBe(202);
    await settle(hub);
    expect(partner.requests.map((r) => r.path)).toEqual(['/open']);

    clock.advance(60_000);
    await settle(hub);
    expect(partner.requests.map((r) => r.path)).toEqual(['/open', '/open']); // still failing; the rest still waits
    expect(deliveryRows(hub).slice(1).every((d) => d.state === 'pending' && d.attempts === 0)).toBe(true);

    clock.advance(60_000);
    await settle(hub);
    expect(partner.requests.map((r) => r.path)).toEqual(['/open', '/open', '/open', '/update', '/update', '/close']);
    expect(partner.requests.slice(2).map(eventIdOf)).toEqual([opened!, ...rest].map((e) => e.eventId));
    expect(deliveryRows(hub).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('a later event of the check waits even when it was posted in the same batch', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: openFailsFirst(1) });
    const events = checkLifecycle({ checkId: 'c-200', source: 'POS', updates: 1, startAt: clock.now() });
    await postEvents(hub, { events });
    await settle(hub);
    expect(partner.requests.map((r) => r.path)).toEqual(['/open']);
    clock.advance(60_000);
    await settle(hub);
    expect(partner.requests.slice(1).map(eventIdOf)).toEqual(events.map((e) => e.eventId));
  });

  it('once the first delivery fails for good (4xx) the next one goes', async () => {
    const { hub, partner } = await kit.hubWithPartner({}, {}, { mode: openFailsFirst(1, { kind: 'fail', status: 422 }) });
    const events = checkLifecycle({ checkId: 'c-300', source: 'OLO', updates: 1 });
    await postEvents(hub, { events });
    await settle(hub);
    expect(partner.requests.map((r) => r.path)).toEqual(['/open', '/update', '/close']);
    expect(deliveryRows(hub).map((d) => d.state)).toEqual(['failed', 'delivered', 'delivered']);
  });

  it('once the waiting head is cancelled (hook turned off) the next one goes', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: openFailsFirst(99) });
    const events = checkLifecycle({ checkId: 'c-400', source: 'OLO', updates: 1, startAt: clock.now() });
    await postEvents(hub, { events });
    await settle(hub);
    const base = settingsFor(partner.url);
    await hub.service.saveSettings({ ...base, hooks: { ...base.hooks, open: { ...base.hooks.open, enabled: false } } });
    await settle(hub);
    expect(partner.requests.map((r) => r.path)).toEqual(['/open', '/update', '/close']);
    expect(deliveryRows(hub).map((d) => d.state)).toEqual(['cancelled', 'delivered', 'delivered']);
  });

  it('another check is not held up by a check whose delivery is retrying', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: openFailsFirst(99) });
    await postEvents(hub, makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId: 'c-stuck' } }));
    await settle(hub);
    const other = [makeEvent({ type: 'check.updated', check: { checkId: 'c-free' } }), makeEvent({ type: 'check.closed', check: { checkId: 'c-free' } })];
    await postEvents(hub, { events: other });
    await settle(hub);
    expect(partner.requests.map((r) => r.path)).toEqual(['/open', '/update', '/close']);
  });
});
