// The dashboard's counts are kept, not counted (a million rows must not be counted per refresh):
// inserts are tallied by the code that queues them, state changes and deletions by triggers. After
// every kind of write — ingest for several partners, failures, retries, re-sends, bulk re-send,
// backfill, cancelling, removal, retention — the kept counts equal a real count of the rows.
import { describe, expect, it } from 'vitest';
import { ManualClock, postEvents, settle, settingsFor } from '../support/hub-fixture.ts';
import { checkLifecycle } from '../support/events.ts';
import { modeSequence } from '../support/test-receiver.ts';
import { useHubs, type DeliveryRowView } from './hub-kit.ts';
import type { TestHub } from '../support/hub-fixture.ts';

const kit = useHubs();
const DAY = 86_400_000;

function expectCountsTrue(hub: TestHub) {
  const kept = hub.internals.db.prepare('SELECT partner_id, hook, state, n FROM state_counts WHERE n <> 0 ORDER BY 1, 2, 3').all();
  const real = hub.internals.db.prepare('SELECT partner_id, hook, state, COUNT(*) AS n FROM deliveries GROUP BY 1, 2, 3 ORDER BY 1, 2, 3').all();
  expect(kept).toEqual(real);
}

describe('kept counts', () => {
  it('equal a real count after every kind of write', async () => {
    const clock = new ManualClock();
    const partner = await kit.receiver({ mode: modeSequence({ kind: 'fail', status: 400 }, { kind: 'fail', status: 503 }, { kind: 'ok' }) });
    const hub = await kit.hub({ clock });
    await hub.service.saveSettings(settingsFor(partner.url));
    const second = await hub.service.addPartner({ name: 'Second', ...settingsFor(partner.url) });
    for (const checkId of ['c-1', 'c-2', 'c-3']) await postEvents(hub, { events: checkLifecycle({ checkId, source: 'OLO', updates: 1, startAt: clock.now() }) });
    await settle(hub);
    expectCountsTrue(hub);
    clock.advance(60 * 60_000);
    await settle(hub);
    const failed = (await hub.service.listDeliveries({ state: 'failed', limit: 10 })).items[0]!;
    await hub.service.resendDelivery(failed.id);
    await hub.service.resendBulk({ since: new Date(0).toISOString(), until: new Date(clock.now() + DAY).toISOString() });
    const third = await hub.service.addPartner({ name: 'Third', ...settingsFor(partner.url) });
    await hub.service.backfillPartner(third.id, { since: new Date(clock.now() - DAY).toISOString() });
    await hub.service.saveSettings(settingsFor(partner.url, { hooks: { ...settingsFor(partner.url).hooks, close: { url: `${partner.url}/close`, enabled: false } } }));
    expectCountsTrue(hub);
    await settle(hub);
    await hub.service.removePartner(second.id);
    expectCountsTrue(hub);
    clock.advance(40 * DAY);
    while (hub.internals.pruneOnce() > 0) { /* prune all */ }
    expectCountsTrue(hub);
    const rows = hub.internals.db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get() as number;
    expect(rows).toBeGreaterThan(0);
  });
});
