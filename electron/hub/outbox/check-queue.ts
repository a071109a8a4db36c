// Per-check order (contract §4), per partner: at most one delivery of a partner's check is "at the
// head" (due or in flight); the rest wait with next_attempt_at NULL. The head is always the waiting
// delivery whose event the POS sent first (event_seq), whatever order copies were queued in.
import type { Database } from 'better-sqlite3';
import { ACTIVE_SQL } from './rows.ts';

/** One partner's queue for one check. */
export interface CheckLane {
  partnerId: string;
  checkKey: string;
}

interface HeadRow { id: number; event_seq: number; state: string }

export interface CheckQueue {
  /**
   * When a delivery of `eventSeq` joins its lane: `now` when it is the head, or null when it waits.
   * An earlier event's copy takes the head from a later one that is due but not yet in flight.
   */
  enqueue(lane: CheckLane, eventSeq: number, now: number): number | null;
  /** After a delivery of the lane finished: make the earliest waiting one due, if no head remains. */
  promoteNext(lane: CheckLane, now: number): void;
  /** The lane's head (due or in flight), if any: what a waiting delivery waits for. */
  headOf(lane: CheckLane): number | null;
}

export function createCheckQueue(db: Database): CheckQueue {
  // `state IN ACTIVE_SQL` repeats the partial index's own condition so SQLite uses
  // deliveries_check_active (an index seek), never a walk over every pending delivery.
  const active = db.prepare(`SELECT 1 FROM deliveries WHERE partner_id = ? AND check_key = ? AND state IN ${ACTIVE_SQL} LIMIT 1`).pluck();
  const head = db.prepare(
    `SELECT id, event_seq, state FROM deliveries WHERE partner_id = ? AND check_key = ? AND state IN ${ACTIVE_SQL}
       AND (state = 'delivering' OR next_attempt_at IS NOT NULL) LIMIT 1`,
  );
  const demote = db.prepare('UPDATE deliveries SET next_attempt_at = NULL WHERE id = ?');
  const promote = db.prepare(
    `UPDATE deliveries SET next_attempt_at = @now WHERE id = (
       SELECT id FROM deliveries WHERE partner_id = @partnerId AND check_key = @checkKey AND state IN ${ACTIVE_SQL}
         AND state <> 'delivering' AND next_attempt_at IS NULL
       ORDER BY event_seq, id LIMIT 1)`,
  );
  const headRow = (lane: CheckLane) => head.get(lane.partnerId, lane.checkKey) as HeadRow | undefined;

  return {
    enqueue(lane, eventSeq, now) {
      if (active.get(lane.partnerId, lane.checkKey) === undefined) return now;
      let current = headRow(lane);
      if (current === undefined) {
        // Waiting deliveries without a head (never left so by this code): heal rather than wait forever.
        promote.run({ ...lane, now });
        current = headRow(lane);
        if (current === undefined) return now;
      }
      if (current.state !== 'delivering' && current.event_seq > eventSeq) {
        demote.run(current.id);
        return now;
      }
      return null;
    },
    promoteNext(lane, now) {
      if (headRow(lane) === undefined) promote.run({ ...lane, now });
    },
    headOf: (lane) => headRow(lane)?.id ?? null,
  };
}
