// SQLite row shapes of the outbox, declared once, and their mapping to the shared log types.
import type { Delivery, DeliveryState, Attempt } from '../../../shared/delivery.ts';
import type { EventType, EventSource } from '../../../shared/event.ts';
import type { Hook } from '../../../shared/settings.ts';

export const ACTIVE_SQL = "('pending', 'delivering', 'retrying')";
export const WAITING_SQL = "('pending', 'retrying')";

export interface DeliveryRow {
  id: number;
  webhook_id: string;
  event_seq: number;
  partner_id: string;
  hook: Hook;
  check_key: string;
  check_number: string;
  state: DeliveryState;
  attempts: number;
  created_at: number;
  updated_at: number;
  active_since: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  resent_from: number | null;
  resolved_by: number | null;
}

/** A delivery joined with its event, as the log lists it. */
export interface DeliveryListRow extends DeliveryRow {
  event_id: string;
  type: EventType;
  check_id: string;
  resent_to: number | null;
}

/** What the dispatcher needs to make an attempt. */
export interface DueRow {
  id: number;
  webhook_id: string;
  partner_id: string;
  hook: Hook;
  check_key: string;
  event_seq: number;
  attempts: number;
  created_at: number;
  active_since: number;
  resent_from: number | null;
  type: EventType;
  source: EventSource;
  /** The event's JSON without its `type`: the webhook's `data`, as the POS sent it. */
  body: string;
}

export interface AttemptRow {
  id: number;
  delivery_id: number;
  number: number;
  started_at: number;
  url: string;
  status: number | null;
  latency_ms: number;
  outcome: 'delivered' | 'retry' | 'failed';
  error: string | null;
  response_body: string | null;
  request_headers: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What the log adds to a row: the partner's name and, for a waiting one, what it waits for. */
export interface DeliveryExtras {
  partnerName: string;
  waitingFor: number | null;
}

export function toDelivery(row: DeliveryListRow, extras: DeliveryExtras): Delivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    partnerId: row.partner_id,
    partnerName: extras.partnerName,
    hook: row.hook,
    eventId: row.event_id,
    eventType: row.type,
    checkId: row.check_id,
    checkNumber: row.check_number,
    state: row.state,
    attempts: row.attempts,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    nextAttemptAt: row.next_attempt_at === null ? null : iso(row.next_attempt_at),
    lastStatus: row.last_status,
    lastLatencyMs: row.last_latency_ms,
    lastError: row.last_error,
    resentFrom: row.resent_from,
    resentTo: row.resent_to,
    resolved: row.resolved_by !== null,
    waitingFor: extras.waitingFor,
  };
}

export function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    number: row.number,
    startedAt: iso(row.started_at),
    url: row.url,
    status: row.status,
    latencyMs: row.latency_ms,
    error: row.error,
    outcome: row.outcome,
    responseBody: row.response_body,
    requestHeaders: JSON.parse(row.request_headers) as Record<string, string>,
  };
}

export function checkKeyOf(storeId: string, checkId: string): string {
  return `${storeId}\u0000${checkId}`;
}
