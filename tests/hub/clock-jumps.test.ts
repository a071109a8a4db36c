// The store PC's clock jumps while the hub runs: NTP sets a wrong clock right, a PC with a flat CMOS
// battery boots in the past and is corrected minutes later, a PC wakes from sleep. Orders must
// neither wait the jump out nor be given up because of it. A manual wall clock and a manual
// monotonic clock, so a jump is exactly what the test says; real SQLite and real HTTP.
import { describe, expect, it } from 'vitest';
import { watchClockJumps } from '../../electron/hub/clock-jumps.ts';
import { ManualClock, postEvents, settle, type TestHub } from '../support/hub-fixture.ts';
import { SHIFT_RANGE, createClockShift } from '../../electron/hub/outbox/clock-shift.ts';
import { makeEvent } from '../support/events.ts';
import { modeSequence } from '../support/test-receiver.ts';
import { monitoringFor } from './monitoring-kit.ts';
import { deliveryRows, useHubs } from './hub-kit.ts';

const kit = useHubs();
const HOUR = 3_600_000;

/** A wall clock that can jump and a monotonic one that never does; `pass` moves both. */
function clocks() {
  const wall = new ManualClock();
  let monotonicMs = 0;
  return {
    wall,
    monotonic: () => monotonicMs,
    pass(ms: number) { wall.advance(ms); monotonicMs += ms; },
  };
}

/** The hub compares its clocks now (its timer does every second) and has moved the outbox for any jump. */
async function clockChecked(hub: TestHub) {
  hub.internals.checkClock!();
  await hub.internals.clockShifted();
}

const opened = (checkId: string) => makeEvent({ type: 'check.opened', source: 'OLO', check: { checkId, checkNumber: checkId.slice(2) } });

describe('watchClockJumps', () => {
  it('tells a jump either way by the monotonic clock, and nothing for time that passes or a drift under the threshold', () => {
    const time = clocks();
    const jumps: number[] = [];
    const watch = watchClockJumps({ now: time.wall.now, monotonic: time.monotonic, onJump: (d) => jumps.push(d) });
    try {
      time.pass(5_000); // a stalled event loop: both clocks moved
      watch.check();
      time.wall.advance(1_500); // an NTP step under the threshold
      watch.check();
      time.wall.advance(-HOUR);
      watch.check();
      time.pass(1_000);
      time.wall.advance(3 * 24 * HOUR);
      watch.check();
      watch.check();
      expect(jumps).toEqual([-HOUR, 3 * 24 * HOUR]);
    } finally {
      watch.stop();
    }
  });
});

describe('createClockShift', () => {
  it('moves a big outbox a range per transaction with the event loop free between, one jump after another', async () => {
    const calls: string[] = [];
    let turns = 0;
    const ticker = setInterval(() => { turns += 1; }, 0);
    const shift = createClockShift({
      idsToShift: () => ({ from: 10, to: 10 + 2 * SHIFT_RANGE + 5 }),
      shiftForClockJump: (delta, from, to) => { calls.push(`${delta}:${from}-${to}@${turns}`); return to - from; },
    });
    const first = shift.jumped(-HOUR);
    const second = shift.jumped(HOUR);
    expect(shift.busy()).toBe(true);
    expect(await first).toBe(2 * SHIFT_RANGE + 5);
    expect(await second).toBe(2 * SHIFT_RANGE + 5);
    await shift.idle();
    clearInterval(ticker);
    expect(shift.busy()).toBe(false);
    const ranges = calls.map((c) => c.split('@')[0]);
    const a = 10, b = 10 + SHIFT_RANGE, c = 10 + 2 * SHIFT_RANGE, end = c + 5;
    expect(ranges).toEqual([`${-HOUR}:${a}-${b}`, `${-HOUR}:${b}-${c}`, `${-HOUR}:${c}-${end}`, `${HOUR}:${a}-${b}`, `${HOUR}:${b}-${c}`, `${HOUR}:${c}-${end}`]);
    const turnOf = calls.map((call) => Number(call.split('@')[1]));
    expect(new Set(turnOf).size).toBeGreaterThan(1); // not all in one turn of the event loop
  });
});

describe('the hub when the clock jumps', () => {
  it('set back an hour while a delivery waits for its retry: it goes when it was due, not an hour later; new orders go at once', async () => {
    const time = clocks();
    const { hub, partner } = await kit.hubWithPartner({ clock: time.wall, monotonic: time.monotonic }, {}, { mode: modeSequence({ kind: 'fail', status: 503 }, { kind: 'ok' }) });
    await postEvents(hub, opened('c-101'));
    await settle(hub);
    const [waiting] = deliveryRows(hub);
    expect(waiting!.state).toBe('retrying');
    const dueIn = waiting!.next_attempt_at! - time.wall.now();
    expect(dueIn).toBeLessThan(60_000);

    time.wall.advance(-HOUR);
    await clockChecked(hub);
    await postEvents(hub, opened('c-102'));
    time.pass(dueIn + 1_000); // the retry's own wait, in real time
    await settle(hub);
    expect(deliveryRows(hub).map((d) => d.state)).toEqual(['delivered', 'delivered']);
    expect(partner.requests).toHaveLength(3);
    // With nothing waiting, a jump has no range of the outbox to walk.
    const { from, to } = hub.internals.deliveries.idsToShift();
    expect(from).toBe(to);
  });

  it('set forward past the retry limit: nothing is given up for the jump, and the order is delivered once the partner answers', async () => {
    const time = clocks();
    const { hub, partner } = await kit.hubWithPartner({ clock: time.wall, monotonic: time.monotonic }, { retry: { maxAgeHours: 1 } }, { mode: { kind: 'fail', status: 503 } });
    await postEvents(hub, opened('c-201'));
    await settle(hub);
    expect(deliveryRows(hub)[0]!.state).toBe('retrying');

    time.wall.advance(3 * HOUR); // e.g. a PC that booted in the past is set right
    await clockChecked(hub);
    time.pass(11_000); // the give-up sweep's next round
    await settle(hub);
    expect(deliveryRows(hub)[0]!.state).toBe('retrying');

    partner.setMode({ kind: 'ok' });
    time.pass(HOUR - 60_000); // the endpoint's next probe; still within the hour it may wait
    await settle(hub);
    expect(deliveryRows(hub)[0]!.state).toBe('delivered');
  });

  it('set forward while an attempt is in flight: its failure is retried, not given up for the jump', async () => {
    const time = clocks();
    const { hub, partner } = await kit.hubWithPartner({ clock: time.wall, monotonic: time.monotonic, delivery: { timeoutMs: 300 } }, { retry: { maxAgeHours: 1 } }, { mode: { kind: 'hang' } });
    await postEvents(hub, opened('c-251'));
    await partner.waitFor(1);
    time.wall.advance(3 * HOUR);
    await clockChecked(hub);
    await hub.internals.dispatcher.whenIdle(); // the attempt times out after the jump
    expect(deliveryRows(hub)[0]!.state).toBe('retrying');
  });

  it('the retry limit still counts time that really passes', async () => {
    const time = clocks();
    const { hub } = await kit.hubWithPartner({ clock: time.wall, monotonic: time.monotonic }, { retry: { maxAgeHours: 1 } }, { mode: { kind: 'fail', status: 503 } });
    await postEvents(hub, opened('c-301'));
    await settle(hub);
    for (let minute = 0; minute < 70; minute++) {
      time.pass(60_000);
      await clockChecked(hub);
      await settle(hub);
    }
    expect(deliveryRows(hub)[0]!.state).toBe('dead');
  });

  it('started with the clock a day behind the outbox (set back while stopped, a flat clock battery): waiting deliveries keep their schedule from now', async () => {
    const dataDir = kit.dataDir();
    const before = clocks();
    const { hub, partner } = await kit.hubWithPartner({ dataDir, clock: before.wall, monotonic: before.monotonic }, {}, { mode: modeSequence({ kind: 'fail', status: 503 }, { kind: 'ok' }) });
    await postEvents(hub, opened('c-401'));
    await settle(hub);
    const [waiting] = deliveryRows(hub);
    expect(waiting!.state).toBe('retrying');
    const dueIn = waiting!.next_attempt_at! - before.wall.now();
    await hub.close();

    const after = clocks();
    after.wall.ms = before.wall.ms - 24 * HOUR;
    const restarted = await kit.hub({ dataDir, clock: after.wall, monotonic: after.monotonic });
    await restarted.internals.clockShifted();
    after.pass(dueIn + 1_000);
    await settle(restarted);
    expect(deliveryRows(restarted)[0]!.state).toBe('delivered');
    expect(partner.requests).toHaveLength(2);
  });

  it('set back an hour: head office still gets the next heartbeat one interval later', async () => {
    const time = clocks();
    const hub = await kit.hub({ clock: time.wall, monotonic: time.monotonic });
    const headOffice = await kit.receiver();
    await hub.service.saveMonitoring(monitoringFor(headOffice.url, { intervalSeconds: 30 }));
    await headOffice.waitFor(1);

    time.wall.advance(-HOUR);
    await clockChecked(hub);
    time.pass(30_000);
    await hub.internals.monitoring.tick();
    await headOffice.waitFor(2);
    expect(headOffice.requests).toHaveLength(2);
  });
});
