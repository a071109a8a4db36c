// Keeps disk use bounded: delivered deliveries older than the retention period are pruned with
// their attempts, then events left with no delivery. A few hundred rows at a time, in the background.
import type { Database } from 'better-sqlite3';

const BATCH = 500;

export function createRetention(db: Database) {
  const oldDelivered = db.prepare(`SELECT id FROM deliveries WHERE state = 'delivered' AND updated_at < ? LIMIT ${BATCH}`).pluck();
  const deleteAttempts = db.prepare('DELETE FROM attempts WHERE delivery_id = ?');
  const unlinkCopies = db.prepare('UPDATE deliveries SET resent_from = NULL WHERE resent_from = ?');
  const deleteDelivery = db.prepare('DELETE FROM deliveries WHERE id = ?');
  const orphanEvents = db.prepare(
    `DELETE FROM events WHERE seq IN (SELECT seq FROM events e WHERE received_at < ?
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_seq = e.seq) LIMIT ${BATCH})`,
  );
  const oldHours = db.prepare('DELETE FROM hourly_attempts WHERE hour < ?');

  /** Prunes one batch; returns how many rows went, so the caller knows whether to go on. */
  return db.transaction((now: number, retentionDays: number): number => {
    const cutoff = now - retentionDays * 86_400_000;
    const ids = oldDelivered.all(cutoff) as number[];
    for (const id of ids) {
      deleteAttempts.run(id);
      unlinkCopies.run(id);
      deleteDelivery.run(id);
    }
    const events = orphanEvents.run(cutoff).changes;
    oldHours.run(Math.floor(now / 3_600_000) - 48);
    return ids.length + events;
  });
}

/**
 * Prunes in the background every `everyMs`: one batch per turn of the event loop, so catching up
 * on a large backlog never blocks ingest or delivery for more than a batch. Returns `stop`.
 */
export function startRetention(pruneBatch: () => number, everyMs: number, onError: (error: unknown) => void): () => void {
  let running = false;
  let stopped = false;
  const step = () => {
    try {
      if (!stopped && pruneBatch() > 0) return void setImmediate(step);
    } catch (error) {
      onError(error);
    }
    running = false;
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    step();
  }, everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
