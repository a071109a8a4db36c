// eventId is the idempotency key (contract §3): the same event twice is stored once, counted as a
// duplicate, and the partner gets one webhook — across requests and inside one batch.
import { describe, expect, it } from 'vitest';
import { postEvents, settle } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import { countRows, eventIdOf, useHubs } from './hub-kit.ts';

const kit = useHubs();

describe('idempotent ingest', () => {
  it('the same eventId sent twice is stored once and delivered once', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const event = makeEvent();
    expect((await postEvents(hub, event)).json).toEqual({ accepted: 1, duplicates: 0 });
    await settle(hub);
    const again = await postEvents(hub, event);
    expect(again.status).toBe(202);
    expect(again.json).toEqual({ accepted: 0, duplicates: 1 });
    await settle(hub);
    expect(countRows(hub, 'events')).toBe(1);
    expect(countRows(hub, 'deliveries')).toBe(1);
    expect(partner.requests.map(eventIdOf)).toEqual([event.eventId]);
  });

  it('a retransmission before the first delivery still yields one webhook', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const event = makeEvent();
    const [first, second] = await Promise.all([postEvents(hub, event), postEvents(hub, event)]);
    expect([first.json, second.json]).toEqual(expect.arrayContaining([{ accepted: 1, duplicates: 0 }, { accepted: 0, duplicates: 1 }]));
    await settle(hub);
    expect(partner.requests).toHaveLength(1);
  });

  it('duplicates inside one batch are counted and stored once', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const a = makeEvent({ check: { checkId: 'c-a' } });
    const b = makeEvent({ check: { checkId: 'c-b' } });
    const answer = await postEvents(hub, { events: [a, b, a, a] });
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ accepted: 2, duplicates: 2 });
    await settle(hub);
    expect(countRows(hub, 'events')).toBe(2);
    expect(countRows(hub, 'deliveries')).toBe(2);
    expect(partner.requests.map(eventIdOf).sort()).toEqual([a.eventId, b.eventId].sort());
  });

  it('a catch-up batch that overlaps what was already sent accepts only the new events', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const events = [makeEvent({ check: { checkId: 'c-1' } }), makeEvent({ check: { checkId: 'c-2' } }), makeEvent({ check: { checkId: 'c-3' } })];
    await postEvents(hub, { events: events.slice(0, 2) });
    const answer = await postEvents(hub, { events });
    expect(answer.json).toEqual({ accepted: 1, duplicates: 2 });
    await settle(hub);
    expect(partner.requests).toHaveLength(3);
  });

  it('eventId is unique per store: the same id from two stores is two events', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const a = makeEvent({ eventId: 'pos-0001', storeId: 'store-001' });
    const b = makeEvent({ eventId: 'pos-0001', storeId: 'store-002' });
    expect((await postEvents(hub, { events: [a, b] })).json).toEqual({ accepted: 2, duplicates: 0 });
    await settle(hub);
    expect(partner.requests).toHaveLength(2);
  });
});
