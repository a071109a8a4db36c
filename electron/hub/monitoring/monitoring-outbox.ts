// Head office's outbox (004-monitoring.sql): heartbeats, of which only the newest waiting one is
// kept, and alerts, kept and sent first in, first out. Also what head office has been told per
// partner endpoint, written in the same transaction as the alerts that told it.
import type { Database } from 'better-sqlite3';
import type { AlertType } from '../../../shared/monitoring.ts';
import { newWebhookId } from '../outbox/event-store.ts';
import type { Announced } from './endpoint-alerts.ts';

export type MessageKind = 'heartbeat' | 'alert';

export interface MessageRow {
  id: number;
  webhook_id: string;
  kind: MessageKind;
  type: string;
  body: string;
  attempts: number;
  created_at: number;
}

export interface MessageResult {
  state: 'delivered' | 'retrying' | 'failed' | 'dead';
  status: number | null;
  latencyMs: number;
  error: string | null;
}

export interface NewAlert {
  type: AlertType;
  body: string;
}

const WAITING = "('pending', 'retrying')";
const DAY = 86_400_000;

export function createMonitoringOutbox(db: Database) {
  const dropWaitingHeartbeat = db.prepare(`DELETE FROM monitoring_messages WHERE kind = 'heartbeat' AND state IN ${WAITING}`);
  const insert = db.prepare(
    `INSERT INTO monitoring_messages (webhook_id, kind, type, body, state, created_at, updated_at)
     VALUES (@webhookId, @kind, @type, @body, 'pending', @now, @now)`,
  );
  const head = db.prepare(`SELECT id, webhook_id, kind, type, body, attempts, created_at FROM monitoring_messages WHERE state IN ${WAITING} ORDER BY id LIMIT 1`);
  const markDelivering = db.prepare(`UPDATE monitoring_messages SET state = 'delivering', updated_at = ? WHERE id = ?`);
  const finish = db.prepare(
    `UPDATE monitoring_messages SET state = @state, attempts = attempts + 1, updated_at = @now,
       last_status = @status, last_latency_ms = @latencyMs, last_error = @error WHERE id = @id`,
  );
  const newerHeartbeat = db.prepare(`SELECT 1 FROM monitoring_messages WHERE kind = 'heartbeat' AND state IN ${WAITING} AND id > ?`).pluck();
  const drop = db.prepare('DELETE FROM monitoring_messages WHERE id = ?');
  const cancelWaiting = db.prepare(`UPDATE monitoring_messages SET state = 'cancelled', updated_at = ? WHERE state IN ${WAITING}`);
  const expireAlerts = db.prepare(`UPDATE monitoring_messages SET state = 'dead', updated_at = @now WHERE kind = 'alert' AND state IN ${WAITING} AND created_at <= @before`);
  const requeue = db.prepare(`UPDATE monitoring_messages SET state = 'retrying', updated_at = ? WHERE state = 'delivering'`);
  const waiting = db.prepare(`SELECT kind, COUNT(*) AS n FROM monitoring_messages WHERE state IN ${WAITING} GROUP BY kind`);
  const lastDelivered = db.prepare(`SELECT MAX(updated_at) FROM monitoring_messages WHERE state = 'delivered'`).pluck();
  const prune = db.prepare(`DELETE FROM monitoring_messages WHERE kind = ? AND state NOT IN ('pending', 'retrying', 'delivering') AND updated_at < ?`);
  const announcedRows = db.prepare('SELECT partner_id, hook, announced FROM monitoring_alert_state');
  const clearAnnounced = db.prepare('DELETE FROM monitoring_alert_state');
  const announce = db.prepare('INSERT INTO monitoring_alert_state (partner_id, hook, announced) VALUES (?, ?, ?)');

  return {
    /** Queues a heartbeat in place of the one still waiting, if any (the one in flight finishes). */
    putHeartbeat: db.transaction((body: string, now: number) => {
      dropWaitingHeartbeat.run();
      insert.run({ webhookId: newWebhookId(), kind: 'heartbeat', type: 'hub.heartbeat', body, now });
    }),

    /** Queues alerts (in order) and records what head office has now been told, in one commit. */
    putAlerts: db.transaction((alerts: readonly NewAlert[], announced: ReadonlyMap<string, Announced>, now: number) => {
      for (const alert of alerts) insert.run({ webhookId: newWebhookId(), kind: 'alert', type: alert.type, body: alert.body, now });
      clearAnnounced.run();
      for (const [key, kind] of announced) {
        const at = key.lastIndexOf('/');
        announce.run(key.slice(0, at), key.slice(at + 1), kind);
      }
    }),

    announced(): Map<string, Announced> {
      const rows = announcedRows.all() as { partner_id: string; hook: string; announced: Announced }[];
      return new Map(rows.map((row) => [`${row.partner_id}/${row.hook}`, row.announced]));
    },

    /** The oldest waiting message, marked `delivering`. */
    claim: db.transaction((now: number): MessageRow | null => {
      const row = head.get() as MessageRow | undefined;
      if (!row) return null;
      markDelivering.run(now, row.id);
      return row;
    }),

    /** An attempt's end. A heartbeat to retry that a newer one replaced meanwhile is dropped. */
    record: db.transaction((row: MessageRow, result: MessageResult, now: number) => {
      if (row.kind === 'heartbeat' && result.state === 'retrying' && newerHeartbeat.get(row.id) !== undefined) {
        drop.run(row.id);
        return;
      }
      finish.run({ id: row.id, now, ...result });
    }),

    /** The heartbeat waiting is stale once head office has the current state (Send heartbeat now). */
    dropWaitingHeartbeat: () => dropWaitingHeartbeat.run().changes,

    /** Monitoring turned off: nothing waits for head office any more (kept as `cancelled`), nothing is owed. */
    cancelAll: db.transaction((now: number) => {
      cancelWaiting.run(now);
      clearAnnounced.run();
    }),

    /** Alerts older than `maxAgeMs` are given up (`dead`), as deliveries are. */
    expire: (now: number, maxAgeMs: number): number => expireAlerts.run({ now, before: now - maxAgeMs }).changes,

    requeueInterrupted: (now: number): number => requeue.run(now).changes,

    hasWaiting: (): boolean => head.get() !== undefined,

    waiting(): { heartbeats: number; alerts: number } {
      const counts = new Map((waiting.all() as { kind: MessageKind; n: number }[]).map((row) => [row.kind, row.n]));
      return { heartbeats: counts.get('heartbeat') ?? 0, alerts: counts.get('alert') ?? 0 };
    },

    lastDeliveredAt: (): number | null => (lastDelivered.get() as number | null) ?? null,

    /** Sent heartbeats are kept a day, alerts as long as deliveries. */
    prune: db.transaction((now: number, retentionDays: number) => {
      prune.run('heartbeat', now - DAY);
      prune.run('alert', now - retentionDays * DAY);
    }),
  };
}

export type MonitoringOutbox = ReturnType<typeof createMonitoringOutbox>;
