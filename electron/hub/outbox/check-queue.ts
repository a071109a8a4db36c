// Per-check ordering (contract §4): at most one delivery of a check is "at the head" (due or in
// flight); the rest wait with next_attempt_at NULL until the head finishes.
import type { Database } from 'better-sqlite3';
import { ACTIVE_SQL } from './rows.ts';

export interface CheckQueue {
  /** True when the check already has a delivery waiting or in flight. */
  hasActive(checkKey: string): boolean;
  /** After a delivery of the check finished: make the next one due, if no head remains. */
  promoteNext(checkKey: string, now: number): void;
}

export function createCheckQueue(db: Database): CheckQueue {
  const active = db.prepare(`SELECT 1 FROM deliveries WHERE check_key = ? AND state IN ${ACTIVE_SQL} LIMIT 1`).pluck();
  const head = db.prepare(
    `SELECT 1 FROM deliveries WHERE check_key = ? AND state IN ${ACTIVE_SQL} AND (state = 'delivering' OR next_attempt_at IS NOT NULL) LIMIT 1`,
  ).pluck();
  // `state IN ACTIVE_SQL` repeats the partial index's own condition so SQLite can use
  // deliveries_check_active; written as `state IN WAITING_SQL` it walked every pending delivery
  // (deliveries_state) and sorted them, once per finished delivery: O(backlog) each.
  const promote = db.prepare(
    `UPDATE deliveries SET next_attempt_at = @now WHERE id = (
       SELECT id FROM deliveries WHERE check_key = @key AND state IN ${ACTIVE_SQL} AND state <> 'delivering' AND next_attempt_at IS NULL
       ORDER BY id LIMIT 1)`,
  );
  return {
    hasActive: (checkKey) => active.get(checkKey) !== undefined,
    promoteNext(checkKey, now) {
      if (head.get(checkKey) === undefined) promote.run({ key: checkKey, now });
    },
  };
}
