// Drives an in-process hub on a ManualClock through simulated hours: jump the clock to the next
// moment the dispatcher has work (a delivery due, an endpoint's next probe), let it run, repeat.
import { HOOKS } from '../../shared/settings.ts';
import type { ManualClock, TestHub } from './hub-fixture.ts';

/** Lets the dispatcher start and finish everything it can at the current (frozen) time. */
export async function drain(hub: TestHub): Promise<void> {
  const { dispatcher } = hub.internals;
  for (let round = 0; round < 100; round++) {
    const before = attemptCount(hub);
    dispatcher.wake();
    await dispatcher.whenIdle();
    await new Promise((resolve) => setImmediate(resolve));
    if (dispatcher.inFlightCount() === 0 && attemptCount(hub) === before) return;
  }
}

export function attemptCount(hub: TestHub): number {
  return hub.internals.db.prepare('SELECT COUNT(*) FROM attempts').pluck().get() as number;
}

/** The next time anything can happen: the earliest due delivery of a hook, not before its endpoint's probe. */
export function nextWorkAt(hub: TestHub): number | null {
  const { db, health } = hub.internals;
  let next: number | null = null;
  for (const endpoint of hub.internals.partners.list().flatMap((p) => HOOKS.map((hook) => ({ partnerId: p.id, hook })))) {
    const due = db.prepare('SELECT MIN(next_attempt_at) FROM deliveries WHERE partner_id = ? AND hook = ? AND next_attempt_at IS NOT NULL').pluck().get(endpoint.partnerId, endpoint.hook) as number | null;
    if (due === null) continue;
    const state = health.state(endpoint);
    const at = state.consecutiveFailures > 0 ? Math.max(due, state.nextProbeAt) : due;
    next = next === null ? at : Math.min(next, at);
  }
  return next;
}

/**
 * Runs simulated time forward to `untilMs`, jumping from one piece of work to the next.
 * `stopWhen` ends it early (checked after each step). Returns how many jumps it took.
 */
export async function runClock(hub: TestHub, clock: ManualClock, untilMs: number, stopWhen: () => boolean = () => false, maxSteps = 5_000): Promise<number> {
  let steps = 0;
  await drain(hub);
  while (clock.ms < untilMs && !stopWhen()) {
    if (++steps > maxSteps) throw new Error(`runClock: more than ${maxSteps} steps before ${new Date(untilMs).toISOString()}`);
    const next = nextWorkAt(hub) ?? untilMs;
    clock.ms = Math.min(untilMs, Math.max(clock.ms + 1, next));
    await drain(hub);
  }
  return steps;
}
