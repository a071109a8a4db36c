// Realistic POS check events for tests, benchmarks and the simulators: whole check lifecycles in
// POS order, single valid events, and events of an exact JSON size. Every event passes posEventSchema.
import { randomUUID } from 'node:crypto';
import type { EventSource, PosEvent } from '../../shared/event.ts';

export type PosCheck = PosEvent['check'];
type CheckItem = NonNullable<PosCheck['items']>[number];
type Change = NonNullable<PosEvent['changes']>[number];

export interface LifecycleOptions {
  checkId: string;
  checkNumber?: string;
  source?: EventSource;
  storeId?: string;
  startAt?: Date | string | number;
  /** How many check.updated events between opened and closed; default 1–4 (seeded). */
  updates?: number;
  /** Mean gap between two events of the check, in ms; default 90 s. */
  gapMs?: number;
  /** Randomness in [0, 1); default seeded from checkId so a check id always gives the same story. */
  random?: () => number;
}

const TAX_RATE = 0.0825;
const NO_ONION = { name: 'No onion', price: 0 };
const EXTRA_CHEESE = { name: 'Extra cheese', price: 150 };
const SIDE_RANCH = { name: 'Side ranch', price: 75 };
const MENU = [
  { itemId: 'burger', name: 'Burger', unitPrice: 1295, options: [NO_ONION, EXTRA_CHEESE, { name: 'Gluten-free bun', price: 200 }] },
  { itemId: 'fries', name: 'Fries', unitPrice: 495, options: [SIDE_RANCH] },
  { itemId: 'caesar', name: 'Caesar Salad', unitPrice: 1150, options: [{ name: 'Add chicken', price: 400 }] },
  { itemId: 'margherita', name: 'Margherita Pizza', unitPrice: 1600, options: [EXTRA_CHEESE] },
  { itemId: 'wings', name: 'Wings (10)', unitPrice: 1395, options: [SIDE_RANCH] },
  { itemId: 'club', name: 'Club Sandwich', unitPrice: 1250, options: [NO_ONION] },
  { itemId: 'iced-tea', name: 'Iced Tea', unitPrice: 350, options: [] },
  { itemId: 'soda', name: 'Soda', unitPrice: 295, options: [] },
  { itemId: 'brownie', name: 'Brownie', unitPrice: 695, options: [] },
] as const;
const SERVERS = [{ id: 'e-9', name: 'Dana' }, { id: 'e-12', name: 'Luis' }, { id: 'e-4', name: 'Priya' }] as const;

/** Small deterministic PRNG (mulberry32) so generated data is reproducible from a seed. */
export function seededRandom(seed: number | string): () => number {
  let a = typeof seed === 'number' ? seed >>> 0 : hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length) % list.length] as T;
}

function toMs(at: Date | string | number | undefined): number {
  if (at === undefined) return Date.now();
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

/** Recomputes the money fields the way a POS does: integer cents, tax rounded once per check. */
function withTotals(check: PosCheck): PosCheck {
  const subtotal = (check.items ?? []).reduce((sum, item) => {
    const modifiers = (item.modifiers ?? []).reduce((m, mod) => m + (mod.price ?? 0), 0);
    return sum + ((item.unitPrice ?? 0) + modifiers) * (item.quantity ?? 1);
  }, 0);
  const discounts = check.discounts ?? 0;
  const tax = Math.round((subtotal - discounts) * TAX_RATE);
  return { ...check, subtotal, discounts, tax, total: subtotal - discounts + tax };
}

function newItem(lineNo: number, random: () => number): CheckItem {
  const { options, ...menu } = pick(MENU, random);
  const modifiers = options.length > 0 && random() < 0.35 ? [{ ...pick<{ name: string; price: number }>(options, random) }] : [];
  return { lineId: `l${lineNo}`, ...menu, quantity: 1 + Math.floor(random() * 2), modifiers };
}

/** One check from open to close, in the order the POS emits it: opened, 1+ updated, closed. */
export function checkLifecycle(options: LifecycleOptions): PosEvent[] {
  const random = options.random ?? seededRandom(options.checkId);
  const source = options.source ?? 'POS';
  const gapMs = options.gapMs ?? 90_000;
  const updates = Math.max(1, options.updates ?? 1 + Math.floor(random() * 4));
  const checkNumber = options.checkNumber ?? String(1000 + (hash(options.checkId) % 9000));
  const online = source === 'OLO';
  let at = toMs(options.startAt);
  let seq = 0;
  let lineNo = 0;
  const events: PosEvent[] = [];
  const emit = (type: PosEvent['type'], check: PosCheck, changes: Change[]): void => {
    seq += 1;
    events.push({
      eventId: `pos-${options.checkId}-${String(seq).padStart(6, '0')}`,
      type,
      source,
      occurredAt: new Date(at).toISOString(),
      ...(options.storeId === undefined ? {} : { storeId: options.storeId }),
      check: structuredClone(check),
      changes,
    });
    // Strictly increasing times keep each check's events in order however streams are merged.
    at += 1 + Math.round(gapMs * (0.5 + random()));
  };

  const openedAt = new Date(at).toISOString();
  const firstItems = online ? [newItem(++lineNo, random), newItem(++lineNo, random)] : [];
  let check: PosCheck = withTotals({
    checkId: options.checkId, checkNumber, status: 'OPEN',
    orderType: online ? pick(['TAKEOUT', 'DELIVERY'], random) : 'DINE_IN',
    table: online ? null : `T${1 + Math.floor(random() * 20)}`,
    guestCount: online ? 1 : 1 + Math.floor(random() * 5),
    currency: 'USD', openedAt, closedAt: null,
    employee: online ? { id: 'olo', name: 'Online Ordering' } : { ...pick(SERVERS, random) },
    items: firstItems, discounts: 0, tip: 0, payments: [],
    // Unknown to the schema on purpose: the hub must forward it untouched.
    ...(online ? { channel: 'web', customer: { firstName: 'Sam' } } : {}),
  });
  emit('check.opened', check, firstItems.map((item) => ({ kind: 'ITEM_ADDED', lineId: item.lineId })));

  for (let u = 0; u < updates; u++) {
    const items = [...(check.items ?? [])];
    const changes: Change[] = [];
    const roll = items.length === 0 ? 0 : random();
    if (roll < 0.45) {
      const added = Array.from({ length: 1 + Math.floor(random() * 2) }, () => newItem(++lineNo, random));
      items.push(...added);
      changes.push(...added.map((item) => ({ kind: 'ITEM_ADDED', lineId: item.lineId })));
    } else if (roll < 0.7 || online || (check.discounts ?? 0) > 0) {
      const index = Math.floor(random() * items.length) % items.length;
      const line = items[index] as CheckItem;
      const to = (line.quantity ?? 1) + 1;
      items[index] = { ...line, quantity: to };
      changes.push({ kind: 'QUANTITY_CHANGED', lineId: line.lineId, from: line.quantity ?? 1, to });
    } else if (roll < 0.85) {
      const to = `T${21 + Math.floor(random() * 20)}`;
      changes.push({ kind: 'TABLE_CHANGED', from: check.table ?? null, to });
      check = { ...check, table: to };
    } else {
      const amount = Math.min(500, check.subtotal ?? 0);
      changes.push({ kind: 'DISCOUNT_APPLIED', amount, reason: 'Manager comp' });
      check = { ...check, discounts: (check.discounts ?? 0) + amount };
    }
    check = withTotals({ ...check, items });
    emit('check.updated', check, changes);
  }

  const total = check.total ?? 0;
  const tip = online ? 0 : Math.round(total * (0.15 + random() * 0.07));
  const method = online ? 'ONLINE' : pick(['CARD', 'CARD', 'CASH'], random);
  check = {
    ...check, status: 'CLOSED', closedAt: new Date(at).toISOString(), tip,
    payments: [{ method, amount: total, tip }],
  };
  emit('check.closed', check, [{ kind: 'PAYMENT_ADDED', method, amount: total }, { kind: 'CHECK_CLOSED' }]);
  return events;
}

export type EventOverrides = Partial<Omit<PosEvent, 'check'>> & { check?: Partial<PosCheck> };

/** One valid check.updated event like the contract's example; ids are unique per call. */
export function makeEvent(overrides: EventOverrides = {}): PosEvent {
  const { check: checkOverrides, ...eventOverrides } = overrides;
  const check = withTotals({
    checkId: 'c-7781', checkNumber: '1042', status: 'OPEN', orderType: 'DINE_IN', table: 'T12',
    guestCount: 2, currency: 'USD', openedAt: '2026-11-27T18:51:02.000Z', closedAt: null,
    employee: { id: 'e-9', name: 'Dana' },
    items: [{ lineId: 'l1', itemId: 'burger', name: 'Burger', quantity: 2, unitPrice: 1295,
      modifiers: [{ name: 'No onion', price: 0 }] }],
    discounts: 0, tip: 0, payments: [],
  });
  return {
    eventId: `pos-test-${randomUUID()}`,
    type: 'check.updated',
    source: 'POS',
    occurredAt: new Date().toISOString(),
    storeId: 'store-042',
    check: { ...check, ...checkOverrides },
    changes: [{ kind: 'ITEM_ADDED', lineId: 'l1' }, { kind: 'TABLE_CHANGED', from: 'T4', to: 'T12' }],
    ...eventOverrides,
  };
}

/**
 * A valid event whose JSON is exactly `bytes` long (ASCII), for throughput benchmarks; events
 * smaller than the minimum a realistic check needs come out at that minimum instead.
 */
export function eventOfSize(bytes: number, overrides: EventOverrides = {}): PosEvent {
  const event = makeEvent(overrides);
  const base = { ...event, check: { ...event.check, note: '' } };
  const missing = bytes - Buffer.byteLength(JSON.stringify(base));
  return missing <= 0 ? event : { ...event, check: { ...event.check, note: 'x'.repeat(missing) } };
}
