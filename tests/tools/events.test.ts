// The event factory only helps if what it makes is what a real POS sends: valid and in order.
import { describe, it, expect } from 'vitest';
import { posEventSchema, type PosEvent } from '../../shared/event.ts';
import { checkLifecycle, eventOfSize, makeEvent } from '../support/events.ts';
import { storeEvents } from './store-stream.ts';

function expectValid(event: PosEvent): void {
  const result = posEventSchema.safeParse(event);
  expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
}

describe('checkLifecycle', () => {
  it('tells a check from opened through updates to closed, every event valid', () => {
    for (const source of ['POS', 'OLO'] as const) {
      for (let n = 0; n < 50; n++) {
        const events = checkLifecycle({ checkId: `c-${source}-${n}`, checkNumber: String(n + 1), source, storeId: 'store-042', startAt: '2026-11-27T18:00:00Z' });
        events.forEach(expectValid);
        expect(events[0]?.type).toBe('check.opened');
        expect(events.at(-1)?.type).toBe('check.closed');
        expect(events.slice(1, -1).every((e) => e.type === 'check.updated')).toBe(true);
        expect(events.length).toBeGreaterThanOrEqual(3);
        expect(events.every((e) => e.source === source && e.storeId === 'store-042')).toBe(true);
      }
    }
  });

  it('keeps money in integer cents that add up, and closes with payment and tip', () => {
    const events = checkLifecycle({ checkId: 'c-7781', source: 'POS', updates: 4 });
    for (const { check } of events) {
      expect(Number.isInteger(check.total)).toBe(true);
      expect(check.total).toBe((check.subtotal ?? 0) - (check.discounts ?? 0) + (check.tax ?? 0));
    }
    const closed = events.at(-1)?.check;
    expect(closed?.status).toBe('CLOSED');
    expect(closed?.closedAt).toEqual(events.at(-1)?.occurredAt);
    expect(closed?.payments?.[0]?.amount).toBe(closed?.total);
    expect(closed?.tip).toBeGreaterThan(0);
    const itemsAdded = events.flatMap((e) => e.changes ?? []).filter((c) => c.kind === 'ITEM_ADDED');
    expect(itemsAdded.length).toBeGreaterThan(0);
  });

  it('gives unique, ordered ids and strictly increasing RFC 3339 times', () => {
    const events = checkLifecycle({ checkId: 'c-9', source: 'OLO', updates: 3 });
    expect(events.map((e) => e.eventId)).toEqual(['000001', '000002', '000003', '000004', '000005'].map((s) => `pos-c-9-${s}`));
    const times = events.map((e) => Date.parse(e.occurredAt));
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? 0))).toBe(true);
  });

  it('is reproducible for one check id', () => {
    const at = '2026-11-27T18:00:00Z';
    expect(checkLifecycle({ checkId: 'c-1', startAt: at })).toEqual(checkLifecycle({ checkId: 'c-1', startAt: at }));
  });
});

describe('makeEvent and eventOfSize', () => {
  it('makes valid events with unique ids and applies overrides', () => {
    const a = makeEvent();
    const b = makeEvent({ type: 'check.closed', source: 'OLO', check: { checkNumber: '77', status: 'CLOSED' } });
    expectValid(a);
    expectValid(b);
    expect(a.eventId).not.toBe(b.eventId);
    expect(b.check).toMatchObject({ checkId: 'c-7781', checkNumber: '77', status: 'CLOSED' });
  });

  it('makes an event of exactly the asked JSON size', () => {
    for (const size of [1024, 4096]) {
      const event = eventOfSize(size);
      expectValid(event);
      expect(Buffer.byteLength(JSON.stringify(event))).toBe(size);
    }
  });
});

describe('storeEvents', () => {
  it('interleaves checks while keeping each check in POS order', () => {
    const events = [...storeEvents({ checks: 30, oloShare: 0.5, seed: 7 })];
    events.forEach(expectValid);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.source))).toEqual(new Set(['OLO', 'POS']));
    const byCheck = new Map<string, PosEvent[]>();
    for (const e of events) byCheck.set(e.check.checkId, [...(byCheck.get(e.check.checkId) ?? []), e]);
    expect(byCheck.size).toBe(30);
    for (const own of byCheck.values()) {
      expect(own.map((e) => e.eventId)).toEqual(own.map((e) => e.eventId).sort());
      expect(own[0]?.type).toBe('check.opened');
      expect(own.at(-1)?.type).toBe('check.closed');
    }
    // Interleaved: some check opens before an earlier one has closed.
    const firstClose = events.findIndex((e) => e.type === 'check.closed');
    expect(events.slice(0, firstClose).filter((e) => e.type === 'check.opened').length).toBeGreaterThan(1);
  });
});
