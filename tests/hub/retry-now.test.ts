// "Retry now" in the delivery log (contract §6): the delivery the manager pressed goes next — even
// while its endpoint is backed off with others due — a dead one comes back, and the buttons that
// make no sense (delivered, waiting behind an earlier one of its check) are refused clearly.
import { describe, expect, it } from 'vitest';
import { HubError } from '../../shared/client.ts';
import { ManualClock, postEvents, settle } from '../support/hub-fixture.ts';
import { checkLifecycle, makeEvent } from '../support/events.ts';
import { deliveryRows, eventIdOf, useHubs } from './hub-kit.ts';

const kit = useHubs();

describe('retry now', () => {
  it('sends the pressed delivery as the next probe of a backed-off endpoint, not the oldest due one', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: { kind: 'fail', status: 503 } });
    await postEvents(hub, makeEvent({ check: { checkId: 'c-0' } }));
    await settle(hub); // the endpoint is down
    const later = [1, 2, 3].map((i) => makeEvent({ check: { checkId: `c-${i}` } }));
    await postEvents(hub, { events: later });
    await settle(hub);
    expect(partner.requests).toHaveLength(1);

    const pressed = deliveryRows(hub).at(-1)!;
    partner.setMode({ kind: 'ok' });
    await hub.service.retryDelivery(pressed.id);
    await settle(hub);
    expect(eventIdOf(partner.requests[1]!)).toBe(later[2]!.eventId);
    expect((await hub.service.getDelivery(pressed.id)).state).toBe('delivered');
    // The partner answered: the endpoint recovered and the rest drained without clock time.
    expect(deliveryRows(hub).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('brings a dead delivery back with a fresh give-up clock', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, { retry: { maxAgeHours: 1 } }, { mode: { kind: 'fail', status: 500 } });
    await postEvents(hub, makeEvent());
    await settle(hub);
    clock.advance(2 * 3_600_000);
    await settle(hub);
    const [row] = deliveryRows(hub);
    expect(row?.state).toBe('dead');
    partner.setMode({ kind: 'ok' });
    const retried = await hub.service.retryDelivery(row!.id);
    expect(retried.state).toBe('retrying');
    await settle(hub);
    const detail = await hub.service.getDelivery(row!.id);
    expect(detail.state).toBe('delivered');
    expect(detail.webhookId).toBe(row!.webhook_id); // the same delivery, not a copy
  });

  it('is refused for a delivered one and for one waiting behind an earlier delivery of its check', async () => {
    const clock = new ManualClock();
    const { hub } = await kit.hubWithPartner({ clock }, {}, { mode: (r) => (r.path === '/open' ? { kind: 'fail', status: 503 } : { kind: 'ok' }) });
    await postEvents(hub, makeEvent({ type: 'check.updated', check: { checkId: 'c-done' } }));
    await postEvents(hub, { events: checkLifecycle({ checkId: 'c-wait', source: 'OLO', updates: 1, startAt: clock.now() }) });
    await settle(hub);
    const rows = deliveryRows(hub);
    const delivered = rows.find((d) => d.check_id === 'c-done')!;
    const follower = rows.filter((d) => d.check_id === 'c-wait')[1]!;
    await expect(hub.service.retryDelivery(delivered.id)).rejects.toMatchObject({ status: 409, code: 'already_delivered' });
    await expect(hub.service.retryDelivery(follower.id)).rejects.toMatchObject({ status: 409, code: 'waiting_for_earlier' });
    await expect(hub.service.retryDelivery(9_999)).rejects.toBeInstanceOf(HubError);
  });
});
