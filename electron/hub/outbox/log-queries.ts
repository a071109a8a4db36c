// The delivery log as the manager reads it: pages newest first, one delivery with its attempts,
// and the counts behind the dashboard. Read-only.
import type { Database } from 'better-sqlite3';
import { DELIVERY_STATES, ORDER_TYPES, type DeliveryDetail, type DeliveryPage, type DeliveryState, type WebhookPayload } from '../../../shared/delivery.ts';
import type { HourlyCount } from '../../../shared/api.ts';
import type { PosEvent } from '../../../shared/event.ts';
import { HOOKS, type Hook } from '../../../shared/settings.ts';
import { toAttempt, toDelivery, type AttemptRow, type DeliveryListRow } from './rows.ts';

export interface ListFilter { state?: DeliveryState; hook?: Hook; q?: string; cursor?: number; limit: number }

const LIST_COLUMNS = 'd.*, e.event_id, e.type, e.check_id';
const HOUR = 3_600_000;

/** The webhook body for an event: the Standard Webhooks envelope, the POS data untouched. */
export function payloadOf(body: string, timestampMs: number): WebhookPayload {
  const { type, ...data } = JSON.parse(body) as PosEvent;
  return { type: ORDER_TYPES[type], timestamp: new Date(timestampMs).toISOString(), data };
}

// A stored body is the validated event as JSON.stringify wrote it: eventId, then type, first.
const STORED_HEAD = /^\{"eventId":("(?:[^"\\]|\\.)*"),"type":"(check\.(?:opened|updated|closed))"([,}])/;

/**
 * The webhook body as text — the same bytes as JSON.stringify(payloadOf(…)) — spliced from the
 * stored JSON instead of parsing and re-serialising a kilobyte per attempt. A body that does not
 * start the usual way takes the parse path.
 */
export function payloadText(body: string, timestampMs: number): string {
  const head = STORED_HEAD.exec(body);
  if (!head) return JSON.stringify(payloadOf(body, timestampMs));
  const [matched, eventId, type, next] = head as unknown as [string, string, PosEvent['type'], string];
  const rest = next === '}' ? '}' : `,${body.slice(matched.length)}`;
  return `{"type":"${ORDER_TYPES[type]}","timestamp":"${new Date(timestampMs).toISOString()}","data":{"eventId":${eventId}${rest}}`;
}

export function createLogQueries(db: Database) {
  const one = db.prepare(`SELECT ${LIST_COLUMNS}, e.body FROM deliveries d JOIN events e ON e.seq = d.event_seq WHERE d.id = ?`);
  const attempts = db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY id');
  const counts = db.prepare('SELECT hook, state, n FROM state_counts');
  const hourly = db.prepare('SELECT hour, delivered, failed FROM hourly_attempts WHERE hour > ? ORDER BY hour');
  const listCache = new Map<string, ReturnType<Database['prepare']>>();

  function listStatement(filter: ListFilter) {
    const where: string[] = [];
    if (filter.state) where.push('d.state = @state');
    if (filter.hook) where.push('d.hook = @hook');
    if (filter.q) where.push('d.check_number >= @q AND d.check_number < @qEnd');
    if (filter.cursor) where.push('d.id < @cursor');
    const sql = `SELECT ${LIST_COLUMNS} FROM deliveries d JOIN events e ON e.seq = d.event_seq
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT @limit`;
    let statement = listCache.get(sql);
    if (!statement) listCache.set(sql, (statement = db.prepare(sql)));
    return statement;
  }

  return {
    list(filter: ListFilter): DeliveryPage {
      const params = { ...filter, qEnd: filter.q ? `${filter.q}\uffff` : undefined, limit: filter.limit + 1 };
      const rows = listStatement(filter).all(params) as DeliveryListRow[];
      const items = rows.slice(0, filter.limit).map(toDelivery);
      return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null };
    },

    get(id: number): DeliveryDetail | null {
      const row = one.get(id) as (DeliveryListRow & { body: string }) | undefined;
      if (!row) return null;
      return {
        ...toDelivery(row),
        payload: payloadOf(row.body, row.created_at),
        attemptLog: (attempts.all(id) as AttemptRow[]).map(toAttempt),
      };
    },

    counts() {
      const byState = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
      const waiting = Object.fromEntries(HOOKS.map((h) => [h, 0])) as Record<Hook, number>;
      for (const row of counts.all() as { hook: Hook; state: DeliveryState; n: number }[]) {
        byState[row.state] += row.n;
        if (row.state === 'pending' || row.state === 'retrying' || row.state === 'delivering') waiting[row.hook] += row.n;
      }
      return { byState, waiting };
    },

    hourly(now: number): HourlyCount[] {
      const current = Math.floor(now / HOUR);
      const rows = new Map((hourly.all(current - 24) as { hour: number; delivered: number; failed: number }[]).map((r) => [r.hour, r]));
      return Array.from({ length: 24 }, (_, i) => {
        const hour = current - 23 + i;
        const row = rows.get(hour);
        return { hour: new Date(hour * HOUR).toISOString(), delivered: row?.delivered ?? 0, failed: row?.failed ?? 0 };
      });
    },
  };
}

export type LogQueries = ReturnType<typeof createLogQueries>;
