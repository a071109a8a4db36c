// A data folder with a month and more of delivered history, for retention to prune while the
// power goes: written by the hub itself (in-process, its clock set back), so the rows are exactly
// what a real hub leaves behind whatever the schema, and delivered to the partner for real.
import type { PosEvent } from '../../../shared/event.ts';
import { ManualClock, postEvents, settingsFor, settle, startTestHub } from '../../support/hub-fixture.ts';
import { storeEvents } from '../../tools/store-stream.ts';

const DAY_MS = 86_400_000;
const BATCH = 500;

/** Writes `events` delivered events, `daysAgo` old, into `dataDir`; returns how many deliveries that made. */
export async function writeOldHistory(dataDir: string, partnerUrl: string, events: number, daysAgo = 40): Promise<number> {
  const clock = new ManualClock(Date.now() - daysAgo * DAY_MS);
  const hub = await startTestHub({ dataDir, clock });
  try {
    await hub.service.saveSettings(settingsFor(partnerUrl));
    const stream = storeEvents({ runId: 'history', seed: 7, startAt: clock.now(), staggerMs: 100, gapMs: 100 });
    for (let sent = 0; sent < events; sent += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, events - sent) }, () => stream.next().value as PosEvent);
      const answer = await postEvents(hub, { events: batch });
      if (answer.status !== 202) throw new Error(`history: ingest answered ${answer.status}`);
      await settle(hub, 500);
    }
    const waiting = hub.internals.db.prepare("SELECT COUNT(*) FROM deliveries WHERE state <> 'delivered'").pluck().get() as number;
    if (waiting > 0) throw new Error(`history: ${waiting} deliveries were not delivered`);
    return hub.internals.db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get() as number;
  } finally {
    await hub.close();
  }
}
