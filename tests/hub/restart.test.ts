// A restart loses nothing (contract §1/§6): deliveries queued while the partner was down are sent by
// the next hub on the same data folder, in per-check order and with the same webhook-id; an attempt
// cut short (row left `delivering`) is tried again.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { ManualClock, postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { checkLifecycle } from '../support/events.ts';
import { deliveryRows, eventIdOf, payloadOf, useHubs } from './hub-kit.ts';

const kit = useHubs();
const MINUTE = 60_000;

describe('restart', () => {
  it('resumes every pending delivery on the same data folder once the partner is back', async () => {
    const dataDir = kit.dataDir();
    const partner = await kit.receiver({ mode: { kind: 'fail', status: 503 } });
    const clock = new ManualClock();
    const first = await kit.hub({ dataDir, clock });
    await first.service.saveSettings(settingsFor(partner.url));
    const events = [
      ...checkLifecycle({ checkId: 'c-1', source: 'OLO', updates: 2, startAt: clock.now() }),
      ...checkLifecycle({ checkId: 'c-2', source: 'POS', updates: 1, startAt: clock.now() }),
    ];
    expect((await postEvents(first, { events })).status).toBe(202);
    await settle(first);
    const webhookIds = new Map(deliveryRows(first).map((d) => [d.event_id, d.webhook_id]));
    const posToken = first.posToken;
    await first.close();
    const failedBefore = partner.requests.length;

    partner.setMode({ kind: 'ok' });
    const second = await kit.hub({ dataDir, clock: new ManualClock(clock.now() + MINUTE) });
    expect(second.posToken).toBe(posToken);
    await settle(second);
    const delivered = partner.requests.slice(failedBefore);
    expect(delivered.map(eventIdOf).sort()).toEqual(events.map((e) => e.eventId).sort());
    for (const checkId of ['c-1', 'c-2']) {
      const arrived = delivered.filter((r) => payloadOf(r).data.check.checkId === checkId).map(eventIdOf);
      expect(arrived).toEqual(events.filter((e) => e.check.checkId === checkId).map((e) => e.eventId));
    }
    for (const request of delivered) expect(request.headers['webhook-id']).toBe(webhookIds.get(eventIdOf(request)));
    expect(deliveryRows(second).every((d) => d.state === 'delivered')).toBe(true);
  });

  it('retries a delivery left `delivering` by a crash, at once and with the same webhook-id', async () => {
    const dataDir = kit.dataDir();
    const partner = await kit.receiver({ mode: { kind: 'fail', status: 503 } });
    const clock = new ManualClock();
    const first = await kit.hub({ dataDir, clock });
    await first.service.saveSettings(settingsFor(partner.url));
    await postEvents(first, { events: checkLifecycle({ checkId: 'c-9', updates: 1, startAt: clock.now() }) });
    await settle(first);
    await first.close();

    // As if the process died mid-attempt: the head row still says `delivering`.
    const db = new Database(path.join(dataDir, 'hub.db'));
    const head = db.prepare(`SELECT id, webhook_id FROM deliveries WHERE next_attempt_at IS NOT NULL ORDER BY id LIMIT 1`).get() as { id: number; webhook_id: string };
    db.prepare(`UPDATE deliveries SET state = 'delivering', next_attempt_at = NULL WHERE id = ?`).run(head.id);
    db.close();

    partner.clear();
    partner.setMode({ kind: 'ok' });
    const second = await kit.hub({ dataDir, clock: new ManualClock(clock.now()) }); // no time passes: due at once
    await settle(second);
    expect(partner.requests[0]?.headers['webhook-id']).toBe(head.webhook_id);
    expect(partner.requests).toHaveLength(3);
    expect(deliveryRows(second).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
  });
});
