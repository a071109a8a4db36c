// Accepting POS events: store each once (idempotent on store + eventId) with the POS's own JSON
// text, route it per partner, and queue one delivery for every partner whose rules take it — all
// inside the caller's transaction so a batch is all or nothing.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { PosEvent, IngestResult } from '../../../shared/event.ts';
import type { StoredPartner } from '../../../shared/partners.ts';
import { routeEvent } from '../routing.ts';
import { checkKeyOf } from './rows.ts';
import type { CheckQueue } from './check-queue.ts';
import { createPendingTally } from './pending-tally.ts';

/** A validated event and the text it is stored and forwarded as: its JSON without `type`. */
export interface AcceptedEvent {
  event: PosEvent;
  body: string;
}

export interface EventStore {
  /** Stores a batch; call inside a transaction. */
  insertBatch(events: readonly AcceptedEvent[], partners: readonly StoredPartner[], now: number): IngestResult & { queued: number };
}

/**
 * `msg_` + 32 hex: the time in ms (12 hex) then 80 random bits. Time first keeps the unique
 * webhook_id index append-only; a random id dirtied one more index page per delivery in every
 * ingest commit (35.6 → 26 WAL pages for a group of 10 events).
 */
export function newWebhookId(): string {
  return `msg_${Date.now().toString(16).padStart(12, '0')}${randomUUID().replaceAll('-', '').slice(12)}`;
}

/** The stored text when only the parsed event is at hand (tests, tools): its JSON without `type`. */
export function bodyOf(event: PosEvent): string {
  const { type: _type, ...data } = event;
  return JSON.stringify(data);
}

export function createEventStore(db: Database, checks: CheckQueue): EventStore {
  const insertEvent = db.prepare(
    `INSERT INTO events (store_id, event_id, type, source, check_id, check_number, occurred_at, received_at, body)
     VALUES (@storeId, @eventId, @type, @source, @checkId, @checkNumber, @occurredAt, @now, @body)
     ON CONFLICT (store_id, event_id) DO NOTHING`,
  );
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (webhook_id, event_seq, partner_id, hook, check_key, check_number, state, created_at, updated_at, active_since, next_attempt_at)
     VALUES (@webhookId, @eventSeq, @partnerId, @hook, @checkKey, @checkNumber, 'pending', @now, @now, @now, @next)`,
  );

  const tally = createPendingTally(db);

  return {
    insertBatch(events, partners, now) {
      let accepted = 0;
      let duplicates = 0;
      let queued = 0;
      for (const { event, body } of events) {
        const storeId = event.storeId ?? '';
        const result = insertEvent.run({
          storeId, eventId: event.eventId, type: event.type, source: event.source, checkId: event.check.checkId,
          checkNumber: event.check.checkNumber, occurredAt: event.occurredAt, now, body,
        });
        if (result.changes === 0) {
          duplicates += 1;
          continue;
        }
        accepted += 1;
        const eventSeq = Number(result.lastInsertRowid);
        const checkKey = checkKeyOf(storeId, event.check.checkId);
        for (const partner of partners) {
          const hook = routeEvent(event, partner);
          if (hook === null) continue;
          insertDelivery.run({
            webhookId: newWebhookId(), eventSeq, partnerId: partner.id, hook, checkKey, checkNumber: event.check.checkNumber, now,
            next: checks.enqueue({ partnerId: partner.id, checkKey }, eventSeq, now),
          });
          tally.add(partner.id, hook);
          queued += 1;
        }
      }
      tally.flush();
      return { accepted, duplicates, queued };
    },
  };
}
