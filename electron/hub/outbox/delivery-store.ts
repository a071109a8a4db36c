// The dispatcher's side of the outbox: claim due deliveries of an endpoint, record attempts, give
// up, cancel, and bring deliveries back (retry now, re-send, backfill). Every state change keeps
// the per-check order of its partner (check-queue.ts).
import type { Database } from 'better-sqlite3';
import type { Hook } from '../../../shared/settings.ts';
import type { DeliveryState } from '../../../shared/delivery.ts';
import type { EventSource, EventType } from '../../../shared/event.ts';
import type { Endpoint } from '../delivery/endpoint-health.ts';
import { ACTIVE_SQL, WAITING_SQL, checkKeyOf, type DeliveryRow, type DueRow } from './rows.ts';
import type { CheckLane, CheckQueue } from './check-queue.ts';
import { newWebhookId } from './event-store.ts';
import { createPendingTally } from './pending-tally.ts';

export interface AttemptRecord {
  deliveryId: number;
  lane: CheckLane;
  /** Set when this delivery is a re-sent copy: delivered, it resolves its original. */
  resentFrom: number | null;
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

export type RetryOutcome = 'ok' | 'missing' | 'busy' | 'blocked' | 'delivered';

/** Which deliveries a bulk re-send takes. */
export interface ResendSelection {
  partnerId?: string;
  states: readonly string[];
  since: number;
  until: number;
}

const laneOf = (row: { partner_id: string; check_key: string }): CheckLane => ({ partnerId: row.partner_id, checkKey: row.check_key });

export function createDeliveryStore(db: Database, checks: CheckQueue) {
  const due = db.prepare(
    `SELECT d.id, d.webhook_id, d.partner_id, d.hook, d.check_key, d.event_seq, d.attempts, d.created_at, d.active_since, d.resent_from,
            e.type, e.source, e.body
     FROM deliveries d JOIN events e ON e.seq = d.event_seq
     WHERE d.partner_id = ? AND d.hook = ? AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?`,
  );
  // One statement for a whole claim, not one per row.
  const markDelivering = db.prepare(`UPDATE deliveries SET state = 'delivering', next_attempt_at = NULL, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))`);
  const nextDue = db.prepare('SELECT MIN(next_attempt_at) FROM deliveries WHERE partner_id = ? AND hook = ? AND next_attempt_at IS NOT NULL').pluck();
  const insertAttempt = db.prepare(
    `INSERT INTO attempts (delivery_id, number, started_at, url, status, latency_ms, outcome, error, response_body, request_headers)
     VALUES (@deliveryId, @number, @startedAt, @url, @status, @latencyMs, @outcome, @error, @responseBody, @headers)`,
  );
  const finish = db.prepare(
    `UPDATE deliveries SET state = @state, attempts = @number, next_attempt_at = @next, updated_at = @now,
       last_status = @status, last_latency_ms = @latencyMs, last_error = @error WHERE id = @deliveryId`,
  );
  // A delivered copy resolves its original, and the original's original (a copy re-sent again).
  const resolveOriginals = db.prepare(
    `WITH RECURSIVE chain(id) AS (
       SELECT @resentFrom UNION SELECT d.resent_from FROM deliveries d JOIN chain c ON d.id = c.id WHERE d.resent_from IS NOT NULL)
     UPDATE deliveries SET resolved_by = @id WHERE id IN chain AND resolved_by IS NULL`,
  );
  // INDEXED BY: left to itself SQLite picks deliveries_state and reads every waiting delivery's row
  // (1.4 s with a million queued, every 10 s, blocking the event loop); the age index answers at once.
  const expired = db.prepare(
    `SELECT id, partner_id, check_key FROM deliveries INDEXED BY deliveries_active_age
     WHERE state IN ${WAITING_SQL} AND active_since <= ? AND partner_id = ? LIMIT ${EXPIRE_BATCH}`,
  );
  const setState = db.prepare('UPDATE deliveries SET state = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?');
  const byId = db.prepare('SELECT * FROM deliveries WHERE id = ?');
  const sourceOfEvent = db.prepare('SELECT source FROM events WHERE seq = ?').pluck();
  const dueNow = db.prepare('UPDATE deliveries SET next_attempt_at = ? WHERE id = ?');
  // A range of rowids at a time (NOT INDEXED: the rowid range, not every waiting row per range).
  const shiftAge = db.prepare(
    `UPDATE deliveries NOT INDEXED SET active_since = active_since + @deltaMs
     WHERE id > @from AND id <= @to AND state IN ${ACTIVE_SQL}`,
  );
  const shiftDue = db.prepare(
    `UPDATE deliveries NOT INDEXED SET next_attempt_at = next_attempt_at + @deltaMs
     WHERE id > @from AND id <= @to AND next_attempt_at IS NOT NULL AND state IN ${WAITING_SQL}`,
  );
  const lastId = db.prepare('SELECT max(id) FROM deliveries').pluck();
  const newestTime = db.prepare(
    `SELECT max(coalesce((SELECT updated_at FROM deliveries ORDER BY id DESC LIMIT 1), 0),
                coalesce((SELECT started_at FROM attempts ORDER BY id DESC LIMIT 1), 0))`,
  ).pluck();
  const firstWaitingId = db.prepare(`SELECT min(id) FROM deliveries WHERE state IN ${ACTIVE_SQL}`).pluck();
  // The source check is a primary-key lookup per row, and only the lanes come back: turning a hook
  // off with a large backlog never loads its deliveries into memory.
  const cancelOfHook = db.prepare(
    `UPDATE deliveries SET state = 'cancelled', next_attempt_at = NULL, updated_at = @now
     WHERE partner_id = @partnerId AND hook = @hook AND state IN ${WAITING_SQL}
       AND (SELECT e.source FROM events e WHERE e.seq = deliveries.event_seq) IN (SELECT value FROM json_each(@sources))
     RETURNING check_key`,
  ).pluck();
  const cancelOfPartner = db.prepare(
    `UPDATE deliveries SET state = 'cancelled', next_attempt_at = NULL, updated_at = @now
     WHERE partner_id = @partnerId AND state IN ${WAITING_SQL}`,
  );
  const waitingOfPartner = db.prepare(`SELECT COUNT(*) FROM deliveries WHERE partner_id = ? AND state IN ${WAITING_SQL}`).pluck();
  const retryEndpointNow = db.prepare(
    `UPDATE deliveries SET next_attempt_at = @now WHERE partner_id = @partnerId AND hook = @hook AND state IN ${WAITING_SQL} AND next_attempt_at > @now`,
  );
  const earliestDueNow = db.prepare(
    `UPDATE deliveries SET next_attempt_at = @now WHERE id = (
       SELECT id FROM deliveries WHERE partner_id = @partnerId AND hook = @hook AND next_attempt_at IS NOT NULL ORDER BY next_attempt_at LIMIT 1)
     AND next_attempt_at > @now`,
  );
  const reactivate = db.prepare(
    `UPDATE deliveries SET state = 'retrying', next_attempt_at = @next, active_since = @now, updated_at = @now WHERE id = @id`,
  );
  const copy = db.prepare(
    `INSERT INTO deliveries (webhook_id, event_seq, partner_id, hook, check_key, check_number, state, created_at, updated_at, active_since, next_attempt_at, resent_from)
     SELECT @webhookId, event_seq, partner_id, hook, check_key, check_number, 'pending', @now, @now, @now, @next, id FROM deliveries WHERE id = @id`,
  );
  const resendable = db.prepare(
    `SELECT d.id, d.event_seq, d.partner_id, d.check_key, d.hook FROM deliveries d
     WHERE d.created_at >= @since AND d.created_at <= @until
       AND d.state IN (SELECT value FROM json_each(@states))
       AND (@partnerId IS NULL OR d.partner_id = @partnerId)
       AND d.partner_id || '/' || d.hook || '/' || (SELECT e.source FROM events e WHERE e.seq = d.event_seq) IN (SELECT value FROM json_each(@routes))
       AND NOT EXISTS (SELECT 1 FROM deliveries c WHERE c.resent_from = d.id)
     ORDER BY d.event_seq, d.id`,
  );
  // One page of a backfill's events, in POS order from `after` on: a month of a busy store is
  // read a page at a time, never all at once.
  const eventsInRange = db.prepare(
    `SELECT e.seq, e.type, e.source, e.store_id, e.check_id, e.check_number FROM events e
     WHERE e.received_at >= @since AND e.received_at <= @until AND e.seq > @after
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_seq = e.seq AND d.partner_id = @partnerId)
     ORDER BY e.seq LIMIT ${BACKFILL_PAGE}`,
  );
  const insertBackfill = db.prepare(
    `INSERT INTO deliveries (webhook_id, event_seq, partner_id, hook, check_key, check_number, state, created_at, updated_at, active_since, next_attempt_at)
     VALUES (@webhookId, @eventSeq, @partnerId, @hook, @checkKey, @checkNumber, 'pending', @now, @now, @now, @next)`,
  );

  const tally = createPendingTally(db);
  /** Queues a copy of delivery `row` (re-send): a fresh webhook-id, in its check's POS order. */
  const copyOf = (row: { id: number; event_seq: number; partner_id: string; check_key: string; hook: Hook }, now: number): number => {
    const result = copy.run({ id: row.id, now, webhookId: newWebhookId(), next: checks.enqueue(laneOf(row), row.event_seq, now) });
    tally.add(row.partner_id, row.hook);
    return Number(result.lastInsertRowid);
  };

  const toTerminal = (row: { id: number; partner_id: string; check_key: string }, state: DeliveryState, now: number) => {
    setState.run(state, now, row.id);
    checks.promoteNext(laneOf(row), now);
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

    /** A manager's action: one transaction, committed to disk before the answer. */
    transaction: <T>(work: () => T): T => db.transaction(work)() as T,

    /** Due deliveries of one endpoint, marked `delivering` in the same transaction. */
    claim: db.transaction((endpoint: Endpoint, now: number, limit: number): DueRow[] => {
      const rows = due.all(endpoint.partnerId, endpoint.hook, now, limit) as DueRow[];
      if (rows.length > 0) markDelivering.run(now, JSON.stringify(rows.map((row) => row.id)));
      return rows;
    }),

    nextDueAt: (endpoint: Endpoint): number | null => nextDue.get(endpoint.partnerId, endpoint.hook) as number | null,

    /** Records finished attempts in one transaction (one fsync for many). */
    record: db.transaction((records: AttemptRecord[], now: number) => {
      for (const r of records) {
        insertAttempt.run({ ...r, headers: JSON.stringify(r.requestHeaders) });
        const next = r.next.state === 'retrying' ? r.next.at : null;
        finish.run({ state: r.next.state, number: r.number, next, now, status: r.status, latencyMs: r.latencyMs, error: r.error, deliveryId: r.deliveryId });
        if (r.next.state === 'delivered' && r.resentFrom !== null) resolveOriginals.run({ id: r.deliveryId, resentFrom: r.resentFrom });
        if (next === null) checks.promoteNext(r.lane, now);
      }
    }),

    /** A claimed delivery that must not go (its hook was turned off, its partner removed): cancelled, no attempt. */
    cancelClaimed: (row: DueRow, now: number) => toTerminal(row, 'cancelled', now),

    /** The latest time the outbox recorded (the newest delivery's and attempt's), 0 for an empty one. */
    newestRecordedAt: (): number => newestTime.get() as number,

    /** The ids a clock jump moves (clock-shift.ts): from the oldest waiting delivery to the newest of all; none when nothing waits. */
    idsToShift: (): { from: number; to: number } => {
      const to = (lastId.get() as number | null) ?? 0;
      const first = firstWaitingId.get() as number | null;
      return { from: first === null ? to : first - 1, to };
    },

    /**
     * The computer's clock jumped by `deltaMs`: moves the waiting deliveries with ids in (from, to].
     * Their give-up age never counts a jump; after a jump back their retry times move back with the
     * clock. Returns how many it moved.
     */
    shiftForClockJump: db.transaction((deltaMs: number, from: number, to: number): number => {
      const moved = shiftAge.run({ deltaMs, from, to }).changes;
      if (deltaMs < 0) shiftDue.run({ deltaMs, from, to });
      return moved;
    }),

    /** One partner's deliveries waiting longer than `maxAgeMs` become `dead` (kept, re-sendable). */
    expire: db.transaction((partnerId: string, now: number, maxAgeMs: number): number => {
      const rows = expired.all(now - maxAgeMs, partnerId) as { id: number; partner_id: string; check_key: string }[];
      for (const row of rows) toTerminal(row, 'dead', now);
      return rows.length;
    }),

    /** A hook turned off: its waiting deliveries from `sources` become `cancelled` (kept, re-sendable). */
    cancelWaiting: db.transaction((endpoint: Endpoint, sources: readonly EventSource[], now: number): number => {
      const keys = cancelOfHook.all({ ...endpoint, sources: JSON.stringify(sources), now }) as string[];
      for (const checkKey of new Set(keys)) checks.promoteNext({ partnerId: endpoint.partnerId, checkKey }, now);
      return keys.length;
    }),

    /** A partner removed: everything still waiting for it is cancelled (its lanes end with it). */
    cancelPartner: (partnerId: string, now: number): number => cancelOfPartner.run({ partnerId, now }).changes,

    waitingCount: (partnerId: string): number => waitingOfPartner.get(partnerId) as number,

    /** The partner is back or its URL was fixed: waiting deliveries of the endpoint go now. */
    retryEndpointNow: (endpoint: Endpoint, now: number): number => retryEndpointNow.run({ ...endpoint, now }).changes,

    /** Check now: the endpoint's earliest waiting head is due at once (the probe). False when it has none. */
    dueOneNow: (endpoint: Endpoint, now: number): boolean => earliestDueNow.run({ ...endpoint, now }).changes > 0,

    sourceOf: (eventSeq: number): EventSource => sourceOfEvent.get(eventSeq) as EventSource,

    get: (id: number): DeliveryRow | undefined => byId.get(id) as DeliveryRow | undefined,

    /** Retry now: a waiting head goes at once; a dead/failed/cancelled one rejoins its check's queue. */
    retryNow: db.transaction((id: number, now: number): RetryOutcome => {
      const row = byId.get(id) as DeliveryRow | undefined;
      if (!row) return 'missing';
      if (row.state === 'delivering') return 'busy';
      if (row.state === 'delivered') return 'delivered';
      // Due "a moment before" the endpoint's earliest due delivery: while it is backed off the
      // next probe must be the one the manager pressed Retry now on, not the oldest due one.
      const firstInLine = Math.min(now, ((nextDue.get(row.partner_id, row.hook) as number | null) ?? now) - 1);
      if (row.state === 'pending' || row.state === 'retrying') {
        if (row.next_attempt_at === null) return 'blocked';
        dueNow.run(firstInLine, id);
        return 'ok';
      }
      const next = checks.enqueue(laneOf(row), row.event_seq, firstInLine);
      reactivate.run({ id, now, next });
      return 'ok';
    }),

    /** A fresh copy (new webhook-id), queued in its check's POS order. */
    resend: db.transaction((id: number, now: number): number | null => {
      const row = byId.get(id) as DeliveryRow | undefined;
      if (!row) return null;
      const copyId = copyOf(row, now);
      tally.flush();
      return copyId;
    }),

    /**
     * Copies of every matching delivery whose route (`partner/hook/source`) is in `routes`, queued
     * in POS order per check (so all hooks of a range at once arrive opened → updated → closed).
     * `dryRun` only counts.
     */
    resendBulk: db.transaction((selection: ResendSelection, routes: readonly string[], now: number, dryRun: boolean): number => {
      const rows = resendable.all({
        since: selection.since, until: selection.until, states: JSON.stringify(selection.states),
        partnerId: selection.partnerId ?? null, routes: JSON.stringify(routes),
      }) as { id: number; event_seq: number; partner_id: string; check_key: string; hook: Hook }[];
      if (!dryRun) {
        for (const row of rows) copyOf(row, now);
        tally.flush();
      }
      return rows.length;
    }),

    /**
     * Backfill, one page: the kept events of a range that `route` sends somewhere and this partner
     * does not have yet, queued in POS order per check (ahead of its newer live deliveries).
     * `dryRun` counts. Call again from `lastSeq` until `done`.
     */
    backfill: db.transaction((partnerId: string, range: BackfillPage, route: (e: KeptEventRow) => Hook | null, now: number, dryRun: boolean): BackfillProgress => {
      let queued = 0;
      const events = eventsInRange.all({ ...range, partnerId }) as KeptEventRow[];
      for (const event of events) {
        const hook = route(event);
        if (hook === null) continue;
        queued += 1;
        if (dryRun) continue;
        const checkKey = checkKeyOf(event.store_id, event.check_id);
        insertBackfill.run({
          webhookId: newWebhookId(), eventSeq: event.seq, partnerId, hook, checkKey, checkNumber: event.check_number, now,
          next: checks.enqueue({ partnerId, checkKey }, event.seq, now),
        });
        tally.add(partnerId, hook);
      }
      tally.flush();
      return { queued, lastSeq: events.at(-1)?.seq ?? range.after, done: events.length < BACKFILL_PAGE };
    }),

    /** After a crash: attempts that were in flight go back to the queue, due now. */
    requeueInterrupted: (now: number): number =>
      db.prepare(`UPDATE deliveries SET state = 'retrying', next_attempt_at = ?, updated_at = ? WHERE state = 'delivering'`).run(now, now).changes,

  };
}

/** Events a backfill reads per transaction. */
export const BACKFILL_PAGE = 1000;

/** A backfill's time range and where its previous page ended (`after`: an event_seq, 0 at first). */
export interface BackfillPage { since: number; until: number; after: number }
export interface BackfillProgress { queued: number; lastSeq: number; done: boolean }

/** An event a backfill may copy, with what routing needs. */
export interface KeptEventRow { seq: number; type: EventType; source: EventSource; store_id: string; check_id: string; check_number: string }

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
