// The dispatcher's side of the outbox: claim due deliveries, record attempts, give up, cancel,
// and bring deliveries back (retry now, re-send). Every state change keeps the per-check order.
import type { Database } from 'better-sqlite3';
import type { Hook } from '../../../shared/settings.ts';
import type { DeliveryState } from '../../../shared/delivery.ts';
import type { EventSource } from '../../../shared/event.ts';
import { WAITING_SQL, type DeliveryRow, type DueRow } from './rows.ts';
import type { CheckQueue } from './check-queue.ts';
import { newWebhookId } from './event-store.ts';

export interface AttemptRecord {
  deliveryId: number;
  checkKey: string;
  number: number;
  startedAt: number;
  url: string;
  status: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
  requestHeaders: Record<string, string>;
  /** Where the delivery goes next; a retry carries its next attempt time. */
  next: { state: 'delivered' | 'failed' | 'dead' | 'cancelled' } | { state: 'retrying'; at: number };
  outcome: 'delivered' | 'retry' | 'failed';
}

/** Deliveries given up per sweep; a full batch means more are due, and the next turn sweeps again. */
export const EXPIRE_BATCH = 1000;

export function createDeliveryStore(db: Database, checks: CheckQueue) {
  const due = db.prepare(
    `SELECT d.id, d.webhook_id, d.hook, d.check_key, d.attempts, d.created_at, d.active_since, e.type, e.source, e.body
     FROM deliveries d JOIN events e ON e.seq = d.event_seq
     WHERE d.hook = ? AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?`,
  );
  const markDelivering = db.prepare(`UPDATE deliveries SET state = 'delivering', next_attempt_at = NULL, updated_at = ? WHERE id = ?`);
  const nextDue = db.prepare('SELECT MIN(next_attempt_at) FROM deliveries WHERE hook = ? AND next_attempt_at IS NOT NULL').pluck();
  const insertAttempt = db.prepare(
    `INSERT INTO attempts (delivery_id, number, started_at, url, status, latency_ms, outcome, error, response_body, request_headers)
     VALUES (@deliveryId, @number, @startedAt, @url, @status, @latencyMs, @outcome, @error, @responseBody, @headers)`,
  );
  const finish = db.prepare(
    `UPDATE deliveries SET state = @state, attempts = @number, next_attempt_at = @next, updated_at = @now,
       last_status = @status, last_latency_ms = @latencyMs, last_error = @error WHERE id = @deliveryId`,
  );
  // INDEXED BY: left to itself SQLite picks deliveries_state and reads every waiting delivery's row
  // (1.4 s with a million queued, every 10 s, blocking the event loop); the age index answers at once.
  const expired = db.prepare(
    `SELECT id, check_key FROM deliveries INDEXED BY deliveries_active_age WHERE state IN ${WAITING_SQL} AND active_since <= ? LIMIT ${EXPIRE_BATCH}`,
  );
  const setState = db.prepare('UPDATE deliveries SET state = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?');
  const byId = db.prepare('SELECT * FROM deliveries WHERE id = ?');
  const dueNow = db.prepare('UPDATE deliveries SET next_attempt_at = ? WHERE id = ?');
  // The source check is a primary-key lookup per row, and only the check keys come back: turning
  // a hook off with a large backlog never loads its deliveries into memory.
  const cancelOfHook = db.prepare(
    `UPDATE deliveries SET state = 'cancelled', next_attempt_at = NULL, updated_at = @now
     WHERE hook = @hook AND state IN ${WAITING_SQL}
       AND (SELECT e.source FROM events e WHERE e.seq = deliveries.event_seq) IN (SELECT value FROM json_each(@sources))
     RETURNING check_key`,
  ).pluck();
  const retryHookNow = db.prepare(`UPDATE deliveries SET next_attempt_at = ? WHERE hook = ? AND state IN ${WAITING_SQL} AND next_attempt_at > ?`);
  const reactivate = db.prepare(
    `UPDATE deliveries SET state = 'retrying', next_attempt_at = @next, active_since = @now, updated_at = @now WHERE id = @id`,
  );
  const copy = db.prepare(
    `INSERT INTO deliveries (webhook_id, event_seq, hook, check_key, check_number, state, created_at, updated_at, active_since, next_attempt_at, resent_from)
     SELECT @webhookId, event_seq, hook, check_key, check_number, 'pending', @now, @now, @now, @next, id FROM deliveries WHERE id = @id`,
  );
  const resendable = db.prepare(
    `SELECT d.id FROM deliveries d WHERE d.hook = @hook AND d.created_at >= @since AND d.created_at <= @until
       AND d.state IN (SELECT value FROM json_each(@states))
       AND NOT EXISTS (SELECT 1 FROM deliveries c WHERE c.resent_from = d.id) ORDER BY d.id`,
  ).pluck();

  const toTerminal = (id: number, checkKey: string, state: DeliveryState, now: number) => {
    setState.run(state, now, id);
    checks.promoteNext(checkKey, now);
  };

  // The dispatcher's own bookkeeping (claims, attempt results) commits without waiting for the
  // disk (WAL + synchronous=NORMAL): a process crash loses nothing, a power cut can roll back the
  // last moments of it — those deliveries are then sent again with the same webhook-id, which
  // partners dedupe on. Accepted events and every manager action stay synchronous=FULL, and the
  // next FULL commit syncs the whole WAL, these frames included.
  const atomically = db.transaction((work: () => unknown) => work());
  const relaxed = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');

  return {
    /** Runs `work` in one transaction (the calls below nest in it as savepoints): one commit, no fsync. */
    atomically: <T>(work: () => T): T => {
      relaxed.run();
      try {
        return atomically(work) as T;
      } finally {
        full.run();
      }
    },

    /** Due deliveries of one hook, marked `delivering` in the same transaction. */
    claim: db.transaction((hook: Hook, now: number, limit: number): DueRow[] => {
      const rows = due.all(hook, now, limit) as DueRow[];
      for (const row of rows) markDelivering.run(now, row.id);
      return rows;
    }),

    nextDueAt: (hook: Hook): number | null => nextDue.get(hook) as number | null,

    /** Records finished attempts in one transaction (one fsync for many). */
    record: db.transaction((records: AttemptRecord[], now: number) => {
      for (const r of records) {
        insertAttempt.run({ ...r, headers: JSON.stringify(r.requestHeaders) });
        const next = r.next.state === 'retrying' ? r.next.at : null;
        finish.run({ state: r.next.state, number: r.number, next, now, status: r.status, latencyMs: r.latencyMs, error: r.error, deliveryId: r.deliveryId });
        if (next === null) checks.promoteNext(r.checkKey, now);
      }
    }),

    /** Deliveries waiting longer than `maxAgeMs` become `dead` (kept, re-sendable). */
    expire: db.transaction((now: number, maxAgeMs: number): number => {
      const rows = expired.all(now - maxAgeMs) as { id: number; check_key: string }[];
      for (const row of rows) toTerminal(row.id, row.check_key, 'dead', now);
      return rows.length;
    }),

    /** A hook turned off: its waiting deliveries from `sources` become `cancelled` (kept, re-sendable). */
    cancelWaiting: db.transaction((hook: Hook, sources: readonly EventSource[], now: number): number => {
      const keys = cancelOfHook.all({ hook, sources: JSON.stringify(sources), now }) as string[];
      for (const key of new Set(keys)) checks.promoteNext(key, now);
      return keys.length;
    }),

    /** The partner is back or its URL was fixed: waiting deliveries of the hook go now. */
    retryHookNow: (hook: Hook, now: number): number => retryHookNow.run(now, hook, now).changes,

    get: (id: number): DeliveryRow | undefined => byId.get(id) as DeliveryRow | undefined,

    /** Retry now: a waiting head goes at once; a dead/failed/cancelled one rejoins its check's queue. */
    retryNow: db.transaction((id: number, now: number): 'ok' | 'missing' | 'busy' | 'blocked' | 'delivered' => {
      const row = byId.get(id) as DeliveryRow | undefined;
      if (!row) return 'missing';
      if (row.state === 'delivering') return 'busy';
      if (row.state === 'delivered') return 'delivered';
      // Ahead of deliveries of the hook that are merely due: while the endpoint is backed off the
      // next probe must be the one the manager pressed Retry now on, not the oldest due one.
      const firstInLine = Math.min(now, ((nextDue.get(row.hook) as number | null) ?? now) - 1);
      if (row.state === 'pending' || row.state === 'retrying') {
        if (row.next_attempt_at === null) return 'blocked';
        dueNow.run(firstInLine, id);
        return 'ok';
      }
      reactivate.run({ id, now, next: checks.hasActive(row.check_key) ? null : firstInLine });
      return 'ok';
    }),

    /** A fresh copy (new webhook-id) queued behind the check's waiting deliveries. */
    resend: db.transaction((id: number, now: number): number | null => {
      const row = byId.get(id) as DeliveryRow | undefined;
      if (!row) return null;
      const result = copy.run({ id, now, webhookId: newWebhookId(), next: checks.hasActive(row.check_key) ? null : now });
      return Number(result.lastInsertRowid);
    }),

    resendBulk: db.transaction((hook: Hook, states: string[], since: number, until: number, now: number): number => {
      const ids = resendable.all({ hook, since, until, states: JSON.stringify(states) }) as number[];
      for (const id of ids) {
        const row = byId.get(id) as DeliveryRow;
        copy.run({ id, now, webhookId: newWebhookId(), next: checks.hasActive(row.check_key) ? null : now });
      }
      return ids.length;
    }),

    /** After a crash: attempts that were in flight go back to the queue, due now. */
    requeueInterrupted: (now: number): number =>
      db.prepare(`UPDATE deliveries SET state = 'retrying', next_attempt_at = ?, updated_at = ? WHERE state = 'delivering'`).run(now, now).changes,
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
