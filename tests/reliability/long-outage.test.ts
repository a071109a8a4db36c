// Issue 5 (3): the partner is down for a simulated 72 hours (in-process hub, ManualClock, real
// HTTP to a failing receiver). The queue holds, the endpoint is probed on its own backoff instead
// of every delivery retrying, everything goes `dead` at maxAgeHours and not before, and the CPU
// idles between probes. When the partner comes back within the window the backlog drains at once,
// in per-check order.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, postEvents, settingsFor, startTestHub, type TestHub } from '../support/hub-fixture.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { attemptCount, drain, nextWorkAt, runClock } from '../support/manual-drive.ts';
import { storeEvents } from '../tools/store-stream.ts';
import type { PosEvent } from '../../shared/event.ts';

const HOUR = 3_600_000;
const CHECKS = 25;

let hub: TestHub | null = null;
let receiver: Receiver | null = null;
afterEach(async () => {
  await hub?.close();
  await receiver?.close();
});

async function setUp(clock: ManualClock): Promise<{ hub: TestHub; receiver: Receiver; events: PosEvent[] }> {
  receiver = await startTestReceiver({ mode: { kind: 'fail', status: 503 } });
  hub = await startTestHub({ clock });
  await hub.service.saveSettings(settingsFor(receiver.url));
  const events = [...storeEvents({ runId: 'outage', seed: 11, checks: CHECKS, startAt: clock.ms, staggerMs: 20_000, gapMs: 30_000 })];
  for (let i = 0; i < events.length; i += 100) {
    const answer = await postEvents(hub, { events: events.slice(i, i + 100) });
    expect(answer.status).toBe(202);
  }
  return { hub, receiver, events };
}

const stateCounts = (h: TestHub) => Object.fromEntries(
  (h.internals.db.prepare('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
);

/** Still queued (pending behind an earlier delivery of the check, or retrying) vs anything else. */
function waiting(h: TestHub): { waiting: number; other: number } {
  const counts = stateCounts(h);
  const queued = (counts.pending ?? 0) + (counts.retrying ?? 0);
  return { waiting: queued, other: Object.values(counts).reduce((a, b) => a + b, 0) - queued };
}

describe('a partner down for 72 simulated hours', () => {
  it('holds the queue, probes instead of storming, goes dead at maxAgeHours, idles the CPU', { timeout: 60_000 }, async () => {
    const clock = new ManualClock();
    const start = clock.ms;
    const { hub, receiver, events } = await setUp(clock);
    const total = events.length;

    await runClock(hub, clock, start + 10 * HOUR);
    // CPU idle between attempts: with the next probe minutes away (simulated time frozen), the
    // dispatcher sleeps until then instead of polling the due-but-backed-off deliveries.
    const next = nextWorkAt(hub)!;
    expect(next - clock.ms).toBeGreaterThan(60_000);
    const attemptsBefore = attemptCount(hub);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = performance.now() - wallBefore;
    expect(attemptCount(hub)).toBe(attemptsBefore);
    expect(cpuMs, `CPU used in ${Math.round(wallMs)} ms of idle waiting`).toBeLessThan(250);

    await runClock(hub, clock, start + 72 * HOUR - 60_000);
    expect(waiting(hub), 'nothing dead or lost a minute before 72 h').toEqual({ waiting: total, other: 0 });
    const attemptsIn72h = attemptCount(hub);
    // Each endpoint (hook) is probed on its own backoff: 2 s doubling, capped under an hour
    // (≈ 12 ramp-up probes + one per ≤ 45 min ⇒ ≈ 110 per endpoint in 72 h). Retrying every
    // delivery on its own schedule would be ≈ total × 100. Only hooks holding the head of some
    // check have anything due (here every check starts with check.opened → the open hook).
    const probed = new Set(receiver.requests.map((r) => r.path)).size;
    const perHookBound = 12 + (72 * 60) / 30;
    expect(attemptsIn72h).toBeLessThanOrEqual(probed * perHookBound);
    expect(attemptsIn72h).toBeGreaterThanOrEqual(probed * 72); // still probing at least hourly, not stuck
    expect(receiver.requests.length).toBe(attemptsIn72h);

    await runClock(hub, clock, start + 72 * HOUR + 20_000);
    clock.advance(20_000); // past the next give-up sweep
    await drain(hub);
    expect(stateCounts(hub), 'all dead after 72 h, kept for re-send').toEqual({ dead: total });
    const stats = await hub.service.getStats();
    expect(stats.queueDepth).toBe(0);
    expect(stats.counts.dead).toBe(total);
    console.log(`long-outage: ${total} deliveries held 72 simulated hours with ${attemptsIn72h} attempts in total ` +
      `to ${probed} endpoint(s) (≤ ${probed * perHookBound} allowed; per-delivery retries would be ~${total * 100}); ${cpuMs.toFixed(0)} ms CPU in ${Math.round(wallMs)} ms idle; all dead at 72 h`);
  });

  it('drains the backlog in per-check order when the partner returns within the window', { timeout: 60_000 }, async () => {
    const clock = new ManualClock();
    const start = clock.ms;
    const { hub, receiver, events } = await setUp(clock);
    const total = events.length;

    await runClock(hub, clock, start + 30 * HOUR);
    const failedAttempts = attemptCount(hub);
    expect(waiting(hub)).toEqual({ waiting: total, other: 0 });
    receiver.setMode({ kind: 'ok' });
    receiver.clear();
    const back = clock.ms;
    const steps = await runClock(hub, clock, start + 72 * HOUR, () => (stateCounts(hub).delivered ?? 0) === total);
    expect(stateCounts(hub)).toEqual({ delivered: total });
    // Each hook's next probe is at most ~45 min away; its success drains that hook at once.
    expect(clock.ms - back).toBeLessThanOrEqual(HOUR);

    const firstArrival = new Map<string, string>();
    const perCheck = new Map<string, string[]>();
    for (const r of receiver.requests) {
      const data = (r.json as { data: { eventId: string; check: { checkId: string } } }).data;
      if (firstArrival.has(r.headers['webhook-id']!)) continue;
      firstArrival.set(r.headers['webhook-id']!, data.eventId);
      perCheck.set(data.check.checkId, [...(perCheck.get(data.check.checkId) ?? []), data.eventId]);
    }
    for (const event of events) expect(perCheck.get(event.check.checkId)).toContain(event.eventId);
    for (const [checkId, ids] of perCheck) {
      expect(ids, `check ${checkId}`).toEqual(events.filter((e) => e.check.checkId === checkId).map((e) => e.eventId));
    }
    console.log(`long-outage/recovery: ${total} deliveries waited 30 simulated hours (${failedAttempts} failed probes), drained ` +
      `${Math.round((clock.ms - back) / 60_000)} simulated min after the partner returned, in ${steps} clock steps; per-check order held for ${perCheck.size} checks`);
  });
});
