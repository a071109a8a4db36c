// What the outbox knows for the metrics and the heartbeat, read at the moment they are needed from
// trigger-kept tables and index ends: never a count over a million rows.
import type { Database } from 'better-sqlite3';
import type { DeliveryState } from '../../../shared/delivery.ts';

export interface StateCount { partner_id: string; hook: string; state: DeliveryState; n: number }
export interface AttemptCount { partner_id: string; hook: string; outcome: 'delivered' | 'retry' | 'failed'; n: number }

export function createOutboxFigures(db: Database) {
  const states = db.prepare('SELECT partner_id, hook, state, n FROM state_counts');
  const attempts = db.prepare('SELECT partner_id, hook, outcome, n FROM attempt_counts');
  const accepted = db.prepare(`SELECT n FROM ingest_counts WHERE result = 'accepted'`).pluck();
  // The give-up sweep's age index: its first entry is the longest-waiting delivery.
  const oldestQueued = db.prepare(
    `SELECT MIN(active_since) FROM deliveries INDEXED BY deliveries_active_age WHERE state IN ('pending', 'retrying')`,
  ).pluck();
  // A few dozen at most: the attempts in flight.
  const oldestInFlight = db.prepare(`SELECT MIN(active_since) FROM deliveries WHERE state = 'delivering'`).pluck();

  return {
    /** Deliveries by partner, hook and state (the same table `/api/stats` reads). */
    stateCounts: (): StateCount[] => states.all() as StateCount[],
    /** Attempts by partner, hook and outcome since the outbox was created. */
    attemptCounts: (): AttemptCount[] => attempts.all() as AttemptCount[],
    /** Events accepted since the outbox was created. */
    acceptedEvents: (): number => (accepted.get() as number | undefined) ?? 0,
    /** Since when the longest-waiting delivery has waited; null when nothing waits. */
    oldestWaitingAt(): number | null {
      const times = [oldestQueued.get(), oldestInFlight.get()].filter((t): t is number => typeof t === 'number');
      return times.length === 0 ? null : Math.min(...times);
    },
  };
}

export type OutboxFigures = ReturnType<typeof createOutboxFigures>;
