// Issue 5 (1): the hub process is SIGKILLed at random moments while a POS streams events at it.
// Every event that got a 202 must be in the outbox after each crash and be delivered in the end;
// a batch is all or nothing even when the crash cuts its request short, and resending a batch
// whose answer was lost is safe (its events come back as duplicates).
import { afterEach, describe, expect, it } from 'vitest';
import type { PosEvent } from '../../shared/event.ts';
import { startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { settingsFor } from '../support/hub-fixture.ts';
import { seededRandom } from '../support/events.ts';
import { storeEvents } from '../tools/store-stream.ts';
import { postBatch, type Batch } from '../support/post-batch.ts';
import { restartHub, saveSettings, waitUntil, withOutbox } from '../support/reliability-kit.ts';

const KILLS = 20;
const SENDERS = 3;
const SEED = Number(process.env.RELIABILITY_SEED ?? 5);


let hub: HubProcess | null = null;
let receiver: Receiver | null = null;
afterEach(async () => {
  await hub?.kill();
  await receiver?.close();
});

function storedIds(dataDir: string): Set<string> {
  return withOutbox(dataDir, (db) => new Set(db.prepare('SELECT event_id FROM events').pluck().all() as string[]));
}

/** Every acknowledged event is stored; every batch is stored whole or not at all. */
function checkOutbox(dataDir: string, batches: Batch[]): { ackLost: number; notStored: number } {
  const stored = storedIds(dataDir);
  let ackLost = 0;
  let notStored = 0;
  for (const batch of batches) {
    const present = batch.ids.filter((id) => stored.has(id)).length;
    if (batch.status === 202) expect(present, `acknowledged batch ${batch.ids[0]}… is stored`).toBe(batch.ids.length);
    else {
      expect([0, batch.ids.length], `unacknowledged batch ${batch.ids[0]}… (${batch.status}) is all or nothing`).toContain(present);
      if (present === batch.ids.length) ackLost += 1;
      else notStored += 1;
    }
  }
  return { ackLost, notStored };
}

describe('crash during ingest (real process, SIGKILL)', () => {
  it(`keeps every acknowledged event through ${KILLS} kills, never half-stores a batch, and delivers them all`, { timeout: 150_000 }, async () => {
    const random = seededRandom(SEED);
    receiver = await startTestReceiver();
    hub = await startHubProcess();
    await saveSettings(hub, settingsFor(receiver.url));
    const dataDir = hub.dataDir;
    const stream = storeEvents({ runId: `crash-${SEED}`, seed: SEED, staggerMs: 500, gapMs: 400, oloShare: 0.3 });
    const batches: Batch[] = [];
    const sent: PosEvent[] = [];
    let up = true;
    let stopped = false;
    let inFlight = 0;

    async function send(events: PosEvent[]): Promise<Batch> {
      const current = hub!;
      const ids = events.map((e) => e.eventId);
      inFlight += 1;
      try {
        return { ids, status: await postBatch(current, events) };
      } finally {
        inFlight -= 1;
      }
    }

    async function sender(): Promise<void> {
      while (!stopped) {
        if (!up) { await new Promise((resolve) => setTimeout(resolve, 10)); continue; }
        const size = random() < 0.3 ? 1 : 1 + Math.floor(random() * 40);
        const events = Array.from({ length: size }, () => stream.next().value as PosEvent);
        sent.push(...events);
        // A POS that lost its answer would resend; here it moves on, so a cut batch stays cut
        // and the all-or-nothing check below sees it.
        batches.push(await send(events));
      }
    }
    const senders = Array.from({ length: SENDERS }, () => sender());

    let kills = 0;
    for (; kills < KILLS; kills++) {
      const acceptedBefore = batches.filter((b) => b.status === 202).length;
      // Bounded kill timing: let traffic flow for a random 100–350 ms, at least one batch in.
      await new Promise((resolve) => setTimeout(resolve, 100 + random() * 250));
      await waitUntil(() => batches.filter((b) => b.status === 202).length > acceptedBefore, 10_000, () => 'no batch accepted since the last restart');
      await hub.kill();
      up = false;
      await waitUntil(() => inFlight === 0, 15_000, () => `${inFlight} requests still open after the kill`);
      checkOutbox(dataDir, batches); // straight after the crash, before anything could repair it
      hub = await restartHub(hub);
      up = true;
    }
    stopped = true;
    await Promise.all(senders);

    // The POS now resends every batch it never heard back about: safe, because eventId dedupes —
    // a batch the crash stored whole comes back as all duplicates, one it cut comes back accepted.
    const ackedDuringCrashes = batches.filter((b) => b.status === 202).reduce((n, b) => n + b.ids.length, 0);
    const storedBeforeResend = storedIds(dataDir);
    const unanswered = batches.filter((b) => b.status !== 202);
    const sentEvents = new Map<string, PosEvent>(sent.map((e) => [e.eventId, e]));
    let resentDuplicates = 0;
    for (const batch of unanswered) {
      const events = batch.ids.map((id) => sentEvents.get(id)!);
      const response = await fetch(hub.ingestUrl, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.posToken}` },
        body: JSON.stringify({ events }),
      });
      expect(response.status).toBe(202);
      const result = await response.json() as { accepted: number; duplicates: number };
      const wasStored = storedBeforeResend.has(batch.ids[0]!);
      expect(result).toEqual(wasStored ? { accepted: 0, duplicates: batch.ids.length } : { accepted: batch.ids.length, duplicates: 0 });
      resentDuplicates += result.duplicates;
      batch.status = 202;
    }

    const acked = new Set(batches.filter((b) => b.status === 202).flatMap((b) => b.ids));
    const delivered = new Set<string>();
    await waitUntil(() => {
      for (const r of receiver!.requests) {
        const id = (r.json as { data?: { eventId?: string } } | undefined)?.data?.eventId;
        if (id) delivered.add(id);
      }
      return [...acked].every((id) => delivered.has(id));
    }, 60_000, () => `${[...acked].filter((id) => !delivered.has(id)).length} of ${acked.size} acknowledged events not delivered`);
    expect(await hub.stop()).toBe(0);

    checkOutbox(dataDir, batches);
    const undelivered = withOutbox(dataDir, (db) => db.prepare(
      "SELECT COUNT(*) FROM deliveries WHERE state <> 'delivered'",
    ).pluck().get() as number);
    expect(undelivered).toBe(0);
    const otherStatuses = batches.filter((b) => b.status !== 202 && b.status !== 'network-error' && b.status !== 503);
    expect(otherStatuses.map((b) => b.status)).toEqual([]);
    console.log(`crash-during-ingest: ${kills} SIGKILLs survived; ${batches.length} batches checked (${ackedDuringCrashes} events acknowledged during the crashes, ${acked.size} after resends, all delivered); ` +
      `${unanswered.length} unanswered batches resent: ${unanswered.filter((b) => storedBeforeResend.has(b.ids[0]!)).length} had been stored whole ` +
      `(answer lost in the crash; ${resentDuplicates} events came back as duplicates), the rest accepted; ${receiver.requests.length} webhooks received`);
  });

  it('a clean stop (SIGTERM) mid-stream answers what it took: every 202 stored, the rest 503 or refused, exit 0', { timeout: 60_000 }, async () => {
    const random = seededRandom(SEED + 1);
    hub = await startHubProcess();
    const dataDir = hub.dataDir;
    const stream = storeEvents({ runId: `term-${SEED}`, seed: SEED + 1, staggerMs: 500, gapMs: 400 });
    const batches: Batch[] = [];
    for (let stop = 0; stop < 2; stop++) {
      const current = hub;
      let stopping = false;
      const senders = Array.from({ length: SENDERS }, async () => {
        while (!stopping || batches.length === 0) {
          const events = Array.from({ length: 1 + Math.floor(random() * 40) }, () => stream.next().value as PosEvent);
          const ids = events.map((e) => e.eventId);
          try {
            const response = await fetch(current.ingestUrl, {
              method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${current.posToken}` },
              body: JSON.stringify({ events }), signal: AbortSignal.timeout(10_000),
            });
            await response.arrayBuffer();
            batches.push({ ids, status: response.status });
          } catch {
            batches.push({ ids, status: 'network-error' });
            return; // the listener is gone
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 200 + random() * 300));
      stopping = true;
      expect(await current.stop()).toBe(0);
      await Promise.all(senders);
      checkOutbox(dataDir, batches);
      hub = await restartHub(current);
    }
    const statuses = new Set(batches.map((b) => b.status));
    expect([...statuses].filter((s) => s !== 202 && s !== 503 && s !== 'network-error')).toEqual([]);
    console.log(`crash-during-ingest/SIGTERM: 2 clean stops mid-stream; ${batches.length} batches checked ` +
      `(${batches.filter((b) => b.status === 202).length} acknowledged, ${batches.filter((b) => b.status === 503).length} answered 503)`);
  });
});
