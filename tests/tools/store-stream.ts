// A store's stream of check events: lifecycles of many OLO and POS checks merged by time, so checks
// overlap as in a real service while each check's own events stay strictly in order. Lazy, so a
// long simulation does not hold every event in memory.
import type { PosEvent } from '../../shared/event.ts';
import { checkLifecycle, seededRandom } from '../support/events.ts';

export interface StoreStreamOptions {
  storeId?: string;
  /** Number of checks; undefined = endless (the caller bounds it). */
  checks?: number;
  /** Share of checks placed online (OLO), 0..1. */
  oloShare?: number;
  startAt?: Date | number;
  /** Mean time between two checks opening, ms. */
  staggerMs?: number;
  /** Mean time between two events of one check, ms. */
  gapMs?: number;
  seed?: number | string;
  /** Prefix of the generated check ids, so two runs against one hub don't collide. */
  runId?: string;
}

export function* storeEvents(options: StoreStreamOptions = {}): Generator<PosEvent> {
  const random = seededRandom(options.seed ?? 42);
  const runId = options.runId ?? 'sim';
  const staggerMs = options.staggerMs ?? 60_000;
  const gapMs = options.gapMs ?? 90_000;
  const oloShare = options.oloShare ?? 0.3;
  const open: PosEvent[][] = [];
  let started = 0;
  let nextStart = options.startAt instanceof Date ? options.startAt.getTime() : options.startAt ?? Date.now();

  for (;;) {
    let earliest = -1;
    let earliestAt = Number.POSITIVE_INFINITY;
    open.forEach((events, index) => {
      const at = Date.parse(events[0]?.occurredAt ?? '');
      if (at < earliestAt) [earliest, earliestAt] = [index, at];
    });
    const canStart = options.checks === undefined || started < options.checks;
    if (canStart && nextStart <= earliestAt) {
      started += 1;
      open.push(checkLifecycle({
        checkId: `${runId}-c${started}`,
        checkNumber: String(1000 + started),
        source: random() < oloShare ? 'OLO' : 'POS',
        storeId: options.storeId,
        startAt: nextStart,
        gapMs,
        random,
      }));
      nextStart += Math.round(staggerMs * (0.5 + random()));
      continue;
    }
    if (earliest < 0) return;
    const events = open[earliest] as PosEvent[];
    yield events.shift() as PosEvent;
    if (events.length === 0) open.splice(earliest, 1);
  }
}
