// The delivery log as the manager reads it: pages newest first, one delivery with its attempts,
// and the counts behind the dashboard (per partner and hook). Read-only.
import type { Database } from 'better-sqlite3';
import { DELIVERY_STATES, ORDER_TYPES, type DeliveryDetail, type DeliveryPage, type DeliveryState, type WebhookPayload } from '../../../shared/delivery.ts';
import type { HourlyCount } from '../../../shared/api.ts';
import type { EventType } from '../../../shared/event.ts';
import type { Hook } from '../../../shared/settings.ts';
import { toAttempt, toDelivery, type AttemptRow, type DeliveryListRow } from './rows.ts';
import type { CheckQueue } from './check-queue.ts';

export interface ListFilter { partner?: string; state?: DeliveryState; hook?: Hook; q?: string; cursor?: number; limit: number }

const LIST_COLUMNS = 'd.*, e.event_id, e.type, e.check_id, (SELECT MAX(c.id) FROM deliveries c WHERE c.resent_from = d.id) AS resent_to';
const HOUR = 3_600_000;
const SEARCH_COUNT_LIMIT = 10_000;

/** The webhook body for an event as an object (the log's payload view). */
export function payloadOf(body: string, type: EventType, timestampMs: number): WebhookPayload {
  return { type: ORDER_TYPES[type], timestamp: new Date(timestampMs).toISOString(), data: JSON.parse(body) as Record<string, unknown> };
}

/**
 * The webhook body as text: the Standard Webhooks envelope around the stored event text (the
 * event as the POS sent it, without `type`), spliced without parsing — every number digit for digit.
 */
export function payloadText(body: string, type: EventType, timestampMs: number): string {
  return `{"type":"${ORDER_TYPES[type]}","timestamp":"${new Date(timestampMs).toISOString()}","data":${body}}`;
}

/** The SQL of one log page for a filter (named parameters: see listParams). */
export function listSql(filter: Omit<ListFilter, 'limit'>): string {
  const where: string[] = [];
  if (filter.partner) where.push('d.partner_id = @partner');
  if (filter.state) where.push('d.state = @state');
  if (filter.hook) where.push('d.hook = @hook');
  if (filter.q) where.push('e.check_number >= @q AND e.check_number < @qEnd');
  if (filter.cursor) where.push('d.id < @cursor');
  return `SELECT ${LIST_COLUMNS} FROM deliveries d JOIN events e ON e.seq = d.event_seq
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT @limit`;
}

/** The named parameters of listSql: one row more than the page, to know whether another follows. */
export function listParams(filter: ListFilter): Record<string, unknown> {
  return { ...filter, qEnd: filter.q ? `${filter.q}\uffff` : undefined, limit: filter.limit + 1 };
}

/** Counts of one (partner, hook, state), and how many of them a delivered re-send resolved. */
export interface CountRow { partner_id: string; hook: Hook; state: DeliveryState; n: number; resolved: number }

const ACTIVE: readonly DeliveryState[] = ['pending', 'delivering', 'retrying'];

/** How many deliveries of one endpoint wait (pending, delivering, retrying), from the kept counts. */
export function waitingIn(rows: readonly CountRow[], endpoint: { partnerId: string; hook: string }): number {
  return rows.filter((r) => r.partner_id === endpoint.partnerId && r.hook === endpoint.hook && ACTIVE.includes(r.state)).reduce((sum, r) => sum + r.n, 0);
}

export function createLogQueries(db: Database, checks: CheckQueue, partnerName: (id: string) => string) {
  const one = db.prepare(`SELECT ${LIST_COLUMNS}, e.body FROM deliveries d JOIN events e ON e.seq = d.event_seq WHERE d.id = ?`);
  const attempts = db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY id');
  const counts = db.prepare('SELECT partner_id, hook, state, n, resolved FROM state_counts WHERE n > 0');
  const hourlyAll = db.prepare('SELECT hour, SUM(delivered) AS delivered, SUM(failed) AS failed FROM hourly_attempts WHERE hour > ? GROUP BY hour ORDER BY hour');
  const hourlyOf = db.prepare('SELECT hour, delivered, failed FROM hourly_attempts WHERE hour > ? AND partner_id = ? ORDER BY hour');
  const lastEvent = db.prepare('SELECT received_at FROM events ORDER BY seq DESC LIMIT 1').pluck();
  const listCache = new Map<string, ReturnType<Database['prepare']>>();

  function listStatement(filter: ListFilter) {
    const sql = listSql(filter);
    let statement = listCache.get(sql);
    if (!statement) listCache.set(sql, (statement = db.prepare(sql)));
    return statement;
  }

  /** A pending delivery without a due time waits behind its check's head. */
  const extrasOf = (row: DeliveryListRow) => ({
    partnerName: partnerName(row.partner_id),
    waitingFor: row.state === 'pending' || row.state === 'retrying'
      ? (row.next_attempt_at === null ? checks.headOf({ partnerId: row.partner_id, checkKey: row.check_key }) : null)
      : null,
  });

  /** The filter's total: from the trigger-kept counts, or (a search) counting at most SEARCH_COUNT_LIMIT matches. */
  function total(filter: ListFilter): number | null {
    if (!filter.q) {
      return (counts.all() as CountRow[])
        .filter((r) => (!filter.partner || r.partner_id === filter.partner) && (!filter.state || r.state === filter.state) && (!filter.hook || r.hook === filter.hook))
        .reduce((sum, r) => sum + r.n, 0);
    }
    const where = ['e.check_number >= @q AND e.check_number < @qEnd'];
    if (filter.partner) where.push('d.partner_id = @partner');
    if (filter.state) where.push('d.state = @state');
    if (filter.hook) where.push('d.hook = @hook');
    const sql = `SELECT COUNT(*) FROM (SELECT 1 FROM events e JOIN deliveries d ON d.event_seq = e.seq WHERE ${where.join(' AND ')} LIMIT ${SEARCH_COUNT_LIMIT + 1})`;
    let statement = listCache.get(sql);
    if (!statement) listCache.set(sql, (statement = db.prepare(sql)));
    const found = statement.pluck().get({ ...filter, qEnd: `${filter.q}\uffff` }) as number;
    return found > SEARCH_COUNT_LIMIT ? null : found;
  }

  return {
    list(filter: ListFilter): DeliveryPage {
      const rows = listStatement(filter).all(listParams(filter)) as DeliveryListRow[];
      const items = rows.slice(0, filter.limit).map((row) => toDelivery(row, extrasOf(row)));
      return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null, total: total(filter) };
    },

    get(id: number): DeliveryDetail | null {
      const row = one.get(id) as (DeliveryListRow & { body: string }) | undefined;
      if (!row) return null;
      return {
        ...toDelivery(row, extrasOf(row)),
        payload: payloadOf(row.body, row.type, row.created_at),
        attemptLog: (attempts.all(id) as AttemptRow[]).map(toAttempt),
      };
    },

    /** Every non-zero count, from the trigger-kept table: never a count over a million rows. */
    countRows: (): CountRow[] => counts.all() as CountRow[],

    emptyCounts: (): Record<DeliveryState, number> => Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>,

    hourly(now: number, partnerId?: string): HourlyCount[] {
      const current = Math.floor(now / HOUR);
      const found = (partnerId === undefined ? hourlyAll.all(current - 24) : hourlyOf.all(current - 24, partnerId)) as { hour: number; delivered: number; failed: number }[];
      const rows = new Map(found.map((r) => [r.hour, r]));
      return Array.from({ length: 24 }, (_, i) => {
        const hour = current - 23 + i;
        const row = rows.get(hour);
        return { hour: new Date(hour * HOUR).toISOString(), delivered: row?.delivered ?? 0, failed: row?.failed ?? 0 };
      });
    },

    lastEventAt: (): number | null => (lastEvent.get() as number | undefined) ?? null,
  };
}

export type LogQueries = ReturnType<typeof createLogQueries>;
