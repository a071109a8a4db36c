// Issue 5 (2): the hub process is SIGKILLed while webhooks are in flight to a slow partner. After
// each restart every accepted event still reaches the partner; the only duplicates are attempts
// that were in flight at a crash (same webhook-id, so the partner can dedupe); and the first
// arrivals of each check's events keep the order the POS sent them in.
import { afterEach, describe, expect, it } from 'vitest';
import type { PosEvent } from '../../shared/event.ts';
import { startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { startTestReceiver, type RecordedRequest, type Receiver } from '../support/test-receiver.ts';
import { settingsFor } from '../support/hub-fixture.ts';
import { storeEvents } from '../tools/store-stream.ts';
import { restartHub, saveSettings, waitUntil, withOutbox } from '../support/reliability-kit.ts';

const CHECKS = 90;
const KILLS = 5;

let hub: HubProcess | null = null;
let receiver: Receiver | null = null;
afterEach(async () => {
  await hub?.kill();
  await receiver?.close();
});

interface Arrival { webhookId: string; eventId: string; checkId: string; occurredAt: string; index: number }

function arrivalOf(request: RecordedRequest): Arrival {
  const data = (request.json as { data: { eventId: string; occurredAt: string; check: { checkId: string } } }).data;
  return { webhookId: request.headers['webhook-id']!, eventId: data.eventId, checkId: data.check.checkId, occurredAt: data.occurredAt, index: request.index };
}

const deliveredIds = (dataDir: string) => withOutbox(dataDir, (db) => new Set(
  db.prepare("SELECT webhook_id FROM deliveries WHERE state = 'delivered'").pluck().all() as string[],
));

describe('crash during delivery (real process, SIGKILL with webhooks in flight)', () => {
  it('delivers every event at least once, duplicates only what was in flight, per-check order kept', { timeout: 120_000 }, async () => {
    // 80–250 ms per answer: at any moment a few dozen attempts are in flight.
    let n = 0;
    receiver = await startTestReceiver({ mode: () => ({ kind: 'ok', delayMs: 80 + ((n++ * 37) % 170) }) });
    hub = await startHubProcess();
    await saveSettings(hub, settingsFor(receiver.url));
    const dataDir = hub.dataDir;

    // The POS sends in order, in batches: every check's events are accepted in POS order.
    const events = [...storeEvents({ runId: 'inflight', seed: 7, checks: CHECKS, staggerMs: 300, gapMs: 500 })];
    for (let i = 0; i < events.length; i += 50) {
      const batch: PosEvent[] = events.slice(i, i + 50);
      const response = await fetch(hub.ingestUrl, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.posToken}` },
        body: JSON.stringify({ events: batch }),
      });
      expect(response.status).toBe(202);
    }

    const mayRepeat = new Set<string>(); // received by the partner, not yet recorded when the hub died
    let kills = 0;
    for (let k = 0; k < KILLS; k++) {
      const seen = receiver.requests.length;
      await waitUntil(() => receiver!.requests.length >= seen + 25, 20_000, () => `deliveries stalled at ${receiver!.requests.length}`);
      await hub.kill();
      kills += 1;
      const recorded = deliveredIds(dataDir);
      for (const r of receiver.requests) {
        const id = r.headers['webhook-id']!;
        if (!recorded.has(id)) mayRepeat.add(id);
      }
      if (k === Math.floor(KILLS / 2)) {
        // One clean stop in the middle: in-flight attempts finish (or go back to the queue), so
        // nothing the partner has seen is left unrecorded.
        hub = await restartHub(hub);
        await waitUntil(() => receiver!.requests.length >= seen + 40, 20_000, () => 'no deliveries after restart');
        expect(await hub.stop()).toBe(0);
        const afterStop = deliveredIds(dataDir);
        const unrecorded = receiver.requests.filter((r) => !afterStop.has(r.headers['webhook-id']!) && !mayRepeat.has(r.headers['webhook-id']!));
        expect(unrecorded.map((r) => r.headers['webhook-id']), 'SIGTERM: every answered attempt was recorded').toEqual([]);
        expect(withOutbox(dataDir, (db) => db.prepare("SELECT COUNT(*) FROM deliveries WHERE state = 'delivering'").pluck().get())).toBe(0);
      }
      hub = await restartHub(hub);
    }

    const total = events.length;
    await waitUntil(() => new Set(receiver!.requests.map((r) => r.headers['webhook-id'])).size >= total, 60_000,
      () => `${new Set(receiver!.requests.map((r) => r.headers['webhook-id'])).size} of ${total} deliveries arrived`);
    expect(await hub.stop()).toBe(0);

    const states = withOutbox(dataDir, (db) => db.prepare('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all());
    expect(states).toEqual([{ state: 'delivered', n: total }]);

    const arrivals = receiver.requests.map(arrivalOf);
    const byWebhook = new Map<string, number>();
    for (const a of arrivals) byWebhook.set(a.webhookId, (byWebhook.get(a.webhookId) ?? 0) + 1);
    const duplicated = [...byWebhook].filter(([, count]) => count > 1).map(([id]) => id);
    expect(duplicated.filter((id) => !mayRepeat.has(id)), 'duplicates that were not in flight at a crash').toEqual([]);
    expect(new Set(arrivals.map((a) => a.eventId))).toEqual(new Set(events.map((e) => e.eventId)));

    // Per-check order of first arrivals = the POS order (occurredAt increases within a check).
    const first = new Map<string, Arrival>();
    for (const a of arrivals) if (!first.has(a.webhookId)) first.set(a.webhookId, a);
    const perCheck = new Map<string, Arrival[]>();
    for (const a of [...first.values()].sort((x, y) => x.index - y.index)) perCheck.set(a.checkId, [...(perCheck.get(a.checkId) ?? []), a]);
    const expected = new Map<string, string[]>();
    for (const e of events) expected.set(e.check.checkId, [...(expected.get(e.check.checkId) ?? []), e.eventId]);
    for (const [checkId, list] of perCheck) expect(list.map((a) => a.eventId), `order of check ${checkId}`).toEqual(expected.get(checkId));

    console.log(`crash-during-delivery: ${kills} SIGKILLs + 1 SIGTERM with webhooks in flight; ${total} events over ${CHECKS} checks all delivered; ` +
      `${arrivals.length} requests, ${duplicated.length} webhook-ids delivered more than once (${arrivals.length - total} extra requests), ` +
      `all among the ${mayRepeat.size} in flight at a crash; per-check order held for ${perCheck.size} checks`);
  });
});
