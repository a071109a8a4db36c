// When the hub cannot write (disk full, read-only) the POS hears 503 + Retry-After,
// nothing is stored, and it can send again once the disk is writable.
import { describe, expect, it } from 'vitest';
import { postEvents, settle } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import { countRows, useHubs } from './hub-kit.ts';

const kit = useHubs();

describe('ingest while the outbox cannot be written', () => {
  it('answers 503 with Retry-After and stores nothing; the same event is accepted once writable again', async () => {
    const { hub, partner } = await kit.hubWithPartner();
    const event = makeEvent();
    hub.internals.db.pragma('query_only = ON');
    const refused = await postEvents(hub, { events: [event, makeEvent()] });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((refused.json as { error: { code: string } }).error.code).toBe('unavailable');
    expect(countRows(hub, 'events')).toBe(0);
    expect(countRows(hub, 'deliveries')).toBe(0);

    hub.internals.db.pragma('query_only = OFF');
    const accepted = await postEvents(hub, event);
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({ accepted: 1, duplicates: 0 });
    await settle(hub);
    expect(partner.requests).toHaveLength(1);
  });
});
