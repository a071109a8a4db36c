// Delivery rules (contract §4): retry on 5xx, timeouts and resets; give up at once on 4xx and 3xx
// (redirects never followed); honour Retry-After; after retry.maxAgeHours the delivery is dead.
// Backoff is driven by the manual clock: no test waits for a retry delay.
import { describe, expect, it } from 'vitest';
import { ManualClock, postEvents, settle } from '../support/hub-fixture.ts';
import { makeEvent } from '../support/events.ts';
import { modeSequence, type ReceiverMode } from '../support/test-receiver.ts';
import { deliveryRows, useHubs } from './hub-kit.ts';

const kit = useHubs();
const HOUR = 3_600_000;

async function oneDelivery(modes: ReceiverMode[], options: { timeoutMs?: number; maxAgeHours?: number } = {}) {
  const clock = new ManualClock();
  const { hub, partner } = await kit.hubWithPartner(
    { clock, delivery: options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs } },
    options.maxAgeHours === undefined ? {} : { retry: { maxAgeHours: options.maxAgeHours } },
    { mode: modeSequence(...modes) },
  );
  expect((await postEvents(hub, makeEvent())).status).toBe(202);
  await settle(hub);
  const row = () => deliveryRows(hub)[0]!;
  const detail = async () => hub.service.getDelivery(row().id);
  return { clock, hub, partner, row, detail };
}

describe('retry rules', () => {
  for (const [name, mode] of [
    ['HTTP 500', { kind: 'fail', status: 500 }],
    ['HTTP 503', { kind: 'fail', status: 503 }],
    ['HTTP 429', { kind: 'fail', status: 429 }],
    ['HTTP 408', { kind: 'fail', status: 408 }],
    ['a connection reset', { kind: 'reset' }],
  ] as [string, ReceiverMode][]) {
    it(`retries after ${name} and delivers once the partner answers`, async () => {
      const { clock, hub, partner, row, detail } = await oneDelivery([mode, { kind: 'ok' }]);
      expect(partner.requests).toHaveLength(1);
      expect(row().state).toBe('retrying');
      expect(row().next_attempt_at).toBeGreaterThan(clock.now());
      expect(row().next_attempt_at).toBeLessThanOrEqual(clock.now() + 10_000); // first retry within seconds
      await settle(hub);
      expect(partner.requests).toHaveLength(1); // not before its time
      clock.advance(10_000);
      await settle(hub);
      expect(partner.requests).toHaveLength(2);
      expect(row().state).toBe('delivered');
      const attempts = (await detail()).attemptLog;
      expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'delivered']);
      expect(attempts[0]!.error).toBeTruthy();
    });
  }

  it('retries after a timeout (the partner never answers)', async () => {
    const { clock, hub, partner, row, detail } = await oneDelivery([{ kind: 'hang' }, { kind: 'ok' }], { timeoutMs: 500 });
    expect(partner.requests).toHaveLength(1);
    expect(row().state).toBe('retrying');
    expect((await detail()).attemptLog[0]?.error).toMatch(/timeout/i);
    clock.advance(10_000);
    await settle(hub);
    expect(row().state).toBe('delivered');
    expect(partner.requests).toHaveLength(2);
  });

  it('a 400 fails at once after one attempt', async () => {
    const { clock, hub, partner, row, detail } = await oneDelivery([{ kind: 'fail', status: 400, body: 'missing field table' }]);
    expect(row().state).toBe('failed');
    expect(row().next_attempt_at).toBeNull();
    clock.advance(2 * HOUR);
    await settle(hub);
    expect(partner.requests).toHaveLength(1);
    const [attempt] = (await detail()).attemptLog;
    expect(attempt).toMatchObject({ status: 400, outcome: 'failed', responseBody: 'missing field table' });
  });

  it('a redirect is not followed and fails the delivery', async () => {
    const elsewhere = await kit.receiver();
    const { clock, hub, partner, row, detail } = await oneDelivery([{ kind: 'redirect', location: `${elsewhere.url}/moved`, status: 307 }]);
    expect(row().state).toBe('failed');
    clock.advance(2 * HOUR);
    await settle(hub);
    expect(partner.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
    expect((await detail()).attemptLog[0]?.status).toBe(307);
  });

  it('410 Gone fails the delivery and flags the endpoint as "partner asked to stop"', async () => {
    const { hub, partner, row } = await oneDelivery([{ kind: 'fail', status: 410 }]);
    expect(row().state).toBe('failed');
    expect(partner.requests).toHaveLength(1);
    const update = (await hub.service.getStats()).endpoints.find((e) => e.hook === 'update');
    expect(update?.status).toBe('stopped');
    expect(update?.goneAt).not.toBeNull();
  });

  it('honours Retry-After: no attempt before it, one right after', async () => {
    const { clock, hub, partner, row } = await oneDelivery([{ kind: 'fail', status: 503, retryAfter: '120' }, { kind: 'ok' }]);
    const failedAt = clock.now();
    expect(row().state).toBe('retrying');
    expect(row().next_attempt_at).toBeGreaterThanOrEqual(failedAt + 120_000);
    clock.advance(119_000);
    await settle(hub);
    expect(partner.requests).toHaveLength(1);
    clock.advance(1_000);
    await settle(hub);
    expect(partner.requests).toHaveLength(2);
    expect(row().state).toBe('delivered');
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const clock = new ManualClock();
    const at = new Date(clock.now() + 10 * 60_000).toUTCString();
    const { hub, partner } = await kit.hubWithPartner({ clock }, {}, { mode: modeSequence({ kind: 'fail', status: 429, retryAfter: at }, { kind: 'ok' }) });
    await postEvents(hub, makeEvent());
    await settle(hub);
    expect(deliveryRows(hub)[0]!.next_attempt_at).toBeGreaterThanOrEqual(Date.parse(at));
    clock.advance(9 * 60_000);
    await settle(hub);
    expect(partner.requests).toHaveLength(1);
  });

  it('gives up after retry.maxAgeHours: dead, kept in the log, and re-sendable', async () => {
    const { clock, hub, partner, row } = await oneDelivery([{ kind: 'fail', status: 500 }], { maxAgeHours: 2 });
    for (let i = 0; i < 3 && row().state === 'retrying'; i++) {
      clock.advance(HOUR);
      await settle(hub);
    }
    expect(row().state).toBe('dead');
    expect(row().next_attempt_at).toBeNull();
    const attemptsWhenDead = partner.requests.length;
    clock.advance(10 * HOUR);
    await settle(hub);
    expect(partner.requests).toHaveLength(attemptsWhenDead);
    expect((await hub.service.listDeliveries({ state: 'dead' })).items).toHaveLength(1);

    partner.setMode({ kind: 'ok' });
    const copy = await hub.service.resendDelivery(row().id);
    await settle(hub);
    expect((await hub.service.getDelivery(copy.id)).state).toBe('delivered');
  });

  it('keeps retrying through a long outage (72 h by default) and is not dead before', async () => {
    const { clock, hub, row } = await oneDelivery([{ kind: 'fail', status: 500 }]);
    for (let hours = 0; hours < 71; hours++) {
      clock.advance(HOUR);
      await settle(hub);
    }
    expect(row().state).toBe('retrying');
    clock.advance(2 * HOUR);
    await settle(hub);
    expect(row().state).toBe('dead');
  });

  it('gives up on a backlog larger than one sweep batch in one go, not 1,000 every 10 s', async () => {
    const clock = new ManualClock();
    const { hub, partner } = await kit.hubWithPartner({ clock }, { retry: { maxAgeHours: 1 } }, { mode: { kind: 'fail', status: 503 } });
    for (let batch = 0; batch < 3; batch++) {
      const events = Array.from({ length: 500 }, (_, i) => makeEvent({ eventId: `big-${batch}-${i}`, type: 'check.updated', check: { checkId: `c-${batch}-${i}` } }));
      expect((await postEvents(hub, { events })).status).toBe(202);
    }
    await settle(hub);
    clock.advance(2 * HOUR);
    await settle(hub);
    expect(partner.requests.length).toBeLessThan(50); // the endpoint is backed off as a whole
    const dead = hub.internals.db.prepare("SELECT COUNT(*) FROM deliveries WHERE state = 'dead'").pluck().get();
    expect(dead).toBe(1500);
  });
});
